"""The admin panel: one secured base view and the declarative screens built on it."""

from __future__ import annotations

import itertools
import logging
import re
import secrets
from datetime import date
from urllib.parse import quote

import sqlalchemy as sa
from flask import abort, current_app, flash, g, has_request_context, jsonify, redirect, request, url_for
from flask_admin import Admin, AdminIndexView, BaseView, expose
from flask_admin.actions import action
from flask_admin.babel import lazy_gettext as admin_lazy_gettext
from flask_admin.contrib.sqla import ModelView
from flask_admin.contrib.sqla.ajax import QueryAjaxModelLoader
from flask_admin.contrib.sqla.form import get_form
from flask_admin.helpers import get_form_data
from flask_admin.model import typefmt
from flask_admin.theme import Bootstrap4Theme
from flask_babel import LazyString, gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize, MultipleFileField
from flask_wtf.form import _Auto
from markupsafe import Markup
from rq.exceptions import NoSuchJobError
from rq.job import Job
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Query
from wtforms import BooleanField, PasswordField, SelectMultipleField, ValidationError
from wtforms.validators import Email, Length, Optional
from wtforms.widgets import CheckboxInput, FileInput, ListWidget

from . import (access, assessment, audit, dashboard, documents, grouping, jobs, normalize, notify, privacy, rules, uploads, workbooks,
               workdays, workflow)
from .config import PROJECT_ROOT
from .models import (
    AuditAction,
    AuditLog,
    Bulletin,
    Case,
    CaseAction,
    CaseCategory,
    CaseSource,
    CaseStatus,
    CitizenContact,
    CategoryOrigin,
    Contact,
    Decision,
    LabeledEnum,
    Meeting,
    Member,
    MessageTemplate,
    Notification,
    NotificationEvent,
    ProblemGroup,
    Publicity,
    ReportForm,
    Role,
    SiteVisit,
    Slip,
    Unit,
    User,
    WorkdayOverride,
    db,
    now_local,
)
from .privacy import PERSONAL_FIELDS
from .queue import get_queue, get_redis, queue_grouping, queue_notifications

log = logging.getLogger(__name__)

# A cell starting with one of these is a formula to Excel and WPS: exports neutralise it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Labels shared by many screens; each view adds its own.
COMMON_LABELS = {
    "id": _l("ID"),
    "name": _l("Name"),
    "unit": _l("Unit"),
    "phone": _l("Phone"),
    "email": _l("Email"),
    "address": _l("Address"),
    "active": _l("Active"),
    "sort_order": _l("Sort order"),
    "created_at": _l("Created at"),
    "updated_at": _l("Updated at"),
    "number": _l("Number"),
    "title": _l("Title"),
    "status": _l("Status"),
    "deadline": _l("Deadline"),
    "case": _l("Case"),
    "lead_unit": _l("Lead unit"),
    "co_units": _l("Co-units"),
    "follow_up_result": _l("Follow-up result"),
    "satisfaction": _l("Satisfaction"),
}


# Lists count at most this many rows: "1000+" (fifty pages) says enough, and counting a million
# rows on every page would be most of the page's time (Flask-Admin counts on every list page).
COUNT_CAP = 1000


class AtLeast(int):
    """A row count that stopped at COUNT_CAP: the pager computes with it, the page shows "1000+"."""

    def __str__(self) -> str:
        return f"{COUNT_CAP}+"


class CappedCount(Query):
    """The list's count query, with whatever search and filters Flask-Admin adds, counted up to the cap."""

    def scalar(self):
        rows = self.with_entities(sa.literal(1)).limit(COUNT_CAP + 1).subquery()
        count = self.session.scalar(sa.select(sa.func.count()).select_from(rows))
        return AtLeast(count) if count > COUNT_CAP else count


class ScopedLoader(QueryAjaxModelLoader):
    """An AJAX lookup that offers, and accepts, only rows the account may see."""

    def get_query(self):
        return super().get_query().filter(access.visible(current_user, self.model))

    def get_one(self, pk):
        if not valid_pk(pk):
            return None
        with db.session.no_autoflush:
            return self.get_query().filter(self.model.id == int(pk)).one_or_none()


def _lookup(name: str, model, fields: tuple[str, ...], placeholder, minimum_input_length: int = 0):
    """A searchable AJAX lookup: relationship fields never load every row into a dropdown."""
    return ScopedLoader(name, db, model, fields=fields, placeholder=placeholder, page_size=10,
                        minimum_input_length=minimum_input_length)


def _unit_lookup(name: str):
    return _lookup(name, Unit, ("name", "short_name"), _l("Type a unit name"))


def _case_lookup(name: str):
    return _lookup(name, Case, ("number", "title"), _l("Type a case number or title"))


def _member_lookup(name: str):
    return _lookup(name, Member, ("name", "position"), _l("Type a member's name"))


def valid_pk(value) -> bool:
    """A row id as the database can take it: 1 to 2**63 - 1, digits only (no "1,2", "-1", "abc")."""
    text = str(value)
    return text.isascii() and text.isdigit() and 0 < int(text) < 2**63


def _level_badge(view, context, model, name):
    level = getattr(model, name)
    if level is None:
        return ""
    return Markup('<span class="badge level-{}">{}</span>').format(level.value, level.label)


def _linked_list(view, context, model, name):
    return "、".join(str(item) for item in getattr(model, name))


def _personal(field: str):
    def formatter(view, context, model, name):
        return privacy.shown(current_user, field, getattr(model, name))

    return formatter


def _group_link(view, context, model, name):
    if model.membership is None:
        return ""
    group_id = model.membership.group_id
    return Markup('<a href="{}">#{}</a>').format(url_for("groups.details_view", id=group_id), group_id)


def _shorten(limit: int):
    def formatter(view, context, model, name):
        text = getattr(model, name) or ""
        return text if len(text) <= limit else text[:limit] + "…"

    return formatter


def _yes_no(view, value, name=None):
    return Markup('<span class="badge badge-{}">{}</span>').format(
        "success" if value else "light", gettext("Yes") if value else gettext("No"))


def _yes_no_text(view, value, name=None):
    return gettext("Yes") if value else gettext("No")


def _code_label(view, context, model, name):
    value = getattr(model, name)
    return value.label if value is not None else ""


def _enum_columns(model, prefix: str = "") -> dict[str, type[LabeledEnum]]:
    """The model's columns that hold a fixed code, by attribute name (and through relationships)."""
    found = {}
    for column in model.__table__.columns:
        enum_class = getattr(column.type, "enum_class", None)
        if enum_class is not None and issubclass(enum_class, LabeledEnum):
            found[prefix + column.key] = enum_class
    if not prefix:
        for relationship_ in sa.inspect(model).relationships:
            found.update(_enum_columns(relationship_.mapper.class_, prefix=f"{relationship_.key}."))
    return found


