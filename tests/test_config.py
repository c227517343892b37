"""Start-up settings: a malformed value or an unsafe production setting stops the start with one
error naming every variable to fix; the development defaults and a sound production set start."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from admin_site import create_app
from admin_site.config import ENVIRONMENT, ConfigError, from_environment

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "HOTLINE_ENV": "production",
    "DATABASE_URL": "postgresql://hotline:secret@db.internal/hotline",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "SECRET_KEY": "c0ffee" * 8,
    "PHONE_HASH_KEY": "beef" * 8,
    "SESSION_COOKIE_SECURE": "true",
    "PUBLIC_URL": "https://hotline.example.gov.cn",
}


@pytest.fixture
def environment(monkeypatch, tmp_path):
    """The process environment with none of our settings in it (whatever ran the tests set), and
    ``set(**variables)`` to put some in; the instance folder is the test's own."""
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))

    def set_variables(**variables):
        for name, value in variables.items():
            monkeypatch.setenv(name, value)

    return set_variables


def refusal() -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        create_app()
    return caught.value


def test_development_defaults_start(environment):
    app = create_app()
    assert app.config["HOTLINE_ENV"] == "development"
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.config["REDIS_URL"] == ""
    assert app.config["TRUSTED_PROXIES"] == 0


def test_keys_not_given_are_made_once_per_installation_and_kept_private(environment, tmp_path):
    """No key that is in the source signs sessions: the first start makes random ones."""
    app = create_app()
    instance = Path(app.instance_path)
    session_key, phone_key = app.config["SECRET_KEY"], app.config["PHONE_HASH_KEY"]
    for name, key in (("secret_key", session_key), ("phone_hash_key", phone_key)):
        path = instance / name
        assert path.read_text().strip() == key and len(key) == 64
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert session_key != phone_key and session_key not in phone_key
    again = create_app().config
    assert (again["SECRET_KEY"], again["PHONE_HASH_KEY"]) == (session_key, phone_key)
    environment(INSTANCE_PATH=str(tmp_path / "another"))
    other = create_app().config
    assert other["SECRET_KEY"] != session_key and other["PHONE_HASH_KEY"] != phone_key


def test_keys_given_are_used_and_no_file_is_made(environment):
    environment(SECRET_KEY="given-session-key-0123", PHONE_HASH_KEY="given-phone-key-0123")
    app = create_app()
    assert (app.config["SECRET_KEY"], app.config["PHONE_HASH_KEY"]) == ("given-session-key-0123",
                                                                        "given-phone-key-0123")
    assert not os.listdir(app.instance_path)


def test_processes_starting_together_agree_on_one_key(tmp_path):
    """`flask run-all` starts web, worker and cron at once: they must not each make their own key."""
    start = time.time() + 3  # all of them wait for this moment, then make the key at once
    program = ("import sys, time; from admin_site.config import instance_key; "
               "time.sleep(max(0, float(sys.argv[1]) - time.time())); print(instance_key(sys.argv[2], 'SECRET_KEY'))")
    processes = [subprocess.Popen([sys.executable, "-c", program, str(start), str(tmp_path / "secret_key")], cwd=ROOT,
                                  stdout=subprocess.PIPE, text=True) for _ in range(8)]
    keys = {process.communicate(timeout=60)[0].strip() for process in processes}
    assert keys == {(tmp_path / "secret_key").read_text().strip()}
    assert [path.name for path in tmp_path.iterdir()] == ["secret_key"]  # no candidate left behind


def test_the_test_environment_starts_with_the_defaults(environment):
    environment(HOTLINE_ENV="test")
    assert create_app().config["HOTLINE_ENV"] == "test"


def test_a_sound_production_set_starts(environment):
    environment(**PRODUCTION, SMS_QUIET_HOURS="22:30 - 07:00", NOTIFY_RETRY_DELAYS="30,30", SMTP_PORT="465")
    app = create_app()
    config = app.config
    assert config["HOTLINE_ENV"] == "production"
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://hotline:secret@db.internal/hotline"
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SMTP_PORT"] == 465
    assert config["PHONE_HASH_KEY"] == PRODUCTION["PHONE_HASH_KEY"]
    assert not os.listdir(app.instance_path)  # production never makes a key of its own


def test_production_without_a_phone_key_derives_it_from_the_session_key_as_before(environment):
    """An installation upgraded from a version that derived it keeps its stored phone hashes."""
    environment(**{**PRODUCTION, "PHONE_HASH_KEY": ""})
    app = create_app()
    assert app.config["PHONE_HASH_KEY"] == "phone:" + PRODUCTION["SECRET_KEY"]
    assert not os.listdir(app.instance_path)


