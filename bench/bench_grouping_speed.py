"""Grouping speed at a year's volume: a full recalculation over 1,000,000 contacts (target ≤ 60 s,
peak memory ≤ 2 GB) and 1,000 new contacts grouped into that base (target ≤ 2 s).

Each phase runs in its own process, so the peak memory reported is the grouping's own."""

import os
import resource
import subprocess
import sys
import time

from bench.common import fresh_database


def _app(url):
    from admin_site import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-secret-key-0123456789"})


def load(url: str, n: int) -> None:
    from flask_migrate import upgrade

    from admin_site import importer
    from admin_site.models import db
    from admin_site.seed import load_roster, read_roster
    from bench.generate import generate

    app = _app(url)
    with app.app_context():
        upgrade()
        load_roster(read_roster(app.config["SEED_FILE"]))
        db.session.commit()
        contacts = generate(n + 1000, seed=99)
        started = time.perf_counter()
        for start in range(0, n, 100_000):
            chunk = contacts[start:min(start + 100_000, n)]
            report = importer.import_records([_record(c) for c in chunk])
            assert report.ok, report.errors[:3]
            db.session.commit()
        print(f"loaded {n:,} contacts in {time.perf_counter() - started:.1f} s", flush=True)
        with open(os.environ["BENCH_NEW_FILE"], "w") as handle:
            handle.write(repr([_record(c) for c in contacts[n:]]))


def _record(c) -> dict:
    return {"work_order": c.work_order, "channel": c.channel, "received_at": c.received_at, "name": c.name,
            "phone": c.phone, "address": c.address, "content": c.content, "units": c.units}


def recalc(url: str) -> None:
    from admin_site import grouping
    from admin_site.models import db

    app = _app(url)
    with app.app_context():
        started = time.perf_counter()
        result = grouping.recalculate(app.config["GROUP_WINDOW_DAYS"])
        db.session.commit()
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"full recalculation: {result['contacts']:,} contacts into {result['groups']:,} groups in "
              f"{seconds:.1f} s, peak memory {peak:,.0f} MB (targets ≤ 60 s, ≤ 2048 MB)", flush=True)
        started = time.perf_counter()
        again = grouping.recalculate(app.config["GROUP_WINDOW_DAYS"])
        db.session.commit()
        print(f"second full recalculation (nothing to move: {again['moved']}): {time.perf_counter() - started:.1f} s",
              flush=True)


def import_held_back() -> tuple[list[dict], list[int]]:
    """Store the contacts ``load`` held back (without grouping them): the records and their ids."""
    from admin_site import importer
    from admin_site.models import db

    with open(os.environ["BENCH_NEW_FILE"]) as handle:
        records = eval(handle.read(), {"datetime": __import__("datetime")})  # noqa: S307 (our own file)
    report = importer.import_records(records)
    db.session.commit()
    return records, report.contact_ids


def incremental(url: str) -> None:
    from admin_site import grouping
    from admin_site.models import db

    app = _app(url)
    with app.app_context():
        records, ids = import_held_back()
        started = time.perf_counter()
        result = grouping.group_new(ids, app.config["GROUP_WINDOW_DAYS"])
        db.session.commit()
        print(f"incremental: {len(records):,} new contacts grouped into the base in "
              f"{time.perf_counter() - started:.2f} s ({result['groups']} new groups; target ≤ 2 s)", flush=True)


def main(n: int) -> None:
    with fresh_database() as url:
        env = {**os.environ, "BENCH_NEW_FILE": f"/tmp/bench-new-{os.getpid()}.txt"}
        for phase in ("load", "recalc", "incremental"):
            subprocess.run([sys.executable, "-m", "bench.bench_grouping_speed", phase, url, str(n)], check=True,
                           env=env)
        os.remove(env["BENCH_NEW_FILE"])


if __name__ == "__main__":
    if len(sys.argv) > 2:
        phase, url, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
        {"load": lambda: load(url, n), "recalc": lambda: recalc(url), "incremental": lambda: incremental(url)}[phase]()
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
