"""Intake and grouping at a year's volume, on the labelled hotline data (bench/hotline_data.py):

- one file of N rows (default 1,000,000) imported whole, grouped and ruled on (target ≤ 120 s, ≤ 2 GB);
- a 50,000-row file into that base (target ≤ 10 s);
- 1,000 new contacts grouped and the rules applied (target ≤ 1 s);
- a full regroup of everything (target ≤ 60 s, ≤ 2 GB), and a second one that must change nothing;
- the nightly regroup as the workers run it at that size: the regions found, one process per
  region's part, WORKERS (default 2) at a time, then the rules once (wall time, the largest
  part's time and peak memory).

Each phase runs in its own process, so the peak memory reported is the phase's own.  The
database is BENCH_DATABASE_URL (default the local PostgreSQL; "sqlite" for an embedded file).
Usage: python -m bench.bench_grouping_speed [N]
"""

import concurrent.futures
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import time

from bench.common import fresh_database


def _app(url):
    from admin_site import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-secret-key-0123456789"})


def _peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare(url: str, folder: str, n: int) -> None:
    """A migrated, seeded database, and the three files (the base, 50,000 more, 1,000 more)."""
    from flask_migrate import upgrade

    from admin_site.models import db
    from admin_site.seed import load_places, load_roster, read_places, read_roster
    from bench.hotline_data import iter_generate, write_csv

    app = _app(url)
    with app.app_context():
        upgrade()
        load_roster(read_roster(app.config["SEED_FILE"]))
        load_places(read_places(app.config["PLACES_FILE"]))
        db.session.commit()
    started = time.perf_counter()
    items = iter_generate(n + 51_000, seed=99)
    for name, size in (("base.csv", n), ("more.csv", 50_000), ("new.csv", 1_000)):
        write_csv(itertools.islice(items, size), os.path.join(folder, name))
    print(f"files written in {time.perf_counter() - started:.0f} s", flush=True)


def import_file(url: str, path: str, label: str) -> None:
    """What `flask import-contacts` does: read, check, store, group and rule, one transaction."""
    from admin_site import importer

    app = _app(url)
    with app.app_context(), open(path, "rb") as handle:
        data = handle.read()
        started = time.perf_counter()
        report = importer.import_file(data, path, add_units=True)
        checked = time.perf_counter() - started
        assert report.ok, [str(problem) for problem in report.errors[:3]]
        result = importer.finish(report)
        seconds = time.perf_counter() - started
        print(f"{label}: {report.rows:,} rows in {seconds:.1f} s (checked and stored {checked:.1f} s, grouped and "
              f"ruled {seconds - checked:.1f} s); {result.get('groups', 0):,} new groups, "
              f"{result.get('proposed', 0):,} proposals; peak memory {_peak():,.0f} MB", flush=True)


def regroup(url: str) -> None:
    from admin_site import rules
    from admin_site.models import db

    app = _app(url)
    with app.app_context():
        for label in ("full regroup and rules", "again, on unchanged data"):
            started = time.perf_counter()
            result = rules.recalculate()
            db.session.commit()
            print(f"{label}: {result['contacts']:,} contacts, {result['groups']:,} groups, {result['moved']:,} moved, "
                  f"{result['created']:,} groups made, {result.get('proposed', 0):,} proposed in "
                  f"{time.perf_counter() - started:.1f} s; peak memory {_peak():,.0f} MB", flush=True)


def regroup_part(url: str, county: str) -> None:
    """One part of the nightly regroup, as a worker runs it (jobs.regroup_part)."""
    from admin_site import rules
    from admin_site.models import db

    app = _app(url)
    with app.app_context():
        started = time.perf_counter()
        rules.regroup_part(county or None)
        db.session.commit()
        print(f"part {county or '(none)'} {time.perf_counter() - started:.1f} {_peak():.0f}", flush=True)


def nightly(url: str) -> None:
    """The regions found, their parts in separate processes, WORKERS at a time, then the rules
    (jobs.recalculate, jobs.regroup_part, jobs.apply_rules)."""
    from admin_site import grouping, rules
    from admin_site.models import db

    app = _app(url)
    started = time.perf_counter()
    with app.app_context():
        parts = [region or "" for region in grouping.parts()]
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    assigned = time.perf_counter() - started
    workers = int(os.environ.get("WORKERS", 2))

    def run(county):
        done = subprocess.run([sys.executable, "-m", "bench.bench_grouping_speed", "part", url, "0", county],
                              capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"part {county or '(none)'} failed:\n{done.stderr[-3000:]}")
        return tuple(float(value) for value in done.stdout.split()[-2:])

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(run, parts))
    grouped = time.perf_counter() - started
    with app.app_context():
        rules.apply_all()
        db.session.commit()
    print(f"nightly regroup in {len(parts)} region parts, {workers} workers: {time.perf_counter() - started:.1f} s "
          f"(regions found {assigned:.1f} s, grouping {grouped:.1f} s, largest part {max(seconds for seconds, _ in results):.1f} s, then the rules); "
          f"peak memory of a part {max(peak for _, peak in results):,.0f} MB", flush=True)


def main(n: int) -> None:
    with fresh_database() as url, tempfile.TemporaryDirectory() as folder:
        phases = [("prepare", folder), ("import", os.path.join(folder, "base.csv"), "one file"),
                  ("import", os.path.join(folder, "more.csv"), "50,000 more into the base"),
                  ("import", os.path.join(folder, "new.csv"), "1,000 new"), ("regroup",), ("nightly",)]
        for phase, *args in phases:
            subprocess.run([sys.executable, "-m", "bench.bench_grouping_speed", phase, url, str(n), *args], check=True)


if __name__ == "__main__":
    if len(sys.argv) > 3:
        phase, url, n, *rest = sys.argv[1:]
        {"prepare": lambda: prepare(url, rest[0], int(n)), "import": lambda: import_file(url, *rest),
         "regroup": lambda: regroup(url), "nightly": lambda: nightly(url),
         "part": lambda: regroup_part(url, rest[0] if rest else "")}[phase]()
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
