"""定期梳理 (notice, part 四(一)): the problems of a period that most need the working group, ranked
by priority (rules.priority), as a list on screen, as a workbook, and the top proposals on the
workbench.  Every query is limited to the cases the account may see."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import selectinload

from . import notify, workbooks
from .access import visible
from .assessment import Period, period_label
from .models import OPEN_CASE_STATUSES, Case, CaseStatus, Contact, db, now_local
from .privacy import complainants, free_text, remember_complainants_of

# The months a list can be asked for: the mechanism began in 2022; the database's dates end long after.
FIRST_YEAR, LAST_YEAR = 2000, 2099
MONTH = re.compile(r"(\d{4})-(\d{1,2})")
# Proposals the workbench shows.
WORKBENCH_TOP = 10


@dataclass(frozen=True)
class Row:
    """One case on a ranked list."""

    case: Case
    in_period: int | None  # its contacts received in the period (None: no period)
    contacts: int  # all its contacts
    last_at: datetime | None  # its latest contact in the period

    @property
    def categories(self) -> str:
        return "、".join(str(category) for category in self.case.categories)


def month(text: str | None, today: date) -> tuple[Period, str | None]:
    """The month asked for as YYYY-MM (this month when not said), or this month and what was wrong."""
    fallback = Period.month_of(today)
    if not text:
        return fallback, None
    found = MONTH.fullmatch(text.strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        return fallback, gettext("Give the month as YYYY-MM, e.g. %(example)s; this month is shown instead.",
                                 example=f"{today:%Y-%m}")
    year, number = int(found.group(1)), int(found.group(2))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return fallback, gettext("Give a month between %(first)d and %(last)d; this month is shown instead.",
                                 first=FIRST_YEAR, last=LAST_YEAR)
    return Period.month_of(date(year, number, 1)), None


def months_offered(chosen: Period, today: date, count: int = 36) -> list[tuple[str, str]]:
    """The months a person picks from, newest first, as (YYYY-MM, label): the last ``count`` and the one
    chosen (a month typed into the address may be older)."""
    start, found = today.replace(day=1), []
    for _ in range(count):
        found.append(Period.month_of(start))
        start = (start - timedelta(days=1)).replace(day=1)
    if chosen not in found:
        found = sorted([*found, chosen], key=lambda period: period.start, reverse=True)
    return [(f"{period.start:%Y-%m}", period_label(period)) for period in found]


def _totals(case_ids: list[int]) -> dict[int, int]:
    if not case_ids:
        return {}
    return dict(db.session.execute(sa.select(Contact.case_id, sa.func.count()).where(Contact.case_id.in_(case_ids))
                                   .group_by(Contact.case_id)).all())


def ranked(user, period: Period, limit: int) -> tuple[list[Row], int]:
    """The cases not closed (proposed or open) with contacts received in the period, highest priority
    first (then the most contacts in the period), at most ``limit``; and how many there are in all."""
    active = (sa.select(Contact.case_id.label("case_id"), sa.func.count().label("in_period"),
                        sa.func.max(Contact.received_at).label("last_at"))
              .where(Contact.case_id.is_not(None), Contact.received_at >= period.since,
                     Contact.received_at < period.until)
              .group_by(Contact.case_id).subquery())
    conditions = (visible(user, Case), Case.status.in_(OPEN_CASE_STATUSES))
    query = (sa.select(Case, active.c.in_period, active.c.last_at).join(active, active.c.case_id == Case.id)
             .where(*conditions).options(selectinload(Case.categories), selectinload(Case.lead_unit))
             .order_by(Case.priority.desc(), active.c.in_period.desc(), Case.id).limit(limit))
    found = db.session.execute(query).all()
    total = db.session.scalar(sa.select(sa.func.count()).select_from(Case)
                              .join(active, active.c.case_id == Case.id).where(*conditions))
    totals = _totals([case.id for case, _, _ in found])
    return [Row(case, in_period, totals.get(case.id, 0), last_at) for case, in_period, last_at in found], total


def top_proposed(user, limit: int = WORKBENCH_TOP) -> list[Row]:
    """The proposed cases most worth the office's review, highest priority first."""
    cases = db.session.scalars(
        sa.select(Case).where(visible(user, Case), Case.status == CaseStatus.proposed)
        .options(selectinload(Case.categories)).order_by(Case.priority.desc(), Case.id).limit(limit)).all()
    totals = _totals([case.id for case in cases])
    return [Row(case, None, totals.get(case.id, 0), None) for case in cases]


def title(period: Period) -> str:
    return gettext("Periodic review, %(period)s: problems ranked by priority", period=period_label(period))


COLUMNS = (("number", 14, True), ("title", 36, False), ("priority", 8, True), ("categories", 16, False),
           ("in_period", 10, True), ("contacts", 10, True), ("last_at", 16, True), ("status", 10, True),
           ("level", 10, True), ("lead_unit", 18, False))


def column_labels() -> dict[str, str]:
    return {"number": gettext("Number"), "title": gettext("Title"), "priority": gettext("Priority"),
            "categories": gettext("Categories"), "in_period": gettext("Contacts this month"),
            "contacts": gettext("Contacts in all"), "last_at": gettext("Last contact"),
            "status": gettext("Status"), "level": gettext("Level"), "lead_unit": gettext("Lead unit")}


def values(row: Row, user) -> dict:
    """A row's cells as ``user`` may read them (the title masked for a masked role)."""
    case = row.case
    return {"number": case.number, "title": free_text(user, case.title, complainants(case)), "priority": case.priority, "categories": row.categories,
            "in_period": row.in_period, "contacts": row.contacts, "last_at": row.last_at,
            "status": str(case.status.label), "level": str(case.level.label),
            "lead_unit": case.lead_unit.name if case.lead_unit else ""}


def workbook(rows: list[Row], period: Period, total: int, user) -> bytes:
    """The ranked list in the layout an office prints (workbooks.py); it is the working group's own
    list, not one for circulation, so cases not made public stay on it."""
    made_by = user.display_name or user.username
    remember_complainants_of([row.case for row in rows])
    labels = column_labels()
    columns = [workbooks.Column(labels[name], width, centred) for name, width, centred in COLUMNS]
    note = gettext("Made by %(user)s on %(time)s; the first %(shown)d of %(total)d case(s) with contacts in "
                   "%(period)s; for the working group, not for circulation",
                   user=made_by, time=notify.long_datetime(now_local()), shown=len(rows), total=total,
                   period=period_label(period))
    return workbooks.circulation_workbook(title(period), note, columns,
                                          ([values(row, user)[name] for name, _, _ in COLUMNS] for row in rows))