def login_or_forbidden():
    """A screen the account may not open: log in first, or 403 for a logged-in account."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path))
    abort(403)


class AdminForm(FlaskForm):
    """Flask-WTF's CSRF and Chinese messages, keeping the edited row where Flask-Admin's
    uniqueness check looks for it (without it, saving a row flags its own name as taken)."""

    def __init__(self, formdata=_Auto, obj=None, prefix="", **kwargs):
        self._obj = obj
        super().__init__(formdata=formdata, obj=obj, prefix=prefix, **kwargs)


class SecureModelView(ModelView):
    """Base of every screen: who may do what on which rows (access.py), Chinese labels for codes,
    CSRF, per-role forms, safe exports.  Every way to a row — list, count, search, filters,
    details, edit, delete, bulk actions, inline edits, exports and lookups — goes through
    ``get_query``/``get_one``, which apply the account's scope."""

    form_base_class = AdminForm
    can_view_details = True
    can_set_page_size = True
    page_size = 20
    page_size_options = (20, 50, 100)
    details_modal = False
    export_types = ["csv", "xlsx"]
    export_max_rows = 50000
    extra_labels: dict = {}
    column_type_formatters = {**typefmt.BASE_FORMATTERS, bool: _yes_no}
    column_type_formatters_detail = {**typefmt.DETAIL_FORMATTERS, bool: _yes_no}
    column_type_formatters_export = {**typefmt.EXPORT_FORMATTERS, bool: _yes_no_text}

    def __init__(self, model, database, **kwargs):
        self.column_labels = {**COMMON_LABELS, **self.extra_labels}
        enum_columns = _enum_columns(model)  # "status" and, for filters, "categories.code"
        # Codes are stored in English; every screen shows and offers the Chinese label instead.
        choices = {key: enum_class.choices() for key, enum_class in enum_columns.items()}
        self.column_choices = {**choices, **(self.column_choices or {})}
        self.form_choices = {**choices, **(self.form_choices or {})}
        labels = {key: _code_label for key in choices if "." not in key}
        self.column_formatters = {**labels, **(self.column_formatters or {})}
        if self.column_formatters_detail is not None:
            self.column_formatters_detail = {**labels, **self.column_formatters_detail}
        if self.inline_models:
            self.inline_models = [
                (inline_model, {"form_choices": {key: enum_class.choices()
                                                 for key, enum_class in _enum_columns(inline_model).items()},
                                **options})
                for inline_model, options in self.inline_models
            ]
        self._role_forms: dict = {}
        super().__init__(model, database, **kwargs)

    # What the account may do here (access.PERMISSIONS); read on every request.
    def _may(self, action: str) -> bool:
        return has_request_context() and access.allowed(current_user, action, self.model)

    can_create = property(lambda self: self._may(access.CREATE))
    can_edit = property(lambda self: self._may(access.EDIT))
    can_delete = property(lambda self: self._may(access.DELETE))
    can_export = property(lambda self: self._may(access.EXPORT))

    def is_accessible(self) -> bool:
        return self._may(access.VIEW)

    def inaccessible_callback(self, name, **kwargs):
        return login_or_forbidden()

    # Rows: the account's scope, for every path into the data.
    def get_query(self):
        return super().get_query().filter(access.visible(current_user, self.model))

    def get_count_query(self):
        return (CappedCount([sa.func.count("*")], db.session()).select_from(self.model)
                .filter(access.visible(current_user, self.model)))

    def get_one(self, id):
        """The row if the account may see it; 404 for anything else, including ids like "1,2" or "-1"."""
        row = self.get_query().filter(self.model.id == int(id)).one_or_none() if valid_pk(id) else None
        if row is None:
            abort(404)
        return row

    @expose("/action/", methods=("POST",))
    def action_view(self):
        """Bulk actions get raw ids from the form: refuse malformed ones before they reach the database."""
        if not all(valid_pk(row_id) for row_id in request.form.getlist("rowid")):
            abort(400)
        return super().action_view()

    @action("delete", admin_lazy_gettext("Delete"),
            admin_lazy_gettext("Are you sure you want to delete selected records?"))
    def action_delete(self, ids):
        # Ids as numbers: PostgreSQL will not compare an integer column with the form's strings.
        return super().action_delete([int(row_id) for row_id in ids])

    def _is_writable(self, model, action: str) -> bool:
        return model.id in access.permitted_ids(current_user, self.model, [model.id], action)

    def on_model_change(self, form, model, is_created):
        if not is_created and not self._is_writable(model, access.EDIT):
            raise ValidationError(gettext("You may not change this record."))
        if not isinstance(model, Unit) and hasattr(type(model), "unit"):
            unit = model.unit
            if not access.can_assign_unit(current_user, unit.id if unit is not None else None):
                raise ValidationError(gettext("You may only keep records of your own unit."))

    def on_model_delete(self, model):
        if not self._is_writable(model, access.DELETE):
            raise ValidationError(gettext("You may not delete this record."))

    # Forms: a role may be offered only some fields (access.EDITABLE_FIELDS).
    def _form_for(self, action: str):
        fields = access.editable_fields(current_user, self.model, action)
        if fields is None:
            return self._create_form_class if action == access.CREATE else self._edit_form_class
        if fields not in self._role_forms:
            converter = self.model_form_converter(self.session, self)
            self._role_forms[fields] = get_form(self.model, converter, base_class=self.form_base_class,
                                                only=(*fields, *(self.form_extra_fields or ())),
                                                field_args=self.form_args, extra_fields=self.form_extra_fields)
        return self._role_forms[fields]

    def create_form(self, obj=None):
        return self._form_for(access.CREATE)(get_form_data(), obj=obj)

    def edit_form(self, obj=None):
        return self._form_for(access.EDIT)(get_form_data(), obj=obj)

    # Exports open cleanly in Excel on Chinese Windows and carry no live formulas.
    def get_export_value(self, model, name):
        value = super().get_export_value(model, name)
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return "'" + value
        return value

    def get_export_name(self, export_type="csv"):
        return f"{self.name}_{now_local():%Y%m%d%H%M}.{export_type}"

    @expose("/export/<export_type>/")
    def export(self, export_type):
        response = super().export(export_type)
        if response.status_code != 200:
            return response
        if export_type == "csv":
            response.response = itertools.chain(["\ufeff"], response.response)
            response.mimetype = "text/csv"
            response.charset = "utf-8"
        filename = self.get_export_name(export_type)
        response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        audit.record(AuditAction.export, self.model.__name__, detail=request.query_string.decode()[:500])
        return response

    def filtered_url(self, column: str, value: str) -> str:
        """The list filtered on ``column`` equal to ``value``, as if picked from the filter menu."""
        for arg, (_, flt) in (self._filter_args or {}).items():
            if flt.column.key == column and type(flt).__name__ in ("FilterEqual", "EnumEqualFilter"):
                return url_for(f"{self.endpoint}.index_view", **{f"flt0_{arg}": value})
        raise KeyError(column)

    def handle_view_exception(self, exc: Exception) -> bool:
        """Say what went wrong in Chinese; never show a database's or Python's English error text."""
        if isinstance(exc, IntegrityError):
            flash(gettext("The record conflicts with another: a number or name in use, or still referenced."),
                  "error")
            return True
        if isinstance(exc, ValidationError) or current_app.config.get("FLASK_ADMIN_RAISE_ON_VIEW_EXCEPTION"):
            return super().handle_view_exception(exc)
        log.exception("saving %s failed", self.model.__name__)
        flash(gettext("The record could not be saved because of a system error; it has been logged."), "error")
        return True


class UnitView(SecureModelView):
    page_size = 50  # the whole roster of units on one page
    column_list = ("name", "short_name", "kind", "parent", "phone", "active")
    column_details_list = ("name", "short_name", "kind", "parent", "children", "members", "phone", "email",
                           "address", "active", "sort_order", "created_at", "updated_at")
    column_searchable_list = ("name", "short_name")
    column_filters = ("kind", "active", "parent.name")
    column_sortable_list = ("name", "kind", "sort_order")
    column_default_sort = [("sort_order", False), ("id", False)]  # roster order: city units, then counties
    column_formatters = {"members": _linked_list, "children": _linked_list}
    form_columns = ("name", "short_name", "kind", "parent", "phone", "email", "address", "active", "sort_order")
    form_ajax_refs = {"parent": _unit_lookup("parent")}
    form_args = {"name": {"validators": [Length(max=100)]}, "email": {"validators": [Optional(), Email()]}}
    extra_labels = {"short_name": _l("Short name"), "kind": _l("Kind"), "parent": _l("Parent unit"),
                    "parent.name": _l("Parent unit"), "children": _l("Sub-units"), "members": _l("Members")}


class MemberView(SecureModelView):
    page_size = 50
    column_list = ("name", "unit", "position", "group_role", "phone", "email", "receive_sms", "receive_email",
                   "active")
    column_searchable_list = ("name", "position", "phone")
    column_filters = ("unit.name", "group_role", "active", "receive_sms", "receive_email")
    column_sortable_list = ("name", ("unit", "unit.name"), "group_role", "sort_order")
    column_default_sort = [("sort_order", False), ("id", False)]
    form_columns = ("name", "unit", "position", "group_role", "phone", "email", "receive_sms", "receive_email",
                    "active", "sort_order")
    form_ajax_refs = {"unit": _unit_lookup("unit")}
    form_args = {"email": {"validators": [Optional(), Email()]}}
    extra_labels = {"position": _l("Position"), "group_role": _l("Role in the group"), "unit.name": _l("Unit"),
                    "receive_sms": _l("Receives SMS"), "receive_email": _l("Receives email")}

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if current_user.role == Role.unit and model.group_role not in access.UNIT_MANAGED_GROUP_ROLES:
            raise ValidationError(gettext("A unit may add its members and liaisons; the city names the leaders."))


# What a clerk pastes to find one contact: a work-order number (letters, digits, hyphens, at least
# eight, a digit among them) or a phone number.
WORK_ORDER_TERM = re.compile(r"^(?=.*\d)[A-Za-z0-9-]{8,64}$")
PHONE_TERM = re.compile(r"^\+?[\d\s()-]{7,20}$")


def _exact_contact(term: str):
    """The exact lookup a search term asks for, or None for a search in the text."""
    found = []
    if WORK_ORDER_TERM.match(term):
        found.append(Contact.work_order == term)
    if PHONE_TERM.match(term) and access.sees_personal_data(current_user):
        found.append(Contact.phone_hash == normalize.phone_hash(term, current_app.config["PHONE_HASH_KEY"].encode()))
    return sa.or_(*found) if found else None


