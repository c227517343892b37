"""Rules speed at a year's volume: categories, proposals and levels over 1,000,000 contacts and
100,000 cases (targets: ≤ 15 s on PostgreSQL, ≤ 30 s on SQLite), and the incremental run after
1,000 new contacts (target ≤ 1 s).

Phases run in their own processes (load, prepare, full, incremental); the loading is shared with
bench_grouping_speed.  BENCH_DATABASE_URL=sqlite runs it on SQLite."""

import os
import random
import resource
import subprocess
import sys
import time
from datetime import timedelta

from bench.bench_grouping_speed import _app, import_held_back, load

CASES = 100_000


def _peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare(url: str) -> None:
    """Group the contacts, let the rules propose what they find, then open cases by hand up to
    100,000, in every state, with deadlines around today, lead units and leader instructions."""
    import sqlalchemy as sa

    from admin_site import rules
    from admin_site.models import Case, CaseStatus, Contact, Satisfaction, Unit, db, now_local

    app = _app(url)
    with app.app_context():
        started = time.perf_counter()
        first = rules.recalculate()
        db.session.commit()
        print(f"first nightly run on the backlog (regrouping included): {first['proposed']:,} cases proposed, "
              f"{first['categories_added']:,} categories in {time.perf_counter() - started:.1f} s", flush=True)
        rng = random.Random(5)
        units = list(db.session.scalars(sa.select(Unit.id)))
        have = db.session.scalar(sa.select(sa.func.count()).select_from(Case))
        today = now_local().date()
        statuses = list(CaseStatus)
        year = now_local().year
        rows = []
        for n in range(CASES - have):
            status = rng.choice(statuses)
            rows.append({"number": f"LD-{year - 1}-{n + 1:06d}", "title": f"手工立项 {n}", "source": "unit",
                         "status": status, "level": "normal", "publicity": "public",
                         "lead_unit_id": rng.choice(units), "deadline": today + timedelta(days=rng.randint(-20, 20)),
                         "leader_instruction": "请尽快解决" if rng.random() < 0.05 else None,
                         "satisfaction": rng.choice(list(Satisfaction)),
                         "created_at": now_local(), "updated_at": now_local()})
        db.session.execute(sa.insert(Case.__table__), rows)
        manual = list(db.session.scalars(sa.select(Case.id).where(Case.problem_group_id.is_(None))))
        free = list(db.session.scalars(sa.select(Contact.id).where(Contact.case_id.is_(None))))
        rng.shuffle(free)
        links = [{"contact": contact, "case": manual[i % len(manual)]} for i, contact in enumerate(free[:len(manual) * 2])]
        contacts = Contact.__table__
        db.session.execute(sa.update(contacts).where(contacts.c.id == sa.bindparam("contact"))
                           .values(case_id=sa.bindparam("case")), links)
        db.session.commit()
        # The statistics autovacuum would have gathered by the time such a base has grown.
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()
        attached = db.session.scalar(sa.select(sa.func.count()).select_from(Contact).where(Contact.case_id.is_not(None)))
        print(f"prepared {CASES:,} cases, {attached:,} contacts attached to them", flush=True)


def full(url: str) -> None:
    from admin_site import rules
    from admin_site.models import db, now_local

    app = _app(url)
    with app.app_context():
        for label, today in (("full run", None), ("full run three days later", now_local().date() + timedelta(days=3))):
            started = time.perf_counter()
            result = rules.apply(today=today)
            db.session.commit()
            print(f"{label}: {time.perf_counter() - started:.1f} s — {result['proposed']} proposed, categories "
                  f"+{result['categories_added']:,}/-{result['categories_removed']:,}, "
                  f"{result['levels_changed']:,} levels changed; peak memory {_peak():,.0f} MB", flush=True)


def incremental(url: str) -> None:
    from admin_site import rules
    from admin_site.models import db

    app = _app(url)
    with app.app_context():
        records, ids = import_held_back()
        # Once in a fresh process and undone, then again with warm caches, as a worker's later runs are.
        for label in ("fresh process", "warm"):
            started = time.perf_counter()
            result = rules.absorb(ids)
            seconds = time.perf_counter() - started
            if label == "fresh process":
                db.session.rollback()
            print(f"incremental ({label}): {len(records):,} new contacts grouped and the rules applied in "
                  f"{seconds:.2f} s ({result['groups']} new groups, {result['proposed']} proposed, "
                  f"{result['attached']} attached to cases; target ≤ 1 s)", flush=True)
        db.session.commit()


def main(n: int) -> None:
    from bench.common import fresh_database

    with fresh_database() as url:
        env = {**os.environ, "BENCH_NEW_FILE": f"/tmp/bench-new-{os.getpid()}.txt"}
        for phase in ("load", "prepare", "full", "incremental"):
            subprocess.run([sys.executable, "-m", "bench.bench_rules", phase, url, str(n)], check=True, env=env)
        os.remove(env["BENCH_NEW_FILE"])


if __name__ == "__main__":
    if len(sys.argv) > 2:
        phase, url, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
        {"load": lambda: load(url, n), "prepare": lambda: prepare(url), "full": lambda: full(url),
         "incremental": lambda: incremental(url)}[phase]()
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
