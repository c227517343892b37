"""RQ entry points and the cron schedule. Jobs take plain values and return something small.

The worker and the scheduler run inside an app context (see commands.py), so jobs use the app's
database session and Redis connection.  rq's cron strings are UTC; the office's clock is UTC+8.
"""

from __future__ import annotations

from rq.cron import CronScheduler

from .models import now_local
from .queue import get_redis

HEARTBEAT_KEY = "hotline:heartbeat"
HEARTBEAT_INTERVAL = 60


def heartbeat() -> str:
    """Record that a worker ran a scheduled job just now; the workbench shows its age."""
    stamp = now_local().isoformat()
    get_redis().set(HEARTBEAT_KEY, stamp, ex=24 * 3600)
    return stamp


def register_schedule(scheduler: CronScheduler, queue_name: str) -> None:
    """Every recurring job of the system; each one is idempotent, so a double run is harmless."""
    scheduler.register(heartbeat, queue_name, interval=HEARTBEAT_INTERVAL, job_timeout=30, result_ttl=600)