class ContactView(SecureModelView):
    column_list = ("work_order", "channel", "received_at", "complainant_name", "phone", "content",
                   "transfer_units", "satisfaction", "group", "case")
    column_details_list = ("work_order", "channel", "received_at", "complainant_name", "phone", "address",
                           "content", "transfer_units", "returned_by", "result", "satisfaction", "group",
                           "group_locked", "case", "created_at", "updated_at")
    # Loaded with each page of rows instead of one query per row.
    # Everything the list shows, loaded with the page (not one query per row).
    column_select_related_list = (Contact.case, Contact.membership, Contact.transfer_units)
    column_export_list = ("work_order", "channel", "received_at", "complainant_name", "phone", "address", "content",
                          "transfer_units", "returned_by", "result", "satisfaction", "case")
    column_searchable_list = ("work_order", "content", "address", "complainant_name", "phone")
    column_filters = ("channel", "received_at", "satisfaction", "transfer_units.name", "case.number", "group.id")
    column_sortable_list = ("work_order", "channel", "received_at", "satisfaction")
    column_default_sort = ("received_at", True)
    column_formatters = {"content": _shorten(40), "transfer_units": _linked_list, "returned_by": _linked_list,
                         "group": _group_link, **{field: _personal(field) for field in PERSONAL_FIELDS}}
    column_formatters_export = {"content": lambda v, c, m, n: m.content,
                                "transfer_units": _linked_list, "returned_by": _linked_list,
                                "group": lambda v, c, m, n: m.membership.group_id if m.membership else "",
                                **{field: _personal(field) for field in PERSONAL_FIELDS}}
    form_columns = ("work_order", "channel", "received_at", "complainant_name", "phone", "address", "content",
                    "transfer_units", "returned_by", "result", "satisfaction", "case")
    form_ajax_refs = {
        "transfer_units": _unit_lookup("transfer_units"),
        "returned_by": _unit_lookup("returned_by"),
        "case": _case_lookup("case"),
    }
    extra_labels = {"work_order": _l("Work-order number"), "channel": _l("Channel"),
                    "received_at": _l("Received at"), "complainant_name": _l("Complainant"),
                    "content": _l("Request"), "transfer_units": _l("Transferred to"),
                    "transfer_units.name": _l("Transferred to"), "returned_by": _l("Returned by"),
                    "result": _l("Result"), "case.number": _l("Case number"), "group": _l("Problem group"),
                    "group.id": _l("Problem group number"), "group_locked": _l("Grouped by hand")}

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        for column, value in normalize.matching_keys(model.phone, model.address, model.content,
                                                     current_app.config["PHONE_HASH_KEY"].encode()).items():
            setattr(model, column, value)

    def after_model_change(self, form, model, is_created):
        """A contact typed in or corrected by hand is (re)grouped by a worker, as pushed ones are: the
        request never waits for a recalculation holding the lock."""
        queue_grouping([model.id])

    def is_action_allowed(self, name):
        if name == "split":
            return access.allowed(current_user, access.REGROUP, ProblemGroup)
        return super().is_action_allowed(name)

    @action("split", _l("Split into a problem group of their own"),
            _l("Move the selected contacts into a new problem group? The system will not regroup them."))
    def action_split(self, ids):
        if not access.allowed(current_user, access.REGROUP, ProblemGroup):
            abort(403)
        contacts = self.get_query().filter(Contact.id.in_([int(i) for i in ids if valid_pk(i)])).all()
        if not contacts:
            return
        group_id = grouping.split([contact.id for contact in contacts])
        rules.apply(rules.Scope.of_groups([group_id]))
        db.session.commit()
        flash(gettext("%(count)d contact(s) now form problem group #%(group)d.", count=len(contacts),
                      group=group_id), "success")

    def _apply_search(self, query, count_query, joins, count_joins, search):
        """A work-order number, or a phone number for those who see phones, is looked up exactly through
        its index (a million contacts are not read for it); other words are looked for in the text.
        Masked accounts cannot search by name, phone or address: a hit would reveal them."""
        condition = _exact_contact(search.strip())
        if condition is None and access.sees_personal_data(current_user):
            return super()._apply_search(query, count_query, joins, count_joins, search)
        if condition is None:
            condition = sa.and_(*(sa.or_(Contact.work_order.ilike(f"%{word}%"), Contact.content.ilike(f"%{word}%"))
                                  for word in search.split()))
        return (query.filter(condition), count_query.filter(condition) if count_query is not None else None,
                joins, count_joins)

    def get_list(self, *args, **kwargs):
        count, rows = super().get_list(*args, **kwargs)
        if access.sees_personal_data(current_user) and kwargs.get("execute", True) and rows:
            audit.record(AuditAction.view_personal, "Contact", detail=",".join(str(row.id) for row in rows)[:2000])
        return count, rows

    def get_one(self, id):
        row = super().get_one(id)
        if access.sees_personal_data(current_user):
            audit.record(AuditAction.view_personal, "Contact", row.id)
        return row


def _attachments(view, context, model, name):
    """The record's files as links; photos also as pictures."""
    items = []
    for attachment in model.attachments:
        url = view.get_url(".attachment_view", id=model.id, file=attachment.id)
        picture = (Markup('<img src="{}" alt="{}" class="attachment-photo">').format(url, attachment.filename)
                   if attachment.is_image else "")
        items.append(Markup('<li><a href="{}" target="_blank" rel="noopener">{}{}</a> <small>{}</small></li>').format(
            url, picture, attachment.filename, _file_size(attachment.size)))
    return Markup('<ul class="list-unstyled attachments">{}</ul>').format(Markup("").join(items))


def _file_size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} KB"


class _NotOnRecord:
    """A form field the view reads itself: saving the form does not copy it onto the record."""

    def populate_obj(self, obj, name):
        pass


class ChooseFiles:
    """A file chooser drawn by Bootstrap with Chinese words (the browser's own button speaks the
    browser's language); zh-cn.js shows the chosen names."""

    def __call__(self, field, **kwargs):
        classes = "custom-file-input" + (" is-invalid" if field.errors else "")
        chooser = FileInput(multiple=isinstance(field, MultipleFileField))(field, **{**kwargs, "class": classes})
        return Markup('<div class="custom-file">{}<label class="custom-file-label" for="{}" data-browse="{}">{}'
                      "</label></div>").format(chooser, field.id, gettext("Choose"), gettext("No file chosen"))


class FilesField(_NotOnRecord, MultipleFileField):
    widget = ChooseFiles()


class RemoveFilesField(_NotOnRecord, SelectMultipleField):
    pass


class AttachmentsMixin:
    """A screen whose records carry files (uploads.py): files chosen on the form are checked and kept,
    ticked ones removed; the record's page lists them; downloads go through the record's scope."""

    attachment_types: dict[str, str] = uploads.DOCUMENT_TYPES
    attachment_label = _l("Attach files")

    def __init__(self, *args, **kwargs):
        accept = ",".join("." + extension for extension in self.attachment_types)
        self.form_extra_fields = {
            "new_attachments": FilesField(self.attachment_label, validators=[
                uploads.Attachable(self.attachment_types)], render_kw={"accept": accept},
                description=LazyString(uploads.what_is_accepted, self.attachment_types)),
            "remove_attachments": RemoveFilesField(_l("Remove attached files"), coerce=int, choices=[],
                                                   widget=ListWidget(prefix_label=False),
                                                   option_widget=CheckboxInput()),
        }
        self.form_columns = (*self.form_columns, *self.form_extra_fields)  # Flask-Admin adds only those named
        super().__init__(*args, **kwargs)

    def create_form(self, obj=None):
        form = super().create_form(obj)
        del form.remove_attachments
        return form

    def edit_form(self, obj=None):
        form = super().edit_form(obj)
        if obj is None or not obj.attachments:
            del form.remove_attachments
        else:
            form.remove_attachments.choices = [(attachment.id, attachment.filename) for attachment in obj.attachments]
        return form

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if "remove_attachments" in form:
            removed = set(form.remove_attachments.data or ())
            model.attachments = [attachment for attachment in model.attachments if attachment.id not in removed]
        try:
            uploads.attach(model, form.new_attachments.data, self.attachment_types, current_user._get_current_object())
        except uploads.Rejected as exc:
            raise ValidationError(str(exc)) from exc

    @expose("/attachment/")
    def attachment_view(self):
        """One of the record's files, for whoever may see the record."""
        owner = self.get_one(request.args.get("id", ""))
        attachment = next((item for item in owner.attachments if str(item.id) == request.args.get("file")), None)
        if attachment is None:
            abort(404)
        return uploads.send(attachment)


def _cell(value):
    """A value as a circulated list shows it: codes and rows by their names, dates as dates."""
    if value is None:
        return ""
    if isinstance(value, (date, int)):
        return value
    if isinstance(value, list):
        return "、".join(str(item) for item in value)
    return str(value)


class CirculatedListMixin:
    """A list the office prints and sends round: the rows as filtered and sorted on the screen, in the
    workbook layout of workbooks.py, leaving out what is not public (DOMAIN.md §8)."""

    list_template = "admin/circulated_list.html"
    circulation_title = None
    # (field, width in characters, centred)
    circulation_columns: tuple[tuple[str, int, bool], ...] = ()

    def circulates(self, row) -> bool:
        """A case, or a slip of a case, goes round unless the case is not made public."""
        case = row if isinstance(row, Case) else row.case
        return case.publicity != Publicity.restricted

    @expose("/circulate/")
    def circulate_view(self):
        """The filtered list as an Excel workbook for circulation."""
        if not self.can_export:
            abort(403)
        _, rows = self._export_data()
        shown = [row for row in rows if self.circulates(row)]
        columns = [workbooks.Column(str(self.column_labels.get(name, name)), width, centred)
                   for name, width, centred in self.circulation_columns]
        now = now_local()
        note = gettext("Made by %(user)s on %(time)s; %(count)d item(s), cases not made public left out",
                       user=current_user.display_name or current_user.username, time=notify.long_datetime(now),
                       count=len(shown))
        data = workbooks.circulation_workbook(
            str(self.circulation_title), note, columns,
            ([_cell(getattr(row, name)) for name, _, _ in self.circulation_columns] for row in shown))
        audit.record(AuditAction.export, self.model.__name__, detail=("circulate " + request.query_string.decode())[:500])
        return _xlsx(data, f"{self.circulation_title}_{now:%Y%m%d}.xlsx")


