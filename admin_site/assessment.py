"""督促考核: each lead unit's figures for a period, counted in SQL, its ranking, and who is praised
(表扬) or criticised (通报批评) and why (notice, part 四(四); DOMAIN.md §7).

For a lead unit and a period (whole days, both ends included):

- received: cases assigned to it (交办) in the period;
- due: its cases whose deadline fell in the period and has passed; on time: those it reported back
  on (its last report-back) by the deadline; overdue: the rest;
- returned: times its cases were sent back for rework (退回重办) in the period;
- satisfaction: of its cases closed in the period with the citizen's verdict, the share satisfied or
  basically satisfied;
- came back: its closed cases about which the citizen called again in the period, after the closing;
- escalated: its cases reported to the city leaders (专报) in the period.

``public_only`` leaves out cases not made public, for anything that is circulated (DOMAIN.md §8).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import gettext

from .models import (
    Bulletin,
    Case,
    CaseAction,
    CaseEvent,
    CaseStatus,
    Contact,
    Publicity,
    Satisfaction,
    Unit,
    db,
)
from .notify import long_date

SATISFIED = (Satisfaction.satisfied, Satisfaction.basically)
RATED = (*SATISFIED, Satisfaction.dissatisfied)
# Praise needs at least this share satisfied (where the citizen gave a verdict).
PRAISE_SATISFACTION = 0.9
# A case sent back this many times in the period is "repeated rework".
REPEATED_REWORK = 2


@dataclass
class UnitFigures:
    unit_id: int
    unit: str
    received: int = 0
    due: int = 0
    on_time: int = 0
    overdue: int = 0
    returned: int = 0
    rated: int = 0
    satisfied: int = 0
    came_back: int = 0
    escalated: int = 0
    rank: int | None = None
    # Case numbers behind the criticism: overdue, sent back REPEATED_REWORK times or more, escalated.
    overdue_cases: list[str] = field(default_factory=list)
    rework_cases: list[str] = field(default_factory=list)
    escalated_cases: list[str] = field(default_factory=list)

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.due if self.due else None

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.rated if self.rated else None

    @property
    def active(self) -> bool:
        return bool(self.received or self.due or self.returned or self.rated or self.came_back or self.escalated)


@dataclass
class Period:
    start: date
    end: date

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time.min)

    @property
    def until(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time.min)

    @classmethod
    def month_of(cls, day: date) -> Period:
        start = day.replace(day=1)
        return cls(start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1))

    @classmethod
    def last_month(cls, today: date) -> Period:
        return cls.month_of(today.replace(day=1) - timedelta(days=1))


def _cases(public_only: bool, unit_ids):
    """Conditions on the cases counted: led by a unit (of ``unit_ids`` when given), public if asked."""
    conditions = [Case.lead_unit_id.is_not(None)]
    if public_only:
        conditions.append(Case.publicity == Publicity.public)
    if unit_ids is not None:
        conditions.append(Case.lead_unit_id.in_(list(unit_ids)))
    return conditions


def _in(period: Period, column):
    return sa.and_(column >= period.since, column < period.until)


def _event_counts(action: CaseAction, period: Period, cases, distinct: bool = True):
    counted = sa.func.count(sa.distinct(Case.id)) if distinct else sa.func.count(CaseEvent.id)
    return (sa.select(Case.lead_unit_id, counted).join(CaseEvent, CaseEvent.case_id == Case.id)
            .where(CaseEvent.action == action, _in(period, CaseEvent.at), *cases).group_by(Case.lead_unit_id))


def _last_report(cases):
    """When each case counted was last reported back on (the answer that counts against the deadline)."""
    return (sa.select(CaseEvent.case_id, sa.func.max(CaseEvent.at).label("at"))
            .where(CaseEvent.action == CaseAction.report_back, _of(cases)).group_by(CaseEvent.case_id).subquery())


def _of(cases):
    """Steps of the cases counted only: a unit's figures group its own steps, not the city's."""
    return CaseEvent.case_id.in_(sa.select(Case.id).where(*cases))


def first_close(*cases):
    """When each case (of those meeting ``cases``) was first closed (办结): what its satisfaction and any
    later call count from."""
    return (sa.select(CaseEvent.case_id, sa.func.min(CaseEvent.at).label("at"))
            .where(CaseEvent.action == CaseAction.close, _of(cases)).group_by(CaseEvent.case_id).subquery())


def _due(period: Period, today: date, cases):
    """Cases whose deadline fell in the period and has passed (a deadline is missed only once past)."""
    return [Case.deadline >= period.start, Case.deadline <= min(period.end, today - timedelta(days=1)),
            Case.status.not_in((CaseStatus.proposed, CaseStatus.rejected)), *cases]


def figures(period: Period, today: date, public_only: bool = False, unit_ids=None) -> list[UnitFigures]:
    """Every unit with something to show for the period, ranked (units with nothing due unranked last)."""
    cases = _cases(public_only, unit_ids)
    found: dict[int, dict] = defaultdict(dict)

    def take(name: str, query) -> None:
        for unit_id, *values in db.session.execute(query):
            found[unit_id][name] = values if len(values) > 1 else values[0]

    take("received", _event_counts(CaseAction.assign, period, cases))
    take("returned", _event_counts(CaseAction.rework, period, cases, distinct=False))
    take("escalated", _event_counts(CaseAction.escalate, period, cases))

    last_report = _last_report(cases)
    reported_in_time = sa.func.date(last_report.c.at) <= Case.deadline
    take("due", sa.select(Case.lead_unit_id, sa.func.count(), sa.func.count(sa.case((reported_in_time, 1))))
         .outerjoin(last_report, last_report.c.case_id == Case.id)
         .where(*_due(period, today, cases)).group_by(Case.lead_unit_id))

    closed = first_close(*cases)
    closed_in_period = sa.select(closed.c.case_id).where(_in(period, closed.c.at))
    take("rated", sa.select(Case.lead_unit_id, sa.func.count(sa.case((Case.satisfaction.in_(RATED), 1))),
                            sa.func.count(sa.case((Case.satisfaction.in_(SATISFIED), 1))))
         .where(Case.id.in_(closed_in_period), *cases).group_by(Case.lead_unit_id))
    called_again = sa.exists().where(Contact.case_id == Case.id, Contact.received_at > closed.c.at,
                                     _in(period, Contact.received_at))
    take("came_back", sa.select(Case.lead_unit_id, sa.func.count()).join(closed, closed.c.case_id == Case.id)
         .where(called_again, *cases).group_by(Case.lead_unit_id))

    names = dict(db.session.execute(sa.select(Unit.id, Unit.name).where(Unit.id.in_(list(found)))).all())
    rows = []
    for unit_id, values in found.items():
        due, on_time = values.get("due", (0, 0))
        rated, satisfied = values.get("rated", (0, 0))
        rows.append(UnitFigures(unit_id, names[unit_id], received=values.get("received", 0), due=due,
                                on_time=on_time, overdue=due - on_time, returned=values.get("returned", 0),
                                rated=rated, satisfied=satisfied, came_back=values.get("came_back", 0),
                                escalated=values.get("escalated", 0)))
    rows = [row for row in rows if row.active]
    _rank(rows)
    _name_cases(rows, period, today, cases)
    return sorted(rows, key=lambda row: (row.rank is None, row.rank or 0, row.unit))


def _rank(rows: list[UnitFigures]) -> None:
    """Units with deadlines due are ranked: on time first, then satisfaction, then fewer returns and
    fewer problems back; equal figures share a rank."""
    def key(row: UnitFigures):
        satisfaction = row.satisfaction_rate if row.satisfaction_rate is not None else 1.0
        return (-row.on_time_rate, -satisfaction, row.returned, row.came_back, row.escalated)

    ranked = sorted((row for row in rows if row.due), key=key)
    for position, row in enumerate(ranked, start=1):
        previous = ranked[position - 2] if position > 1 else None
        row.rank = previous.rank if previous is not None and key(previous) == key(row) else position


def _name_cases(rows: list[UnitFigures], period: Period, today: date, cases) -> None:
    """The case numbers behind each unit's overdue, repeated rework and escalation."""
    by_unit = {row.unit_id: row for row in rows}
    last_report = _last_report(cases)
    late = sa.or_(last_report.c.at.is_(None), sa.func.date(last_report.c.at) > Case.deadline)
    queries = {
        "overdue_cases": sa.select(Case.lead_unit_id, Case.number).outerjoin(
            last_report, last_report.c.case_id == Case.id).where(late, *_due(period, today, cases)),
        "rework_cases": sa.select(Case.lead_unit_id, Case.number).join(CaseEvent, CaseEvent.case_id == Case.id)
        .where(CaseEvent.action == CaseAction.rework, _in(period, CaseEvent.at), *cases)
        .group_by(Case.lead_unit_id, Case.number).having(sa.func.count() >= REPEATED_REWORK),
        "escalated_cases": sa.select(Case.lead_unit_id, Case.number).join(CaseEvent, CaseEvent.case_id == Case.id)
        .where(CaseEvent.action == CaseAction.escalate, _in(period, CaseEvent.at), *cases).distinct(),
    }
    for name, query in queries.items():
        for unit_id, number in db.session.execute(query.order_by(Case.number)):
            if unit_id in by_unit:
                getattr(by_unit[unit_id], name).append(number)


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def praised(rows: list[UnitFigures]) -> list[tuple[UnitFigures, str]]:
    """表扬: every deadline met, nothing sent back or escalated, citizens satisfied."""
    chosen = []
    for row in rows:
        satisfaction = row.satisfaction_rate
        if (row.due and not row.overdue and not row.returned and not row.escalated
                and (satisfaction is None or satisfaction >= PRAISE_SATISFACTION)):
            reason = gettext("all %(count)d case(s) due were answered on time", count=row.due)
            if satisfaction is not None:
                reason += gettext("; satisfaction %(rate)s", rate=percent(satisfaction))
            chosen.append((row, reason))
    return chosen


