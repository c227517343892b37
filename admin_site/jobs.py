"""RQ entry points and the cron schedule. Jobs take plain values and return something small.

The worker and the scheduler run inside an app context (see commands.py), so jobs use the app's
database session and Redis connection.  rq's cron strings are UTC; the office's clock is UTC+8.
"""

from __future__ import annotations

import logging
import math
import secrets
import time

import redis
from flask import current_app
from rq import Queue, Retry, get_current_job
from rq.cron import CronScheduler

from . import grouping, importer, notify, rules
from .models import DeliveryStatus, db, now_local
from .queue import get_queue, get_redis
from .senders import Senders

log = logging.getLogger(__name__)

UPLOAD_TTL = 24 * 3600

# Jobs the app enqueues are retried when they fail or their worker dies; each is idempotent.
RETRY = Retry(max=3, interval=[10, 60, 300])

HEARTBEAT_KEY = "hotline:heartbeat"
HEARTBEAT_INTERVAL = 60
SWEEP_INTERVAL = 60
# The sweep queues a delivery job per this many due messages, at most NOTIFY_WORKERS; a delivery
# job hands over to a fresh one after this many seconds.
DELIVERY_BATCH = 50
DELIVERY_SECONDS = 120


def heartbeat() -> str:
    """Record that a worker ran a scheduled job just now; the workbench shows its age."""
    stamp = now_local().isoformat()
    get_redis().set(HEARTBEAT_KEY, stamp, ex=24 * 3600)
    return stamp


def upload_key(token: str) -> str:
    return f"hotline:upload:{token}"


def _set_progress(done: int, total: int) -> None:
    job = get_current_job()
    if job is not None:
        job.meta["progress"] = [done, total]
        job.save_meta()


def import_contacts(token: str, filename: str, add_units: bool) -> dict:
    """Import an uploaded file (kept in Redis, so any worker can take the job); all or nothing."""
    data = get_redis().get(upload_key(token))
    if data is None:
        return {"bad_file": "expired"}
    done = [0]

    def progress(step: int) -> None:
        done[0] += step
        _set_progress(done[0], total)

    try:
        records = importer.load_records(data, filename)
    except importer.BadFile as exc:
        return {"bad_file": str(exc)}
    total = len(records)
    report = importer.import_records(records, add_units=add_units, progress=progress)
    importer.finish(report)
    get_redis().delete(upload_key(token))
    _set_progress(total, total)
    return {"rows": report.rows, "created": report.created, "updated": report.updated,
            "errors": [str(problem) for problem in report.errors[:1000]], "error_count": len(report.errors),
            "warnings": [str(problem) for problem in report.warnings[:200]], "added_units": report.added_units}


def _committed(run) -> dict:
    """Run one rules run in a transaction of its own (the lock it takes must come first in it)."""
    db.session.commit()
    try:
        result = run()
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return result


def group_contacts(contact_ids: list[int]) -> dict:
    """Put contacts that just arrived into their problems and apply the rules to those problems."""
    return _committed(lambda: rules.absorb(contact_ids))


def refresh() -> dict:
    """The frequent run: levels and calendar-driven categories, and contacts a lost job left ungrouped."""
    return _committed(rules.refresh)


def recalculate() -> dict:
    """Everything again: grouping (hand-made groupings stay), proposals, categories, levels.  A
    large base's grouping is split by region into jobs any worker can take; the rules run when all
    are done.  The parts go to the queue this job came from."""
    current = get_current_job()
    queue = Queue(current.origin, connection=current.connection) if current else get_queue()
    regions = _committed(lambda: grouping.parts(current_app.config["REGROUP_WHOLE_BELOW"]))
    parts = [queue.enqueue(regroup_part, region, job_timeout=1800, result_ttl=86400, retry=RETRY)
             for region in regions]
    queue.enqueue(apply_rules, depends_on=parts, job_timeout=1800, result_ttl=86400, retry=RETRY)
    return {"parts": len(parts)}


def recalculate_here() -> dict:
    """Everything again in this process, in one transaction (the ``recalc`` command)."""
    return _committed(rules.recalculate)


def regroup_part(region: str | None) -> dict:
    """One region's contacts grouped again (or everyone's: grouping.EVERYWHERE)."""
    return _committed(lambda: rules.regroup_part(region))