class CaseView(CirculatedListMixin, SecureModelView):
    column_list = ("number", "title", "status", "level", "categories", "lead_unit", "deadline", "source",
                   "updated_at")
    column_select_related_list = (Case.lead_unit, Case.categories, Case.co_units)
    circulation_title = _l("Yulin 12345 hotline rapid-linkage case list")
    circulation_columns = (("number", 14, True), ("title", 30, False), ("categories", 14, False),
                           ("level", 8, True), ("status", 10, True), ("lead_unit", 18, False),
                           ("co_units", 20, False), ("deadline", 14, True))
    column_details_list = ("number", "title", "summary", "source", "categories", "category_reasons", "status",
                           "level", "jurisdiction",
                           "lead_unit", "co_units", "deadline", "contacts", "slips", "visits", "leader_instruction",
                           "leader_instruction_on", "satisfaction", "follow_up_result", "publicity",
                           "report_form", "created_at", "updated_at")
    column_searchable_list = ("number", "title", "summary")
    column_filters = ("status", "level", "categories.code", "lead_unit.name", "co_units.name", "source",
                      "deadline", "publicity", "created_at")
    column_sortable_list = ("number", "title", "status", "level", "deadline", "updated_at",
                            ("lead_unit", "lead_unit.name"))
    column_default_sort = ("updated_at", True)
    column_formatters = {
        "level": _level_badge,
        "categories": _linked_list,
        "co_units": _linked_list,
        "contacts": _linked_list,
        "slips": _linked_list,
    }
    column_formatters_detail = {**column_formatters, "category_reasons": lambda v, c, m, n: _category_reasons(m),
                                "visits": lambda v, c, m, n: _site_visits(m)}
    # The state changes only by the steps of workflow.py (the buttons on the case page).
    form_columns = ("title", "summary", "source", "jurisdiction", "lead_unit",
                    "co_units", "deadline", "contacts", "leader_instruction", "leader_instruction_on",
                    "satisfaction", "follow_up_result", "publicity", "report_form")
    details_template = "admin/case_details.html"
    form_ajax_refs = {
        "jurisdiction": _unit_lookup("jurisdiction"),
        "lead_unit": _unit_lookup("lead_unit"),
        "co_units": _unit_lookup("co_units"),
        "contacts": _lookup("contacts", Contact, ("work_order",), _l("Type a work-order number"),
                            minimum_input_length=1),
    }
    inline_models = [(CaseCategory, {"form_columns": ("id", "code", "origin", "legacy_reason", "reason"),
                                     "column_labels": {"code": _l("Category"), "origin": _l("Origin"),
                                                       "legacy_reason": _l("Legacy reason"),
                                                       "reason": _l("Why it applies")}})]
    extra_labels = {"summary": _l("Summary"), "source": _l("Source"), "level": _l("Level"),
                    "categories": _l("Categories"), "categories.code": _l("Category"),
                    "category_reasons": _l("Why these categories"),
                    "jurisdiction": _l("Jurisdiction"), "lead_unit.name": _l("Lead unit"),
                    "co_units.name": _l("Co-unit"), "contacts": _l("Contacts"), "slips": _l("Slips"),
                    "visits": _l("Site work"),
                    "leader_instruction": _l("Leader instruction"),
                    "leader_instruction_on": _l("Instruction date"), "publicity": _l("Publicity"),
                    "report_form": _l("Report form")}

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if is_created and current_user.role == Role.hotline:
            model.status, model.source = CaseStatus.proposed, CaseSource.hotline
        model.assign_number(db.session)

    def after_model_change(self, form, model, is_created):
        """Categories and level follow at once from what was just saved, and any reminder they call for."""
        rules.apply(rules.Scope.of_cases([model.id]))
        db.session.commit()
        queue_notifications()

    def is_action_allowed(self, name):
        if name == "confirm":
            return access.allowed(current_user, access.CONFIRM, Case)
        return super().is_action_allowed(name)

    def render(self, template, **kwargs):
        """The case page also offers the account's next steps and shows the timeline."""
        if template == self.details_template and "model" in kwargs:
            kwargs.update(steps=workflow.available(kwargs["model"], current_user),
                          with_reason={action for action, step in workflow.STEPS.items() if step.needs_reason},
                          with_deadline={CaseAction.assign, CaseAction.ask_extension},
                          reason_prompts=STEP_PROMPTS, report_forms=list(ReportForm),
                          step_input=getattr(g, "step_input", None),
                          may_report=access.allowed(current_user, access.REPORT, Case),
                          may_record={endpoint: access.allowed(current_user, access.CREATE, model)
                                      for endpoint, model in (("site-visits", SiteVisit),
                                                              ("citizen-contacts", CitizenContact))},
                          in_touch=_in_touch(kwargs["model"]))
        return super().render(template, **kwargs)

    @expose("/report/")
    def report_view(self):
        """The case's 专报 (or 一事一报) for the city leaders, as a Word file."""
        if not access.allowed(current_user, access.REPORT, Case):
            abort(403)
        case = self.get_one(request.args.get("id", ""))
        return _word_file(documents.report_document(case, now_local().date()), case.number)

    @expose("/step/", methods=("POST",))
    def step_view(self):
        """Take one step of the case's life; refused steps change nothing and keep what was typed."""
        case = self.get_one(request.args.get("id", ""))
        form = request.form
        try:
            action = CaseAction(form.get("action", ""))
            deadline = date.fromisoformat(form["deadline"]) if form.get("deadline") else None
            report_form = ReportForm(form["report_form"]) if form.get("report_form") else None
        except ValueError:
            abort(400)
        try:
            workflow.perform(case, action, current_user._get_current_object(), form.get("reason"), deadline,
                             report_form)
            db.session.commit()
        except workflow.Refused as exc:
            db.session.rollback()
            flash(str(exc), "error")
            g.step_input = {"action": action.value, "reason": form.get("reason", ""),
                            "deadline": form.get("deadline", "")}
            return self.details_view()
        rules.apply(rules.Scope.of_cases([case.id]))
        db.session.commit()
        queue_notifications()
        flash(gettext("Done: %(action)s.", action=action.label), "success")
        return redirect(self.get_url(".details_view", id=case.id))

    @action("confirm", _l("Confirm the computed categories"),
            _l("Confirm the categories the system computed for the selected cases? "
               "Recalculation will not remove them afterwards."))
    def action_confirm(self, ids):
        if not self.is_action_allowed("confirm"):
            abort(403)
        visible = [case_id for case_id, in self.get_query().filter(Case.id.in_([int(i) for i in ids if valid_pk(i)]))
                   .with_entities(Case.id)]
        categories = db.session.scalars(sa.select(CaseCategory).where(
            CaseCategory.case_id.in_(visible), CaseCategory.origin == CategoryOrigin.computed)).all()
        for category in categories:
            category.origin = CategoryOrigin.confirmed
        db.session.commit()
        flash(gettext("%(count)d category(ies) confirmed.", count=len(categories)), "success")


STEP_PROMPTS = {
    CaseAction.reject: _l("Why the case is not taken up"),
    CaseAction.report_back: _l("What was done (办理情况)"),
    CaseAction.rework: _l("What must be done again"),
    CaseAction.follow_up: _l("The follow-up review: did it stay solved, is the citizen satisfied?"),
    CaseAction.instruct: _l("The leader's instruction (批示)"),
    CaseAction.ask_extension: _l("Why more time is needed"),
    CaseAction.refuse_extension: _l("Why the request is refused"),
}

ORIGIN_BADGES = {CategoryOrigin.computed: "badge-info", CategoryOrigin.confirmed: "badge-success",
                 CategoryOrigin.manual: "badge-secondary"}


def _in_touch(case) -> list:
    """Other units' recent contacts with this case's complainants (a unit account sees its own apart)."""
    own = access.own_unit_ids(current_user) if current_user.role == Role.unit else set()
    return workflow.others_in_touch(case, own, now_local(), current_app.config["CONTACT_QUIET_DAYS"])


class CaseRecordMixin:
    """Something a unit records on a case (a contact with the complainant, site work): opened from the
    case page it starts on that case and the account's unit, and it remembers who recorded it."""

    def create_form(self, obj=None):
        form = super().create_form(obj)
        if request.method == "GET":
            if valid_pk(request.args.get("case", "")):
                form.case.data = db.session.scalars(sa.select(Case).where(
                    Case.id == int(request.args["case"]), access.visible(current_user, Case))).first()
            if current_user.unit is not None:
                form.unit.data = current_user.unit
        return form

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if is_created:
            model.recorded_by = current_user._get_current_object()


class CitizenContactView(CaseRecordMixin, SecureModelView):
    """联系诉求人记录: who got in touch with a case's complainant, when and how."""

    column_list = ("case", "unit", "at", "method", "note", "recorded_by")
    column_default_sort = ("at", True)
    column_filters = ("at", "method", "unit.name")
    column_searchable_list = ("note",)
    form_columns = ("case", "unit", "at", "method", "note")
    form_ajax_refs = {"case": _case_lookup("case"), "unit": _unit_lookup("unit")}
    extra_labels = {"at": _l("Contacted at"), "method": _l("How"), "note": _l("Note"),
                    "recorded_by": _l("Recorded by"), "unit.name": _l("Unit")}


    def after_model_change(self, form, model, is_created):
        others = workflow.others_in_touch(model.case, {model.unit_id}, model.at,
                                          current_app.config["CONTACT_QUIET_DAYS"])
        if others:
            flash(gettext("Note: the complainant was contacted recently by %(units)s. Please coordinate with them "
                          "rather than contact the citizen again.",
                          units="、".join(sorted({other.unit.name for other in others}))), "warning")


