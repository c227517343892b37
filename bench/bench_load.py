"""The whole system under a year's load: gunicorn with 4 workers on PostgreSQL holding 1,000,000
contacts and 100,000 cases; 50 logged-in users of mixed roles (office, leaders, hotline, units),
each pausing 1-3 s between requests, browse lists (filtered, searched and sorted), details pages,
dashboards and exports for 60 s.  Prints, per kind of page, the server-side time the app took
(``Server-Timing``) at p50/p95/max and the client-side p95, the errors, and the workers' memory.
Target: no errors, server-side p95 ≤ 300 ms for list and details pages.

LOAD_CONTACTS, LOAD_CASES, LOAD_USERS and LOAD_SECONDS scale it; BENCH_DATABASE_URL names the
PostgreSQL server (default: the local one), BENCH_REDIS_URL the Redis (default: its database 13).
LOAD_DATABASE_URL names a database to fill once and keep, so that runs after the first skip the
two minutes of writing (it must be empty or filled by this benchmark).
"""

from __future__ import annotations

import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import contextlib

import httpx
import psutil
import sqlalchemy as sa
from flask import current_app
from flask_migrate import upgrade

from bench.common import bench_app

ROOT = Path(__file__).resolve().parent.parent
CONTACTS = int(os.environ.get("LOAD_CONTACTS", 1_000_000))
CASES = int(os.environ.get("LOAD_CASES", 100_000))
USERS = int(os.environ.get("LOAD_USERS", 50))
SECONDS = int(os.environ.get("LOAD_SECONDS", 60))
# Sync workers, as in production: with 4 threads each (gthread) the workers fought over the GIL and the
# two cores, server-side p95 tripled and connections were reset.
WORKERS = 4
PASSWORD = "Bench-Password-2026"
# Who the 50 are: mostly units, as in the city; every unit account is shared by a few of its people.
ROLE_MIX = {"office": 0.2, "leader": 0.1, "hotline": 0.1, "unit": 0.6}
UNIT_ACCOUNTS = 12
TARGET_MS = 300

CHANNELS = ["phone"] * 6 + ["web", "wechat", "app", "other"]
STATUSES = ["archived"] * 50 + ["closed"] * 10 + ["review"] * 5 + ["feedback"] * 8 + ["assigned"] * 15 + \
           ["coordinating"] * 3 + ["accepted"] * 3 + ["proposed"] * 4 + ["rejected"] * 2
CATEGORIES = ["repeat", "cross", "multi_channel", "legacy", "other"]
PLACES = ["金港花园", "碧水小区", "翠竹家园", "阳光新村", "锦绣雅苑", "富康公寓", "荔园华府", "东城名都", "南湖山庄", "西岭广场"]
MATTERS = ["夜间施工噪音扰民", "小区停水两天", "下水道堵塞污水横流", "垃圾无人清运", "路灯不亮", "路面塌陷", "车辆乱停占道",
           "油烟扰民", "电梯故障物业不修", "违章搭建"]


def _copy(cursor, table: str, columns: tuple[str, ...], rows) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def phone_of(contact_id: int) -> str:
    """Callers' phones: every caller calls about three times a year."""
    return f"138{(contact_id * 7919) % (CONTACTS // 3 + 1):08d}"


