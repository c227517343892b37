"""CSRF on every state change, login limits in a real Redis, keys, redirects, cookies, headers, exports."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import sqlalchemy as sa
from flask import Flask
from itsdangerous import URLSafeTimedSerializer

from admin_site import create_app
from admin_site.auth import create_user
from admin_site.models import ApiToken, AuditAction, AuditLog, Case, Member, Role, User, WorkdayOverride, db

from .conftest import PASSWORD, csrf_from, login, make_test_app
from .factories import sample_rows


def test_state_changes_without_csrf_token_are_refused(office):
    rows = sample_rows()
    case = rows["case"]
    member = db.session.execute(sa.select(Member).filter_by(name="王巍")).scalar_one()
    attempts = [
        ("/admin/cases/new/", {"title": "无令牌"}),
        (f"/admin/cases/edit/?id={case.id}", {"title": "无令牌"}),
        ("/admin/members/delete/", {"id": member.id}),
        ("/admin/members/action/", {"action": "delete", "rowid": member.id}),
        ("/admin/cases/ajax/update/", {"list_form_pk": case.id, "title": "无令牌"}),
        ("/logout", {}),
    ]
    for url, data in attempts:
        response = office.post(url, data=data)
        assert response.status_code == 400, url
        assert "页面已过期" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Case, case.id).title == "金港花园工地夜间施工噪音"
    assert db.session.get(Member, member.id) is not None
    assert office.get("/admin/").status_code == 200  # still logged in


def test_api_answers_tokens_and_sessions_and_refuses_others(app, office):
    assert office.get("/api/v1/cases").status_code == 200
    row, token = ApiToken.issue(db.session.execute(sa.select(User).filter_by(username="admin")).scalar_one())
    db.session.add(row)
    db.session.commit()
    anonymous = app.test_client()
    assert anonymous.get("/api/v1/cases").status_code == 401
    assert anonymous.get("/api/v1/cases", headers={"Authorization": "Bearer wrong"}).get_json() == \
        {"error": "API 令牌无效。"}
    answer = anonymous.get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200 and answer.get_json()["total"] == 0


def _limited(app, redis_connection, per_account=3, per_address=5):
    """The app counting failed logins in a real Redis, with small limits."""
    from .test_jobs import redis_url_of

    app.config.update(REDIS_URL=redis_url_of(redis_connection), LOGIN_FAILURES_PER_ACCOUNT=per_account,
                      LOGIN_FAILURES_PER_ADDRESS=per_address)
    app.extensions["redis"] = None


def _logout(client):
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/admin/").get_data(as_text=True))})


def _last_audit_id() -> int:
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(AuditLog.id), 0)))


def _passwords_checked(since: int) -> int:
    """Failed logins whose password was looked at (a refused attempt is noted as rate limited)."""
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).select_from(AuditLog).where(
        AuditLog.id > since, AuditLog.action == AuditAction.login_failed, AuditLog.detail.is_(None)))


def test_failed_logins_are_limited_per_account_and_per_address(app, redis_connection):
    _limited(app, redis_connection)
    create_user("rexian", Role.hotline, PASSWORD)
    db.session.commit()
    stranger = app.test_client()
    for _ in range(3):
        assert login(stranger, "admin", "wrong-password").status_code == 400
    blocked = login(stranger, "admin", PASSWORD)
    assert blocked.status_code == 429 and "登录失败次数过多" in blocked.get_data(as_text=True)
    assert redis_connection.ttl("hotline:login-failures:account:admin") > 0
    assert stranger.get("/admin/").status_code == 302
    # Another account from the same address still may try, until the address itself is full; a
    # success counts as no failure.
    assert login(stranger, "rexian", "wrong-password").status_code == 400
    assert login(app.test_client(), "rexian", PASSWORD).status_code == 302
    assert login(app.test_client(), "rexian", "wrong-password").status_code == 400  # the fifth from here
    assert login(app.test_client(), "rexian", PASSWORD).status_code == 429
    redis_connection.flushdb()  # the window passing
    assert login(app.test_client(), "admin", PASSWORD).status_code == 302


def test_parallel_attempts_have_exactly_the_limit_of_passwords_checked(app, redis_connection, live_server):
    """Forty wrong attempts at once against a real server: the counter is taken before the password
    is looked at, in one step, so the sixth and later are refused unread."""
    _limited(app, redis_connection, per_account=5, per_address=1000)
    since = _last_audit_id()
    clients = [httpx.Client(base_url=live_server, timeout=60) for _ in range(40)]
    tokens = [csrf_from(client.get("/login").text) for client in clients]
    start = threading.Barrier(len(clients))

    def attempt(number: int) -> int:
        start.wait()
        return clients[number].post("/login", data={"username": "admin", "password": "wrong-password",
                                                    "csrf_token": tokens[number]}).status_code

    with ThreadPoolExecutor(len(clients)) as pool:
        statuses = list(pool.map(attempt, range(len(clients))))
    for client in clients:
        client.close()
    assert sorted(statuses) == [400] * 5 + [429] * 35
    assert _passwords_checked(since) == 5


def test_a_strangers_failures_do_not_lock_out_a_browser_the_account_used(app, redis_connection):
    _limited(app, redis_connection, per_account=3, per_address=5)
    create_user("rexian", Role.hotline, PASSWORD)
    db.session.commit()
    known, spare = app.test_client(), app.test_client()
    for browser in (known, spare):
        assert login(browser).status_code == 302  # the browser now carries admin's device cookie
        _logout(browser)
    stranger = app.test_client()  # the same address
    statuses = [login(stranger, "admin", "wrong-password").status_code for _ in range(3)]
    statuses += [login(stranger, "rexian", "wrong-password").status_code for _ in range(3)]
    assert statuses == [400, 400, 400, 400, 400, 429]  # the account's limit, then the address's
    assert login(stranger, "admin", PASSWORD).status_code == 429
    assert login(known).status_code == 302  # the owner, from a browser they logged in from
    _logout(known)
    # A known browser's failures count on their own and lock out that browser only.
    for _ in range(3):
        assert login(known, "admin", "wrong-password").status_code == 400
    assert login(known).status_code == 429
    assert login(spare).status_code == 302
    # A device cookie of another account, or one this site did not sign, earns no trust.
    borrowed = app.test_client()
    borrowed.set_cookie("login_device", spare.get_cookie("login_device").value)
    assert login(borrowed, "rexian", PASSWORD).status_code == 429
    forged = app.test_client()
    forged.set_cookie("login_device", URLSafeTimedSerializer("not-our-key", salt="login-device").dumps(
        {"user": "admin", "id": "forged"}))
    assert login(forged).status_code == 429


def test_behind_a_trusted_proxy_each_client_is_counted_by_its_own_address(app, redis_connection, database_url,
                                                                         tmp_path_factory):
    from .test_jobs import redis_url_of

    limits = {"REDIS_URL": redis_url_of(redis_connection), "LOGIN_FAILURES_PER_ADDRESS": 2,
              "LOGIN_FAILURES_PER_ACCOUNT": 100}
    proxied = make_test_app(tmp_path_factory, database_url, TRUSTED_PROXIES=1, **limits)
    since = _last_audit_id()

    def attempt(application, client_address: str, password: str) -> int:
        client = application.test_client()
        client.environ_base["HTTP_X_FORWARDED_FOR"] = client_address
        return login(client, "admin", password).status_code

    assert [attempt(proxied, "203.0.113.5", "wrong-password") for _ in range(3)] == [400, 400, 429]
    assert attempt(proxied, "203.0.113.6", PASSWORD) == 302  # another client of the same proxy
    db.session.rollback()
    addresses = db.session.scalars(sa.select(AuditLog.address).where(AuditLog.id > since)).all()
    assert set(addresses) == {"203.0.113.5", "203.0.113.6"}
    # Without TRUSTED_PROXIES a client's own X-Forwarded-For is not believed.
    redis_connection.flushdb()
    direct = make_test_app(tmp_path_factory, database_url, **limits)
    assert [attempt(direct, f"203.0.113.{n}", "wrong-password") for n in range(3)] == [400, 400, 429]


def test_a_session_signed_with_a_key_from_the_source_opens_nothing(app, database_url, monkeypatch, tmp_path):
    """A start without SECRET_KEY, as `make run`'s, signs with a key of its own, not one anyone can read."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    started = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                          "REDIS_URL": "redis://127.0.0.1:1/0"})
    admin = db.session.execute(sa.select(User).filter_by(username="admin")).scalar_one()
    forger = Flask("forger")
    forger.secret_key = "dev-only-secret-key-change-me"  # the key an earlier version shipped
    client = started.test_client()
    client.set_cookie("session", forger.session_interface.get_signing_serializer(forger).dumps(
        {"_user_id": str(admin.id), "_fresh": True}))
    assert client.get("/admin/").status_code == 302


