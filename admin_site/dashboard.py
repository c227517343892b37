"""Figures for the 工作台 (workbench): what needs the office's attention now."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime, timedelta

import redis
import sqlalchemy as sa
from flask_babel import get_locale, gettext
from rq import Worker
from rq.cron import CronScheduler

from .access import own_unit_ids, oversees_jobs, visible
from .assessment import RATED, SATISFIED, Period, figures, first_close, period_label, table_row
from .jobs import HEARTBEAT_KEY
from .models import (
    OPEN_CASE_STATUSES,
    Case,
    CaseCategory,
    CaseStatus,
    Category,
    Channel,
    Contact,
    Level,
    Role,
    Slip,
    SlipStatus,
    Unit,
    db,
    now_local,
)
from .queue import get_queue, get_redis
from .rules import overdue_plan


def _counts_by(user, column) -> dict:
    rows = db.session.execute(
        sa.select(column, sa.func.count()).where(visible(user, column.class_)).group_by(column)
    ).all()
    return {value: count for value, count in rows}


def _count(user, model, *conditions) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(visible(user, model), *conditions))


def summary(user) -> dict:
    """Counts by status and level, cases awaiting review, and the health of the background jobs,
    over the rows this account may see (a unit sees its own figures)."""
    by_status = _counts_by(user, Case.status)
    by_level = _counts_by(user, Case.level)
    today = now_local().date()
    open_slips = (SlipStatus.issued, SlipStatus.signed, SlipStatus.returned)
    upcoming = db.session.scalars(
        sa.select(Case)
        .where(visible(user, Case), Case.status.in_(OPEN_CASE_STATUSES), Case.deadline.is_not(None))
        .order_by(Case.deadline)
        .limit(10)
    ).all()
    return {
        "statuses": [(status, by_status.get(status, 0)) for status in CaseStatus],
        "levels": [(level, by_level.get(level, 0)) for level in Level],
        "proposed": by_status.get(CaseStatus.proposed, 0),
        "proposed_status": CaseStatus.proposed,
        "open_cases": sum(by_status.get(status, 0) for status in OPEN_CASE_STATUSES),
        "overdue_slips": _count(user, Slip, Slip.status.in_(open_slips), Slip.deadline < today),
        "contacts_today": _count(user, Contact, Contact.received_at >= datetime.combine(today, datetime.min.time())),
        "upcoming": upcoming,
        "jobs": background_health() if oversees_jobs(user) else None,
    }


def background_health() -> dict:
    """Whether workers, the cron scheduler and the heartbeat job are alive; never fails the page."""
    try:
        connection = get_redis()
        workers = Worker.count(connection=connection)
        schedulers = len(CronScheduler.all(connection))
        raw = connection.get(HEARTBEAT_KEY)
        queued = len(get_queue())
    except (redis.RedisError, OSError):
        return {"reachable": False}
    last = datetime.fromisoformat(raw.decode()) if raw else None
    return {
        "reachable": True,
        "workers": workers,
        "schedulers": schedulers,
        "queued": queued,
        "last_heartbeat": last,
        "heartbeat_fresh": last is not None and now_local() - last < timedelta(minutes=3),
    }


# Charts ------------------------------------------------------------------------------------

CHART_SECONDS = 300  # the charts' numbers are kept this long: counting a year of contacts is not free
CHART_MONTHS = 12
OVERDUE_UNITS_SHOWN = 15
# The levels' colours, as on their badges (static/css/hotline.css).
LEVEL_COLORS = ["#6c757d", "#ffc107", "#dc3545", "#343a40"]


def _month(column):
    """'YYYY-MM' of a timestamp, in the database's own words."""
    if db.session.get_bind().dialect.name == "postgresql":
        return sa.func.to_char(column, "YYYY-MM")
    return sa.func.strftime("%Y-%m", column)


def _months(today: date) -> list[str]:
    first = today.replace(day=1)
    months = []
    for _ in range(CHART_MONTHS):
        months.append(f"{first:%Y-%m}")
        first = (first - timedelta(days=1)).replace(day=1)
    return months[::-1]