def criticised(rows: list[UnitFigures]) -> list[tuple[UnitFigures, str]]:
    """通报批评: overdue, repeated rework, a case escalated to the city leaders — each with its cases."""
    chosen = []
    for row in rows:
        reasons = []
        if row.overdue_cases:
            reasons.append(gettext("%(count)d case(s) overdue (%(cases)s)", count=len(row.overdue_cases),
                                   cases="、".join(row.overdue_cases)))
        if row.rework_cases:
            reasons.append(gettext("sent back for rework repeatedly (%(cases)s)", cases="、".join(row.rework_cases)))
        if row.escalated_cases:
            reasons.append(gettext("reported to the city leaders (%(cases)s)", cases="、".join(row.escalated_cases)))
        if reasons:
            chosen.append((row, "；".join(reasons)))
    return chosen


# The ranking table, as shown, circulated in the bulletin's Word and Excel files, and kept with it.
TABLE = (
    ("rank", 6), ("unit", 24), ("received", 8), ("due", 8), ("on_time", 8), ("overdue", 8), ("on_time_rate", 10),
    ("returned", 8), ("satisfaction_rate", 10), ("came_back", 8), ("escalated", 8),
)


def table_labels() -> dict[str, str]:
    return {
        "rank": gettext("Rank"), "unit": gettext("Unit"), "received": gettext("Assigned"),
        "due": gettext("Fell due"), "on_time": gettext("On time"), "overdue": gettext("Overdue"),
        "on_time_rate": gettext("On-time rate"), "returned": gettext("Sent back"),
        "satisfaction_rate": gettext("Satisfaction"), "came_back": gettext("Called again after closing"),
        "escalated": gettext("Reported to leaders"),
    }


