"""Background jobs through a real Redis (embedded and server) and RQ's own worker and scheduler."""

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from rq import Queue, Retry, SimpleWorker
from rq.job import Job
from rq.cron import CronScheduler

from admin_site import dashboard, importer
from admin_site.jobs import (
    HEARTBEAT_KEY,
    deliver_notifications,
    group_contacts,
    heartbeat,
    recalculate,
    refresh,
    register_schedule,
    sweep_notifications,
)
from admin_site.models import (
    Case,
    CaseSource,
    DeliveryFailure,
    DeliveryStatus,
    GroupRole,
    Member,
    MessageChannel,
    Notification,
    Unit,
    db,
    now_local,
)

from .conftest import csrf_from
from .factories import queued

ROOT = Path(__file__).resolve().parent.parent


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


def test_cron_registration_uses_utc_and_enqueues_interval_jobs_on_the_first_tick(app, redis_connection):
    scheduler = CronScheduler(connection=redis_connection)
    register_schedule(scheduler, app.config["RQ_QUEUE"])
    schedule = {job.name: job for job in scheduler.get_jobs()}
    assert set(schedule) == {"admin_site.jobs.heartbeat", "refresh", "refresh-new-day", "admin_site.jobs.recalculate",
                             "admin_site.jobs.sweep_notifications"}
    # rq's cron strings are UTC: the nightly recalculation at 03:30 in Yulin is 19:30 UTC, and the
    # refresh that turns levels at the start of a Yulin day is 16:05 UTC (00:05 in Yulin).
    assert schedule["admin_site.jobs.recalculate"].cron == "30 19 * * *"
    assert schedule["admin_site.jobs.recalculate"].next_enqueue_time.strftime("%H:%M") == "19:30"
    assert schedule["refresh-new-day"].next_enqueue_time.strftime("%H:%M") == "16:05"
    assert schedule["refresh"].interval == app.config["REFRESH_INTERVAL"]
    assert schedule["admin_site.jobs.sweep_notifications"].interval == 60
    enqueued = scheduler.enqueue_jobs()
    assert len(enqueued) == 3
    queue = Queue(app.config["RQ_QUEUE"], connection=redis_connection)
    queued = queue.jobs
    assert sorted(job.func_name for job in queued) == ["admin_site.jobs.heartbeat", "admin_site.jobs.refresh",
                                                       "admin_site.jobs.sweep_notifications"]
    assert scheduler.enqueue_jobs() == []  # not again until the interval has passed
    app.config["REDIS_URL"] = redis_url_of(redis_connection)
    app.extensions["redis"] = None
    SimpleWorker([queue], connection=redis_connection).work(burst=True)
    assert [job.get_status(refresh=True) for job in queued] == ["finished"] * 3


def three_calls_at(places: int) -> list[int]:
    report = importer.import_records([
        {"work_order": f"K{place}-{n}", "channel": "电话", "received_at": f"2026-03-{n + 1:02d} 09:00",
         "content": "小区垃圾堆放很久没人清运", "address": f"玉州区民主路{100 * place + 1}号", "phone": f"1380000{place:04d}"}
        for place in range(places) for n in range(3)])
    assert report.ok
    db.session.commit()
    return report.contact_ids


def proposals() -> list[tuple[str, int]]:
    db.session.expire_all()
    return [(case.number, len(case.contacts)) for case in
            db.session.scalars(sa.select(Case).where(Case.source == CaseSource.system).order_by(Case.number))]


def test_new_contacts_become_proposals_through_a_worker(app, redis_connection):
    queue = Queue(app.config["RQ_QUEUE"], connection=redis_connection)
    job = queue.enqueue(group_contacts, three_calls_at(2))
    SimpleWorker([queue], connection=redis_connection).work(burst=True)
    assert job.get_status(refresh=True) == "finished", job.latest_result().exc_string
    assert job.return_value()["proposed"] == 2
    year = now_local().year
    assert proposals() == [(f"LD-{year}-0001", 3), (f"LD-{year}-0002", 3)]


def test_a_lost_grouping_job_is_made_good_by_the_frequent_refresh(app, redis_connection):
    three_calls_at(1)  # stored, but its grouping job never ran (say Redis was wiped)
    queue = Queue(app.config["RQ_QUEUE"], connection=redis_connection)
    job = queue.enqueue(refresh)
    SimpleWorker([queue], connection=redis_connection).work(burst=True)
    assert job.return_value()["ungrouped"] == 3
    assert [count for _, count in proposals()] == [3]


