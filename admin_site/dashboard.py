"""Figures for the 工作台 (workbench): what needs the office's attention now."""

from __future__ import annotations

from datetime import datetime, timedelta

import redis
import sqlalchemy as sa
from rq import Worker
from rq.cron import CronScheduler

from .jobs import HEARTBEAT_KEY
from .models import OPEN_CASE_STATUSES, Case, CaseStatus, Contact, Level, Slip, SlipStatus, db, now_local
from .queue import get_queue, get_redis


def _counts_by(column) -> dict:
    rows = db.session.execute(sa.select(column, sa.func.count()).group_by(column)).all()
    return {value: count for value, count in rows}


def summary() -> dict:
    """Counts by status and level, cases awaiting review, and the health of the background jobs."""
    by_status = _counts_by(Case.status)
    by_level = _counts_by(Case.level)
    today = now_local().date()
    open_slips = (SlipStatus.issued, SlipStatus.signed, SlipStatus.returned)
    overdue_slips = db.session.scalar(
        sa.select(sa.func.count()).select_from(Slip).where(Slip.status.in_(open_slips), Slip.deadline < today)
    )
    upcoming = db.session.scalars(
        sa.select(Case)
        .where(Case.status.in_(OPEN_CASE_STATUSES), Case.deadline.is_not(None))
        .order_by(Case.deadline)
        .limit(10)
    ).all()
    return {
        "statuses": [(status, by_status.get(status, 0)) for status in CaseStatus],
        "levels": [(level, by_level.get(level, 0)) for level in Level],
        "proposed": by_status.get(CaseStatus.proposed, 0),
        "proposed_status": CaseStatus.proposed,
        "open_cases": sum(by_status.get(status, 0) for status in OPEN_CASE_STATUSES),
        "overdue_slips": overdue_slips,
        "contacts_today": db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Contact)
            .where(Contact.received_at >= datetime.combine(today, datetime.min.time()))
        ),
        "upcoming": upcoming,
        "jobs": background_health(),
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