# The ways a redirect target leads off the site: schemes without slashes, protocol-relative forms,
# backslashes browsers read as slashes, tabs and newlines they drop, another host outright.
OFF_SITE = ["http:evil.example", "https:/evil.example", "https://evil.example/", "//evil.example",
            "///evil.example", "\\\\evil.example", "/\\evil.example", "\\/evil.example", "/\t/evil.example",
            "\t//evil.example", "/\n/evil.example", "/\r\n/evil.example",
            " //evil.example", "http://localhost@evil.example/", "javascript:alert(1)"]


def _stays_on_site(response) -> bool:
    location = response.headers["Location"]
    return (location.startswith("/") and not location.startswith("//")
            and not any(character in location for character in "\\\t\r\n "))


@pytest.mark.parametrize("target", OFF_SITE)
def test_a_saved_form_never_sends_the_browser_off_the_site(office, target):
    token = csrf_from(office.get("/admin/workdays/new/").get_data(as_text=True))
    created = office.post("/admin/workdays/new/", query_string={"url": target},
                          data={"day": "2031-01-02", "workday": "y", "note": "调休", "csrf_token": token})
    assert created.status_code == 302 and _stays_on_site(created), created.headers["Location"]
    row = db.session.execute(sa.select(WorkdayOverride)).scalar_one()
    deleted = office.post("/admin/workdays/delete/", data={"id": row.id, "url": target, "csrf_token": token})
    assert deleted.status_code == 302 and _stays_on_site(deleted), deleted.headers["Location"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_a_login_never_sends_the_browser_off_the_site(client, target):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    response = client.post("/login", query_string={"next": target},
                           data={"username": "admin", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302 and _stays_on_site(response), response.headers["Location"]
    again = client.get("/login", query_string={"next": target})  # already logged in
    assert again.status_code == 302 and _stays_on_site(again), again.headers["Location"]


def test_a_local_target_is_followed(office):
    token = csrf_from(office.get("/admin/workdays/new/").get_data(as_text=True))
    created = office.post("/admin/workdays/new/", query_string={"url": "/admin/cases/?page=2"},
                          data={"day": "2031-01-02", "workday": "y", "note": "调休", "csrf_token": token})
    assert created.headers["Location"] == "/admin/cases/?page=2"
    assert office.get("/admin").headers["Location"].endswith("/admin/")  # Flask's own trailing-slash redirect


def test_no_answer_but_static_files_is_kept_by_browsers_or_proxies(office):
    sample_rows()
    for path in ("/admin/", "/login", "/password", "/admin/cases/", "/admin/cases/export/csv/", "/api/v1/cases",
                 "/no-such-page"):
        response = office.get(path)
        assert response.headers["Cache-Control"] == "no-store" and response.headers["Pragma"] == "no-cache", path
    for path in ("/static/css/hotline.css", "/admin/static/bootstrap/bootstrap4/css/bootstrap.min.css"):
        response = office.get(path)
        assert response.status_code == 200 and "no-store" not in response.headers.get("Cache-Control", ""), path


def test_cookies_and_headers(app, client):
    response = login(client)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    page = client.get("/admin/")
    assert page.headers["X-Frame-Options"] == "DENY" and page.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    app.config["SESSION_COOKIE_SECURE"] = True
    secure = login(app.test_client())
    assert "Secure" in secure.headers["Set-Cookie"] and "Strict-Transport-Security" in secure.headers


def test_exports_open_in_excel_and_carry_no_formulas(office):
    sample_rows()
    db.session.execute(sa.update(Case).values(title="=cmd|' /C calc'!A0"))
    db.session.commit()
    response = office.get("/admin/cases/export/csv/")
    assert response.data.startswith("\ufeff".encode())
    assert "filename*=UTF-8''%E5%8D%8F%E8%B0%83%E4%BA%8B%E9%A1%B9_" in response.headers["Content-Disposition"]
    text = response.data.decode("utf-8-sig")
    assert "'=cmd" in text and ",=cmd" not in text and "\n=cmd" not in text
    for start in ("+", "-", "@"):
        db.session.execute(sa.update(Case).values(title=f"{start}1+1"))
        db.session.commit()
        assert f"'{start}1+1" in office.get("/admin/cases/export/csv/").data.decode("utf-8-sig")