def populate(now: datetime) -> dict:
    """A year of a city of seven million, written with COPY: cases with categories, timelines and slips,
    contacts with their handling units, a quarter of them attached to cases."""
    from admin_site import normalize
    from admin_site.models import Unit, db

    rng = random.Random(2026)
    units = list(db.session.scalars(sa.select(Unit.id).order_by(Unit.id)))
    today = now.date()
    connection = db.engine.raw_connection()
    cursor = connection.cursor()
    cases, categories, events, slips, co_units = [], [], [], [], []
    lead_of = {}
    for case_id in range(1, CASES + 1):
        created = now - timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 1440))
        status = rng.choice(STATUSES)
        lead = rng.choice(units)
        lead_of[case_id] = lead
        deadline = created.date() + timedelta(days=rng.randint(10, 40))
        level = "normal"
        if status in ("accepted", "coordinating", "assigned") and deadline < today:
            level = "report" if (today - deadline).days > 7 else "red"
        elif status in ("accepted", "coordinating", "assigned") and (deadline - today).days <= 2:
            level = "yellow"
        place, matter = rng.choice(PLACES), rng.choice(MATTERS)
        cases.append((case_id, f"LD-{created.year}-{case_id:06d}", f"{place}{matter}", f"群众多次反映{place}{matter}",
                      "system", status, level, lead, rng.choice(units), deadline,
                      "restricted" if rng.random() < 0.02 else "public", created, created))
        for code in rng.sample(CATEGORIES, rng.choice((1, 1, 2))):
            categories.append((case_id, code, "computed", f"{matter}"))
        if rng.random() < 0.3:
            co_units.append((case_id, rng.choice([unit for unit in units if unit != lead])))
        if status in ("proposed", "rejected", "accepted"):
            continue
        steps = [("accept", "proposed", "accepted"), ("coordinate", "accepted", "coordinating"),
                 ("assign", "coordinating", "assigned")]
        if status in ("feedback", "closed", "review", "archived"):
            steps.append(("report_back", "assigned", "feedback"))
        if status in ("closed", "review", "archived"):
            steps.append(("close", "feedback", "closed"))
        at = created
        for action, before, after in steps:
            at += timedelta(days=rng.randint(0, 6), hours=rng.randint(1, 8))
            events.append((case_id, at, "admin", action, before, after))
        if status != "coordinating":
            slips.append((len(slips) + 1, created.year, len(slips) + 1, f"督办〔{created.year}〕{len(slips) + 1}号", case_id,
                          lead, f"核查{matter}并限期整改", deadline,
                          "passed" if status in ("closed", "review", "archived") else "issued", created, created,
                          created))
    _copy(cursor, "cases", ("id", "number", "title", "summary", "source", "status", "level", "lead_unit_id",
                            "jurisdiction_id", "deadline", "publicity", "created_at", "updated_at"), cases)
    _copy(cursor, "case_categories", ("case_id", "code", "origin", "reason"), categories)
    _copy(cursor, "case_co_units", ("case_id", "unit_id"), co_units)
    _copy(cursor, "case_events", ("case_id", "at", "username", "action", "from_status", "to_status"), events)
    _copy(cursor, "slips", ("id", "year", "seq", "number", "case_id", "unit_id", "requirement", "deadline", "status",
                            "issued_at", "created_at", "updated_at"), slips)

    hash_key = current_app.config["PHONE_HASH_KEY"].encode()

    def contacts():
        for contact_id in range(1, CONTACTS + 1):
            received = now - timedelta(days=rng.randint(0, 365), seconds=rng.randint(0, 86400))
            case_id = rng.randint(1, CASES) if rng.random() < 0.25 else None
            place, matter = rng.choice(PLACES), rng.choice(MATTERS)
            phone = phone_of(contact_id)
            yield (contact_id, f"GD{contact_id:010d}", rng.choice(CHANNELS), received, f"市民{contact_id % 9973}",
                   phone, f"玉州区{place}{rng.randint(1, 30)}栋", f"{place}{matter}，请尽快处理", "not_visited", case_id,
                   normalize.phone_hash(phone, hash_key), f"estate:{place}", "noise", received, received)

    _copy(cursor, "contacts", ("id", "work_order", "channel", "received_at", "complainant_name", "phone", "address",
                               "content", "satisfaction", "case_id", "phone_hash", "place_key", "topic", "created_at",
                               "updated_at"), contacts())
    _copy(cursor, "contact_transfer_units", ("contact_id", "unit_id"),
          ((contact_id, rng.choice(units)) for contact_id in range(1, CONTACTS + 1)))
    for table in ("cases", "slips", "contacts"):
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    connection.commit()
    cursor.execute("ANALYZE")
    connection.commit()
    connection.close()
    counts = {}
    for unit_id in lead_of.values():
        counts[unit_id] = counts.get(unit_id, 0) + 1
    busiest = sorted(counts, key=counts.get, reverse=True)[:UNIT_ACCOUNTS]
    return {"cases": len(cases), "events": len(events), "slips": len(slips), "units": busiest,
            "cases_of": {unit: [case_id for case_id, lead in lead_of.items() if lead == unit][:2000] for unit in busiest}}


def accounts(busiest: list[int]) -> dict[str, list[str]]:
    from admin_site.auth import create_user
    from admin_site.models import Role, Unit, db

    names = {"office": ["admin"], "leader": ["lingdao"], "hotline": ["rexian"], "unit": []}
    create_user("admin", Role.office, PASSWORD)
    create_user("lingdao", Role.leader, PASSWORD)
    create_user("rexian", Role.hotline, PASSWORD)
    for n, unit_id in enumerate(busiest):
        create_user(f"danwei{n}", Role.unit, PASSWORD, unit=db.session.get(Unit, unit_id))
        names["unit"].append(f"danwei{n}")
    db.session.commit()
    return names


