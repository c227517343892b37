"""专题快速联动协调会议 and 跟踪督办单: meetings that decide, and the slips their decisions issue."""

from __future__ import annotations

from flask import abort, flash, g, request
from flask_admin import expose
from flask_admin.actions import action
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import ValidationError

from .. import access, documents, workdays, workflow
from ..jobs import queue_notifications
from ..models import Decision, Role, Slip, SlipAction, db
from .base import SecureModelView, case_lookup, linked_list, member_lookup, mention_text, scope_aware, unit_lookup
from .files import AttachmentsMixin, CirculatedListMixin, attachment_list, download_link, word_file


@scope_aware
def _decisions(view, context, model, name) -> str:
    """The meeting's decisions on cases the account may see; the others are counted, not named."""
    cases, hidden = access.mentioned(current_user, [decision.case for decision in model.decisions])
    return mention_text([str(decision) for decision in model.decisions
                         if decision.case is None or decision.case in cases], hidden)


class MeetingView(SecureModelView):
    column_list = ("number", "title", "held_at", "place", "status", "convener")
    column_details_list = ("number", "document", "title", "held_at", "place", "status", "convener", "units",
                           "members", "cases", "minutes", "decisions", "created_at", "updated_at")
    column_searchable_list = ("number", "title", "place")
    column_filters = ("held_at", "status", "units.name")
    column_sortable_list = ("number", "title", "held_at", "status")
    column_default_sort = ("held_at", True)
    column_formatters = {"units": linked_list, "members": linked_list, "decisions": _decisions}
    column_formatters_detail = {**column_formatters,
                                "document": download_link(".document_view", _l("Download the minutes (Word)"))}
    form_columns = ("title", "held_at", "place", "status", "convener", "units", "members", "cases",
                    "minutes")
    form_ajax_refs = {
        "units": unit_lookup("units"),
        "convener": member_lookup("convener"),
        "members": member_lookup("members"),
        "cases": case_lookup("cases"),
    }
    inline_models = [(Decision, {
        "form_columns": ("id", "case", "lead_unit", "co_units", "measures", "deadline_days", "deadline"),
        "form_ajax_refs": {
            "case": case_lookup("case"),
            "lead_unit": unit_lookup("lead_unit"),
            "co_units": unit_lookup("co_units"),
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
        return word_file(documents.minutes_document(meeting, documents.Reader(current_user)), meeting.number)

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
    column_formatters_detail = {"document": download_link(".document_view", _l("Download the slip (Word)")),
                                "attachments": attachment_list}
    column_searchable_list = ("number", "requirement", "feedback")
    column_filters = ("unit.name", "status", "deadline", "issued_at", "review")
    column_sortable_list = ("number", "deadline", "status", "issued_at", ("unit", "unit.name"))
    column_default_sort = ("deadline", False)
    # The state, the answer and the review change only by the slip's steps (workflow.SLIP_STEPS): the
    # unit answers on its own form (access.EDITABLE_FIELDS), the office decides by the page's buttons.
    form_columns = ("case", "unit", "requirement", "deadline", "follow_up_result")
    details_template = "admin/slip_details.html"
    edit_template = "admin/slip_edit.html"
    form_ajax_refs = {
        "unit": unit_lookup("unit"),
        "case": case_lookup("case"),
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
        if _submits(form):
            try:
                workflow.perform_on_slip(model, SlipAction.submit, current_user._get_current_object())
            except workflow.Refused as exc:
                raise ValidationError(str(exc)) from exc
        model.assign_number(db.session)

    def changes_something(self, form) -> bool:
        return _submits(form) or super().changes_something(form)

    def after_model_change(self, form, model, is_created):
        """The unit's liaisons hear of a new slip, the office of a submitted answer, at once."""
        if request.form.get("_answer") == "draft":
            g.save_message = (gettext("The draft is saved; the office sees it once you submit it."), "success")
        elif _submits(form):
            g.save_message = (gettext("The answer is submitted; the office will review it."), "success")
        queue_notifications()

    def render(self, template, **kwargs):
        """A slip's page and its answer form show what the unit must answer and the steps it may take."""
        slip = kwargs.get("model")
        if slip is not None and template in (self.details_template, self.edit_template):
            kwargs.update(steps=[step for step in workflow.slip_steps(slip, current_user) if step in PAGE_STEPS],
                          with_reason={action for action, step in workflow.SLIP_STEPS.items() if step.needs_reason},
                          may_answer=self._is_writable(slip, access.EDIT) and current_user.role == Role.unit,
                          step_input=getattr(g, "step_input", None))
        return super().render(template, **kwargs)

    @expose("/step/", methods=("POST",))
    def step_view(self):
        """签收, 审核通过 or 退回重办 from the slip's page; a refused step changes nothing and keeps the
        reason typed."""
        slip = self.get_one(request.args.get("id", ""))
        try:
            action = SlipAction(request.form.get("action", ""))
        except ValueError:
            abort(400)
        if action not in PAGE_STEPS:
            abort(400)
        return self.take_step(slip, slip.case_id, action, lambda user: workflow.perform_on_slip(
            slip, action, user, request.form.get("reason")))

    step_actions = {"sign": SlipAction.sign}

    @action("sign", _l("Sign for"), _l("Sign for the selected slips? The office sees who signed and when."))
    def action_sign(self, ids):
        user = current_user._get_current_object()
        slips = [slip for slip in self.chosen(ids) if SlipAction.sign in workflow.slip_steps(slip, user)]
        for slip in slips:
            workflow.perform_on_slip(slip, SlipAction.sign, user)
        db.session.commit()
        flash(gettext("%(count)d slip(s) signed for.", count=len(slips)), "success")

    @expose("/document/")
    def document_view(self):
        """The slip as a Word file in the official layout, for whoever may see the slip."""
        slip = self.get_one(request.args.get("id", ""))
        return word_file(documents.slip_document(slip, documents.Reader(current_user)), slip.number)


# The slip's steps taken by buttons on its page; drafting and submitting the answer are its form's.
PAGE_STEPS = (SlipAction.sign, SlipAction.approve, SlipAction.send_back)


def _submits(form) -> bool:
    """The unit pressed 提交反馈 rather than 保存草稿."""
    return request.method == "POST" and request.form.get("_answer") == "submit" and "feedback" in form