class SiteVisitView(CaseRecordMixin, AttachmentsMixin, SecureModelView):
    """现场工作: joint site investigations (踏勘现场) and unannounced checks (暗访) on a case, with photos."""

    attachment_types = uploads.PHOTO_TYPES
    attachment_label = _l("Photos")
    column_list = ("case", "kind", "visited_on", "unit", "people", "findings")
    column_details_list = ("case", "kind", "visited_on", "unit", "people", "findings", "attachments", "recorded_by",
                           "recorded_at")
    column_formatters = {"findings": _shorten(60)}
    column_formatters_detail = {"attachments": _attachments}
    column_default_sort = ("visited_on", True)
    column_filters = ("kind", "visited_on", "unit.name")
    column_searchable_list = ("people", "findings")
    form_columns = ("case", "kind", "visited_on", "unit", "people", "findings")
    form_ajax_refs = {"case": _case_lookup("case"), "unit": _unit_lookup("unit")}
    extra_labels = {"kind": _l("Kind of site work"), "visited_on": _l("Date"), "unit": _l("Unit that went"),
                    "unit.name": _l("Unit that went"), "people": _l("Who went"), "findings": _l("What was found"),
                    "attachments": _l("Photos"), "recorded_by": _l("Recorded by"), "recorded_at": _l("Recorded at")}



def _word_file(data: bytes, name: str):
    response = current_app.response_class(
        data, mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name + '.docx')}"
    return response


def _download_link(endpoint: str, text):
    return lambda v, c, m, n: Markup('<a href="{}">{}</a>').format(v.get_url(endpoint, id=m.id), text)


def _site_visits(case) -> Markup:
    """The case's site work the account may see, each linked to its record and photos."""
    visits = db.session.scalars(sa.select(SiteVisit).where(SiteVisit.case_id == case.id,
                                                           access.visible(current_user, SiteVisit))
                                .order_by(SiteVisit.visited_on)).all()
    return Markup("<br>").join(
        Markup('<a href="{}">{}</a>　{}　{}').format(url_for("site-visits.details_view", id=visit.id), visit,
                                                   visit.unit.name, visit.people)
        for visit in visits)


def _category_reasons(case) -> Markup:
    """Each category with where it came from and, in words, why it applies."""
    items = []
    for category, text, holds in rules.explain(case):
        note = "" if holds else gettext("(the rule no longer holds; kept because a person set or confirmed it)")
        items.append(Markup('<li><strong>{}</strong> <span class="badge {}">{}</span>{}{}{}</li>').format(
            category.code.label, ORIGIN_BADGES[category.origin], category.origin.label, "：" if text else "",
            text, note))
    return Markup('<ul class="list-unstyled category-reasons">{}</ul>').format(Markup("").join(items))


class MeetingView(SecureModelView):
    column_list = ("number", "title", "held_at", "place", "status", "convener")
    column_details_list = ("number", "document", "title", "held_at", "place", "status", "convener", "units",
                           "members", "cases", "minutes", "decisions", "created_at", "updated_at")
    column_searchable_list = ("number", "title", "place")
    column_filters = ("held_at", "status", "units.name")
    column_sortable_list = ("number", "title", "held_at", "status")
    column_default_sort = ("held_at", True)
    column_formatters = {"units": _linked_list, "members": _linked_list, "cases": _linked_list,
                         "decisions": _linked_list}
    column_formatters_detail = {**column_formatters,
                                "document": _download_link(".document_view", _l("Download the minutes (Word)"))}
    form_columns = ("title", "held_at", "place", "status", "convener", "units", "members", "cases",
                    "minutes")
    form_ajax_refs = {
        "units": _unit_lookup("units"),
        "convener": _member_lookup("convener"),
        "members": _member_lookup("members"),
        "cases": _case_lookup("cases"),
    }
    inline_models = [(Decision, {
        "form_columns": ("id", "case", "lead_unit", "co_units", "measures", "deadline_days", "deadline"),
        "form_ajax_refs": {
            "case": _case_lookup("case"),
            "lead_unit": _unit_lookup("lead_unit"),
            "co_units": _unit_lookup("co_units"),
        },
        "column_labels": {"case": _l("Case"), "lead_unit": _l("Lead unit"), "co_units": _l("Co-units"),
                          "measures": _l("Measures"), "deadline_days": _l("Deadline (working days)"),
                          "deadline": _l("Deadline")},
    })]
    extra_labels = {"held_at": _l("Held at"), "place": _l("Place"), "convener": _l("Convener"),
                    "units": _l("Attending units"), "units.name": _l("Attending unit"),
                    "members": _l("Attending members"), "cases": _l("Cases discussed"), "minutes": _l("Minutes"),
                    "document": _l("Document"),
                    "decisions": _l("Decisions")}

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        model.assign_number(db.session)
        # A deadline given in working days lands on a real working day after the meeting.
        for decision in model.decisions:
            if decision.deadline is None and decision.deadline_days and model.held_at:
                decision.deadline = workdays.add_workdays(model.held_at.date(), decision.deadline_days)

    @expose("/document/")
    def document_view(self):
        """会议纪要 as a Word file, for whoever may see the meeting."""
        meeting = self.get_one(request.args.get("id", ""))
        return _word_file(documents.minutes_document(meeting), meeting.number)

    def after_model_change(self, form, model, is_created):
        """Cases discussed move on, decisions issue their slips, and the notices go out."""
        workflow.meeting_saved(model, current_user._get_current_object())
        db.session.commit()
        queue_notifications()


class SlipView(CirculatedListMixin, AttachmentsMixin, SecureModelView):
    column_list = ("number", "case", "unit", "deadline", "status", "issued_at", "review")
    column_select_related_list = (Slip.case, Slip.unit)
    circulation_title = _l("Yulin 12345 hotline rapid-linkage slip list")
    circulation_columns = (("number", 16, True), ("case", 28, False), ("unit", 18, False), ("requirement", 30, False),
                           ("deadline", 14, True), ("status", 10, True), ("signed_at", 16, True),
                           ("feedback_at", 16, True), ("review", 10, True))
    column_details_list = ("number", "document", "case", "unit", "requirement", "deadline", "status", "issued_by",
                           "issued_at", "signed_by", "signed_at", "verified", "rectification", "rectify_by",
                           "policy_explanation", "root_cause", "similar_cases", "feedback", "attachments",
                           "feedback_by", "feedback_at", "review", "review_reason", "reviewed_at", "follow_up_result")
    column_formatters_detail = {"document": _download_link(".document_view", _l("Download the slip (Word)")),
                                "attachments": _attachments}
    column_searchable_list = ("number", "requirement", "feedback")
    column_filters = ("unit.name", "status", "deadline", "issued_at", "review")
    column_sortable_list = ("number", "deadline", "status", "issued_at", ("unit", "unit.name"))
    column_default_sort = ("deadline", False)
    form_columns = ("case", "unit", "requirement", "deadline", "status", "verified", "rectification", "rectify_by",
                    "policy_explanation", "root_cause", "similar_cases", "feedback", "review", "review_reason",
                    "follow_up_result")
    form_ajax_refs = {
        "unit": _unit_lookup("unit"),
        "case": _case_lookup("case"),
    }
    extra_labels = {"unit": _l("Responsible unit"), "unit.name": _l("Responsible unit"), "document": _l("Document"),
                    "requirement": _l("Requirement"), "issued_by": _l("Issued by"), "issued_at": _l("Issued at"),
                    "feedback": _l("Feedback"), "feedback_by": _l("Feedback by"), "feedback_at": _l("Feedback at"),
                    "review": _l("Review"), "review_reason": _l("Review reason"), "reviewed_at": _l("Reviewed at"),
                    "signed_by": _l("Signed for by"), "signed_at": _l("Signed for at"),
                    "verified": _l("Complaint verified"), "rectification": _l("Rectification done or planned"),
                    "rectify_by": _l("Rectification time limit"), "policy_explanation": _l("Policy explained to the citizen"),
                    "root_cause": _l("Root cause found"), "similar_cases": _l("Similar cases dealt with"),
                    "attachments": _l("Attachments")}

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if is_created:
            model.issued_by = current_user._get_current_object()
        if current_user.role == Role.unit:
            try:
                workflow.check_answer(model)
            except workflow.Refused as exc:
                raise ValidationError(str(exc)) from exc
            model.record_feedback(current_user._get_current_object())
        model.assign_number(db.session)

    def is_action_allowed(self, name):
        if name == "sign":
            return access.allowed(current_user, access.EDIT, Slip)
        return super().is_action_allowed(name)

    @action("sign", _l("Sign for"), _l("Sign for the selected slips? The office sees who signed and when."))
    def action_sign(self, ids):
        if not self.is_action_allowed("sign"):
            abort(403)
        slips = self.get_query().filter(Slip.id.in_([int(i) for i in ids if valid_pk(i)]),
                                        access.writable(current_user, Slip)).all()
        signed = sum(slip.sign(current_user._get_current_object()) for slip in slips)
        db.session.commit()
        flash(gettext("%(count)d slip(s) signed for.", count=signed), "success")

    def after_model_change(self, form, model, is_created):
        """An answer or a review moves the case on; the unit's liaisons hear of a new slip at once."""
        workflow.slip_saved(model, current_user._get_current_object())
        db.session.commit()
        queue_notifications()

    @expose("/document/")
    def document_view(self):
        """The slip as a Word file in the official layout, for whoever may see the slip."""
        slip = self.get_one(request.args.get("id", ""))
        return _word_file(documents.slip_document(slip), slip.number)


