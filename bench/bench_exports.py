"""Exports and lists at volume: the 诉求记录 list's CSV and XLSX export of 50,000 contacts (the most an
export takes, ``export_max_rows``), each made whole inside the request, and a list page with its
per-row buttons, as the office and as a unit.  Prints time and the process's peak memory."""

import resource
import time

from bench.common import bench_app


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(client, url: str, repeat: int = 1) -> tuple[float, int]:
    started = time.perf_counter()
    for _ in range(repeat):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.data)
    return (time.perf_counter() - started) / repeat, size


def main(n: int = 50_000) -> None:
    from admin_site import importer
    from admin_site.auth import create_user
    from admin_site.models import Role, Unit, db
    from bench.generate import generate
    from tests.conftest import IsolatedClient, login

    with bench_app() as app:
        contacts = generate(n, seed=7)
        report = importer.import_records([{"work_order": c.work_order, "channel": c.channel,
                                           "received_at": c.received_at, "name": c.name, "phone": c.phone,
                                           "address": c.address, "content": c.content, "units": c.units}
                                          for c in contacts], add_units=True)
        assert report.ok, report.errors[:3]
        db.session.commit()
        unit = db.session.scalars(db.select(Unit).filter_by(name="市住房和城乡建设局")).one()
        create_user("bench-office", Role.office, "bench-password-0123")
        create_user("bench-unit", Role.unit, "bench-password-0123", unit=unit)
        db.session.commit()
        print(f"{n:,} contacts loaded; peak memory {peak_mb():.0f} MB", flush=True)
        app.test_client_class = IsolatedClient  # each account's own login, in the one app context
        for username in ("bench-office", "bench-unit"):
            client = app.test_client()
            login(client, username, "bench-password-0123")
            seconds, size = timed(client, "/admin/contacts/?page_size=100", repeat=5)
            print(f"{username}: list page of 100 rows {seconds * 1000:.0f} ms", flush=True)
            for kind in ("csv", "xlsx"):
                seconds, size = timed(client, f"/admin/contacts/export/{kind}/")
                print(f"{username}: {kind.upper()} export {seconds:.1f} s, {size / 1024 / 1024:.1f} MB; "
                      f"peak memory {peak_mb():.0f} MB", flush=True)


if __name__ == "__main__":
    main()