def test_a_worker_killed_mid_job_is_retried_with_the_same_result(app, redis_connection, tmp_path):
    contact_ids = three_calls_at(4)
    year = now_local().year
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "REDIS_URL": redis_url_of(redis_connection), "SECRET_KEY": app.config["SECRET_KEY"],
           "RQ_QUEUE": app.config["RQ_QUEUE"], "INSTANCE_PATH": str(tmp_path)}
    queue = Queue(app.config["RQ_QUEUE"], connection=redis_connection)
    job = queue.enqueue(group_contacts, contact_ids, retry=Retry(max=2))
    blocker = db.engine.connect()
    transaction = blocker.begin()
    # Hold up the job halfway: on PostgreSQL after it grouped, when it takes case numbers; SQLite
    # has one write lock, so there it waits at its first write.
    if blocker.dialect.name == "postgresql":
        blocker.execute(sa.text("INSERT INTO number_sequences (name, year, last) VALUES ('case', :year, 0)"),
                        {"year": year})
        transaction.commit()
        transaction = blocker.begin()
        blocker.execute(sa.text("SELECT last FROM number_sequences WHERE name = 'case' FOR UPDATE"))
    else:
        blocker.execute(sa.text("INSERT INTO job_locks (name, taken_at) VALUES ('blocker', '2026-01-01')"))
    worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        horse = wait_for_work_horse(worker.pid, job)
        os.kill(horse, signal.SIGKILL)
        wait_until(lambda: job.refresh() or job.retries_left == 1)
        transaction.rollback()
        output, _ = worker.communicate(timeout=120)
    finally:
        blocker.close()
        if worker.poll() is None:
            worker.kill()
    job.refresh()
    assert job.get_status() == "finished", output
    assert job.retries_left == 1  # one attempt was lost with its process
    assert proposals() == [(f"LD-{year}-{n:04d}", 3) for n in range(1, 5)]


def wait_until(condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def wait_for_work_horse(worker_pid: int, job) -> int:
    """The pid of the forked process running ``job``, once it has been at it for a moment."""
    found = []

    def started():
        children = subprocess.run(["pgrep", "-P", str(worker_pid)], capture_output=True, text=True).stdout.split()
        found[:] = [int(pid) for pid in children]
        return job.get_status(refresh=True) == "started" and found

    wait_until(started)
    time.sleep(0.5)
    return found[0]


def test_workbench_says_so_when_redis_is_down(app):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    app.extensions["redis"] = None
    assert dashboard.background_health() == {"reachable": False}


def test_a_contact_typed_in_is_grouped_by_a_worker(app, office, redis_connection):
    app.config["REDIS_URL"] = redis_url_of(redis_connection)
    app.extensions["redis"] = None
    token = csrf_from(office.get("/admin/contacts/new/").get_data(as_text=True))
    for n in range(3):
        response = office.post("/admin/contacts/new/", data={
            "work_order": f"H{n}", "channel": "phone", "received_at": f"2026-03-0{n + 1} 09:00:00",
            "content": "金港花园垃圾堆放没人清运", "address": "玉州区金港花园3栋", "satisfaction": "not_visited",
            "csrf_token": token})
        assert response.status_code == 302
    queue = Queue(app.config["RQ_QUEUE"], connection=redis_connection)
    assert [job.func_name for job in queue.jobs] == ["admin_site.jobs.group_contacts"] * 3
    SimpleWorker([queue], connection=redis_connection).work(burst=True)
    assert [count for _, count in proposals()] == [3]


# Reminders through real worker processes: what the receiving servers got is the measure.

def worker_environment(app, redis_connection, smtp, http, **settings) -> dict:
    from .conftest import outbox_settings

    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "REDIS_URL": redis_url_of(redis_connection), "SECRET_KEY": app.config["SECRET_KEY"],
           "RQ_QUEUE": app.config["RQ_QUEUE"]}
    for key, value in {**outbox_settings(smtp, http), "SEND_TIMEOUT": 120, **settings}.items():
        env[key] = str(value)
    return env


def start_workers(count: int, env: dict) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(count)]