class UserView(SecureModelView):
    column_list = ("username", "display_name", "role", "unit", "active", "last_login_at")
    column_searchable_list = ("username", "display_name")
    column_filters = ("role", "active", "unit.name")
    column_sortable_list = ("username", "role", "last_login_at")
    column_default_sort = ("username", False)
    column_details_list = ("username", "display_name", "role", "unit", "active", "last_login_at", "created_at",
                           "updated_at")
    form_columns = ("username", "display_name", "role", "unit", "active", "password")
    form_extra_fields = {"password": PasswordField(_l("New password"), validators=[Optional(), Length(min=8)],
                                                   description=_l("At least 8 characters; leave empty to keep "
                                                                  "the current password."))}
    form_ajax_refs = {"unit": _unit_lookup("unit")}
    extra_labels = {"username": _l("Username"), "display_name": _l("Display name"), "role": _l("Role"),
                    "unit.name": _l("Unit"), "last_login_at": _l("Last login")}

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if model.role == Role.unit and model.unit is None:
            raise ValidationError(gettext("A unit account must be bound to its unit."))
        if form.password.data:
            model.set_password(form.password.data)
        elif is_created:
            raise ValidationError(gettext("A new account needs a password."))

    def on_model_delete(self, model):
        super().on_model_delete(model)
        if model.id == current_user.id:
            raise ValidationError(gettext("You cannot delete the account you are logged in with."))


TOPIC_LABELS = {
    "": _l("(by similar wording)"), "noise": _l("Noise"), "water": _l("Water supply"), "power": _l("Power supply"),
    "sewage": _l("Drainage and sewage"), "garbage": _l("Garbage and smells"), "road": _l("Road damage"),
    "streetlight": _l("Street lights"), "building": _l("Illegal building"), "parking": _l("Parking"),
    "wages": _l("Unpaid wages"), "property": _l("Property management"), "housing": _l("Housing and certificates"),
    "pollution": _l("Smoke, dust and pollution"), "food": _l("Food safety"), "traffic": _l("Traffic"),
    "animals": _l("Animals and pests"), "education": _l("Schools"), "medical": _l("Health care"),
}


def _place(view, context, model, name):
    kind, _, place = model.place_key.partition(":")
    if kind == "tel":
        return gettext("the same caller (no usable address)")
    if kind == "wo":
        return gettext("this contact alone (no address or phone)")
    return place.replace("|", " ")


class ProblemGroupView(SecureModelView):
    """问题分组: the contacts the system (or a person) judged to be one problem, and why."""

    can_view_details = True
    column_list = ("id", "place_key", "topic", "contact_count", "first_at", "last_at", "manual")
    column_details_list = ("id", "place_key", "topic", "contact_count", "first_at", "last_at", "manual", "contacts")
    column_filters = ("topic", "contact_count", "last_at", "manual")
    column_sortable_list = ("id", "contact_count", "first_at", "last_at")
    column_default_sort = ("last_at", True)
    column_searchable_list = ("place_key",)
    column_choices = {"topic": list(TOPIC_LABELS.items())}
    column_formatters = {"place_key": _place, "topic": lambda v, c, m, n: TOPIC_LABELS.get(m.topic, m.topic)}
    column_formatters_detail = {**column_formatters, "contacts": lambda v, c, m, n: _group_contacts(m)}
    extra_labels = {"place_key": _l("Place of the problem"), "topic": _l("Matter"), "contact_count": _l("Contacts"),
                    "first_at": _l("First call"), "last_at": _l("Latest call"), "manual": _l("Grouped by hand"),
                    "contacts": _l("Contacts")}

    @action("merge", _l("Merge into one problem (并单)"),
            _l("Merge the selected groups into the oldest of them? The system will not split them again."))
    def action_merge(self, ids):
        if not access.allowed(current_user, access.REGROUP, ProblemGroup):
            abort(403)
        groups = self.get_query().filter(ProblemGroup.id.in_([int(i) for i in ids if valid_pk(i)])) \
            .order_by(ProblemGroup.first_at, ProblemGroup.id).all()
        if len(groups) < 2:
            flash(gettext("Select at least two problem groups to merge."), "error")
            return
        moved = grouping.merge(groups[0].id, [group.id for group in groups[1:]])
        rules.apply(rules.Scope.of_groups([groups[0].id]))
        db.session.commit()
        flash(gettext("Merged into problem group #%(group)d: %(count)d contact(s).", group=groups[0].id,
                      count=moved), "success")

    def is_action_allowed(self, name):
        return name == "merge" and access.allowed(current_user, access.REGROUP, ProblemGroup)


def _group_contacts(group) -> Markup:
    """The contacts of a group: when, how, where they were sent, and what they said."""
    visible = access.permitted_ids(current_user, Contact, [contact.id for contact in group.contacts])
    rows = Markup("").join(
        Markup("<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>").format(
            url_for("contacts.details_view", id=contact.id), contact.work_order,
            contact.received_at.strftime("%Y-%m-%d %H:%M"), contact.channel.label,
            "、".join(unit.name for unit in contact.transfer_units), contact.content[:80])
        for contact in group.contacts if contact.id in visible)
    header = Markup("<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>").format(
        gettext("Work-order number"), gettext("Received at"), gettext("Channel"), gettext("Transferred to"),
        gettext("Request"))
    return Markup('<table class="table table-sm mb-0">{}{}</table>').format(header, rows)


VARIABLE_LABELS = {
    "name": _l("the recipient's name"), "unit": _l("the unit"), "slip_number": _l("slip number"),
    "case_number": _l("case number"), "case_title": _l("case title"), "requirement": _l("requirement"),
    "deadline": _l("deadline"), "days": _l("working days overdue"), "meeting_title": _l("meeting"),
    "meeting_time": _l("meeting time"), "meeting_place": _l("meeting place"), "bulletin_title": _l("bulletin title"),
    "bulletin_body": _l("bulletin text"), "link": _l("link to the record"),
}


def _variables(event: NotificationEvent) -> str:
    return "；".join(f"${{{name}}} {VARIABLE_LABELS[name]}" for name in notify.VARIABLES[event])


class MessageTemplateView(SecureModelView):
    """消息模板: the wording of each event's SMS, email and robot messages, edited by the office."""

    column_list = ("event", "sms_code", "sms_text", "email_subject", "updated_at")
    column_details_list = ("event", "variables", "sms_code", "sms_text", "email_subject", "email_body", "robot_text",
                           "updated_at")
    column_default_sort = ("id", False)
    column_formatters_detail = {"variables": lambda v, c, m, n: _variables(m.event)}
    form_columns = ("sms_code", "sms_text", "email_subject", "email_body", "robot_text")
    extra_labels = {"event": _l("Event"), "variables": _l("Values you can use"), "sms_code": _l("SMS template code"),
                    "sms_text": _l("SMS text"), "email_subject": _l("Email subject"), "email_body": _l("Email text"),
                    "robot_text": _l("Group robot text")}
    form_args = {
        "sms_code": {"description": _l("The code the SMS provider gave this template when it approved it.")},
        "sms_text": {"description": _l("Must match the text approved by the SMS provider.")},
        "robot_text": {"description": _l("Posted to the working group's chat for meeting notices, meeting "
                                         "reminders and bulletins only.")},
    }
    form_widget_args = {"sms_text": {"rows": 3}, "email_body": {"rows": 8}, "robot_text": {"rows": 3}}

    def edit_form(self, obj=None):
        form = super().edit_form(obj)
        if obj is not None:
            form.sms_text.description = gettext("Values you can use: %(names)s", names=_variables(obj.event))
        return form

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        unknown = notify.unknown_placeholders(model.event, model.sms_text, model.email_subject, model.email_body,
                                              model.robot_text)
        if unknown:
            raise ValidationError(gettext("These values do not exist for this message: %(unknown)s. "
                                          "You can use: %(names)s", unknown="、".join(f"${{{name}}}" for name in unknown),
                                          names=_variables(model.event)))


def _recipient(view, context, model, name):
    return model.recipient_name or gettext("Working-group chat")


def _sent_to(view, context, model, name):
    return gettext("Written to the log only") if model.address == "log" else model.address


def _params(view, context, model, name):
    return "；".join(f"{VARIABLE_LABELS.get(key, key)}：{value}" for key, value in (model.params or {}).items())


def _machine_text(view, context, model, name):
    """A provider's reply or reference, shown as it came."""
    value = getattr(model, name)
    return Markup("<code>{}</code>").format(value) if value else ""


