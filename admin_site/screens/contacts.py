"""诉求记录, 问题分组 and 导入诉求: contacts from the hotline, the problems they were grouped into, and
the upload of the platform's work-order export."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import abort, current_app, flash, has_request_context, jsonify, redirect, url_for
from flask_admin import BaseView, expose
from flask_admin.actions import action
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from markupsafe import Markup
from rq.exceptions import NoSuchJobError
from rq.job import Job
from wtforms import BooleanField

from .. import access, audit, grouping, normalize, rules, things
from ..jobs import queue_grouping, queue_import
from ..models import (
    AuditAction,
    Case,
    Contact,
    ProblemGroup,
    db,
)
from ..places import FIELDS, Location
from ..privacy import PERSONAL_FIELDS, mask_text
from ..queue import get_redis
from .base import (
    SecureModelView,
    case_lookup,
    fragment,
    group_link,
    linked_list,
    login_or_forbidden,
    personal,
    scope_aware,
    searched_by,
    shorten,
    unit_lookup,
)
from .files import ChooseFiles

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
                           "content", "place", "thing", "topic", "transfer_units", "returned_by", "result",
                           "satisfaction", "group", "group_reason", "group_locked", "case", "created_at",
                           "updated_at")
    # Loaded with each page of rows instead of one query per row.
    # Everything the list shows, loaded with the page (not one query per row).
    column_select_related_list = (Contact.case, Contact.membership, Contact.transfer_units)
    column_export_list = ("work_order", "channel", "received_at", "complainant_name", "phone", "address", "content",
                          "transfer_units", "returned_by", "result", "satisfaction", "case")
    column_searchable_list = ("work_order", "content", "address", "complainant_name", "phone")
    column_filters = ("channel", "received_at", "satisfaction", "transfer_units.name", "case.number", "group.id")
    column_sortable_list = ("work_order", "channel", "received_at", "satisfaction")
    column_default_sort = ("received_at", True)
    column_formatters = {"content": shorten(40), "transfer_units": linked_list, "returned_by": linked_list,
                         "group": group_link, **{field: personal(field) for field in PERSONAL_FIELDS}}
    column_formatters_detail = {
        **column_formatters,
        "content": lambda v, c, m, n: m.content,  # the list shortens it; its own page shows it whole
        "place": lambda v, c, m, n: place_label(m.place, access.sees_personal_data(current_user)),
        "topic": lambda v, c, m, n: topics_label(m.topic),
        "thing": lambda v, c, m, n: things.label(m.thing),
        "group_reason": lambda v, c, m, n: _joined(m, access.sees_personal_data(current_user)),
    }
    column_formatters_export = {"content": lambda v, c, m, n: m.content,
                                "transfer_units": linked_list, "returned_by": linked_list,
                                "group": scope_aware(lambda v, c, m, n: m.membership.group_id if m.membership else ""),
                                **{field: personal(field) for field in PERSONAL_FIELDS}}
    form_columns = ("work_order", "channel", "received_at", "complainant_name", "phone", "address", "content",
                    "transfer_units", "returned_by", "result", "satisfaction", "case")
    form_ajax_refs = {
        "transfer_units": unit_lookup("transfer_units"),
        "returned_by": unit_lookup("returned_by"),
        "case": case_lookup("case"),
    }
    extra_labels = {"work_order": _l("Work-order number"), "channel": _l("Channel"),
                    "received_at": _l("Received at"), "complainant_name": _l("Complainant"),
                    "content": _l("Request"), "transfer_units": _l("Transferred to"),
                    "transfer_units.name": _l("Transferred to"), "returned_by": _l("Returned by"),
                    "result": _l("Result"), "case.number": _l("Case number"), "group": _l("Problem group"),
                    "group.id": _l("Problem group number"), "group_locked": _l("Grouped by hand"),
                    "place": _l("Place of the problem"), "thing": _l("Subject named"), "topic": _l("Matter"),
                    "group_reason": _l("Why in this group")}

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        for column, value in normalize.matching_keys(model.phone, model.address, model.content,
                                                     current_app.config["PHONE_HASH_KEY"].encode()).items():
            setattr(model, column, value)

    def after_model_change(self, form, model, is_created):
        """A contact typed in or corrected by hand is (re)grouped by a worker, as pushed ones are: the
        request never waits for a recalculation holding the lock."""
        queue_grouping([model.id])


    @action("split", _l("Split into a problem group of their own"),
            _l("Move the selected contacts into a new problem group? The system will not regroup them."))
    def action_split(self, ids):
        contacts = self.chosen(ids)
        if not contacts:
            return
        old_groups = {contact.group_id for contact in contacts if contact.group_id is not None}
        ids = [contact.id for contact in contacts]
        for old in old_groups:
            rules.leave_group_cases(ids, old)
        group_id = grouping.split(ids)
        for old in old_groups:
            rules.retitle_proposal(old)
        rules.apply(rules.Scope.of_groups([group_id, *old_groups]))
        db.session.commit()
        flash(gettext("%(count)d contact(s) now form problem group #%(group)d.", count=len(contacts),
                      group=group_id), "success")
        proposed = db.session.scalar(sa.select(Case.number).where(Case.problem_group_id == group_id))
        if proposed:
            flash(gettext("Problem group #%(group)d meets a rule on its own: case %(case)s was proposed for it.",
                          group=group_id, case=proposed), "info")

    def _apply_search(self, query, count_query, joins, count_joins, search):
        """A work-order number, or a phone number for those who see phones, is looked up exactly through
        its index (a million contacts are not read for it); other words are looked for in the text.
        Masked accounts cannot search by name, phone or address: a hit would reveal them."""
        condition = _exact_contact(search.strip())
        if condition is None:
            return super()._apply_search(query, count_query, joins, count_joins, search)
        return searched_by(condition, query, count_query, joins, count_joins)

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


TOPIC_LABELS = {
    "noise": _l("Noise"), "water": _l("Water supply"), "power": _l("Power supply"),
    "sewage": _l("Drainage and sewage"), "garbage": _l("Garbage and smells"), "road": _l("Road damage"),
    "streetlight": _l("Street lights"), "building": _l("Illegal building"), "parking": _l("Parking"),
    "wages": _l("Unpaid wages"), "property": _l("Property management"), "housing": _l("Housing and certificates"),
    "delivery": _l("Homes not delivered, works stopped"), "quality": _l("Building quality"),
    "pollution": _l("Smoke, dust and pollution"), "food": _l("Food safety"), "traffic": _l("Traffic"),
    "animals": _l("Animals and pests"), "education": _l("Schools"), "medical": _l("Health care"),
    "land": _l("Land and compensation"), "welfare": _l("Benefits and social security"),
    "telecom": _l("Telephone and network"), "gas": _l("Gas supply"), "consumer": _l("Consumer disputes"),
    "fraud": _l("Fraud"), "village": _l("Village affairs"), "order": _l("Public order"),
}
# The fields of a place that two contacts agreeing at a level share (grouping.place_agreement).
LEVELS = {"hamlet": FIELDS[:4], "village": FIELDS[:3], "town": FIELDS[:2], "county": FIELDS[:1],
          "estate": ("estate",), "road": ("road",), "number": ("road", "number")}


def topics_label(topic: str | None) -> str:
    return "、".join(str(TOPIC_LABELS.get(name, name)) for name in (topic or "").split("+") if name)


def place_label(stored: str | None, personal: bool = True) -> str:
    """The place for people; without the house number or 屯/组 for accounts that see no personal
    data (the address is often the caller's home)."""
    location = Location.parse(stored)
    return location.label if personal else mask_text(location.public_label)


def _at_level(stored: str | None, level: str) -> str:
    location = Location.parse(stored)
    return Location(**{field: getattr(location, field) for field in LEVELS[level]}).label


def explain(reason: str | None, stored_place: str | None, personal: bool = True) -> str:
    """Why contacts are one problem, in words: 同一地点：容县茂林镇大里村；同一对象：惠民超市；内容相近 0.82."""
    parts = dict(part.partition("=")[::2] for part in (reason or "").split(";") if part)
    if "parallel" in parts:
        return gettext("its group and this one were found to be one problem: most calls of each match the other")
    said = [gettext("grouped by hand")] if "hand" in parts else []
    if parts.get("place") not in (None, "county"):  # a whole county is no evidence of one problem
        place = _at_level(stored_place, parts["place"]) if parts["place"] in LEVELS else place_label(
            stored_place, personal)
        if not personal and parts["place"] in ("hamlet", "number"):
            place = place_label(stored_place, personal=False)
        if place:
            said.append(gettext("same place: %(place)s", place=place))
    if parts.get("thing"):
        said.append(gettext("same subject: %(thing)s", thing=things.label(parts["thing"])))
    if parts.get("kind"):
        said.append(gettext("same kind of premises: %(kind)s", kind=parts["kind"]))
    if parts.get("topic"):
        said.append(gettext("same matter"))
    if parts.get("caller"):
        said.append(gettext("same caller"))
    if "words" in parts:
        said += _wording(parts["words"])
    return "；".join(said)


def _wording(score: str) -> list[str]:
    """How alike the wording is, said in words with the score after it; nothing when hardly alike."""
    value = float(score)
    if value >= 0.5:
        return [gettext("wording very alike (%(score)s)", score=score)]
    if value >= 0.25:
        return [gettext("wording alike (%(score)s)", score=score)]
    if value >= 0.1:
        return [gettext("wording partly alike (%(score)s)", score=score)]
    return []


def _place(view, context, model, name):
    return place_label(model.place, access.sees_personal_data(current_user)) or gettext("(no place known)")


def _group_reason(view, context, model, name):
    if model.contact_count < 2:
        return gettext("one contact so far")
    return explain(model.reason, model.place, access.sees_personal_data(current_user)) or gettext("grouped by hand")


# A 屯/组 or a house number: a home, kept from accounts that see no personal data.
_HOME_WORD = re.compile(r"\d|[屯组队号]$")


def _group_cases(view, context, model, name) -> Markup | str:
    """The cases the group's contacts belong to, each a link for whoever may open it."""
    found = db.session.execute(sa.select(Case.id, Case.number).where(Case.id.in_(
        sa.select(Contact.case_id).join(ProblemGroup.contacts).where(ProblemGroup.id == model.id)))
        .order_by(Case.number)).all()
    visible = access.permitted_ids(current_user, Case, [case_id for case_id, _ in found])
    links = [fragment("link", url_for("cases.details_view", id=case_id), number)
             for case_id, number in found if case_id in visible]
    return Markup("、").join(links) if links else gettext("none yet")


class ProblemGroupView(SecureModelView):
    """问题分组: the contacts the system (or a person) judged to be one problem, and why."""

    can_view_details = True
    column_list = ("id", "place", "thing", "topic", "contact_count", "first_at", "last_at", "manual")
    column_details_list = ("id", "place", "thing", "topic", "reason", "cases", "contact_count", "first_at",
                           "last_at", "manual", "contacts")
    column_filters = ("contact_count", "last_at", "manual")
    column_sortable_list = ("id", "contact_count", "first_at", "last_at")
    column_default_sort = ("last_at", True)
    column_searchable_list = ("thing", "place")
    column_formatters = {"place": _place, "topic": lambda v, c, m, n: topics_label(m.topic),
                         "thing": lambda v, c, m, n: things.label(m.thing), "reason": _group_reason}
    column_formatters_detail = {**column_formatters, "contacts": scope_aware(lambda v, c, m, n: _group_contacts(m)),
                                "cases": _group_cases}
    extra_labels = {"place": _l("Place of the problem"), "thing": _l("Subject named"), "topic": _l("Matter"),
                    "cases": _l("Cases"),
                    "reason": _l("Why one problem"), "contact_count": _l("Contacts"),
                    "first_at": _l("First call"), "last_at": _l("Latest call"), "manual": _l("Grouped by hand"),
                    "contacts": _l("Contacts")}

    def _apply_search(self, query, count_query, joins, count_joins, search):
        """Searched by what it names and where it is; an account not shown the 屯/组 or house number
        does not search for them either (a hit would reveal them)."""
        if access.sees_personal_data(current_user):
            return super()._apply_search(query, count_query, joins, count_joins, search)
        condition = sa.and_(*(sa.or_(ProblemGroup.thing.ilike(f"%{word}%"),
                                     *([] if _HOME_WORD.search(word) else [ProblemGroup.place.ilike(f"%{word}%")]))
                              for word in search.split()))
        return searched_by(condition, query, count_query, joins, count_joins)

    @action("merge", _l("Merge into one problem (并单)"),
            _l("Merge the selected groups into the oldest of them? The system will not split them again."))
    def action_merge(self, ids):
        groups = sorted(self.chosen(ids), key=lambda group: (group.first_at, group.id))
        if len(groups) < 2:
            flash(gettext("Select at least two problem groups to merge."), "error")
            return
        target = groups[0]
        moved = grouping.merge(target.id, [group.id for group in groups[1:]])
        case_number, folded, kept = rules.fold_merged_cases(target.id, current_user)
        rules.apply(rules.Scope.of_groups([target.id]))
        db.session.commit()
        db.session.refresh(target)
        flash(gettext("Merged into problem group #%(group)d: %(count)d contact(s) moved, %(total)d in all.",
                      group=target.id, count=moved, total=target.contact_count), "success")
        if folded:
            flash(gettext("The proposals %(numbers)s were folded into %(case)s.", numbers="、".join(folded),
                          case=case_number), "info")
        if kept:
            flash(gettext("The cases %(numbers)s are already being handled or also hold contacts of other groups, "
                          "and were left as they are: settle them on the case screen.", numbers="、".join(kept)),
                  "warning")


def _group_contacts(group) -> Markup:
    """The contacts of a group: when, how, where they were sent, what they said and why each joined."""
    shown, _ = access.mentioned(current_user, group.contacts)
    personal = access.sees_personal_data(current_user)
    return fragment("group_contacts", [(contact, _joined(contact, personal)) for contact in shown])


def _joined(contact, personal: bool) -> str:
    membership = contact.membership
    if membership is None:
        return ""
    if not membership.reason:
        return gettext("grouped by hand") if membership.locked else gettext("first contact of the group")
    # the place it agrees with the group on, as the group has it (the contact's own may be a home)
    group = contact.group
    return explain(membership.reason, group.place if group is not None and group.place else contact.place, personal)


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
            job = queue_import(upload.read(), upload.filename, form.add_units.data, current_user.id)
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