def finish(workers: list[subprocess.Popen]) -> str:
    output = ""
    for worker in workers:
        try:
            output += worker.communicate(timeout=180)[0]
        finally:
            if worker.poll() is None:
                worker.kill()
    return output


def outbox() -> dict[int, tuple[DeliveryStatus, DeliveryFailure | None]]:
    db.session.expire_all()
    return {message.id: (message.status, message.failure) for message in db.session.scalars(sa.select(Notification))}


def some_messages(count: int) -> list[Notification]:
    """Half SMS, half email, all due now."""
    return [queued(MessageChannel.sms if n % 2 else MessageChannel.email,
                   f"138{n:08d}" if n % 2 else f"member{n}@yulin.example", subject="提醒", template_code="SMS_X",
                   params={"n": str(n)}) for n in range(count)]


def test_workers_killed_mid_send_while_racing_never_send_twice_and_lose_nothing(app, servers, redis_connection,
                                                                              monkeypatch):
    smtp, http = servers
    messages = some_messages(120)
    sms = [message.id for message in messages if message.channel == MessageChannel.sms]
    email = [message.id for message in messages if message.channel == MessageChannel.email]
    # The gateway and the mail server take these and then never answer: their senders are killed there.
    http.hangs.hang_on(sms[10], sms[45])
    smtp.hangs.hang_on(email[30])
    queue = Queue(app.config["RQ_QUEUE"], connection=redis_connection)
    for _ in range(2):
        queue.enqueue(deliver_notifications, retry=Retry(max=5), job_timeout=600)
    workers = start_workers(2, worker_environment(app, redis_connection, smtp, http))
    kills = 0
    try:
        for receiver in (http, http, smtp):
            receiver.hangs.arrivals.get(timeout=120)
            for worker in workers:  # kill every work horse in the middle of what it is doing
                for horse in subprocess.run(["pgrep", "-P", str(worker.pid)], capture_output=True,
                                            text=True).stdout.split():
                    try:
                        os.kill(int(horse), signal.SIGKILL)
                    except ProcessLookupError:  # it finished its job between the look and the kill
                        continue
                    kills += 1
        output = finish(workers)
    finally:
        http.hangs.release()
        smtp.hangs.release()
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
    # Messages whose worker died while sending are held once their claim is old.
    monkeypatch.setitem(app.config, "NOTIFY_STALE_SECONDS", 0)
    time.sleep(1.1)
    app.config["REDIS_URL"] = redis_url_of(redis_connection)
    app.extensions["redis"] = None
    assert sweep_notifications()["due"] == 0
    received = http.ids("/sms") + smtp.ids()
    states = outbox()
    assert max(received.values()) == 1, output  # nothing twice
    held = {message_id for message_id, (status, _) in states.items() if status == DeliveryStatus.held}
    sent = {message_id for message_id, (status, _) in states.items() if status == DeliveryStatus.sent}
    assert sent | held == set(states)  # nothing left waiting, nothing lost without a trace
    assert all(received[message_id] == 1 for message_id in sent)
    assert {sms[10], sms[45], email[30]} <= held  # the three the servers took but never confirmed
    assert all(received[message_id] == 1 for message_id in (sms[10], sms[45], email[30]))
    assert len(held) <= kills
    assert {states[message_id][1] for message_id in held} == {DeliveryFailure.interrupted}


def test_a_wiped_redis_loses_no_message_and_sms_wait_out_the_quiet_hours(app, servers, redis_connection):
    smtp, http = servers
    messages = some_messages(20)
    queue = Queue(app.config["RQ_QUEUE"], connection=redis_connection)
    queue.enqueue(deliver_notifications, retry=Retry(max=3))
    redis_connection.flushdb()  # Redis lost the delivery job before any worker took it
    # The next sweep finds the messages again.  Quiet hours are "now" for this run.
    now = now_local()
    quiet = f"{(now - timedelta(hours=1)):%H:%M}-{(now + timedelta(hours=1)):%H:%M}"
    queue.enqueue(sweep_notifications)
    output = finish(start_workers(2, worker_environment(app, redis_connection, smtp, http, SMS_QUIET_HOURS=quiet)))
    states = outbox()
    email = {message.id for message in messages if message.channel == MessageChannel.email}
    assert smtp.ids() == {message_id: 1 for message_id in email}, output
    assert http.ids("/sms") == {}  # none early
    assert {states[message.id] for message in messages if message.id not in email} == {(DeliveryStatus.pending, None)}


