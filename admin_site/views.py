"""The admin panel: one secured base view and the declarative screens built on it."""

from __future__ import annotations

import logging

from flask import abort, current_app, flash, redirect, request, url_for
from flask_admin import Admin, AdminIndexView, expose
from flask_admin.contrib.sqla import ModelView
from flask_admin.model import typefmt
from flask_admin.theme import Bootstrap4Theme
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto
import sqlalchemy as sa
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError
from wtforms import PasswordField, ValidationError
from wtforms.validators import Email, Length, Optional

from . import dashboard
from .config import PROJECT_ROOT
from .models import (
    Case,
    CaseCategory,
    Contact,
    Decision,
    LabeledEnum,
    Meeting,
    Member,
    Role,
    Slip,
    Unit,
    User,
    db,
)

log = logging.getLogger(__name__)

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


def _lookup(fields: tuple[str, ...], placeholder, minimum_input_length: int = 0) -> dict:
    """A searchable AJAX lookup: relationship fields never load every row into a dropdown."""
    return {"fields": fields, "placeholder": placeholder, "page_size": 10,
            "minimum_input_length": minimum_input_length}


def _unit_lookup() -> dict:
    return _lookup(("name", "short_name"), _l("Type a unit name"))


def _case_lookup() -> dict:
    return _lookup(("number", "title"), _l("Type a case number or title"))


def _member_lookup() -> dict:
    return _lookup(("name", "position"), _l("Type a member's name"))


def _level_badge(view, context, model, name):
    level = getattr(model, name)
    if level is None:
        return ""
    return Markup('<span class="badge level-{}">{}</span>').format(level.value, level.label)


def _linked_list(view, context, model, name):
    return ", ".join(str(item) for item in getattr(model, name))


def _shorten(limit: int):
    def formatter(view, context, model, name):
        text = getattr(model, name) or ""
        return text if len(text) <= limit else text[:limit] + "…"

    return formatter


def _yes_no(view, value, name=None):
    return Markup('<span class="badge badge-{}">{}</span>').format(
        "success" if value else "light", gettext("Yes") if value else gettext("No"))


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


class AdminForm(FlaskForm):
    """Flask-WTF's CSRF and Chinese messages, keeping the edited row where Flask-Admin's
    uniqueness check looks for it (without it, saving a row flags its own name as taken)."""

    def __init__(self, formdata=_Auto, obj=None, prefix="", **kwargs):
        self._obj = obj
        super().__init__(formdata=formdata, obj=obj, prefix=prefix, **kwargs)


class SecureModelView(ModelView):
    """Base of every screen: login required, Chinese labels for codes, CSRF, sensible paging."""

    form_base_class = AdminForm
    allowed_roles: tuple[Role, ...] = (Role.office,)
    can_view_details = True
    can_set_page_size = True
    page_size = 20
    page_size_options = (20, 50, 100)
    details_modal = False
    extra_labels: dict = {}
    column_type_formatters = {**typefmt.BASE_FORMATTERS, bool: _yes_no}
    column_type_formatters_detail = {**typefmt.DETAIL_FORMATTERS, bool: _yes_no}

    def __init__(self, model, database, **kwargs):
        self.column_labels = {**COMMON_LABELS, **self.extra_labels}
        enum_columns = _enum_columns(model)  # "status" and, for filters, "categories.code"
        # Codes are stored in English; every screen shows and offers the Chinese label instead.
        choices = {key: enum_class.choices() for key, enum_class in enum_columns.items()}
        self.column_choices = {**choices, **(self.column_choices or {})}
        self.form_choices = {**choices, **(self.form_choices or {})}
        self.column_formatters = {**{key: _code_label for key in choices if "." not in key},
                                  **(self.column_formatters or {})}
        if self.inline_models:
            self.inline_models = [
                (inline_model, {"form_choices": {key: enum_class.choices()
                                                 for key, enum_class in _enum_columns(inline_model).items()},
                                **options})
                for inline_model, options in self.inline_models
            ]
        super().__init__(model, database, **kwargs)

    def is_accessible(self) -> bool:
        return current_user.is_authenticated and current_user.role in self.allowed_roles

    def inaccessible_callback(self, name, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path))
        abort(403)

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
    form_ajax_refs = {"parent": _unit_lookup()}
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
    form_ajax_refs = {"unit": _unit_lookup()}
    form_args = {"email": {"validators": [Optional(), Email()]}}
    extra_labels = {"position": _l("Position"), "group_role": _l("Role in the group"), "unit.name": _l("Unit"),
                    "receive_sms": _l("Receives SMS"), "receive_email": _l("Receives email")}


