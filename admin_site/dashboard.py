"""Figures for the 工作台 (workbench): what needs the office's attention now."""

from __future__ import annotations

from datetime import datetime, timedelta

import redis
import sqlalchemy as sa
from rq import Worker
from rq.cron import CronScheduler

from .access import oversees_jobs, visible
from .jobs import HEARTBEAT_KEY
from .models import OPEN_CASE_STATUSES, Case, CaseStatus, Contact, Level, Slip, SlipStatus, db, now_local
from .queue import get_queue, get_redis


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
