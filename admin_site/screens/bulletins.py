"""通报 and 考核统计: each unit's figures, the ranking, and the bulletins that praise or criticise."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, has_request_context, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_admin.actions import action
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import access, assessment, audit, documents, notify, workbooks
from ..jobs import queue_notifications
from ..models import (
    AuditAction,
    Bulletin,
    Unit,
    db,
    now_local,
)
from .base import SecureModelView, fragment, login_or_forbidden, xlsx_file
from .files import word_file


def ranking_table(rows: list[dict] | None):
    """The assessment's ranking as a table on a page."""
    if not rows:
        return ""
    labels = assessment.table_labels()
    return fragment("table", [labels[name] for name, _ in assessment.TABLE],
                    [[row[name] for name, _ in assessment.TABLE] for row in rows],
                    classes="table table-sm table-bordered ranking")


class BulletinView(SecureModelView):
    """通报: the office writes a bulletin and publishes it to the members (email, SMS, group robot)."""

    column_list = ("title", "published_at", "published_by", "updated_at")
    column_details_list = ("title", "document", "body", "figures", "published_at", "published_by", "created_at",
                           "updated_at")
    column_formatters_detail = {
        "document": lambda v, c, m, n: fragment("links", [
            (v.get_url(".document_view", id=m.id), gettext("Download the bulletin (Word)")),
            *([(v.get_url(".workbook_view", id=m.id), gettext("Download the ranking (Excel)"))] if m.figures else [])]),
        "figures": lambda v, c, m, n: ranking_table(m.figures),
        "body": lambda v, c, m, n: fragment("lines", m.body),
    }
    column_searchable_list = ("title", "body")
    column_filters = ("published_at",)
    column_default_sort = ("id", True)
    column_formatters = {"published_at": lambda v, c, m, n: m.published_at or gettext("Draft")}
    form_columns = ("title", "body")
    form_widget_args = {"body": {"rows": 12}}
    details_template = "admin/bulletin_details.html"
    extra_labels = {"body": _l("Text"), "published_at": _l("Published at"), "published_by": _l("Published by"),
                    "document": _l("Document"), "figures": _l("Figures and ranking")}

    @expose("/document/")
    def document_view(self):
        """The bulletin as a Word file in the official layout."""
        bulletin = self.get_one(request.args.get("id", ""))
        return word_file(documents.bulletin_document(bulletin, now_local().date()), bulletin.title)

    @expose("/workbook/")
    def workbook_view(self):
        """The bulletin's ranking table as an Excel workbook."""
        bulletin = self.get_one(request.args.get("id", ""))
        if not bulletin.figures:
            abort(404)
        return xlsx_file(_ranking_workbook(bulletin.title, bulletin.figures), f"{bulletin.title}.xlsx")


    def render(self, template, **kwargs):
        if template == self.details_template and "model" in kwargs:
            kwargs["may_publish"] = kwargs["model"].published_at is None and self.is_action_allowed("publish")
        return super().render(template, **kwargs)

    @expose("/publish/", methods=("POST",))
    def publish_view(self):
        """发布 from the bulletin's page."""
        bulletin = self.get_one(request.args.get("id", ""))
        if not self.is_action_allowed("publish"):
            abort(403)
        if bulletin.published_at is None:
            bulletin.publish(current_user._get_current_object())
            db.session.commit()
            queue_notifications()
            flash(gettext("%(count)d bulletin(s) published.", count=1), "success")
        return redirect(self.get_url(".details_view", id=bulletin.id))

    @action("publish", _l("Publish"), _l("Publish the selected bulletins? They are sent to every group member "
                                         "and to the working group's chat, and cannot be changed afterwards."))
    def action_publish(self, ids):
        drafts = [bulletin for bulletin in self.chosen(ids) if bulletin.published_at is None]
        for bulletin in drafts:
            bulletin.publish(current_user._get_current_object())
        db.session.commit()
        queue_notifications()
        flash(gettext("%(count)d bulletin(s) published.", count=len(drafts)), "success")


def _ranking_workbook(title: str, rows: list[dict]) -> bytes:
    labels = assessment.table_labels()
    columns = [workbooks.Column(labels[name], width, centred=name != "unit") for name, width in assessment.TABLE]
    note = gettext("Made by %(user)s on %(time)s; cases not made public left out",
                   user=current_user.display_name or current_user.username, time=notify.long_datetime(now_local()))
    return workbooks.circulation_workbook(title, note, columns, ([row[name] for name, _ in assessment.TABLE]
                                                                for row in rows))


# The periods the figures are counted for: the mechanism began in 2022 (玉政办函〔2022〕87号); the
# database's dates end long after these.
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)

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
        if start < EARLIEST or end > LATEST:
            return fallback, gettext("Give dates between %(first)s and %(last)s.", first=EARLIEST.isoformat(),
                                     last=LATEST.isoformat())
        return assessment.Period(start, end), None

    @expose("/")
    def index(self):
        period, problem = self._period()
        if problem:  # last month's figures are shown, but nothing is printed or drafted for a period not chosen
            flash(problem, "error")
        rows = assessment.figures(period, now_local().date())
        return self.render("admin/assessment.html", period=period, chosen=problem is None,
                           ranking=ranking_table([assessment.table_row(row) for row in rows]),
                           praised=assessment.praised(rows), criticised=assessment.criticised(rows),
                           typed={"start": request.args.get("start", period.start.isoformat()),
                                  "end": request.args.get("end", period.end.isoformat())},
                           may_draft=access.allowed(current_user, access.CREATE, Bulletin))

    @expose("/workbook/")
    def workbook(self):
        """The ranking as an Excel workbook for circulation (cases not made public left out)."""
        period, problem = self._period()
        if problem:  # the page says what was wrong, with the dates as typed
            return redirect(url_for(".index", start=request.args.get("start", ""), end=request.args.get("end", "")))
        rows = assessment.figures(period, now_local().date(), public_only=True)
        title = gettext("Figures and ranking of the units, %(period)s", period=assessment.period_label(period))
        audit.record(AuditAction.export, "Assessment", detail=f"{period.start}..{period.end}")
        return xlsx_file(_ranking_workbook(title, [assessment.table_row(row) for row in rows]), f"{title}.xlsx")

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
