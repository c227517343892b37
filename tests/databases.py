"""Throwaway PostgreSQL databases for the tests and the benchmarks (no pytest needed)."""

import contextlib
import uuid

import sqlalchemy as sa
from sqlalchemy.engine import make_url


@contextlib.contextmanager
def temporary_postgres_database(server_url: str, prefix: str):
    """Create an empty database on the server of ``server_url``; yield its URL; drop it afterwards."""
    server = make_url(server_url).set(drivername="postgresql+psycopg")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