def apply_rules() -> dict:
    """Proposals, categories and levels over everything."""
    return _committed(rules.apply_all)


def sweep_notifications() -> dict:
    """Every minute: hold messages whose worker died mid-send, withdraw deadline reminders no longer
    owed, write the messages of newly due events, and queue delivery jobs for what is due.
    Idempotent, so a wiped Redis loses nothing."""
    now = now_local()
    held = notify.hold_stale(now)
    withdrawn = notify.withdraw_settled(now)
    written = notify.collect(now)
    db.session.commit()
    due = notify.due_count(now)
    jobs = min(current_app.config["NOTIFY_WORKERS"], math.ceil(due / DELIVERY_BATCH))
    for _ in range(jobs):
        get_queue().enqueue(deliver_notifications, job_timeout=DELIVERY_SECONDS * 3, retry=RETRY)
    return {"held": held, "withdrawn": withdrawn, "written": written, "due": due, "jobs": jobs}


def deliver_notifications(seconds: int = DELIVERY_SECONDS) -> dict:
    """Send the messages due when the run began, one by one, until none is left or ``seconds`` have
    passed.  Each is claimed and committed before it is sent, and its outcome committed after, so
    another worker (or this job run again) never sends it twice.  A message that fails waits for a
    later run however short its retry delay, so one run never tries a message twice."""
    counts = {status.value: 0 for status in DeliveryStatus}
    stop, began = time.monotonic() + seconds, now_local()
    with Senders(current_app.config) as senders:
        while time.monotonic() < stop:
            message = notify.claim_next(now_local(), due_by=began)
            db.session.commit()
            if message is None:
                break
            counts[notify.send(message, senders).value] += 1
            db.session.commit()
        else:  # out of time with messages still due: a fresh job carries on
            get_queue().enqueue(deliver_notifications, job_timeout=DELIVERY_SECONDS * 3, retry=RETRY)
    return {status: count for status, count in counts.items() if count}


def queue_import(data: bytes, filename: str, add_units: bool, user_id: int):
    """Have a worker import an uploaded file (kept in Redis, so any worker can take it); the job."""
    token = secrets.token_hex(16)
    get_redis().set(upload_key(token), data, ex=UPLOAD_TTL)
    return get_queue().enqueue(import_contacts, token, filename, add_units, job_timeout=3600, result_ttl=7 * 86400,
                               retry=RETRY, meta={"user_id": user_id, "filename": filename})


def queue_grouping(contact_ids: list[int]) -> None:
    """Have a worker group contacts just stored and apply the rules to their problems.  Without
    Redis the frequent refresh job takes them in later, so the caller's request still succeeds."""
    try:
        get_queue().enqueue(group_contacts, contact_ids, job_timeout=600, retry=RETRY)
    except (redis.RedisError, OSError):
        log.warning("grouping not queued (Redis unreachable); the next refresh will take them in")


def queue_notifications() -> None:
    """Have a worker announce what just became due (a slip issued, a meeting called) now rather
    than at the next minute's sweep.  Without Redis the sweep still finds it."""
    try:
        get_queue().enqueue(sweep_notifications, job_timeout=300, retry=RETRY)
    except (redis.RedisError, OSError):
        log.warning("reminders not queued (Redis unreachable); the next sweep will send them")


def register_schedule(scheduler: CronScheduler, queue_name: str) -> None:
    """Every recurring job of the system; each one is idempotent, so a double run is harmless.
    Cron strings are UTC: 19:30 UTC is 03:30 in Yulin, and 16:05 UTC is 00:05, when a new day
    turns deadlines yellow or red."""
    scheduler.register(heartbeat, queue_name, interval=HEARTBEAT_INTERVAL, job_timeout=30, result_ttl=600)
    scheduler.register(refresh, queue_name, interval=current_app.config["REFRESH_INTERVAL"], job_timeout=600,
                       result_ttl=3600, name="refresh")
    scheduler.register(refresh, queue_name, cron="5 16 * * *", job_timeout=600, result_ttl=86400,
                       name="refresh-new-day")
    scheduler.register(recalculate, queue_name, cron="30 19 * * *", job_timeout=1800, result_ttl=86400)
    scheduler.register(sweep_notifications, queue_name, interval=SWEEP_INTERVAL, job_timeout=300, result_ttl=600)