class NotificationView(SecureModelView):
    """消息记录: every message with its status; the office sends again, cancels or confirms."""

    column_list = ("created_at", "event", "channel", "recipient_name", "address", "body", "status", "failure",
                   "attempts", "not_before", "sent_at")
    column_details_list = ("event", "case", "channel", "recipient_name", "member", "address",
                           "subject", "body", "template_code", "params", "status", "attempts", "not_before",
                           "claimed_at", "sent_at", "provider_ref", "failure", "last_error", "created_at",
                           "updated_at")
    column_filters = ("status", "channel", "event", "failure", "recipient_name", "created_at", "sent_at")
    column_searchable_list = ("recipient_name", "address", "body", "provider_ref")
    column_sortable_list = ("created_at", "event", "channel", "status", "attempts", "not_before", "sent_at")
    column_default_sort = ("id", True)
    column_formatters = {"recipient_name": _recipient, "address": _sent_to, "body": _shorten(40), "params": _params}
    column_formatters_detail = {"recipient_name": _recipient, "address": _sent_to, "params": _params,
                                "template_code": _machine_text, "provider_ref": _machine_text,
                                "last_error": _machine_text}
    extra_labels = {"event": _l("Event"), "channel": _l("Sent by"),
                    "recipient_name": _l("Recipient"), "member": _l("Group member"), "address": _l("Sent to"),
                    "subject": _l("Subject"), "body": _l("Message"), "template_code": _l("SMS template code"),
                    "params": _l("SMS template values"), "attempts": _l("Attempts"), "not_before": _l("Send from"),
                    "claimed_at": _l("Last attempt at"), "sent_at": _l("Sent at"),
                    "provider_ref": _l("Provider reference"), "failure": _l("Problem"),
                    "last_error": _l("Technical detail")}

    def is_action_allowed(self, name):
        return name in ("resend", "cancel", "confirm") and access.allowed(current_user, access.RESEND, Notification)

    def _chosen(self, ids) -> list[Notification]:
        if not self.is_action_allowed("resend"):
            abort(403)
        return self.get_query().filter(Notification.id.in_([int(i) for i in ids if valid_pk(i)])).all()

    @action("resend", _l("Send again"),
            _l("Send the selected held, failed or cancelled messages again? A held message may then arrive twice."))
    def action_resend(self, ids):
        count = notify.send_again(self._chosen(ids), now_local())
        db.session.commit()
        queue_notifications()
        flash(gettext("%(count)d message(s) will be sent again.", count=count), "success")

    @action("cancel", _l("Cancel"), _l("Cancel the selected messages that have not been sent?"))
    def action_cancel(self, ids):
        count = notify.cancel(self._chosen(ids))
        db.session.commit()
        flash(gettext("%(count)d message(s) cancelled.", count=count), "success")

    @action("confirm", _l("Confirm delivered"),
            _l("Mark the selected held messages as delivered (you checked that they arrived)?"))
    def action_confirm(self, ids):
        count = notify.confirm_delivered(self._chosen(ids), now_local())
        db.session.commit()
        flash(gettext("%(count)d message(s) marked as delivered.", count=count), "success")


def _ranking_table(rows: list[dict] | None) -> Markup:
    if not rows:
        return Markup("")
    labels = assessment.table_labels()
    head = Markup("").join(Markup("<th>{}</th>").format(labels[name]) for name, _ in assessment.TABLE)
    body = Markup("").join(
        Markup("<tr>{}</tr>").format(Markup("").join(Markup("<td>{}</td>").format(row[name])
                                                     for name, _ in assessment.TABLE))
        for row in rows)
    return Markup('<table class="table table-sm table-bordered ranking"><thead><tr>{}</tr></thead>'
                  "<tbody>{}</tbody></table>").format(head, body)


class BulletinView(SecureModelView):
    """通报: the office writes a bulletin and publishes it to the members (email, SMS, group robot)."""

    column_list = ("title", "published_at", "published_by", "updated_at")
    column_details_list = ("title", "document", "body", "figures", "published_at", "published_by", "created_at",
                           "updated_at")
    column_formatters_detail = {
        "document": lambda v, c, m, n: Markup("{}　{}").format(
            _download_link(".document_view", _l("Download the bulletin (Word)"))(v, c, m, n),
            _download_link(".workbook_view", _l("Download the ranking (Excel)"))(v, c, m, n) if m.figures else ""),
        "figures": lambda v, c, m, n: _ranking_table(m.figures),
        "body": lambda v, c, m, n: Markup("<br>").join((m.body or "").splitlines()),
    }
    column_searchable_list = ("title", "body")
    column_filters = ("published_at",)
    column_default_sort = ("id", True)
    column_formatters = {"published_at": lambda v, c, m, n: m.published_at or gettext("Draft")}
    form_columns = ("title", "body")
    form_widget_args = {"body": {"rows": 12}}
    extra_labels = {"body": _l("Text"), "published_at": _l("Published at"), "published_by": _l("Published by"),
                    "document": _l("Document"), "figures": _l("Figures and ranking")}

    @expose("/document/")
    def document_view(self):
        """The bulletin as a Word file in the official layout."""
        bulletin = self.get_one(request.args.get("id", ""))
        return _word_file(documents.bulletin_document(bulletin, now_local().date()), bulletin.title)

    @expose("/workbook/")
    def workbook_view(self):
        """The bulletin's ranking table as an Excel workbook."""
        bulletin = self.get_one(request.args.get("id", ""))
        if not bulletin.figures:
            abort(404)
        return _xlsx(_ranking_workbook(bulletin.title, bulletin.figures), f"{bulletin.title}.xlsx")

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if not is_created and model.published_at is not None:
            raise ValidationError(gettext("A published bulletin cannot be changed."))

    def on_model_delete(self, model):
        super().on_model_delete(model)
        if model.published_at is not None:
            raise ValidationError(gettext("A published bulletin cannot be deleted."))

    def is_action_allowed(self, name):
        if name == "publish":
            return access.allowed(current_user, access.PUBLISH, Bulletin)
        return super().is_action_allowed(name)

    @action("publish", _l("Publish"), _l("Publish the selected bulletins? They are sent to every group member "
                                         "and to the working group's chat, and cannot be changed afterwards."))
    def action_publish(self, ids):
        if not self.is_action_allowed("publish"):
            abort(403)
        drafts = self.get_query().filter(Bulletin.id.in_([int(i) for i in ids if valid_pk(i)]),
                                         Bulletin.published_at.is_(None)).all()
        for bulletin in drafts:
            bulletin.published_at, bulletin.published_by = now_local(), current_user._get_current_object()
        db.session.commit()
        queue_notifications()
        flash(gettext("%(count)d bulletin(s) published.", count=len(drafts)), "success")


class WorkdayOverrideView(SecureModelView):
    """工作日历: the office's corrections to the State Council schedule, e.g. next year's holidays."""

    column_list = ("day", "workday", "note", "updated_at")
    column_default_sort = ("day", True)
    column_filters = ("day", "workday")
    form_columns = ("day", "workday", "note")
    extra_labels = {"day": _l("Date"), "workday": _l("Working day"), "note": _l("Note")}
    form_args = {"workday": {"description": _l("Ticked: a working day (e.g. a make-up workday); "
                                               "not ticked: a day off.")}}


class AuditLogView(SecureModelView):
    """操作日志: the office reads it; nobody can add, change or delete entries here."""

    column_list = ("at", "username", "role", "action", "model", "record_id", "address", "detail")
    column_details_list = ("at", "user_id", "username", "role", "action", "model", "record_id", "address", "detail",
                           "changes")
    column_searchable_list = ("username", "record_id", "detail")
    column_filters = ("at", "username", "action", "model", "record_id")
    column_sortable_list = ("at", "username", "action", "model")
    column_default_sort = ("at", True)
    column_formatters = {"detail": _shorten(60), "role": lambda v, c, m, n: Role(m.role).label if m.role else "",
                         "changes": lambda v, c, m, n: _changes_table(m.model, m.changes)}
    extra_labels = {"at": _l("Time"), "user_id": _l("Account ID"), "username": _l("Account"), "role": _l("Role"),
                    "action": _l("Action"), "model": _l("Record type"), "record_id": _l("Record ID"),
                    "address": _l("Address (IP)"), "detail": _l("Detail"), "changes": _l("Changes")}

    def __init__(self, model, database, **kwargs):
        # Record types by their Chinese names, in the list and in the filter's options.
        self.column_choices = {"model": [(screen_model.__name__, name) for _, screen_model, name, _, _ in SCREENS]
                               + [(name, label) for name, label in OTHER_RECORD_TYPES.items()]}
        super().__init__(model, database, **kwargs)

    def on_model_change(self, form, model, is_created):
        raise ValidationError(gettext("The audit trail cannot be changed."))

    def on_model_delete(self, model):
        raise ValidationError(gettext("The audit trail cannot be changed."))


# Records without a screen of their own that the audit trail speaks of.
OTHER_RECORD_TYPES = {"ApiToken": _l("API token"), "CaseCategory": _l("Category"), "Decision": _l("Decisions"),
                      "ContactGroup": _l("Problem group"), "Attachment": _l("Attachments")}
AUDIT_FIELD_LABELS = {"password_hash": _l("Password"), "token_hash": _l("API token"), "year": _l("Year"),
                      "seq": _l("Sequence number"), "user_id": _l("Account ID"), "meeting_id": _l("Meetings"),
                      "code": _l("Category"), "origin": _l("Origin"), "reason": _l("Why it applies"),
                      "measures": _l("Measures"), "deadline_days": _l("Deadline (working days)")}


def _field_labels(model_name: str | None) -> dict:
    """Chinese labels of a model's fields, for reading the audit trail."""
    for view_class, model, _, _, _ in SCREENS:
        if model.__name__ == model_name:
            return {**COMMON_LABELS, **AUDIT_FIELD_LABELS, **view_class.extra_labels}
    return {**COMMON_LABELS, **AUDIT_FIELD_LABELS}


