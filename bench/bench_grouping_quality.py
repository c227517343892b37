"""Grouping quality on labelled data: pairwise precision and recall at 20,000 contacts (target ≥ 0.95).

Runs the real import and the real recalculation on a fresh database (BENCH_DATABASE_URL, default
the local PostgreSQL; "sqlite" for an embedded file)."""

import sys
import time

import sqlalchemy as sa

from bench.common import bench_app
from bench.generate import generate, pairwise_scores


def main(n: int = 20000) -> None:
    contacts = generate(n)
    with bench_app() as app:
        from admin_site import grouping, importer
        from admin_site.models import Contact, db

        records = [{"work_order": c.work_order, "channel": c.channel, "received_at": c.received_at, "name": c.name,
                    "phone": c.phone, "address": c.address, "content": c.content, "units": c.units}
                   for c in contacts]
        report = importer.import_records(records)
        assert report.ok, report.errors[:5]
        db.session.commit()
        started = time.perf_counter()
        grouping.recalculate(app.config["GROUP_WINDOW_DAYS"])
        db.session.commit()
        seconds = time.perf_counter() - started
        assigned = dict(db.session.execute(sa.select(Contact.work_order, Contact.group_id)).all())
    truth = [c.problem for c in contacts]
    predicted = [assigned[c.work_order] for c in contacts]
    precision, recall = pairwise_scores(truth, predicted)
    print(f"grouping quality: {n} contacts, {len(set(truth))} true problems, {len(set(predicted))} groups; "
          f"pairwise precision {precision:.4f}, recall {recall:.4f} (target ≥ 0.95 each); "
          f"recalculation {seconds:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
