"""Start-up settings: a malformed value or an unsafe production setting stops the start with one
error naming every variable to fix; the development defaults and a sound production set start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from admin_site import create_app
from admin_site.config import DEV_SECRET_KEY, ENVIRONMENT, ConfigError, from_environment

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "HOTLINE_ENV": "production",
    "DATABASE_URL": "postgresql://hotline:secret@db.internal/hotline",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "SECRET_KEY": "c0ffee" * 8,
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
    assert app.config["SECRET_KEY"] == DEV_SECRET_KEY


def test_the_test_environment_starts_with_the_defaults(environment):
    environment(HOTLINE_ENV="test")
    assert create_app().config["HOTLINE_ENV"] == "test"


def test_a_sound_production_set_starts(environment):
    environment(**PRODUCTION, SMS_QUIET_HOURS="22:30 - 07:00", NOTIFY_RETRY_DELAYS="30,30", SMTP_PORT="465")
    config = create_app().config
    assert config["HOTLINE_ENV"] == "production"
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://hotline:secret@db.internal/hotline"
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SMTP_PORT"] == 465
    assert config["PHONE_HASH_KEY"] == "phone:" + PRODUCTION["SECRET_KEY"]


@pytest.mark.parametrize("name, value, told", [
    ("DATABASE_URL", "sqlite:////srv/hotline/hotline.db", "PostgreSQL"),
    ("REDIS_URL", "", "redis://"),
    ("SECRET_KEY", DEV_SECRET_KEY, "long random value"),
    ("SECRET_KEY", "short-key", "long random value"),
    ("PHONE_HASH_KEY", "short", "long random value"),
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
    # An error, not a secret's disclosure.
    assert DEV_SECRET_KEY not in str(error)


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
