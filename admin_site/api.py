"""The JSON API (/api/v1, INTERFACES.md): bearer tokens or the browser session, scoped and masked
exactly as the screens are for the account.  Whatever is asked of it, it answers JSON: a refusal is
``{"error": "…"}`` in Chinese with a 4xx status, a failure of ours the same with 500."""

from __future__ import annotations

from functools import wraps

import sqlalchemy as sa
from flask import Blueprint, abort, g, jsonify, request
from flask_babel import gettext
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from . import access, audit, importer, normalize, privacy
from .errors import message_for
from .extensions import csrf
from .models import (
    ApiToken,
    AuditAction,
    Case,
    CaseCategory,
    CaseStatus,
    Category,
    Contact,
    ContactGroup,
    Level,
    Unit,
    User,
    case_co_units,
    db,
    now_local,
)
from .jobs import queue_grouping

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Token requests carry no cookie to forge; session requests are checked in ``authenticated``.
csrf.exempt(bp)

API_ROOT = "/api"
MAX_PER_PAGE = 500
# The widest whole number both databases compare without an error (PostgreSQL's bigint).
MAX_WHOLE_NUMBER = 2**63 - 1
# Row ids are INTEGER columns: a larger id names no row, and PostgreSQL refuses to compare one.
MAX_ID = 2**31 - 1


def api_error(status: int, message: str):
    response = jsonify({"error": message})
    response.status_code = status
    return response


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@bp.errorhandler(ApiError)
def refused(error: ApiError):
    return api_error(error.status, error.message)


@bp.errorhandler(HTTPException)
def http_error(error):
    return api_error(error.code, message_for(error.code))


@bp.errorhandler(CSRFError)
def csrf_missing(error):
    return api_error(400, gettext("A change made through the browser session must send the page's CSRF token "
                                  "in the X-CSRFToken header."))


@bp.errorhandler(InternalServerError)
def crashed(error):
    """Flask has logged the exception by now; the client gets JSON, not the panel's error page."""
    return api_error(500, gettext("A system error occurred; it has been logged. Please try again later."))


@bp.before_app_request
def refuse_unrouted():
    """A path under /api/ that names no route, or a method its route does not take: without a route
    Flask cannot tell the request is the API's, and would answer with the panel's HTML page."""
    error = request.routing_exception
    path = request.path
    if not isinstance(error, HTTPException) or error.code < 400 or \
            not (path == API_ROOT or path.startswith(API_ROOT + "/")):
        return None
    response = api_error(error.code, message_for(error.code))
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
    return response


def _fail(status: int, message: str):
    raise ApiError(status, message)


def _token_user() -> User | None:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    token = db.session.execute(
        sa.select(ApiToken).where(ApiToken.token_hash == ApiToken.digest(header[7:].strip()))
    ).scalar_one_or_none()
    if token is None or not token.user.active:
        _fail(401, gettext("The API token is not valid."))
    token.last_used_at = now_local()
    db.session.commit()
    return token.user


