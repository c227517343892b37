"""Logging in and out, sessions, passwords, failed-login limits, and the office's first account."""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable, Iterable

import redis
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from itsdangerous import BadSignature, URLSafeTimedSerializer
from wtforms import PasswordField, StringField, ValidationError
from wtforms.validators import DataRequired, EqualTo, Length
from zxcvbn import zxcvbn

from . import audit
from .extensions import login_manager
from .api import api_error
from .models import AuditAction, Role, User, check_no_password, db, now_local
from .queue import get_redis
from .security import is_local_target, is_static

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in first.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The account of a session (``User.get_id``), while its token is still the account's current one."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or not secrets.compare_digest(user.session_token, token):
        return None
    return user


def renew_session(user: User) -> None:
    """Keep the current browser logged in after its own account ended its sessions (a new password)."""
    if current_user.is_authenticated and current_user.id == user.id:
        login_user(user)


# Passwords --------------------------------------------------------------------------------------

MIN_PASSWORD_LENGTH = 10
# zxcvbn's score from 0 to 4; 3 means about 10^8 guesses or more, beyond an online attack and
# costly offline against our argon2 hashes.
MIN_PASSWORD_SCORE = 3
# What made zxcvbn find a password guessable ("user_inputs": the account's own names), and what
# the user is told.
WEAKNESSES = {
    "user_inputs": _l("The password must not contain the username or the display name."),
    "repeat": _l("The password must not be one character or group of characters repeated."),
    "sequence": _l("The password must not be a run of letters or digits such as 1234567890 or abcdefghij."),
    "spatial": _l("The password must not be a row of neighbouring keys such as qwertyuiop."),
    "dictionary": _l("The password is a commonly used password or word."),
    "date": _l("The password must not rest on a date or a year."),
    "regex": _l("The password must not rest on a date or a year."),
}
PASSWORD_RULE = _l("At least %(count)d characters and hard to guess: not a common password, not a run such as "
                   "1234567890 or qwertyuiop, not containing the username.", count=MIN_PASSWORD_LENGTH)
# zxcvbn keeps the words of the account being checked in a module-level dictionary.
_zxcvbn_lock = threading.Lock()


def password_problem(password: str, personal: Iterable[str | None] = ()) -> str | None:
    """Why a password may not be used, in the user's language, or None when it may.  ``personal``:
    the account's username and display name, which it must not contain."""
    personal = [word.lower() for word in personal if word]
    hint = gettext("Choose at least %(count)d characters that are hard to guess, such as several words joined "
                   "by digits and symbols.", count=MIN_PASSWORD_LENGTH)
    if len(password) < MIN_PASSWORD_LENGTH:
        return gettext("The password must have at least %(count)d characters.", count=MIN_PASSWORD_LENGTH)
    if any(len(word) >= 3 and word in password.lower() for word in personal):
        return f"{WEAKNESSES['user_inputs']}{hint}"
    with _zxcvbn_lock:
        result = zxcvbn(password[:72], user_inputs=personal)  # zxcvbn refuses longer ones: it would be slow
    if result["score"] >= MIN_PASSWORD_SCORE:
        return None
    # Name the pattern that covers most of the password.
    weakest = max((match for match in result["sequence"] if match["pattern"] != "bruteforce"),
                  key=lambda match: len(match["token"]), default={"pattern": ""})
    kind = "user_inputs" if weakest.get("dictionary_name") == "user_inputs" else weakest["pattern"]
    return f"{WEAKNESSES.get(kind, _l('The password is too easy to guess.'))}{hint}"


class StrongPassword:
    """A WTForms validator: refuses what ``password_problem`` refuses.  ``personal(form)`` gives the
    account's username and display name."""

    def __init__(self, personal: Callable[[FlaskForm], Iterable[str | None]] = lambda form: ()):
        self.personal = personal

    def __call__(self, form, field) -> None:
        problem = password_problem(field.data, self.personal(form))
        if problem:
            raise ValidationError(problem)


# Failed-login limits ----------------------------------------------------------------------------
#
# OWASP's device cookies: a successful login gives the browser a signed cookie naming the account.
# An attempt that carries one for the account it tries counts on that browser's own counter only;
# any other attempt counts on the account's counter for unknown browsers and on its address's.
# So a stranger's failures lock out strangers, never the owner at a browser they logged in from.
#
# An attempt is counted, in one Redis step, before its password is looked at, and refused there
# when one of its counters is full: parallel attempts cannot all slip under the limit.  A success
# gives back what it took, so the counters count failures only.

KEY_PREFIX = "hotline:login-failures:"
DEVICE_COOKIE = "login_device"
DEVICE_COOKIE_DAYS = 365

_TAKE_ATTEMPT = """
local wait = 0
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or 0) >= tonumber(ARGV[i + 1]) then
    wait = math.max(wait, redis.call('TTL', key), 1)
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  redis.call('INCR', key)
  if redis.call('TTL', key) < 0 then redis.call('EXPIRE', key, ARGV[1]) end
end
return 0
"""
_GIVE_BACK = """
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or 0) > 0 then redis.call('DECR', key) end
end
return 0
"""


def _device_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="login-device")


def _known_device(username: str) -> str | None:
    """The id of this browser's device cookie when it was given at a login of this account."""
    try:
        device = _device_serializer().loads(request.cookies.get(DEVICE_COOKIE, ""),
                                             max_age=DEVICE_COOKIE_DAYS * 86400)
    except BadSignature:
        return None
    if not isinstance(device, dict) or device.get("user") != username.lower():
        return None
    return device.get("id")


def _trust_device(response, username: str) -> None:
    value = _device_serializer().dumps({"user": username.lower(), "id": secrets.token_urlsafe(16)})
    response.set_cookie(DEVICE_COOKIE, value, max_age=DEVICE_COOKIE_DAYS * 86400,
                        secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=True, samesite="Lax")