@pytest.mark.parametrize("name, value, told", [
    ("DATABASE_URL", "sqlite:////srv/hotline/hotline.db", "PostgreSQL"),
    ("REDIS_URL", "", "redis://"),
    ("SECRET_KEY", "", "long random value"),
    ("SECRET_KEY", "short-key", "long random value"),
    ("PHONE_HASH_KEY", "short", "recalc --rekey"),
    ("SESSION_COOKIE_SECURE", "false", "set it to true"),
    ("PUBLIC_URL", "http://127.0.0.1:5000", "https://"),
    ("PUBLIC_URL", "http://localhost:8000/", "https://"),
    ("PUBLIC_URL", "https://[::1]/", "https://"),
    ("PUBLIC_URL", "ftp://hotline.example.gov.cn", "https://"),
    ("PUBLIC_URL", "hotline.example.gov.cn", "https://"),
])
def test_production_refuses_a_setting_only_safe_on_a_laptop(environment, name, value, told):
    environment(**{**PRODUCTION, name: value})
    error = refusal()
    assert list(error.problems) == [name]
    assert told in error.problems[name]
    assert f"\n  {name}: " in str(error)


def test_production_reports_every_unsafe_setting_at_once(environment):
    environment(HOTLINE_ENV="production")
    error = refusal()
    assert set(error.problems) == {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "SESSION_COOKIE_SECURE", "PUBLIC_URL"}
    for name in error.problems:
        assert f"\n  {name}: " in str(error)


@pytest.mark.parametrize("name, value", [
    ("HOTLINE_ENV", "prod"),
    ("HOTLINE_ENV", "Production"),
    ("GROUP_WINDOW_DAYS", "abc"),
    ("GROUP_WINDOW_DAYS", "-1"),
    ("SMTP_PORT", "25x"),
    ("SMTP_PORT", "70000"),
    ("NOTIFY_WORKERS", "0"),
    ("MAX_CONTENT_LENGTH", "100MB"),
    ("SESSION_COOKIE_SECURE", "ture"),
    ("NOTIFY_RETRY_DELAYS", "60,x"),
    ("NOTIFY_RETRY_DELAYS", "60,-5"),
    ("NOTIFY_RETRY_DELAYS", "60,0"),
    ("SMS_QUIET_HOURS", "25:00-08:00"),
    ("SMS_QUIET_HOURS", "21:00"),
    ("SMS_QUIET_HOURS", "21:00-08:00-09:00"),
    ("SMTP_SECURITY", "tls"),
    ("MAIL_BACKEND", "sendmail"),
    ("TRUSTED_PROXIES", "-1"),
    ("TRUSTED_PROXIES", "one"),
])
def test_a_malformed_setting_stops_the_start_naming_it_and_its_value(environment, name, value):
    environment(**{name: value})
    error = refusal()
    assert list(error.problems) == [name]
    assert value in error.problems[name]
    assert f"\n  {name}: {error.problems[name]}" in str(error)
    if name == "HOTLINE_ENV":
        assert "development, production, test" in str(error)


def test_the_environment_is_read_whole_before_it_is_refused():
    with pytest.raises(ConfigError) as caught:
        from_environment({"GROUP_WINDOW_DAYS": "abc", "SMTP_PORT": "25x", "LOGIN_FAILURE_WINDOW": "1.5",
                          "RQ_QUEUE": "hotline-2"})
    assert caught.value.problems == {"GROUP_WINDOW_DAYS": "'abc' is not a whole number",
                                     "SMTP_PORT": "'25x' is not a whole number",
                                     "LOGIN_FAILURE_WINDOW": "'1.5' is not a whole number"}


def test_from_environment_converts_what_it_reads():
    assert from_environment({"SMTP_PORT": "587", "SESSION_COOKIE_SECURE": "no", "DATABASE_URL": "postgres://h/db",
                             "SMS_QUIET_HOURS": "none", "GROUP_WINDOW_DAYS": ""}) == {
        "SMTP_PORT": 587, "SESSION_COOKIE_SECURE": False, "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://h/db",
        "SMS_QUIET_HOURS": "none"}


def test_unreadable_and_unsafe_production_settings_come_in_one_error(environment):
    environment(**{**PRODUCTION, "SMTP_PORT": "25x", "SESSION_COOKIE_SECURE": "ture", "REDIS_URL": ""})
    error = refusal()
    assert set(error.problems) == {"SMTP_PORT", "SESSION_COOKIE_SECURE", "REDIS_URL"}
    # Said as the typo it is, not as the default "off" it could not replace.
    assert "'ture'" in error.problems["SESSION_COOKIE_SECURE"]


def test_a_test_mapping_is_checked_like_the_environment(environment):
    with pytest.raises(ConfigError) as caught:
        create_app({"HOTLINE_ENV": "staging", "SMTP_PORT": "2525"})
    assert set(caught.value.problems) == {"HOTLINE_ENV", "SMTP_PORT"}


def test_the_command_line_prints_the_settings_to_fix_without_a_traceback(tmp_path):
    env = {name: value for name, value in os.environ.items() if name not in ENVIRONMENT}
    env.update(INSTANCE_PATH=str(tmp_path / "instance"), HOTLINE_ENV="production", SMTP_PORT="25x")
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "seed"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "\n  SMTP_PORT: '25x' is not a whole number" in done.stderr
    assert "\n  DATABASE_URL: SQLite is for a local run" in done.stderr