def _changes_table(model_name: str | None, changes) -> Markup:
    if not changes:
        return Markup("")
    labels = _field_labels(model_name)
    model = next((mapper.class_ for mapper in db.Model.registry.mappers if mapper.class_.__name__ == model_name), None)
    codes = _enum_columns(model) if model is not None else {}

    def label(field: str):
        return labels.get(field) or labels.get(field.removesuffix("_id"), field)

    def shown(field: str, value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        if isinstance(value, list):
            return "、".join(str(item) for item in value)
        if field in codes:
            return codes[field](value).label
        return value

    def pair(field: str, value) -> tuple:
        before, after = value if isinstance(value, list) and len(value) == 2 else (None, value)
        return shown(field, before), shown(field, after)

    rows = Markup("").join(
        Markup("<tr><th>{}</th><td>{}</td><td>{}</td></tr>").format(label(field), *pair(field, value))
        for field, value in changes.items())
    header = Markup("<tr><th>{}</th><th>{}</th><th>{}</th></tr>").format(
        gettext("Field"), gettext("Before"), gettext("After"))
    return Markup('<table class="table table-sm mb-0">{}{}</table>').format(header, rows)


class ImportView(BaseView):
    """导入诉求: upload a work-order export; a worker imports it while the page shows progress."""

    def is_accessible(self) -> bool:
        return has_request_context() and access.allowed(current_user, access.CREATE, Contact)

    def inaccessible_callback(self, name, **kwargs):
        return login_or_forbidden()

    @expose("/", methods=("GET", "POST"))
    def index(self):
        form = UploadForm()
        if form.validate_on_submit():
            upload = form.file.data
            token = secrets.token_hex(16)
            get_redis().set(jobs.upload_key(token), upload.read(), ex=jobs.UPLOAD_TTL)
            job = get_queue().enqueue(jobs.import_contacts, token, upload.filename, form.add_units.data,
                                      job_timeout=3600, result_ttl=7 * 86400, retry=jobs.RETRY,
                                      meta={"user_id": current_user.id, "filename": upload.filename})
            return redirect(url_for(".status", job_id=job.id))
        return self.render("admin/import.html", form=form)

    def _job(self, job_id: str):
        try:
            job = Job.fetch(job_id, connection=get_redis())
        except NoSuchJobError:
            abort(404)
        if job.meta.get("user_id") != current_user.id and not access.oversees_jobs(current_user):
            abort(404)
        return job

    @expose("/<job_id>/")
    def status(self, job_id):
        job = self._job(job_id)
        return self.render("admin/import_status.html", job=job, state=_job_state(job))

    @expose("/<job_id>/state")
    def state(self, job_id):
        return jsonify(_job_state(self._job(job_id)))


def _job_state(job) -> dict:
    status = job.get_status(refresh=True)
    done, total = job.meta.get("progress", [0, 0])
    return {"status": str(status.value if hasattr(status, "value") else status), "done": done, "total": total,
            "result": job.return_value() if status == "finished" else None,
            "filename": job.meta.get("filename")}


class UploadForm(FlaskForm):
    file = FileField(_l("Work-order export (CSV or XLSX)"), widget=ChooseFiles(), validators=[
        FileRequired(_l("Choose a file.")),
        FileAllowed(["csv", "xlsx"], _l("Only CSV or XLSX files can be imported.")),
        FileSize(max_size=50 * 1024 * 1024, message=_l("The file is larger than 50 MB.")),
    ])
    add_units = BooleanField(_l("Add units the roster does not know (kind: other)"))


def _xlsx(data: bytes, filename: str):
    response = current_app.response_class(
        data, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _ranking_workbook(title: str, rows: list[dict]) -> bytes:
    labels = assessment.table_labels()
    columns = [workbooks.Column(labels[name], width, centred=name != "unit") for name, width in assessment.TABLE]
    note = gettext("Made by %(user)s on %(time)s; cases not made public left out",
                   user=current_user.display_name or current_user.username, time=notify.long_datetime(now_local()))
    return workbooks.circulation_workbook(title, note, columns, ([row[name] for name, _ in assessment.TABLE]
                                                                for row in rows))


class AssessmentView(BaseView):
    """考核统计: each lead unit's figures for a period, its rank, who is praised or criticised and why;
    the office turns a period into a bulletin draft."""

    def is_accessible(self) -> bool:
        return has_request_context() and access.allowed(current_user, access.ASSESS, Unit)

    def inaccessible_callback(self, name, **kwargs):
        return login_or_forbidden()

    def _period(self) -> tuple[assessment.Period, str | None]:
        """The period asked for (last month unless said), or last month and what was wrong."""
        fallback = assessment.Period.last_month(now_local().date())
        try:
            start = date.fromisoformat(request.values["start"]) if request.values.get("start") else fallback.start
            end = date.fromisoformat(request.values["end"]) if request.values.get("end") else fallback.end
        except ValueError:
            return fallback, gettext("Give the dates as YYYY-MM-DD.")
        if end < start:
            return fallback, gettext("The end of the period is before its start.")
        return assessment.Period(start, end), None

    @expose("/")
    def index(self):
        period, problem = self._period()
        if problem:
            flash(problem, "error")
        rows = assessment.figures(period, now_local().date())
        return self.render("admin/assessment.html", period=period,
                           ranking=_ranking_table([assessment.table_row(row) for row in rows]),
                           praised=assessment.praised(rows), criticised=assessment.criticised(rows),
                           typed={"start": request.args.get("start", period.start.isoformat()),
                                  "end": request.args.get("end", period.end.isoformat())},
                           may_draft=access.allowed(current_user, access.CREATE, Bulletin))

    @expose("/workbook/")
    def workbook(self):
        """The ranking as an Excel workbook for circulation (cases not made public left out)."""
        period, problem = self._period()
        if problem:
            abort(400)
        rows = assessment.figures(period, now_local().date(), public_only=True)
        title = gettext("Figures and ranking of the units, %(period)s", period=assessment.period_label(period))
        audit.record(AuditAction.export, "Assessment", detail=f"{period.start}..{period.end}")
        return _xlsx(_ranking_workbook(title, [assessment.table_row(row) for row in rows]), f"{title}.xlsx")

    @expose("/draft/", methods=("POST",))
    def draft(self):
        """A bulletin draft for the period, opened for the office to edit its wording."""
        if not access.allowed(current_user, access.CREATE, Bulletin):
            abort(403)
        period, problem = self._period()
        if problem:
            flash(problem, "error")
            return redirect(url_for(".index"))
        bulletin = assessment.draft_bulletin(period, now_local().date())
        db.session.add(bulletin)
        db.session.commit()
        flash(gettext("A bulletin draft was made; edit its wording, then publish it."), "success")
        return redirect(url_for("bulletins.edit_view", id=bulletin.id))


class DashboardView(AdminIndexView):
    """工作台: what needs the office's attention."""

    def is_accessible(self) -> bool:
        return current_user.is_authenticated

    def inaccessible_callback(self, name, **kwargs):
        return login_or_forbidden()

    @expose("/")
    def index(self):
        cases = next(view for view in self.admin._views if getattr(view, "model", None) is Case)
        return self.render("admin/dashboard.html", summary=dashboard.summary(current_user),
                           charts=dashboard.charts(current_user), ranking_table=_ranking_table,
                           level_colors=dashboard.LEVEL_COLORS,
                           status_url=lambda status: cases.filtered_url("status", status.value),
                           level_url=lambda level: cases.filtered_url("level", level.value))


SCREENS = (
    (UnitView, Unit, _l("Member units"), "units", "fa-building"),
    (MemberView, Member, _l("Group members"), "members", "fa-users"),
    (ContactView, Contact, _l("Contacts"), "contacts", "fa-phone"),
    (ProblemGroupView, ProblemGroup, _l("Problem groups"), "groups", "fa-object-group"),
    (CaseView, Case, _l("Cases"), "cases", "fa-folder-open"),
    (MeetingView, Meeting, _l("Meetings"), "meetings", "fa-handshake-o"),
    (SlipView, Slip, _l("Slips"), "slips", "fa-file-text-o"),
    (SiteVisitView, SiteVisit, _l("Site work"), "site-visits", "fa-map-marker"),
    (CitizenContactView, CitizenContact, _l("Contacts with complainants"), "citizen-contacts", "fa-commenting-o"),
    (BulletinView, Bulletin, _l("Bulletins"), "bulletins", "fa-bullhorn"),
    (NotificationView, Notification, _l("Messages"), "messages", "fa-envelope"),
    (MessageTemplateView, MessageTemplate, _l("Message templates"), "message-templates", "fa-pencil-square-o"),
    (UserView, User, _l("Users"), "users", "fa-user-circle"),
    (WorkdayOverrideView, WorkdayOverride, _l("Working-day calendar"), "workdays", "fa-calendar"),
    (AuditLogView, AuditLog, _l("Audit trail"), "audit", "fa-history"),
)


def init_admin(app) -> Admin:
    """A fresh Admin for each app: a module-level one would break the second ``create_app``."""
    admin = Admin(
        app,
        name=_l("12345 Rapid Linkage"),
        theme=Bootstrap4Theme(base_template="admin/hotline_base.html", fluid=True),
        index_view=DashboardView(name=_l("Workbench"), url="/admin", menu_icon_type="fa",
                                 menu_icon_value="fa-tachometer"),
        translations_path=str(PROJECT_ROOT / "translations"),
    )
    for view_class, model, name, endpoint, icon in SCREENS:
        admin.add_view(view_class(model, db, name=name, endpoint=endpoint, menu_icon_type="fa",
                                  menu_icon_value=icon))
    admin.add_view(ImportView(name=_l("Import contacts"), endpoint="import", menu_icon_type="fa",
                              menu_icon_value="fa-upload"))
    admin.add_view(AssessmentView(name=_l("Assessment"), endpoint="assessment", menu_icon_type="fa",
                                  menu_icon_value="fa-trophy"))
    return admin
