"""消息记录 and 消息模板: the outbox of reminders and the wording of each message."""

from __future__ import annotations

from flask import flash
from flask_admin.actions import action
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import ValidationError

from .. import notify
from ..jobs import queue_notifications
from ..models import (
    NotificationEvent,
    db,
    now_local,
)
from .base import SecureModelView, fragment, shorten

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
    return fragment("machine_text", value)


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
    column_formatters = {"recipient_name": _recipient, "address": _sent_to, "body": shorten(40), "params": _params}
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


    @action("resend", _l("Send again"),
            _l("Send the selected held, failed or cancelled messages again? A held message may then arrive twice."))
    def action_resend(self, ids):
        count = notify.send_again(self.chosen(ids), now_local())
        db.session.commit()
        queue_notifications()
        flash(gettext("%(count)d message(s) will be sent again.", count=count), "success")

    @action("cancel", _l("Cancel"), _l("Cancel the selected messages that have not been sent?"))
    def action_cancel(self, ids):
        count = notify.cancel(self.chosen(ids))
        db.session.commit()
        flash(gettext("%(count)d message(s) cancelled.", count=count), "success")

    @action("confirm_delivered", _l("Confirm delivered"),
            _l("Mark the selected held messages as delivered (you checked that they arrived)?"))
    def action_confirm_delivered(self, ids):
        count = notify.confirm_delivered(self.chosen(ids), now_local())
        db.session.commit()
        flash(gettext("%(count)d message(s) marked as delivered.", count=count), "success")