class ContactView(SecureModelView):
    column_list = ("work_order", "channel", "received_at", "complainant_name", "phone", "content",
                   "transfer_units", "satisfaction", "case")
    column_details_list = ("work_order", "channel", "received_at", "complainant_name", "phone", "address",
                           "content", "transfer_units", "returned_by", "result", "satisfaction", "case",
                           "created_at", "updated_at")
    column_searchable_list = ("work_order", "content", "address", "complainant_name", "phone")
    column_filters = ("channel", "received_at", "satisfaction", "transfer_units.name", "case.number")
    column_sortable_list = ("work_order", "channel", "received_at", "satisfaction")
    column_default_sort = ("received_at", True)
    column_formatters = {"content": _shorten(40), "transfer_units": _linked_list, "returned_by": _linked_list}
    form_columns = ("work_order", "channel", "received_at", "complainant_name", "phone", "address", "content",
                    "transfer_units", "returned_by", "result", "satisfaction", "case")
    form_ajax_refs = {
        "transfer_units": _unit_lookup(),
        "returned_by": _unit_lookup(),
        "case": _case_lookup(),
    }
    extra_labels = {"work_order": _l("Work-order number"), "channel": _l("Channel"),
                    "received_at": _l("Received at"), "complainant_name": _l("Complainant"),
                    "content": _l("Request"), "transfer_units": _l("Transferred to"),
                    "transfer_units.name": _l("Transferred to"), "returned_by": _l("Returned by"),
                    "result": _l("Result"), "case.number": _l("Case number")}


