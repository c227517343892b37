"""协调事项 and what units record on them: contacts with the complainant and site work."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import abort, current_app, flash, g, has_request_context, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_admin.actions import action
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from .. import access, audit, documents, privacy, review, rules, uploads, workflow
from ..assessment import period_label
from ..jobs import queue_notifications
from ..models import (
    AuditAction,
    Case,
    CaseAction,
    CaseCategory,
    CaseSource,
    CaseStatus,
    CategoryOrigin,
    CitizenContact,
    Contact,
    ReportForm,
    Role,
    SiteVisit,
    db,
    now_local,
)
from .base import (
    SecureModelView,
    case_lookup,
    fragment,
    level_badge,
    linked_list,
    login_or_forbidden,
    lookup,
    scope_aware,
    shorten,
    unit_lookup,
    valid_pk,
    xlsx_file,
)
from .files import AttachmentsMixin, CirculatedListMixin, attachment_list, word_file


class CaseView(CirculatedListMixin, SecureModelView):
    column_list = ("number", "title", "status", "level", "priority", "categories", "lead_unit", "deadline", "source",
                   "updated_at")
    column_select_related_list = (Case.lead_unit, Case.categories, Case.co_units)
    circulation_title = _l("Yulin 12345 hotline rapid-linkage case list")
    circulation_columns = (("number", 14, True), ("title", 30, False), ("categories", 14, False),
                           ("level", 8, True), ("status", 10, True), ("lead_unit", 18, False),
                           ("co_units", 20, False), ("deadline", 14, True))
    column_details_list = ("number", "title", "summary", "source", "categories", "category_reasons", "priority",
                           "status", "level", "jurisdiction",
                           "lead_unit", "co_units", "deadline", "contacts", "slips", "visits", "leader_instruction",
                           "leader_instruction_on", "satisfaction", "follow_up_result", "publicity",
                           "report_form", "created_at", "updated_at")
    column_searchable_list = ("number", "title", "summary")
    column_filters = ("status", "level", "categories.code", "lead_unit.name", "co_units.name", "source",
                      "deadline", "publicity", "created_at")
    column_sortable_list = ("number", "title", "status", "level", "priority", "deadline", "updated_at",
                            ("lead_unit", "lead_unit.name"))
    column_default_sort = ("updated_at", True)
    column_formatters = {
        "level": level_badge,
        "categories": linked_list,
        "co_units": linked_list,
    }
    column_formatters_detail = {**column_formatters, "category_reasons": lambda v, c, m, n: _category_reasons(m),
                                "priority": lambda v, c, m, n: rules.explain_priority(m),
                                "visits": scope_aware(lambda v, c, m, n: _site_visits(m))}
    # The state changes only by the steps of workflow.py (the buttons on the case page).
    # So do the leader's instruction, the follow-up result and the report form: each is a step's.
    form_columns = ("title", "summary", "source", "jurisdiction", "lead_unit", "co_units", "deadline", "contacts",
                    "satisfaction", "publicity")
    details_template = "admin/case_details.html"
    form_ajax_refs = {
        "jurisdiction": unit_lookup("jurisdiction"),
        "lead_unit": unit_lookup("lead_unit"),
        "co_units": unit_lookup("co_units"),
        "contacts": lookup("contacts", Contact, ("work_order",), _l("Type a work-order number"),
                            minimum_input_length=1),
    }
    inline_models = [(CaseCategory, {"form_columns": ("id", "code", "origin", "legacy_reason", "reason"),
                                     "column_labels": {"code": _l("Category"), "origin": _l("Origin"),
                                                       "legacy_reason": _l("Legacy reason"),
                                                       "reason": _l("Why it applies")}})]
    extra_labels = {"summary": _l("Summary"), "source": _l("Source"), "level": _l("Level"),
                    "categories": _l("Categories"), "categories.code": _l("Category"),
                    "category_reasons": _l("Why these categories"), "priority": _l("Priority"),
                    "jurisdiction": _l("Jurisdiction"), "lead_unit.name": _l("Lead unit"),
                    "co_units.name": _l("Co-unit"), "contacts": _l("Contacts"), "slips": _l("Slips"),
                    "visits": _l("Site work"),
                    "leader_instruction": _l("Leader instruction"),
                    "leader_instruction_on": _l("Instruction date"), "publicity": _l("Publicity"),
                    "report_form": _l("Report form")}

    def _get_default_order(self):
        """Proposed cases are reviewed highest priority first; other lists open newest-changed first."""
        if self._lists_proposed():
            yield from ((Case.priority, [], True), (Case.id, [], True))
        else:
            yield from super()._get_default_order()

    def _lists_proposed(self) -> bool:
        keys = [key for key, (_, flt) in (self._filter_args or {}).items()
                if flt.column.key == "status" and type(flt).__name__ in ("FilterEqual", "EnumEqualFilter")]
        return has_request_context() and any(
            arg.startswith("flt") and arg[3:].partition("_")[2] in keys and value == CaseStatus.proposed.value
            for arg, value in request.args.items())

    def proposed_url(self) -> str:
        """The proposed cases, highest priority first."""
        return self.filtered_url("status", CaseStatus.proposed.value)

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


    def render(self, template, **kwargs):
        """The case page also offers the account's next steps and shows the timeline."""
        if template == self.details_template and "model" in kwargs:
            kwargs.update(steps=workflow.available(kwargs["model"], current_user),
                          with_reason={action for action, step in workflow.STEPS.items() if step.needs_reason},
                          with_deadline={CaseAction.assign, CaseAction.ask_extension},
                          reason_prompts=STEP_PROMPTS, report_forms=list(ReportForm),
                          step_input=getattr(g, "step_input", None),
                          open_slip=_open_slip(kwargs["model"]),
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
        return word_file(documents.report_document(case, now_local().date()), case.number)

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
        return self.take_step(case, case.id, action, lambda user: workflow.perform(
            case, action, user, form.get("reason"), deadline, report_form))

    @action("confirm", _l("Confirm the computed categories"),
            _l("Confirm the categories the system computed for the selected cases? "
               "Recalculation will not remove them afterwards."))
    def action_confirm(self, ids):
        visible = [case.id for case in self.chosen(ids)]
        categories = db.session.scalars(sa.select(CaseCategory).where(
            CaseCategory.case_id.in_(visible), CaseCategory.origin == CategoryOrigin.computed)).all()
        for category in categories:
            category.origin = CategoryOrigin.confirmed
        db.session.commit()
        flash(gettext("%(count)d category(ies) confirmed.", count=len(categories)), "success")


class ReviewView(BaseView):
    """定期梳理: the month's cases not closed with contacts in it, highest priority first, on screen
    and as a workbook (notice, part 四(一)); for those who review proposals, never for a unit."""

    def is_accessible(self) -> bool:
        return has_request_context() and access.allowed(current_user, access.REVIEW, Case)

    def inaccessible_callback(self, name, **kwargs):
        return login_or_forbidden()

    def _month(self):
        return review.month(request.args.get("month"), now_local().date())

    @expose("/")
    def index(self):
        period, problem = self._month()
        if problem:
            flash(problem, "error")
        rows, total = review.ranked(current_user, period, current_app.config["REVIEW_LIST_SIZE"])
        return self.render("admin/review.html", period=period, chosen=problem is None, rows=rows, total=total,
                           title=review.title(period), period_label=period_label(period),
                           labels=review.column_labels(),
                           months=review.months_offered(period, now_local().date()),
                           may_export=access.allowed(current_user, access.EXPORT, Case))

    @expose("/workbook/")
    def workbook(self):
        """The ranked list as an Excel workbook in the office's printed layout."""
        if not access.allowed(current_user, access.EXPORT, Case):
            abort(403)
        period, problem = self._month()
        if problem:  # the page says what was wrong, with the month as typed
            return redirect(url_for(".index", month=request.args.get("month", "")))
        rows, total = review.ranked(current_user, period, current_app.config["REVIEW_LIST_SIZE"])
        audit.record(AuditAction.export, "Case", detail=f"review {period.start:%Y-%m}")
        data = review.workbook(rows, period, total, current_user._get_current_object())
        return xlsx_file(data, f"{review.title(period)}.xlsx")


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


def _in_touch(case) -> list[tuple]:
    """Other units' recent contacts with this case's complainants (a unit account sees its own apart):
    who and when, with the note only where the account may open that record (it may be another case's)."""
    own = access.own_unit_ids(current_user) if current_user.role == Role.unit else set()
    found = workflow.others_in_touch(case, own, now_local(), current_app.config["CONTACT_QUIET_DAYS"])
    readable, _ = access.mentioned(current_user, found)
    return [(contact, privacy.free_text(current_user, contact.note, privacy.complainants(case)) if contact in readable else None)
            for contact in found]


def _open_slip(case) -> tuple | None:
    """The slip the case waits on, and whether the account may open it (else only that one is open)."""
    slip = workflow.open_slip(case)
    if slip is None:
        return None
    readable, _ = access.mentioned(current_user, [slip])
    return slip, bool(readable)


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
    form_ajax_refs = {"case": case_lookup("case"), "unit": unit_lookup("unit")}
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
    column_formatters = {"findings": shorten(60)}
    column_formatters_detail = {"attachments": attachment_list}
    column_default_sort = ("visited_on", True)
    column_filters = ("kind", "visited_on", "unit.name")
    column_searchable_list = ("people", "findings")
    form_columns = ("case", "kind", "visited_on", "unit", "people", "findings")
    form_ajax_refs = {"case": case_lookup("case"), "unit": unit_lookup("unit")}
    extra_labels = {"kind": _l("Kind of site work"), "visited_on": _l("Date"), "unit": _l("Unit that went"),
                    "unit.name": _l("Unit that went"), "people": _l("Who went"), "findings": _l("What was found"),
                    "attachments": _l("Photos"), "recorded_by": _l("Recorded by"), "recorded_at": _l("Recorded at")}


def _site_visits(case) -> Markup:
    """The case's site work the account may see, each linked to its record and photos."""
    visits = db.session.scalars(sa.select(SiteVisit).where(SiteVisit.case_id == case.id,
                                                           access.visible(current_user, SiteVisit))
                                .order_by(SiteVisit.visited_on)).all()
    return fragment("site_visits", visits)


def _category_reasons(case) -> Markup:
    """Each category with where it came from and, in words, why it applies."""
    return fragment("category_reasons", rules.explain(case), ORIGIN_BADGES)