def authenticated(view):
    """Resolve the account from a bearer token or the session; a session write must carry CSRF."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        user = _token_user()
        if user is None:
            if not current_user.is_authenticated:
                abort(401)
            user = current_user._get_current_object()
            if request.method not in ("GET", "HEAD", "OPTIONS"):
                csrf.protect()
        g.api_user = user
        return view(*args, **kwargs)

    return wrapper


def _whole_number(name: str, default: int | None = None, maximum: int = MAX_WHOLE_NUMBER) -> int | None:
    """The query parameter ``name`` as a whole number from 1 to ``maximum``; ``default`` when it is
    absent or empty.  Only ASCII digits: ``int()`` would also take "１", " 1", "1_0", and "²" passes
    ``isdigit()`` but not ``int()``."""
    value = request.args.get(name, "")
    if value == "":
        return default
    digits = value.lstrip("0")
    # The length first: int() refuses more than 4,300 digits with a ValueError of its own.
    if not (value.isascii() and value.isdigit()) or len(digits) > len(str(maximum)) \
            or not 1 <= int(digits or "0") <= maximum:
        _fail(400, gettext("%(name)s must be a whole number from 1 to %(max)d.", name=name, max=maximum))
    return int(digits)


def _page() -> tuple[int, int]:
    return _whole_number("page", 1), _whole_number("per_page", 50, MAX_PER_PAGE)


def _paged(query, order_by, serialize):
    """One page of rows; ``serialize`` turns the whole page into items (so it can load what they
    share in a few queries, not one per row)."""
    page, per_page = _page()
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
    offset = (page - 1) * per_page
    rows = [] if offset >= total else \
        db.session.scalars(query.order_by(*order_by).offset(offset).limit(per_page)).all()
    return {"items": serialize(rows), "page": page, "per_page": per_page, "total": total}, rows


def _code(enum_class, name: str):
    """The query parameter ``name`` as one of the codes of ``enum_class``; None when absent or empty."""
    value = request.args.get(name, "")
    if value == "":
        return None
    try:
        return enum_class(value)
    except ValueError:
        _fail(400, gettext("%(name)s must be one of: %(codes)s.", name=name,
                           codes=", ".join(member.value for member in enum_class)))


CONTACT_LOADS = (sa.orm.selectinload(Contact.transfer_units), sa.orm.selectinload(Contact.returned_by),
                 sa.orm.selectinload(Contact.case), sa.orm.selectinload(Contact.membership))
CASE_LOADS = (sa.orm.selectinload(Case.lead_unit), sa.orm.selectinload(Case.co_units),
              sa.orm.selectinload(Case.categories))


def contacts_json(user, contacts: list[Contact]) -> list[dict]:
    """Contacts as the API gives them: masked as on screen, a case number only if the account sees the case."""
    seen_cases = access.visible_ids(user, Case, {contact.case_id for contact in contacts})
    return [{
        "work_order": contact.work_order,
        "channel": contact.channel.value,
        "received_at": contact.received_at.isoformat(sep=" "),
        "name": privacy.shown(user, "complainant_name", contact.complainant_name),
        "phone": privacy.shown(user, "phone", contact.phone),
        "address": privacy.shown(user, "address", contact.address),
        "content": privacy.free_text(user, contact.content, privacy.complainants(contact)),
        "units": [unit.name for unit in contact.transfer_units],
        "returned_by": [unit.name for unit in contact.returned_by],
        "result": privacy.free_text(user, contact.result, privacy.complainants(contact)),
        "satisfaction": contact.satisfaction.value if contact.satisfaction else None,
        "group": contact.membership.group_id if contact.membership else None,
        "case": contact.case.number if contact.case_id in seen_cases else None,
    } for contact in contacts]


def cases_json(user, cases: list[Case]) -> list[dict]:
    """Cases as the API gives them, with the work orders of the contacts the account may see."""
    orders: dict[int, list[str]] = {case.id: [] for case in cases}
    if not access.sees_personal_data(user):
        privacy.remember_complainants_of(cases)  # titles are masked with them, asked once for the page
    for case_id, work_order in db.session.execute(
            sa.select(Contact.case_id, Contact.work_order)
            .where(Contact.case_id.in_(list(orders)), access.visible(user, Contact))
            .order_by(Contact.received_at)):
        orders[case_id].append(work_order)
    return [{
        "number": case.number,
        "title": privacy.free_text(user, case.title, privacy.complainants(case)),
        "status": case.status.value,
        "categories": case.category_codes,
        "level": case.level.value,
        "lead_unit": case.lead_unit.name if case.lead_unit else None,
        "co_units": [unit.name for unit in case.co_units],
        "deadline": case.deadline.isoformat() if case.deadline else None,
        "contacts": orders[case.id],
    } for case in cases]


def _require(user, model) -> None:
    if not access.allowed(user, access.VIEW, model):
        abort(403)


@bp.get("/contacts")
@authenticated
def list_contacts():
    user = g.api_user
    _require(user, Contact)
    query = sa.select(Contact).where(access.visible(user, Contact)).options(*CONTACT_LOADS)
    if request.args.get("work_order"):
        query = query.where(Contact.work_order == request.args["work_order"])
    if (group := _whole_number("group")) is not None:
        query = query.where(sa.false() if group > MAX_ID else Contact.id.in_(
            sa.select(ContactGroup.contact_id).where(ContactGroup.group_id == group)))
    body, rows = _paged(query, (Contact.received_at.desc(), Contact.id.desc()), lambda page: contacts_json(user, page))
    if rows and access.sees_personal_data(user):
        audit.record(AuditAction.view_personal, "Contact", detail=",".join(str(row.id) for row in rows)[:2000])
    return jsonify(body)


API_KEYS = ("work_order", "channel", "received_at", "name", "phone", "address", "content", "units", "returned_by",
            "result", "satisfaction")
UNIT_KEYS = ("units", "returned_by")


def _json_body():
    """The request's JSON, or None when it is not JSON (the parser raises RecursionError, not
    ValueError, for arrays nested a few thousand deep)."""
    try:
        return request.get_json(silent=True)
    except RecursionError:
        return None


def _stored_text(number: int, key: str, value: str) -> str:
    """``value`` as the screens store text; 422 for a lone surrogate (a "\\ud800" escape), which has
    no UTF-8 and so no place in either database."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        _fail(422, gettext("Item %(number)d: %(key)s is not valid Unicode text.", number=number, key=key))
    return normalize.plain_text(value)


