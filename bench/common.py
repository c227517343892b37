"""A fresh database and app for a benchmark, dropped afterwards."""

import contextlib
import os
import tempfile

from flask_migrate import upgrade

from admin_site import create_app
from admin_site.models import db
from admin_site.seed import load_places, load_roster, read_places, read_roster
from tests.databases import temporary_postgres_database


@contextlib.contextmanager
def fresh_database():
    url = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    if url == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    with temporary_postgres_database(url, "hotline_bench") as database_url:
        yield database_url


@contextlib.contextmanager
def bench_app():
    """An app on a fresh, migrated and seeded database, inside an app context."""
    with fresh_database() as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-secret-key-0123456789"})
        with app.app_context():
            upgrade()
            load_roster(read_roster(app.config["SEED_FILE"]))
            load_places(read_places(app.config["PLACES_FILE"]))
            db.session.commit()
            try:
                yield app
            finally:
                db.session.remove()
                db.engine.dispose()
