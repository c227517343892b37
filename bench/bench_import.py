"""Import speed from CSV into the database (target ≥ 20,000 rows/s into PostgreSQL), beside a bare
COPY of the same file into a table of text columns for comparison."""

import os
import sys
import tempfile
import time

from bench.common import bench_app
from bench.generate import generate, write_csv


def main(n: int = 100_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "contacts.csv")
        write_csv(generate(n, seed=7), path)
        with open(path, "rb") as handle:
            data = handle.read()
        with bench_app():
            from admin_site import importer
            from admin_site.models import db

            started = time.perf_counter()
            report = importer.import_file(data, "contacts.csv")
            db.session.commit()
            seconds = time.perf_counter() - started
            assert report.ok and report.created == n, report.errors[:3]
            print(f"import: {n} rows in {seconds:.2f} s = {n / seconds:,.0f} rows/s "
                  f"({db.engine.dialect.name}; target ≥ 20,000 rows/s on PostgreSQL)")
            started = time.perf_counter()
            again = importer.import_file(data, "contacts.csv")
            db.session.commit()
            seconds = time.perf_counter() - started
            print(f"re-import of the same file (all updates): {n / seconds:,.0f} rows/s; updated {again.updated}")
            if db.engine.dialect.name == "postgresql":
                raw = db.engine.raw_connection()
                cursor = raw.cursor()
                cursor.execute("CREATE TEMP TABLE copy_baseline (a text, b text, c text, d text, e text, f text, "
                               "g text, h text, i text)")
                started = time.perf_counter()
                with cursor.copy("COPY copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
                    copy.write(data.decode("utf-8-sig"))
                raw.commit()
                seconds = time.perf_counter() - started
                print(f"bare COPY of the same file: {n / seconds:,.0f} rows/s")
                raw.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
