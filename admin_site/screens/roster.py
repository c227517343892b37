"""成员单位 and 工作组成员: the roster of the working group."""

from __future__ import annotations

import re

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import ValidationError
from wtforms.validators import Email, Length, Optional

from .. import access
from ..models import Role
from .base import SecureModelView, linked_list, unit_lookup

# Phone numbers as offices write them: "0775-2821234", "138 1234 1234", "+86 13812341234",
# "0775-2821234转8001", several separated by 、 or ；.
PHONE_PATTERN = re.compile(r"^\+?[\d\s()（）\-－]{5,}(转\d+)?([、;；,，/]\s*\+?[\d\s()（）\-－]{5,}(转\d+)?)*$")


def phone_number(form, field):
    """A phone number or several; the message is made in the request (the form shows only text)."""
    if field.data and not PHONE_PATTERN.match(field.data):
        raise ValidationError(gettext("Give a phone number: digits, spaces and dashes (an extension after 转)."))


class UnitView(SecureModelView):
    page_size = 50  # the whole roster of units on one page
    column_list = ("name", "short_name", "kind", "parent", "phone", "active")
    column_details_list = ("name", "short_name", "kind", "parent", "children", "members", "phone", "email",
                           "address", "active", "sort_order", "created_at", "updated_at")
    column_searchable_list = ("name", "short_name")
    column_filters = ("kind", "active", "parent.name")
    column_sortable_list = ("name", "kind", "sort_order")
    column_default_sort = [("sort_order", False), ("id", False)]  # roster order: city units, then counties
    column_formatters = {"members": linked_list, "children": linked_list}
    form_columns = ("name", "short_name", "kind", "parent", "phone", "email", "address", "active", "sort_order")
    form_ajax_refs = {"parent": unit_lookup("parent")}
    form_args = {"name": {"validators": [Length(max=100)]}, "email": {"validators": [Optional(), Email()]},
                 "phone": {"validators": [Optional(), phone_number]}}
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
    form_ajax_refs = {"unit": unit_lookup("unit")}
    form_args = {"email": {"validators": [Optional(), Email()]}, "phone": {"validators": [Optional(), phone_number]}}
    extra_labels = {"position": _l("Position"), "group_role": _l("Role in the group"), "unit.name": _l("Unit"),
                    "receive_sms": _l("Receives SMS"), "receive_email": _l("Receives email")}

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if current_user.role == Role.unit and model.group_role not in access.UNIT_MANAGED_GROUP_ROLES:
            raise ValidationError(gettext("A unit may add its members and liaisons; the city names the leaders."))


# What a clerk pastes to find one contact: a work-order number (letters, digits, hyphens, at least
# eight, a digit among them) or a phone number.