def _clean(number: int, record: dict) -> dict:
    """Item ``number`` with the JSON types the import takes, its text as stored; 422 otherwise."""
    unknown = set(record) - set(API_KEYS)
    if unknown:
        _fail(422, gettext("Item %(number)d has unknown keys: %(keys)s", number=number,
                           keys=", ".join(sorted(unknown))))
    clean = {}
    for key, value in record.items():
        if key in UNIT_KEYS:
            if value is not None and not (isinstance(value, list) and all(isinstance(name, str) for name in value)):
                _fail(422, gettext("Item %(number)d: %(key)s must be a list of unit names.", number=number, key=key))
            clean[key] = None if value is None else [_stored_text(number, key, name) for name in value]
        elif isinstance(value, str):
            clean[key] = _stored_text(number, key, value)
        elif value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
            clean[key] = value
        else:
            _fail(422, gettext("Item %(number)d: %(key)s must be a string or a number.", number=number, key=key))
    return clean


@bp.post("/contacts")
@authenticated
def push_contacts():
    """The hotline platform pushes new or changed work orders; the same rules as the file import."""
    user = g.api_user
    if not access.allowed(user, access.CREATE, Contact):
        abort(403)
    records = _json_body()
    if not isinstance(records, list) or not all(isinstance(record, dict) for record in records):
        _fail(400, gettext("Send a JSON list of contacts."))
    if not records:
        _fail(422, gettext("The list is empty."))
    records = [_clean(number, record) for number, record in enumerate(records, start=1)]
    report = importer.import_records(records, first_row=1)
    if not report.ok:
        db.session.rollback()
        return jsonify({"error": gettext("Nothing was stored: %(count)d problem(s).", count=len(report.errors)),
                        "errors": [{"item": problem.row, "field": problem.column, "message": problem.message}
                                   for problem in report.errors]}), 422
    db.session.commit()
    queue_grouping(report.contact_ids)
    return jsonify({"received": report.rows, "created": report.created, "updated": report.updated,
                    "warnings": [str(problem) for problem in report.warnings]}), 200


@bp.get("/cases")
@authenticated
def list_cases():
    user = g.api_user
    _require(user, Case)
    query = sa.select(Case).where(access.visible(user, Case)).options(*CASE_LOADS)
    if (category := _code(Category, "category")) is not None:
        query = query.where(Case.id.in_(sa.select(CaseCategory.case_id).where(CaseCategory.code == category)))
    if (level := _code(Level, "level")) is not None:
        query = query.where(Case.level == level)
    if (status := _code(CaseStatus, "status")) is not None:
        query = query.where(Case.status == status)
    if unit_name := request.args.get("unit"):
        unit_ids = sa.select(Unit.id).where(sa.or_(Unit.name == unit_name, Unit.short_name == unit_name))
        query = query.where(sa.or_(
            Case.lead_unit_id.in_(unit_ids),
            Case.id.in_(sa.select(case_co_units.c.case_id).where(case_co_units.c.unit_id.in_(unit_ids))),
        ))
    body, _ = _paged(query, (Case.id.desc(),), lambda page: cases_json(user, page))
    return jsonify(body)


@bp.get("/cases/<number>")
@authenticated
def get_case(number: str):
    user = g.api_user
    _require(user, Case)
    case = db.session.execute(
        sa.select(Case).where(Case.number == number, access.visible(user, Case))
    ).scalar_one_or_none()
    if case is None:
        abort(404)
    return jsonify(cases_json(user, [case])[0])
