"""Background jobs through a real Redis (embedded and server) and RQ's own worker and scheduler."""

from datetime import datetime

from rq import Queue, SimpleWorker
from rq.cron import CronScheduler

from admin_site import dashboard
from admin_site.jobs import HEARTBEAT_KEY, heartbeat, register_schedule


def redis_url_of(connection) -> str:
    socket_file = getattr(connection, "socket_file", None)
    if socket_file:
        return f"unix://{socket_file}"
    kwargs = connection.connection_pool.connection_kwargs
    return f"redis://{kwargs['host']}:{kwargs['port']}/{kwargs['db']}"


def test_heartbeat_runs_in_a_worker_and_the_workbench_sees_it(app, redis_connection):
    app.config["REDIS_URL"] = redis_url_of(redis_connection)
    app.extensions["redis"] = None
    queue = Queue(app.config["RQ_QUEUE"], connection=redis_connection)
    job = queue.enqueue(heartbeat)
    assert dashboard.background_health()["queued"] == 1
    SimpleWorker([queue], connection=redis_connection).work(burst=True)
    assert job.get_status(refresh=True) == "finished"
    stored = datetime.fromisoformat(redis_connection.get(HEARTBEAT_KEY).decode())
    assert stored.isoformat() == job.return_value()
    health = dashboard.background_health()
    assert health["reachable"] and health["heartbeat_fresh"] and health["queued"] == 0


def test_cron_registration_enqueues_the_heartbeat_on_the_first_tick(app, redis_connection):
    scheduler = CronScheduler(connection=redis_connection)
    register_schedule(scheduler, app.config["RQ_QUEUE"])
    jobs = {job.func_name: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"admin_site.jobs.heartbeat", "admin_site.jobs.recalculate"}
    # The nightly recalculation runs at 03:30 in Yulin, which rq's UTC cron calls 19:30.
    assert jobs["admin_site.jobs.recalculate"].cron == "30 19 * * *"
    assert jobs["admin_site.jobs.recalculate"].next_enqueue_time.strftime("%H:%M") == "19:30"
    enqueued = scheduler.enqueue_jobs()
    assert len(enqueued) == 1
    queue = Queue(app.config["RQ_QUEUE"], connection=redis_connection)
    assert [job.func_name for job in queue.jobs] == ["admin_site.jobs.heartbeat"]
    assert scheduler.enqueue_jobs() == []  # not again until the interval has passed


def test_workbench_says_so_when_redis_is_down(app):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    app.extensions["redis"] = None
    assert dashboard.background_health() == {"reachable": False}