def _counters(username: str) -> list[tuple[str, int]]:
    """The counters an attempt at this account from this request counts on, with their limits."""
    config = current_app.config
    device = _known_device(username)
    if device:
        return [(f"{KEY_PREFIX}device:{device}", config["LOGIN_FAILURES_PER_ACCOUNT"])]
    return [(f"{KEY_PREFIX}account:{username.lower()}", config["LOGIN_FAILURES_PER_ACCOUNT"]),
            (f"{KEY_PREFIX}address:{request.remote_addr}", config["LOGIN_FAILURES_PER_ADDRESS"])]


def _run(script: str, counters: list[tuple[str, int]]) -> int:
    """Run a counting script; Redis out of reach lets logins through rather than lock everyone out."""
    keys, limits = zip(*counters)
    try:
        return int(get_redis().register_script(script)(
            keys=keys, args=[current_app.config["LOGIN_FAILURE_WINDOW"], *limits]))
    except (redis.RedisError, OSError):
        log.warning("login rate limit unavailable: Redis cannot be reached")
        return 0


def check_credentials(username: str, password: str) -> tuple[User | None, int]:
    """The active account this username and password open, counted against the failure limits:
    ``(user, 0)``, ``(None, 0)`` when they open none, or ``(None, seconds)`` when the attempt was
    refused, without looking at the password, for that long."""
    counters = _counters(username)
    wait = _run(_TAKE_ATTEMPT, counters)
    if wait:
        return None, wait
    user = db.session.execute(db.select(User).filter_by(username=username)).scalar_one_or_none()
    if user is None:
        check_no_password(password)
        return None, 0
    if not user.active or not user.check_password(password):
        return None, 0
    _run(_GIVE_BACK, counters)
    return user, 0


def _too_many(wait: int) -> str:
    return gettext("Too many failed logins. Try again in %(minutes)d minute(s).", minutes=(wait + 59) // 60)


# Pages ------------------------------------------------------------------------------------------

class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=50)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    new_password = PasswordField(_l("New password"), description=PASSWORD_RULE, validators=[
        DataRequired(), Length(max=200),
        StrongPassword(lambda form: (current_user.username, current_user.display_name))])
    confirm = PasswordField(_l("New password again"), validators=[
        DataRequired(), EqualTo("new_password", message=_l("The two new passwords differ."))])


def _next_page() -> str:
    """Where ``next`` asks to go, if that stays on this site."""
    target = request.args.get("next")
    return target if is_local_target(target) else url_for("admin.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(_next_page())
    form = LoginForm()
    if form.validate_on_submit():
        username = form.username.data.strip()
        user, wait = check_credentials(username, form.password.data)
        if wait:
            audit.record(AuditAction.login_failed, "User", detail="rate limited", username=username)
            flash(_too_many(wait), "error")
            return render_template("login.html", form=form), 429
        if user is not None:
            user.last_login_at = now_local()
            db.session.commit()
            login_user(user)
            audit.record(AuditAction.login, "User", user.id)
            response = redirect(_next_page())
            _trust_device(response, username)
            return response
        audit.record(AuditAction.login_failed, "User", username=username)
        flash(gettext("Wrong username or password, or the account is disabled."), "error")
    return render_template("login.html", form=form), 400 if request.method == "POST" else 200


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    audit.record(AuditAction.logout, "User", current_user.id)
    # Every session of the account ends, so a copy of this browser's cookie opens nothing either.
    current_user.end_sessions()
    db.session.commit()
    logout_user()
    flash(gettext("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    """The account's own new password; the account's other sessions end."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user, wait = check_credentials(current_user.username, form.current_password.data)
        if wait:
            form.current_password.errors.append(_too_many(wait))
        elif user is None:
            form.current_password.errors.append(gettext("The current password is wrong."))
        elif form.new_password.data == form.current_password.data:
            form.new_password.errors.append(gettext("The new password must differ from the current one."))
        else:
            user.set_password(form.new_password.data)
            user.must_change_password = False
            db.session.commit()
            renew_session(user)
            flash(gettext("Your password has been changed."), "success")
            return redirect(url_for("admin.index"))
    status = 400 if request.method == "POST" else 200
    return render_template("password.html", form=form, forced=current_user.must_change_password), status


@bp.before_app_request
def require_password_change():
    """An account the office gave a password to chooses its own before it may do anything else."""
    if request.endpoint in ("auth.change_password", "auth.logout") or is_static(request.endpoint):
        return None
    if current_user.is_authenticated and current_user.must_change_password:
        if request.blueprint == "api":
            return api_error(403, gettext("This account must choose a new password on the password page first."))
        return redirect(url_for("auth.change_password"))
    return None


# Accounts ---------------------------------------------------------------------------------------

def create_user(username: str, role: Role, password: str, unit=None, display_name: str | None = None) -> User:
    """A new account; the caller commits."""
    user = User(username=username, role=role, unit=unit, display_name=display_name)
    user.set_password(password)
    db.session.add(user)
    return user


def ensure_admin_account(password: str | None) -> str | None:
    """Create the office account ``admin`` if missing; returns the generated password, if one was made.
    A generated password was printed where others may read it: it must be changed at the first login."""
    if db.session.execute(db.select(User).filter_by(username="admin")).scalar_one_or_none() is not None:
        return None
    generated = None
    if not password:
        password = generated = secrets.token_urlsafe(12)
    problem = password_problem(password, ["admin"])
    if problem:
        raise ValueError(problem)
    create_user("admin", Role.office, password).must_change_password = generated is not None
    db.session.commit()
    return generated
