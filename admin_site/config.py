"""Settings: safe defaults for a local run, overridden by the environment, then by a test's mapping.

All of them are checked before the app starts: a malformed value, or a production setting that is
only safe on a laptop, stops the start with one ``ConfigError`` naming every variable to fix."""

import ipaddress
import os
import secrets
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import click

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENTS = ("development", "production", "test")
MIN_KEY_LENGTH = 16
NEW_KEY_COMMAND = "python3 -c 'import secrets; print(secrets.token_hex(32))'"

# Number settings and the range each may take (None: no upper bound).
NUMBERS = {
    "GROUP_WINDOW_DAYS": (0, None),
    "REGROUP_WHOLE_BELOW": (0, None),
    "LOGIN_FAILURES_PER_ACCOUNT": (1, None),
    "LOGIN_FAILURES_PER_ADDRESS": (1, None),
    "LOGIN_FAILURE_WINDOW": (1, None),
    "TRUSTED_PROXIES": (0, None),
    "RULE_REPEAT_CONTACTS": (1, None),
    "RULE_REPEAT_DAYS": (1, None),
    "RULE_CROSS_UNITS": (1, None),
    "RULE_CHANNELS": (1, None),
    "LEVEL_YELLOW_WORKDAYS": (0, None),
    "LEVEL_REPORT_WORKDAYS": (0, None),
    **{name: (0, None) for name in ("PRIORITY_CONTACT", "PRIORITY_CHANNEL", "PRIORITY_UNIT", "PRIORITY_RETURNED",
                                    "PRIORITY_DISSATISFIED", "PRIORITY_RECENT", "PRIORITY_LEADER",
                                    "PRIORITY_LEGACY", "PRIORITY_OTHER")},
    "PRIORITY_RECENT_DAYS": (1, None),
    "REVIEW_LIST_SIZE": (1, 5000),
    "REFRESH_INTERVAL": (1, None),
    "SMTP_PORT": (1, 65535),
    "SEND_TIMEOUT": (1, None),
    "NOTIFY_STALE_SECONDS": (1, None),
    "NOTIFY_WORKERS": (1, None),
    "CONTACT_QUIET_DAYS": (0, None),
    "UPLOAD_MAX_MB": (1, None),
    "MAX_CONTENT_LENGTH": (1, None),
}
# Settings that must be one of a few names; the factory adds the message backends of senders.py.
CHOICES = {
    "HOTLINE_ENV": ENVIRONMENTS,
    "SMTP_SECURITY": ("none", "starttls", "ssl"),
}


class ConfigError(click.ClickException, RuntimeError):
    """Settings that stop the start, by environment variable; ``flask`` prints it without a traceback."""

    def __init__(self, problems: Mapping[str, str]):
        self.problems = dict(problems)
        lines = "".join(f"\n  {name}: {why}" for name, why in self.problems.items())
        super().__init__(f"cannot start until these settings are fixed (environment or .env):{lines}")


def _number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a whole number") from None


def _flag(value: str) -> bool:
    # A typo must not quietly turn a security setting off.
    if value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if value.strip().lower() in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{value!r} is neither true nor false (use 1/true/yes or 0/false/no)")


# Environment variable -> (config key, converter). Documented in the README.
ENVIRONMENT = {
    "SECRET_KEY": ("SECRET_KEY", str),
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "REDIS_URL": ("REDIS_URL", str),
    "HOTLINE_ENV": ("HOTLINE_ENV", str),
    "HOTLINE_ADMIN_PASSWORD": ("HOTLINE_ADMIN_PASSWORD", str),
    "SESSION_COOKIE_SECURE": ("SESSION_COOKIE_SECURE", _flag),
    "RQ_QUEUE": ("RQ_QUEUE", str),
    "PHONE_HASH_KEY": ("PHONE_HASH_KEY", str),
    **{name: (name, _number) for name in NUMBERS},
    **{name: (name, str) for name in ("PUBLIC_URL", "OFFICE_UNIT", "SMS_QUIET_HOURS", "NOTIFY_RETRY_DELAYS",
                                      "MAIL_BACKEND", "MAIL_FROM", "SMTP_HOST", "SMTP_SECURITY", "SMTP_USER",
                                      "SMTP_PASSWORD", "SMS_BACKEND", "SMS_HTTP_URL", "SMS_HTTP_TOKEN",
                                      "ALIYUN_SMS_ENDPOINT", "ALIYUN_ACCESS_KEY_ID", "ALIYUN_ACCESS_KEY_SECRET",
                                      "ALIYUN_SMS_SIGN_NAME", "ALIYUN_REGION", "ROBOT_BACKEND",
                                      "ROBOT_WEBHOOK_URL")},
    "UPLOAD_FOLDER": ("UPLOAD_FOLDER", str),
}


