"""Office tools: accounts, the working-day calendar and the audit trail."""

from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from wtforms import PasswordField, ValidationError
from wtforms.validators import Length, Optional

from ..auth import MIN_PASSWORD_LENGTH, StrongPassword, renew_session
from ..models import (
    Role,
    db,
)
from .base import COMMON_LABELS, SecureModelView, enum_columns, fragment, shorten, unit_lookup


class UserView(SecureModelView):
    column_list = ("username", "display_name", "role", "unit", "active", "last_login_at")
    column_searchable_list = ("username", "display_name")
    column_filters = ("role", "active", "unit.name")
    column_sortable_list = ("username", "role", "last_login_at")
    column_default_sort = ("username", False)
    column_details_list = ("username", "display_name", "role", "unit", "active", "must_change_password",
                           "last_login_at", "created_at", "updated_at")
    form_columns = ("username", "display_name", "role", "unit", "active", "must_change_password", "password")
    form_extra_fields = {"password": PasswordField(
        _l("New password"),
        validators=[Optional(), Length(max=200),
                    StrongPassword(lambda form: (form.username.data, form.display_name.data))],
        description=_l("At least %(count)d characters and hard to guess; leave empty to keep the current password. "
                       "The account must change a password set here at its next login.", count=MIN_PASSWORD_LENGTH))}
    form_args = {"must_change_password": {"description": _l("Ticked: at the next login the account must choose a "
                                                            "new password before anything else.")}}
    form_ajax_refs = {"unit": unit_lookup("unit")}
    extra_labels = {"username": _l("Username"), "display_name": _l("Display name"), "role": _l("Role"),
                    "unit.name": _l("Unit"), "last_login_at": _l("Last login"),
                    "must_change_password": _l("Must change password at next login")}

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if model.role == Role.unit and model.unit is None:
            raise ValidationError(gettext("A unit account must be bound to its unit."))
        if form.password.data:
            model.set_password(form.password.data)  # ends the account's sessions
            # A password someone else knows is only for getting in once.
            if model.id != current_user.id:
                model.must_change_password = True
        elif is_created:
            raise ValidationError(gettext("A new account needs a password."))

    def after_model_change(self, form, model, is_created):
        super().after_model_change(form, model, is_created)
        renew_session(model)  # the office changed its own password here: this browser stays in

    def on_model_delete(self, model):
        super().on_model_delete(model)
        if model.id == current_user.id:
            raise ValidationError(gettext("You cannot delete the account you are logged in with."))


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
    column_formatters = {"detail": shorten(60), "role": lambda v, c, m, n: Role(m.role).label if m.role else "",
                         "changes": lambda v, c, m, n: _changes_table(v.field_labels, m.model, m.changes)}
    extra_labels = {"at": _l("Time"), "user_id": _l("Account ID"), "username": _l("Account"), "role": _l("Role"),
                    "action": _l("Action"), "model": _l("Record type"), "record_id": _l("Record ID"),
                    "address": _l("Address (IP)"), "detail": _l("Detail"), "changes": _l("Changes")}

    def __init__(self, model, database, screens=(), **kwargs):
        """``screens``: the other screens, whose names and labels the trail reads records by."""
        self.field_labels = {screen_model.__name__: {**COMMON_LABELS, **AUDIT_FIELD_LABELS, **view_class.extra_labels}
                             for view_class, screen_model, _ in screens}
        # Record types by their Chinese names, in the list and in the filter's options.
        self.column_choices = {"model": [(screen_model.__name__, name) for _, screen_model, name in screens]
                               + list(OTHER_RECORD_TYPES.items())}
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


def _changes_table(field_labels: dict, model_name: str | None, changes) -> Markup:
    if not changes:
        return ""
    labels = field_labels.get(model_name) or {**COMMON_LABELS, **AUDIT_FIELD_LABELS}
    model = next((mapper.class_ for mapper in db.Model.registry.mappers if mapper.class_.__name__ == model_name), None)
    codes = enum_columns(model) if model is not None else {}

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

    return fragment("changes", [(label(field), *pair(field, value)) for field, value in changes.items()])