def urls(app) -> dict[str, list[str]]:
    """Pages people open, with the filters a clerk picks from the menus."""
    from admin_site.models import CaseStatus, Channel, Level

    with app.test_request_context():
        admin = app.extensions["admin"][0]
        view = {getattr(item, "endpoint", None): item for item in admin._views}
        cases, contacts, slips = view["cases"], view["contacts"], view["slips"]
        return {
            "case list": ["/admin/cases/", "/admin/cases/?sort=4", "/admin/cases/?search=金港花园",
                          *(cases.filtered_url("status", status.value) for status in
                            (CaseStatus.assigned, CaseStatus.feedback, CaseStatus.proposed)),
                          *(cases.filtered_url("level", level.value) for level in (Level.red, Level.report)),
                          "/admin/cases/?page=5", "/admin/cases/?page_size=50"],
            "contact list": ["/admin/contacts/", "/admin/contacts/?page=3", "/admin/contacts/?search=GD0000123456",
                             f"/admin/contacts/?search={phone_of(4242)}",
                             contacts.filtered_url("channel", Channel.wechat.value), "/admin/contacts/?sort=2"],
            "slip list": ["/admin/slips/", "/admin/slips/?sort=3", slips.filtered_url("status", "issued")],
            "export": [cases.filtered_url("level", Level.report.value).replace("/admin/cases/", "/admin/cases/export/csv/"),
                       cases.filtered_url("level", Level.red.value).replace("/admin/cases/", "/admin/cases/circulate/")],
        }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(database_url: str, redis_url: str, port: int) -> subprocess.Popen:
    environment = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url,
                   "SECRET_KEY": "bench-secret-key-0123456789", "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--workers", str(WORKERS), "--bind",
                               f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"], cwd=ROOT, env=environment)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
            return server
        except httpx.HTTPError:
            time.sleep(0.5)
    server.kill()
    raise RuntimeError("gunicorn did not start")


CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


class Person(threading.Thread):
    """One logged-in user: opens a page, reads it for 1-3 s, opens the next, until the time is up."""

    def __init__(self, base: str, username: str, role: str, pages: dict, own_cases: list[int], stop: float,
                 results: list, seed: int):
        super().__init__(daemon=True)
        self.base, self.username, self.role, self.pages = base, username, role, pages
        self.own_cases, self.stop_at, self.results = own_cases, stop, results
        self.rng = random.Random(seed)

    def choose(self) -> tuple[str, str]:
        rng = self.rng
        kind = rng.choices(
            ["case list", "case details", "contact list", "contact details", "slip list", "dashboard", "export"],
            # Exports are what a clerk does a few times a day, not every tenth page.
            weights={"unit": [30, 30, 8, 5, 15, 10, 1], "hotline": [15, 15, 35, 25, 0, 8, 1],
                     "office": [25, 20, 15, 10, 10, 10, 3], "leader": [30, 25, 5, 5, 10, 20, 2]}[self.role])[0]
        if kind == "case details":
            case_id = rng.choice(self.own_cases) if self.own_cases else rng.randint(1, CASES)
            return kind, f"/admin/cases/details/?id={case_id}"
        if kind == "contact details":
            return kind, f"/admin/contacts/details/?id={rng.randint(1, CONTACTS)}"
        if kind == "dashboard":
            return kind, "/admin/"
        return kind, rng.choice(self.pages[kind])

    def run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=60, follow_redirects=False) as client:
            token = CSRF.search(client.get("/login").text).group(1)
            answer = client.post("/login", data={"username": self.username, "password": PASSWORD, "csrf_token": token})
            if answer.status_code != 302:
                self.results.append(("login", answer.status_code, 0.0, 0.0))
                return
            time.sleep(self.rng.uniform(0, 3))
            while time.monotonic() < self.stop_at:
                kind, path = self.choose()
                started = time.perf_counter()
                try:
                    response = client.get(path)
                    client_ms = (time.perf_counter() - started) * 1000
                    timing = re.search(r"dur=([\d.]+)", response.headers.get("Server-Timing", ""))
                    # A contact another unit handled is simply not there for a unit: 404 is the right answer.
                    ok = response.status_code == 200 or (response.status_code == 404 and kind == "contact details")
                    self.results.append((kind, 200 if ok else response.status_code,
                                         float(timing.group(1)) if timing else client_ms, client_ms))
                except httpx.HTTPError as exc:
                    self.results.append((kind, type(exc).__name__, 0.0, 0.0))
                time.sleep(self.rng.uniform(1, 3))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else 0.0


@contextlib.contextmanager
def kept_app(url: str):
    """The app on a database kept between runs (LOAD_DATABASE_URL), migrated and seeded."""
    from admin_site import create_app
    from admin_site.models import db
    from admin_site.seed import load_roster, read_roster

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-secret-key-0123456789"})
    with app.app_context():
        upgrade()
        load_roster(read_roster(app.config["SEED_FILE"]))
        db.session.commit()
        yield app
        db.session.remove()
        db.engine.dispose()