def test_a_slip_and_a_meeting_entered_on_their_screens_reach_the_right_people_once(app, office, servers,
                                                                                   redis_connection):
    smtp, http = servers
    app.config["REDIS_URL"] = redis_url_of(redis_connection)
    app.extensions["redis"] = None
    housing = db.session.scalar(sa.select(Unit).filter_by(name="市住房和城乡建设局"))
    leader = db.session.scalar(sa.select(Member).filter_by(name="王巍"))
    leader.email = "wang@yulin.example"
    liaison = Member(name="黄联络", unit=housing, group_role=GroupRole.liaison, phone="13800000001",
                     email="huang@zjj.example")
    case = Case(title="金港花园工地夜间施工噪音", lead_unit=housing)
    case.assign_number(db.session)
    db.session.add_all([liaison, case])
    db.session.commit()
    page = office.get("/admin/slips/new/").get_data(as_text=True)
    assert office.post("/admin/slips/new/", data={
        "case": str(case.id), "unit": str(housing.id), "requirement": "核查夜间施工审批并整改",
        "deadline": "2027-01-29", "status": "issued", "csrf_token": csrf_from(page)}).status_code == 302
    page = office.get("/admin/meetings/new/").get_data(as_text=True)
    assert office.post("/admin/meetings/new/", data={
        "title": "第一次专题快速联动协调会议", "held_at": "2027-01-20 15:00:00", "place": "市政务服务中心",
        "status": "scheduled", "members": [str(leader.id), str(liaison.id)],
        "csrf_token": csrf_from(page)}).status_code == 302
    queue = Queue(app.config["RQ_QUEUE"], connection=redis_connection)
    for _ in range(2):  # the second round finds everything announced already
        SimpleWorker([queue], connection=redis_connection).work(burst=True)
        queue.enqueue(sweep_notifications)
    SimpleWorker([queue], connection=redis_connection).work(burst=True)
    emails = {(email["To"], email["Subject"]) for email in smtp.messages}
    assert emails == {("huang@zjj.example", f"【跟踪督办】督办〔{now_local().year}〕1号 金港花园工地夜间施工噪音"),
                      ("huang@zjj.example", "【会议通知】第一次专题快速联动协调会议"),
                      ("wang@yulin.example", "【会议通知】第一次专题快速联动协调会议")}
    assert len(smtp.messages) == 3
    sms = [body for path, body in http.requests if path == "/sms"]
    assert sorted(body["template"] for body in sms) == ["SMS_HOTLINE_MEETING", "SMS_HOTLINE_SLIP_ISSUED"]
    assert all(body["phone"] == "13800000001" for body in sms)
    robot = [body["text"]["content"] for path, body in http.requests if path.startswith("/robot")]
    assert robot == ["【会议通知】定于2027年1月20日 15:00在市政务服务中心召开第一次专题快速联动协调会议，请参会单位和人员准时参加。"]


def test_the_nightly_regroup_is_split_by_county_among_workers(app, redis_connection):
    app.config["REGROUP_WHOLE_BELOW"] = 0  # as for a year's contacts
    records = [{"work_order": f"C{county}{k}", "channel": "电话", "received_at": f"2026-03-0{k + 1} 09:00",
                "content": "村道坑坑洼洼，下雨天无法通行", "address": address}
               for county, address in enumerate(("北流市塘岸镇独竹村", "容县自良镇大里村")) for k in range(3)]
    assert importer.import_records(records).ok
    db.session.commit()
    queue = Queue(app.config["RQ_QUEUE"], connection=redis_connection)
    job = queue.enqueue(recalculate)
    SimpleWorker([queue], connection=redis_connection).work(burst=True)
    assert job.get_status(refresh=True) == "finished", job.latest_result().exc_string
    assert job.return_value() == {"parts": 2}
    names = sorted(entry.func_name for entry in
                   (Job.fetch(job_id, connection=redis_connection) for job_id in
                    queue.finished_job_registry.get_job_ids()))
    assert names == ["admin_site.jobs.apply_rules", "admin_site.jobs.recalculate", "admin_site.jobs.regroup_part",
                     "admin_site.jobs.regroup_part"]
    assert [count for _, count in proposals()] == [3, 3]