class CaseView(SecureModelView):
    column_list = ("number", "title", "status", "level", "categories", "lead_unit", "deadline", "source",
                   "updated_at")
    column_details_list = ("number", "title", "summary", "source", "categories", "status", "level", "jurisdiction",
                           "lead_unit", "co_units", "deadline", "contacts", "slips", "leader_instruction",
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
    form_columns = ("title", "summary", "source", "status", "level", "jurisdiction", "lead_unit",
                    "co_units", "deadline", "contacts", "leader_instruction", "leader_instruction_on",
                    "satisfaction", "follow_up_result", "publicity", "report_form")
    form_ajax_refs = {
        "jurisdiction": _unit_lookup(),
        "lead_unit": _unit_lookup(),
        "co_units": _unit_lookup(),
        "contacts": _lookup(("work_order",), _l("Type a work-order number"), minimum_input_length=1),
    }
    inline_models = [(CaseCategory, {"form_columns": ("id", "code", "origin", "legacy_reason", "reason"),
                                     "column_labels": {"code": _l("Category"), "origin": _l("Origin"),
                                                       "legacy_reason": _l("Legacy reason"),
                                                       "reason": _l("Why it applies")}})]
    extra_labels = {"summary": _l("Summary"), "source": _l("Source"), "level": _l("Level"),
                    "categories": _l("Categories"), "categories.code": _l("Category"),
                    "jurisdiction": _l("Jurisdiction"), "lead_unit.name": _l("Lead unit"),
                    "co_units.name": _l("Co-unit"), "contacts": _l("Contacts"), "slips": _l("Slips"),
                    "leader_instruction": _l("Leader instruction"),
                    "leader_instruction_on": _l("Instruction date"), "publicity": _l("Publicity"),
                    "report_form": _l("Report form")}

    def on_model_change(self, form, model, is_created):
        model.assign_number(db.session)


class MeetingView(SecureModelView):
    column_list = ("number", "title", "held_at", "place", "status", "convener")
    column_details_list = ("number", "title", "held_at", "place", "status", "convener", "units", "members",
                           "cases", "minutes", "decisions", "created_at", "updated_at")
    column_searchable_list = ("number", "title", "place")
    column_filters = ("held_at", "status", "units.name")
    column_sortable_list = ("number", "title", "held_at", "status")
    column_default_sort = ("held_at", True)
    column_formatters = {"units": _linked_list, "members": _linked_list, "cases": _linked_list,
                         "decisions": _linked_list}
    form_columns = ("title", "held_at", "place", "status", "convener", "units", "members", "cases",
                    "minutes")
    form_ajax_refs = {
        "units": _unit_lookup(),
        "convener": _member_lookup(),
        "members": _member_lookup(),
        "cases": _case_lookup(),
    }
    inline_models = [(Decision, {
        "form_columns": ("id", "case", "lead_unit", "co_units", "measures", "deadline_days", "deadline"),
        "form_ajax_refs": {
            "case": _case_lookup(),
            "lead_unit": _unit_lookup(),
            "co_units": _unit_lookup(),
        },
        "column_labels": {"case": _l("Case"), "lead_unit": _l("Lead unit"), "co_units": _l("Co-units"),
                          "measures": _l("Measures"), "deadline_days": _l("Deadline (working days)"),
                          "deadline": _l("Deadline")},
    })]
    extra_labels = {"held_at": _l("Held at"), "place": _l("Place"), "convener": _l("Convener"),
                    "units": _l("Attending units"), "units.name": _l("Attending unit"),
                    "members": _l("Attending members"), "cases": _l("Cases discussed"), "minutes": _l("Minutes"),
                    "decisions": _l("Decisions")}

    def on_model_change(self, form, model, is_created):
        model.assign_number(db.session)


class SlipView(SecureModelView):
    column_list = ("number", "case", "unit", "deadline", "status", "issued_at", "review")
    column_details_list = ("number", "case", "unit", "requirement", "deadline", "status", "issued_by", "issued_at",
                           "feedback", "feedback_by", "feedback_at", "review", "review_reason", "reviewed_at",
                           "follow_up_result")
    column_searchable_list = ("number", "requirement", "feedback")
    column_filters = ("unit.name", "status", "deadline", "issued_at", "review")
    column_sortable_list = ("number", "deadline", "status", "issued_at", ("unit", "unit.name"))
    column_default_sort = ("deadline", False)
    form_columns = ("case", "unit", "requirement", "deadline", "status", "feedback", "review",
                    "review_reason", "follow_up_result")
    form_ajax_refs = {
        "unit": _unit_lookup(),
        "case": _case_lookup(),
    }
    extra_labels = {"unit": _l("Responsible unit"), "unit.name": _l("Responsible unit"),
                    "requirement": _l("Requirement"), "issued_by": _l("Issued by"), "issued_at": _l("Issued at"),
                    "feedback": _l("Feedback"), "feedback_by": _l("Feedback by"), "feedback_at": _l("Feedback at"),
                    "review": _l("Review"), "review_reason": _l("Review reason"), "reviewed_at": _l("Reviewed at")}

    def on_model_change(self, form, model, is_created):
        if is_created:
            model.issued_by = current_user._get_current_object()
        model.assign_number(db.session)


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
    form_ajax_refs = {"unit": _unit_lookup()}
    extra_labels = {"username": _l("Username"), "display_name": _l("Display name"), "role": _l("Role"),
                    "unit.name": _l("Unit"), "last_login_at": _l("Last login")}

    def on_model_change(self, form, model, is_created):
        if model.role == Role.unit and model.unit is None:
            raise ValidationError(gettext("A unit account must be bound to its unit."))
        if form.password.data:
            model.set_password(form.password.data)
        elif is_created:
            raise ValidationError(gettext("A new account needs a password."))

    def on_model_delete(self, model):
        if model.id == current_user.id:
            raise ValidationError(gettext("You cannot delete the account you are logged in with."))


class DashboardView(AdminIndexView):
    """工作台: what needs the office's attention."""

    def is_accessible(self) -> bool:
        return current_user.is_authenticated

    def inaccessible_callback(self, name, **kwargs):
        return redirect(url_for("auth.login", next=request.full_path))

    @expose("/")
    def index(self):
        cases = next(view for view in self.admin._views if getattr(view, "model", None) is Case)
        return self.render("admin/dashboard.html", summary=dashboard.summary(),
                           status_url=lambda status: cases.filtered_url("status", status.value),
                           level_url=lambda level: cases.filtered_url("level", level.value))


SCREENS = (
    (UnitView, Unit, _l("Member units"), "units", "fa-building"),
    (MemberView, Member, _l("Group members"), "members", "fa-users"),
    (ContactView, Contact, _l("Contacts"), "contacts", "fa-phone"),
    (CaseView, Case, _l("Cases"), "cases", "fa-folder-open"),
    (MeetingView, Meeting, _l("Meetings"), "meetings", "fa-handshake-o"),
    (SlipView, Slip, _l("Slips"), "slips", "fa-file-text-o"),
    (UserView, User, _l("Users"), "users", "fa-user-circle"),
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
    return admin