def table_row(row: UnitFigures) -> dict:
    return {"rank": row.rank if row.rank is not None else "—", "unit": row.unit, "received": row.received,
            "due": row.due, "on_time": row.on_time, "overdue": row.overdue, "on_time_rate": percent(row.on_time_rate),
            "returned": row.returned, "satisfaction_rate": percent(row.satisfaction_rate),
            "came_back": row.came_back, "escalated": row.escalated}


def period_label(period: Period) -> str:
    if period == Period.month_of(period.start):
        return gettext("%(year)d-%(month)d", year=period.start.year, month=period.start.month)
    return gettext("%(start)s to %(end)s", start=long_date(period.start), end=long_date(period.end))


def draft_bulletin(period: Period, today: date) -> Bulletin:
    """The periodic bulletin as the office starts from: the figures in words, praise and criticism with
    reasons, and the ranking table; cases not made public are left out of all of it."""
    rows = figures(period, today, public_only=True)
    total = UnitFigures(0, "", **{name: sum(getattr(row, name) for row in rows) for name in (
        "received", "due", "on_time", "overdue", "returned", "rated", "satisfied", "came_back", "escalated")})
    label = period_label(period)
    lines = [gettext("1. Overall"), gettext(
        "In %(period)s the working group assigned %(received)d difficult case(s); %(due)d fell due and %(on_time)d "
        "were answered on time (%(rate)s); cases were sent back for rework %(returned)d time(s); citizens were "
        "satisfied with %(satisfaction)s of the cases closed; %(came_back)d closed case(s) were called about again; "
        "%(escalated)d case(s) were reported to the city leaders.",
        period=label, received=total.received, due=total.due, on_time=total.on_time,
        rate=percent(total.on_time_rate), returned=total.returned, satisfaction=percent(total.satisfaction_rate),
        came_back=total.came_back, escalated=total.escalated)]
    for heading, chosen in ((gettext("2. Praise"), praised(rows)), (gettext("3. Criticism"), criticised(rows))):
        lines.append(heading)
        lines += [f"{row.unit}：{reason}。" for row, reason in chosen] or [gettext("None in this period.")]
    lines += [gettext("4. Requirements"), gettext("(The office writes what the units are to do next.)")]
    return Bulletin(title=gettext("Bulletin of the Yulin 12345 hotline rapid-linkage work (%(period)s)", period=label),
                    body="\n".join(lines), period_start=period.start, period_end=period.end,
                    figures=[table_row(row) for row in rows])
