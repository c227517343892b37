"""The application factory of the 12345 rapid-linkage coordination system."""

import logging
import os
import time

from dotenv import load_dotenv
from flask import Flask, g, redirect, url_for

from . import config as settings
from . import senders
from .extensions import babel, csrf, login_manager, migrate, select_locale
from .models import db


def create_app(config: dict | None = None) -> Flask:
    """Build the app: defaults, then the environment, then ``config`` (a test's mapping)."""
    # INSTANCE_PATH moves the embedded SQLite and Redis data (default: instance/ beside the code).
    app = Flask(__name__, instance_path=os.environ.get("INSTANCE_PATH") or None)
    load_settings(app, config)
    register_logging()
    register_timing(app)
    register_extensions(app)
    register_blueprints(app)
    register_error_pages(app)
    register_admin(app)
    register_commands(app)
    return app


def load_settings(app: Flask, config: dict | None) -> None:
    """Defaults, then the environment, then ``config``; every setting to fix is reported in one ConfigError."""
    load_dotenv(os.path.join(settings.PROJECT_ROOT, ".env"))
    os.makedirs(app.instance_path, mode=0o700, exist_ok=True)  # the database, Redis and keys are its owner's
    app.config.update(settings.defaults(app.instance_path))
    environment, unreadable = settings.read_environment(os.environ)
    app.config.update(environment)
    app.config.update(config or {})
    # A misspelt backend would silently drop messages: it is refused with the other settings.
    backends = {setting: choices for setting, choices in senders.BACKENDS.values()}
    settings.check(app.config, choices=backends, unreadable=unreadable)
    settings.derive(app.config, app.instance_path)


def register_logging() -> None:
    """The app's own INFO lines (a message written by the ``log`` backend, a job's warning) reach
    stderr, unless whoever runs us configured logging already."""
    logger = logging.getLogger(__package__)
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def register_timing(app: Flask) -> None:
    """Every response says how long the app took on it (``Server-Timing: app;dur=MS``), for the
    browser's developer tools and the load benchmark."""

    @app.before_request
    def start_clock():
        g.started = time.perf_counter()

    @app.after_request
    def stop_clock(response):
        if "started" in g:
            response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - g.started) * 1000:.1f}"
        return response


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(settings.PROJECT_ROOT, "migrations"), render_as_batch=True)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    csrf.init_app(app)
    from .audit import install as install_audit
    from .queue import init_redis

    init_redis(app)
    install_audit()


def register_blueprints(app: Flask) -> None:
    from .api import bp as api_bp
    from .auth import bp as auth_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(api_bp)
    app.json.ensure_ascii = False  # API answers keep Chinese readable

    @app.route("/")
    def root():
        return redirect(url_for("admin.index"))


def register_error_pages(app: Flask) -> None:
    from . import errors, security

    errors.register(app)
    security.register(app)


def register_admin(app: Flask) -> None:
    from .views import init_admin

    init_admin(app)


def register_commands(app: Flask) -> None:
    from .commands import register

    register(app)
