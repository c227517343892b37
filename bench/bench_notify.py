"""Reminder delivery: 10,000 due messages (5,000 SMS to an HTTP gateway, 5,000 emails to an SMTP
server, both local) delivered by two RQ worker processes (target ≤ 60 s), each exactly once.

The messages come the real way: 2,500 cases whose deadline is one working day away, at units that
each have two liaisons taking SMS and email; the sweep job finds them and queues the delivery jobs.
BENCH_DATABASE_URL=sqlite runs it on SQLite; BENCH_REDIS_URL names the Redis (default: the local
server's database 14)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from rq import Queue

from bench.common import bench_app
from tests.receivers import HttpReceiver, SmtpReceiver

ROOT = Path(__file__).resolve().parent.parent
CASES = 2_500
WORKERS = 2


def build(now) -> None:
    from admin_site import workdays
    from admin_site.models import Case, CaseStatus, GroupRole, Member, Unit, db

    units = db.session.scalars(sa.select(Unit).order_by(Unit.id)).all()
    for unit in units:
        for n in range(2):
            db.session.add(Member(name=f"联络员{unit.id}-{n}", unit=unit, group_role=GroupRole.liaison,
                                  phone=f"139{unit.id:04d}{n:04d}", email=f"liaison{unit.id}-{n}@yulin.example"))
    deadline = workdays.add_workdays(now.date(), 1)
    db.session.execute(sa.insert(Case), [
        {"number": f"LD-2026-{n:05d}", "title": f"协调事项{n}", "status": CaseStatus.assigned,
         "lead_unit_id": units[n % len(units)].id, "deadline": deadline, "created_at": now, "updated_at": now}
        for n in range(CASES)])
    db.session.commit()


def main() -> None:
    from admin_site.jobs import sweep_notifications
    from admin_site.models import DeliveryStatus, Notification, db, now_local
    from admin_site.queue import connect

    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    smtp, http = SmtpReceiver().start(), HttpReceiver().start()
    settings = {"MAIL_BACKEND": "smtp", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": smtp.port, "SMS_BACKEND": "http",
                "SMS_HTTP_URL": f"{http.url}/sms", "SMS_QUIET_HOURS": "none", "NOTIFY_WORKERS": WORKERS,
                "REDIS_URL": redis_url}
    with bench_app() as app:
        app.config.update(settings)
        redis = connect(redis_url, "")
        redis.flushdb()
        build(now_local())
        started = time.perf_counter()
        found = sweep_notifications()
        collected = time.perf_counter() - started
        total = found["written"]
        print(f"sweep found the events and wrote {total:,} messages in {collected:.2f} s; "
              f"queued {found['jobs']} delivery jobs", flush=True)
        env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "SECRET_KEY": app.config["SECRET_KEY"],
               **{key: str(value) for key, value in settings.items()}}
        started = time.perf_counter()
        workers = [subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"], cwd=ROOT,
                                    env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                   for _ in range(WORKERS)]
        for worker in workers:
            worker.wait(timeout=600)
        elapsed = time.perf_counter() - started
        db.session.expire_all()
        counts = {status.value: count for status, count in db.session.execute(
            sa.select(Notification.status, sa.func.count()).group_by(Notification.status))}
        received = http.ids("/sms") + smtp.ids()
        print(f"{WORKERS} workers delivered {counts.get(DeliveryStatus.sent.value, 0):,} of {total:,} messages in "
              f"{elapsed:.1f} s (worker start-up included), {total / elapsed:,.0f} messages/s; target ≤ 60 s")
        print(f"received: {sum(http.ids('/sms').values()):,} SMS at the gateway, {len(smtp.messages):,} emails; "
              f"largest count for one message {max(received.values())}; states {counts}")
        assert len(Queue(app.config["RQ_QUEUE"], connection=redis)) == 0
        redis.flushdb()
    smtp.stop()
    http.stop()


if __name__ == "__main__":
    main()