def _series(rows, months: list[str], names: dict) -> dict:
    """Rows of (month, key, count) as one series per key, a number for every month."""
    counts = defaultdict(dict)
    for month, key, count in rows:
        counts[key][month] = count
    return {"months": months, "series": [{"name": str(label), "data": [counts[key].get(month, 0) for month in months]}
                                         for key, label in names.items()]}


def _pairs(rows, names: dict | None = None) -> list[dict]:
    return [{"name": str(names[key]) if names else key, "value": count} for key, count in rows]


def city_charts(today: date) -> dict:
    """For the office and the leaders: contacts by channel and by category over the last months, open
    cases by level, overdue cases by lead unit, and the monthly satisfaction rate."""
    months = _months(today)
    since = datetime.strptime(months[0], "%Y-%m")
    month = _month(Contact.received_at).label("month")
    by_channel = db.session.execute(
        sa.select(month, Contact.channel, sa.func.count()).where(Contact.received_at >= since)
        .group_by(month, Contact.channel))
    by_category = db.session.execute(
        sa.select(month, CaseCategory.code, sa.func.count()).join(CaseCategory, CaseCategory.case_id == Contact.case_id)
        .where(Contact.received_at >= since).group_by(month, CaseCategory.code))
    return {
        "contacts_by_channel": _series(by_channel, months, {channel: channel.label for channel in Channel}),
        "contacts_by_category": _series(by_category, months, {category: category.label for category in Category}),
        **_case_charts(today, sa.true(), since, months),
        "overdue_by_unit": _pairs(db.session.execute(
            sa.select(Unit.name, sa.func.count()).join(Case, Case.lead_unit_id == Unit.id)
            .where(overdue_plan(today)).group_by(Unit.name)
            .order_by(sa.func.count().desc(), Unit.name).limit(OVERDUE_UNITS_SHOWN))),
    }


def unit_charts(user, today: date) -> dict:
    """For a unit: its own cases by level, its satisfaction month by month, and its figures."""
    months = _months(today)
    since = datetime.strptime(months[0], "%Y-%m")
    charts = _case_charts(today, visible(user, Case), since, months)
    own = own_unit_ids(user)
    for key, period in (("this_month", Period.month_of(today)), ("last_month", Period.last_month(today))):
        charts[key] = {"label": period_label(period),
                       "rows": [table_row(row) for row in figures(period, today, unit_ids=own)]}
    return charts


def _case_charts(today: date, scope, since: datetime, months: list[str]) -> dict:
    open_cases = sa.and_(scope, Case.status.in_(OPEN_CASE_STATUSES))
    by_level = dict(db.session.execute(sa.select(Case.level, sa.func.count()).where(open_cases).group_by(Case.level))
                    .all())
    closed = first_close(scope)
    month = _month(closed.c.at).label("month")
    rated = db.session.execute(
        sa.select(month, sa.func.count(sa.case((Case.satisfaction.in_(SATISFIED), 1))),
                  sa.func.count(sa.case((Case.satisfaction.in_(RATED), 1))))
        .join(Case, Case.id == closed.c.case_id).where(closed.c.at >= since, scope).group_by(month))
    rates = {row_month: round(satisfied * 100 / count, 1) for row_month, satisfied, count in rated if count}
    return {
        "cases_by_level": [{"name": str(level.label), "value": by_level.get(level, 0)} for level in Level],
        "satisfaction": {"months": months, "series": [{"name": gettext("Satisfaction (%)"),
                                                       "data": [rates.get(m) for m in months]}]},
    }


def charts(user) -> dict:
    """The workbench charts for this account (the city, or the unit's own), kept CHART_SECONDS in Redis."""
    today = now_local().date()
    scope = f"unit:{user.unit_id}" if user.role == Role.unit else "city"
    key = f"hotline:charts:{scope}:{today}:{get_locale()}"
    try:
        cached = get_redis().get(key)
    except (redis.RedisError, OSError):
        cached = None
    if cached:
        return json.loads(cached)
    found = unit_charts(user, today) if user.role == Role.unit else city_charts(today)
    try:
        get_redis().set(key, json.dumps(found, ensure_ascii=False), ex=CHART_SECONDS)
    except (redis.RedisError, OSError):
        pass
    return found
