"""Logging in and out, and the office's first account."""

from __future__ import annotations

import logging
import secrets
from urllib.parse import urlsplit

import redis
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from . import audit
from .extensions import login_manager
from .models import AuditAction, Role, User, db, now_local
from .queue import get_redis

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in first.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    return db.session.get(User, int(user_id))


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=50)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


def _safe_next(target: str | None) -> str:
    """Only follow a ``next`` that stays on this site."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/"):
            return target
    return url_for("admin.index")


def authenticate(username: str, password: str) -> User | None:
    """The active account with this name and password, or None."""
    user = db.session.execute(db.select(User).filter_by(username=username)).scalar_one_or_none()
    if user is None or not user.active or not user.check_password(password):
        return None
    return user


def _failure_keys(username: str) -> list[tuple[str, int]]:
    config = current_app.config
    return [(f"hotline:login-failures:account:{username.lower()}", config["LOGIN_FAILURES_PER_ACCOUNT"]),
            (f"hotline:login-failures:address:{request.remote_addr}", config["LOGIN_FAILURES_PER_ADDRESS"])]


def login_blocked_for(username: str) -> int:
    """Seconds until this account and address may try again; 0 when they may now."""
    try:
        connection = get_redis()
        waits = [connection.ttl(key) for key, limit in _failure_keys(username)
                 if int(connection.get(key) or 0) >= limit]
    except (redis.RedisError, OSError):
        log.warning("login rate limit unavailable: Redis cannot be reached")
        return 0
    return max([wait for wait in waits if wait > 0], default=0)


def note_failed_login(username: str) -> None:
    window = current_app.config["LOGIN_FAILURE_WINDOW"]
    try:
        with get_redis().pipeline() as pipe:
            for key, _ in _failure_keys(username):
                pipe.set(key, 0, ex=window, nx=True)  # the window starts at the first failure
                pipe.incr(key)
            pipe.execute()
    except (redis.RedisError, OSError):
        log.warning("login rate limit unavailable: Redis cannot be reached")


def forget_failed_logins(username: str) -> None:
    try:
        get_redis().delete(_failure_keys(username)[0][0])
    except (redis.RedisError, OSError):
        log.warning("login rate limit unavailable: Redis cannot be reached")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        username = form.username.data.strip()
        wait = login_blocked_for(username)
        if wait:
            audit.record(AuditAction.login_failed, "User", detail="rate limited", username=username)
            flash(gettext("Too many failed logins. Try again in %(minutes)d minute(s).",
                          minutes=(wait + 59) // 60), "error")
            return render_template("login.html", form=form), 429
        user = authenticate(username, form.password.data)
        if user is not None:
            user.last_login_at = now_local()
            db.session.commit()
            login_user(user)
            forget_failed_logins(username)
            audit.record(AuditAction.login, "User", user.id)
            return redirect(_safe_next(request.args.get("next")))
        note_failed_login(username)
        audit.record(AuditAction.login_failed, "User", username=username)
        flash(gettext("Wrong username or password, or the account is disabled."), "error")
    return render_template("login.html", form=form), 400 if request.method == "POST" else 200


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    audit.record(AuditAction.logout, "User", current_user.id)
    logout_user()
    flash(gettext("You have logged out."), "info")
    return redirect(url_for("auth.login"))


def create_user(username: str, role: Role, password: str, unit=None, display_name: str | None = None) -> User:
    """A new account; the caller commits."""
    user = User(username=username, role=role, unit=unit, display_name=display_name)
    user.set_password(password)
    db.session.add(user)
    return user


def ensure_admin_account(password: str | None) -> str | None:
    """Create the office account ``admin`` if missing; returns the generated password, if one was made."""
    if db.session.execute(db.select(User).filter_by(username="admin")).scalar_one_or_none() is not None:
        return None
    generated = None
    if not password:
        password = generated = secrets.token_urlsafe(12)
    create_user("admin", Role.office, password)
    db.session.commit()
    return generated
