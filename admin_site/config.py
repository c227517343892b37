"""Settings: safe defaults for a local run, overridden by the environment, then by a test's mapping."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "dev-only-secret-key-change-me"

# Environment variable -> (config key, converter). Documented in the README.
ENVIRONMENT = {
    "SECRET_KEY": ("SECRET_KEY", str),
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "REDIS_URL": ("REDIS_URL", str),
    "HOTLINE_ENV": ("HOTLINE_ENV", str),
    "HOTLINE_ADMIN_PASSWORD": ("HOTLINE_ADMIN_PASSWORD", str),
    "SESSION_COOKIE_SECURE": ("SESSION_COOKIE_SECURE", lambda v: v.lower() in ("1", "true", "yes")),
    "RQ_QUEUE": ("RQ_QUEUE", str),
    "GROUP_WINDOW_DAYS": ("GROUP_WINDOW_DAYS", int),
    "PHONE_HASH_KEY": ("PHONE_HASH_KEY", str),
    "LOGIN_FAILURES_PER_ACCOUNT": ("LOGIN_FAILURES_PER_ACCOUNT", int),
    "LOGIN_FAILURES_PER_ADDRESS": ("LOGIN_FAILURES_PER_ADDRESS", int),
    "LOGIN_FAILURE_WINDOW": ("LOGIN_FAILURE_WINDOW", int),
    **{name: (name, int) for name in ("RULE_REPEAT_CONTACTS", "RULE_REPEAT_DAYS", "RULE_CROSS_UNITS",
                                      "RULE_CHANNELS", "LEVEL_YELLOW_WORKDAYS", "LEVEL_REPORT_WORKDAYS",
                                      "REFRESH_INTERVAL")},
    **{name: (name, str) for name in ("PUBLIC_URL", "OFFICE_UNIT", "SMS_QUIET_HOURS", "NOTIFY_RETRY_DELAYS",
                                      "MAIL_BACKEND", "MAIL_FROM", "SMTP_HOST", "SMTP_SECURITY", "SMTP_USER",
                                      "SMTP_PASSWORD", "SMS_BACKEND", "SMS_HTTP_URL", "SMS_HTTP_TOKEN",
                                      "ALIYUN_SMS_ENDPOINT", "ALIYUN_ACCESS_KEY_ID", "ALIYUN_ACCESS_KEY_SECRET",
                                      "ALIYUN_SMS_SIGN_NAME", "ALIYUN_REGION", "ROBOT_BACKEND",
                                      "ROBOT_WEBHOOK_URL")},
    **{name: (name, int) for name in ("SMTP_PORT", "SEND_TIMEOUT", "NOTIFY_STALE_SECONDS", "NOTIFY_WORKERS",
                                      "CONTACT_QUIET_DAYS", "UPLOAD_MAX_MB", "MAX_CONTENT_LENGTH")},
    "UPLOAD_FOLDER": ("UPLOAD_FOLDER", str),
}


def defaults(instance_path: str) -> dict:
    """The settings a fresh checkout runs with: embedded SQLite and Redis under instance/."""
    return {
        "HOTLINE_ENV": "development",
        "SECRET_KEY": DEV_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + os.path.join(instance_path, "hotline.db"),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # Empty means: start or join the embedded Redis whose data file is below.
        "REDIS_URL": "",
        "EMBEDDED_REDIS_FILE": os.path.join(instance_path, "redis.db"),
        "RQ_QUEUE": "hotline",
        "HOTLINE_ADMIN_PASSWORD": "",
        "BABEL_DEFAULT_LOCALE": "zh_Hans_CN",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
        # Flask-Babel resolves relative paths from the package; ours lives at the top level.
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "SEED_FILE": str(PROJECT_ROOT / "seed" / "members.yaml"),
        # A contact joins a problem group if its last call was at most this many days before.
        "GROUP_WINDOW_DAYS": 90,
        # Phones are matched by an HMAC of their canonical form; empty means: derived from SECRET_KEY.
        "PHONE_HASH_KEY": "",
        # Failed logins allowed per account and per address within the window (seconds).
        "LOGIN_FAILURES_PER_ACCOUNT": 5,
        "LOGIN_FAILURES_PER_ADDRESS": 20,
        "LOGIN_FAILURE_WINDOW": 900,
        # The rules of DOMAIN.md §4: 重复投诉 is this many contacts (以上: or more) within this many
        # days; 交叉投诉 this many handling units (or any 退回); 多头投诉 this many channels.
        "RULE_REPEAT_CONTACTS": 3,
        "RULE_REPEAT_DAYS": 365,
        "RULE_CROSS_UNITS": 2,
        "RULE_CHANNELS": 2,
        # Levels (DOMAIN.md §6): yellow with at most this many working days left, report once this
        # many working days overdue.
        "LEVEL_YELLOW_WORKDAYS": 2,
        "LEVEL_REPORT_WORKDAYS": 5,
        # Seconds between the frequent rules run (levels, lost grouping jobs).
        "REFRESH_INTERVAL": 300,
        # A unit about to contact a complainant is told of other units' contacts in these many days.
        "CONTACT_QUIET_DAYS": 3,
        # Attachments and site photos: where the files are kept (share it between app servers) and the
        # largest file taken, in MB.  No request may be larger than MAX_CONTENT_LENGTH bytes at all.
        "UPLOAD_FOLDER": os.path.join(instance_path, "uploads"),
        "UPLOAD_MAX_MB": 20,
        "MAX_CONTENT_LENGTH": 100 * 1024 * 1024,
        # Reminders (DOMAIN.md §6).  Links in messages point here.
        "PUBLIC_URL": "http://127.0.0.1:5000",
        # The unit that hosts the working-group office; its liaisons are "the office" for reminders.
        "OFFICE_UNIT": "市大数据发展和政务服务局",
        "MESSAGE_TEMPLATES_FILE": str(PROJECT_ROOT / "seed" / "message_templates.yaml"),
        # No SMS in these hours (Asia/Shanghai); held until they end.  "none": SMS at any hour.
        "SMS_QUIET_HOURS": "21:00-08:00",
        # Seconds to wait before each new attempt after a failure the provider certainly did not act
        # on; when they run out the message is marked failed.
        "NOTIFY_RETRY_DELAYS": "60,300,900,3600,10800",
        # A message still "sending" after this many seconds lost its worker: held for a person.
        "NOTIFY_STALE_SECONDS": 300,
        # Delivery jobs the sweeper queues at once (about one per worker).
        "NOTIFY_WORKERS": 2,
        "SEND_TIMEOUT": 20,
        # Backends: email log|smtp, SMS log|http|aliyun, group robot log|wecom.  "log" writes the
        # message to the log and the outbox screen only, so a local run sends nothing anywhere.
        "MAIL_BACKEND": "log",
        "MAIL_FROM": "hotline@localhost",
        "SMTP_HOST": "localhost",
        "SMTP_PORT": 25,
        "SMTP_SECURITY": "none",  # none | starttls | ssl
        "SMTP_USER": "",
        "SMTP_PASSWORD": "",
        "SMS_BACKEND": "log",
        "SMS_HTTP_URL": "",
        "SMS_HTTP_TOKEN": "",
        "ALIYUN_SMS_ENDPOINT": "https://dysmsapi.aliyuncs.com/",
        "ALIYUN_ACCESS_KEY_ID": "",
        "ALIYUN_ACCESS_KEY_SECRET": "",
        "ALIYUN_SMS_SIGN_NAME": "",
        "ALIYUN_REGION": "cn-hangzhou",
        "ROBOT_BACKEND": "log",
        "ROBOT_WEBHOOK_URL": "",
    }


def from_environment(environ=os.environ) -> dict:
    """The settings given by environment variables (a .env file is loaded into them first)."""
    found = {}
    for env_name, (key, convert) in ENVIRONMENT.items():
        value = environ.get(env_name)
        if value not in (None, ""):
            found[key] = convert(value)
    url = found.get("SQLALCHEMY_DATABASE_URI", "")
    # Heroku-style URLs name the old driver; we ship psycopg 3.
    if url.startswith(("postgres://", "postgresql://")):
        found["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://" + url.split("://", 1)[1]
    return found


def derive(config) -> None:
    """Settings computed from others once all are known."""
    if not config["PHONE_HASH_KEY"]:
        config["PHONE_HASH_KEY"] = "phone:" + config["SECRET_KEY"]


def check_production_safety(config) -> None:
    """Refuse to start a production instance with settings that are only safe on a laptop."""
    if config["HOTLINE_ENV"] != "production":
        return
    if config["SECRET_KEY"] == DEV_SECRET_KEY or len(config["SECRET_KEY"]) < 16:
        raise RuntimeError("SECRET_KEY must be set to a long random value in production")