def defaults(instance_path: str) -> dict:
    """The settings a fresh checkout runs with: embedded SQLite and Redis under instance/."""
    return {
        "HOTLINE_ENV": "development",
        # Empty means: a random key made on first start and kept in the instance folder (production
        # must give one, shared by all its machines).
        "SECRET_KEY": "",
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
        "PLACES_FILE": str(PROJECT_ROOT / "seed" / "places.tsv"),
        # A contact joins a problem group if its last call was at most this many days before: a
        # problem that comes back after months is a repeat (the notice counts within a year).
        "GROUP_WINDOW_DAYS": 365,
        # The nightly regroup takes a base of fewer contacts than this in one job (no problem is cut
        # at a county's border); a larger one in one job per region, for as many workers as there are.
        "REGROUP_WHOLE_BELOW": 200_000,
        # Phones are matched by an HMAC of their canonical form.  A key of its own, not the session
        # key's, so that a new session key leaves the stored hashes valid; empty means: made on first
        # start and kept in the instance folder, as SECRET_KEY.
        "PHONE_HASH_KEY": "",
        # Failed logins allowed within the window (seconds): per account from browsers it has not
        # logged in from, per browser it has, and per address.
        "LOGIN_FAILURES_PER_ACCOUNT": 5,
        "LOGIN_FAILURES_PER_ADDRESS": 20,
        "LOGIN_FAILURE_WINDOW": 900,
        # Reverse proxies in front of the app whose X-Forwarded-For and X-Forwarded-Proto are believed;
        # 0 believes none (a client could claim any address).
        "TRUSTED_PROXIES": 0,
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
        # Priority of a case not closed (rules.priority), the sum of: points per contact, per channel
        # beyond the first, per handling unit beyond the first, per return (退回), per dissatisfied
        # call-back (不满意); points once when the last contact is within the last RECENT_DAYS days,
        # when a leader gave instructions, when it is a legacy problem, when it is an "other" problem.
        "PRIORITY_CONTACT": 2,
        "PRIORITY_CHANNEL": 5,
        "PRIORITY_UNIT": 5,
        "PRIORITY_RETURNED": 8,
        "PRIORITY_DISSATISFIED": 6,
        "PRIORITY_RECENT": 10,
        "PRIORITY_RECENT_DAYS": 30,
        "PRIORITY_LEADER": 20,
        "PRIORITY_LEGACY": 15,
        "PRIORITY_OTHER": 15,
        # The 定期梳理 list (and its workbook) holds this many of the month's cases, highest priority first.
        "REVIEW_LIST_SIZE": 100,
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


def read_environment(environ: Mapping[str, str]) -> tuple[dict, dict[str, str]]:
    """The settings given by environment variables, and what is wrong with those that cannot be read."""
    found, problems = {}, {}
    for env_name, (key, convert) in ENVIRONMENT.items():
        value = environ.get(env_name)
        if value in (None, ""):
            continue
        try:
            found[key] = convert(value)
        except ValueError as exc:
            problems[env_name] = str(exc)
    url = found.get("SQLALCHEMY_DATABASE_URI", "")
    # Heroku-style URLs name the old driver; we ship psycopg 3.
    if url.startswith(("postgres://", "postgresql://")):
        found["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://" + url.split("://", 1)[1]
    return found, problems


def from_environment(environ: Mapping[str, str] = os.environ) -> dict:
    """The settings given by environment variables (a .env file is loaded into them first)."""
    found, problems = read_environment(environ)
    if problems:
        raise ConfigError(problems)
    return found


# The files of the instance folder that keep the keys made on first start, by setting.
KEY_FILES = {"SECRET_KEY": "secret_key", "PHONE_HASH_KEY": "phone_hash_key"}


def derive(config, instance_path: str) -> None:
    """Settings computed from others once all are known: the keys not given are the instance's own
    (``SECRET_KEY_FILE`` says where the session key is kept then, for ``flask rotate-secret``)."""
    config["SECRET_KEY_FILE"] = ""
    if config["HOTLINE_ENV"] == "production" and not config["PHONE_HASH_KEY"]:
        # As installations before the key files had it: their stored phone hashes stay valid.
        config["PHONE_HASH_KEY"] = "phone:" + config["SECRET_KEY"]
    for setting, name in KEY_FILES.items():
        if not config[setting]:
            path = os.path.join(instance_path, name)
            config[setting] = instance_key(path, setting)
            if setting == "SECRET_KEY":
                config["SECRET_KEY_FILE"] = path


def instance_key(path: str, setting: str) -> str:
    """The random key kept in ``path``, made there on first use (mode 0600).  Processes that start
    together (web, worker, cron) agree on one: each writes its candidate to a file of its own and
    links it into place, which only the first can do; the others then read the winner's."""
    if not os.path.exists(path):
        candidate = _write_temporary_key(os.path.dirname(path))
        try:
            os.link(candidate, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(candidate)
    key = Path(path).read_text().strip()
    if len(key) < MIN_KEY_LENGTH:
        raise ConfigError({setting: f"{path} holds no usable key; delete it to have a new one made"})
    return key


def replace_instance_key(path: str) -> None:
    """Put a new random key in ``path`` in one step: a process starting meanwhile reads the old or the new one."""
    os.replace(_write_temporary_key(os.path.dirname(path)), path)


def _write_temporary_key(folder: str) -> str:
    descriptor, path = tempfile.mkstemp(dir=folder, prefix=".key-")  # readable by its owner only
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_hex(32) + "\n")
        handle.flush()
        os.fsync(handle.fileno())  # a crash must not leave a key file in place but empty
    return path


def check(config, choices: Mapping[str, Iterable[str]] | None = None,
          unreadable: Mapping[str, str] | None = None) -> None:
    """Raise one ConfigError naming every setting to fix: the ``unreadable`` ones of the environment,
    then values out of range, not among their ``choices``, or unsafe in production."""
    problems = dict(unreadable or {})
    for name, why in _problems(config, {**CHOICES, **(choices or {})}):
        # A value the environment gave unreadably is reported as such, not as the default it fell back to.
        problems.setdefault(name, why)
    if problems:
        raise ConfigError(problems)


def _problems(config, choices: Mapping[str, Iterable[str]]) -> Iterator[tuple[str, str]]:
    for key, (low, high) in NUMBERS.items():
        value = config[key]
        if isinstance(value, bool) or not isinstance(value, int):
            yield key, f"{value!r} is not a whole number"
        elif value < low or (high is not None and value > high):
            limits = f"from {low} to {high}" if high is not None else f"at least {low}"
            yield key, f"{value!r} is out of range: it must be {limits}"
    for key, allowed in choices.items():
        allowed = tuple(allowed)
        if config[key] not in allowed:
            yield key, f"{config[key]!r} is not one of {', '.join(allowed)}"
    from .notify import quiet_hours, retry_delays  # here: notify needs the models, config must not

    if not _reads(quiet_hours, config):
        yield "SMS_QUIET_HOURS", f"{config['SMS_QUIET_HOURS']!r} is not HH:MM-HH:MM (e.g. 21:00-08:00) or none"
    if not _reads(retry_delays, config):
        yield ("NOTIFY_RETRY_DELAYS",
               f"{config['NOTIFY_RETRY_DELAYS']!r} is not whole seconds of at least 1 separated by commas (e.g. 60,300,900)")
    if config["HOTLINE_ENV"] == "production":
        yield from _production_problems(config)


def _reads(reader, config) -> bool:
    """Whether the code that uses a setting can read it: the check asks the reader itself, so the
    two cannot disagree."""
    try:
        reader(config)
    except (ValueError, TypeError, AttributeError):
        return False
    return True


def _production_problems(config) -> Iterator[tuple[str, str]]:
    """Settings that are only safe on a laptop, each with what to set instead."""
    if config["SQLALCHEMY_DATABASE_URI"].split(":", 1)[0].split("+", 1)[0] == "sqlite":
        yield "DATABASE_URL", ("SQLite is for a local run; set it to the PostgreSQL database, "
                               "e.g. postgresql://hotline:PASSWORD@db-host/hotline")
    if not config["REDIS_URL"]:
        yield "REDIS_URL", ("empty starts an embedded Redis that only this machine sees; set it to the Redis "
                            "server all web, worker and cron processes share, e.g. redis://redis-host:6379/0")
    # Every machine must sign and hash with the same keys: none may make its own.
    if len(config["SECRET_KEY"]) < MIN_KEY_LENGTH:
        yield "SECRET_KEY", (f"not set or shorter than {MIN_KEY_LENGTH} characters; set it to a long random "
                             f"value, e.g. the output of {NEW_KEY_COMMAND}")
    # Empty is safe: derive() makes it from SECRET_KEY, which is checked above.
    if config["PHONE_HASH_KEY"] and len(config["PHONE_HASH_KEY"]) < MIN_KEY_LENGTH:
        yield "PHONE_HASH_KEY", (f"shorter than {MIN_KEY_LENGTH} characters; set it to a long random value, e.g. "
                                 f"the output of {NEW_KEY_COMMAND}, and run flask recalc --rekey, or leave it "
                                 "empty to derive it from SECRET_KEY")
    if not config["SESSION_COOKIE_SECURE"]:
        yield "SESSION_COOKIE_SECURE", ("off, so the login cookie would also travel over plain HTTP; "
                                        "serve the site over HTTPS and set it to true")
    if not _public_url_ok(config["PUBLIC_URL"]):
        yield "PUBLIC_URL", (f"{config['PUBLIC_URL']!r} is not an http(s) address others can open (links in "
                             "messages point there); set it to the site's address, "
                             "e.g. https://hotline.example.gov.cn")


def _public_url_ok(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    host = parts.hostname
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True
    return not (address.is_loopback or address.is_unspecified)