def filled() -> tuple[dict, dict] | None:
    """What an earlier run wrote to a kept database and its accounts, or None if it is empty."""
    from admin_site.models import Case, Contact, Slip, User, db

    if not db.session.scalar(sa.select(sa.func.count()).select_from(User)):
        return None
    unit_users = db.session.scalars(sa.select(User).where(User.unit_id.is_not(None)).order_by(User.id)).all()
    units = [user.unit_id for user in unit_users]
    names = {"office": ["admin"], "leader": ["lingdao"], "hotline": ["rexian"],
             "unit": [user.username for user in unit_users]}
    return {"cases": db.session.scalar(sa.select(sa.func.count()).select_from(Case)),
            "contacts": db.session.scalar(sa.select(sa.func.count()).select_from(Contact)),
            "events": 0, "slips": db.session.scalar(sa.select(sa.func.count()).select_from(Slip)), "units": units,
            "cases_of": {unit: list(db.session.scalars(sa.select(Case.id).where(Case.lead_unit_id == unit).limit(2000)))
                         for unit in units}}, names


def main() -> None:
    from admin_site.models import db, now_local
    from admin_site.queue import connect

    if os.environ.get("BENCH_DATABASE_URL") == "sqlite":
        print("the load benchmark runs on PostgreSQL only")
        return
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    kept = os.environ.get("LOAD_DATABASE_URL")
    with (kept_app(kept) if kept else bench_app()) as app:
        started = time.perf_counter()
        found = filled() if kept else None
        if found is None:
            data = populate(now_local())
            data["contacts"] = CONTACTS
            names = accounts(data["units"])
        else:
            data, names = found
        pages = urls(app)
        built = time.perf_counter() - started
        print(f"data: {data['contacts']:,} contacts, {data['cases']:,} cases, {data['slips']:,} slips "
              f"(ready in {built:.0f} s)")
        database_url = db.engine.url.render_as_string(hide_password=False)
        connect(redis_url, "").flushdb()
        port = free_port()
        server = start_gunicorn(database_url, redis_url, port)
        try:
            people, results = [], []
            stop = time.monotonic() + SECONDS + 3
            rng = random.Random(7)
            unit_ids = {name: unit_id for name, unit_id in zip(names["unit"], data["units"])}
            for n in range(USERS):
                role = rng.choices(list(ROLE_MIX), weights=list(ROLE_MIX.values()))[0]
                username = rng.choice(names[role])
                own = data["cases_of"][unit_ids[username]] if role == "unit" else []
                people.append(Person(f"http://127.0.0.1:{port}", username, role, pages, own, stop, results, n))
            for person in people:
                person.start()
            for person in people:
                person.join()
            workers = psutil.Process(server.pid).children()
            memory = [worker.memory_info().rss / 1024 / 1024 for worker in workers]
        finally:
            server.terminate()
            server.wait(timeout=30)
        connect(redis_url, "").flushdb()

    by_kind = defaultdict(list)
    errors = defaultdict(int)
    for kind, status, server_ms, client_ms in results:
        if status == 200:
            by_kind[kind].append((server_ms, client_ms))
        else:
            errors[(kind, status)] += 1
    roles = defaultdict(int)
    for person in people:
        roles[person.role] += 1
    print(f"{USERS} users ({', '.join(f'{role} {count}' for role, count in sorted(roles.items()))}), {SECONDS} s, "
          f"{len(results)} requests, {len(results) / SECONDS:.1f}/s, gunicorn {WORKERS} workers")
    print(f"{'page':<16}{'n':>6}{'server p50':>12}{'server p95':>12}{'server max':>12}{'client p95':>12}")
    for kind in sorted(by_kind):
        server_times = [server_ms for server_ms, _ in by_kind[kind]]
        client_times = [client_ms for _, client_ms in by_kind[kind]]
        print(f"{kind:<16}{len(server_times):>6}{statistics.median(server_times):>10.0f}ms"
              f"{percentile(server_times, 0.95):>10.0f}ms{max(server_times):>10.0f}ms"
              f"{percentile(client_times, 0.95):>10.0f}ms")
    browsing = [server_ms for kind in ("case list", "contact list", "slip list", "case details", "contact details")
                for server_ms, _ in by_kind[kind]]
    p95 = percentile(browsing, 0.95)
    print(f"list and details pages: server-side p95 {p95:.0f} ms (target ≤ {TARGET_MS} ms): "
          f"{'met' if p95 <= TARGET_MS else 'NOT met'}")
    print(f"errors: {sum(errors.values())}" + (f" {dict(errors)}" if errors else ""))
    print(f"worker memory (RSS): {', '.join(f'{mb:.0f} MB' for mb in memory)}")


if __name__ == "__main__":
    main()
