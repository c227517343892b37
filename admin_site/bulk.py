"""Writing many rows at once, in the session's transaction: COPY on PostgreSQL (tens of thousands
of rows a second), executemany on SQLite."""

from __future__ import annotations

import enum

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from .models import db, dialect_insert


def postgresql_cursor():
    """The session's own driver cursor, for COPY and array parameters; None on SQLite."""
    if db.session.get_bind().dialect.name != "postgresql":
        return None
    return db.session.connection().connection.driver_connection.cursor()


def refresh_statistics(*tables: sa.Table) -> None:
    """Fresh planner statistics for tables that just took many rows, in the session's transaction,
    so the statements that follow use their indexes instead of the guesses made for a small table
    (autovacuum comes only later, and not at all where it is off)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text(f"ANALYZE {', '.join(table.name for table in tables)}"))
        return
    db.session.execute(sa.text("PRAGMA analysis_limit = 1000"))  # a sample, as PostgreSQL takes
    for table in tables:
        db.session.execute(sa.text(f"ANALYZE {table.name}"))


def insert_rows(table: sa.Table, columns: tuple[str, ...], rows: list[tuple], ignore_existing: bool = False) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``); with ``ignore_existing``, rows that
    would break a unique constraint are left out."""
    if not rows:
        return
    rows = [tuple(value.value if isinstance(value, enum.Enum) else value for value in row) for row in rows]
    cursor = postgresql_cursor()
    if cursor is None:
        statement = dialect_insert(db.session, table)
        if ignore_existing:
            statement = statement.on_conflict_do_nothing()
        db.session.execute(statement, [dict(zip(columns, row)) for row in rows])
        return
    names = ", ".join(columns)
    target = "bulk_rows" if ignore_existing else table.name
    if ignore_existing:
        cursor.execute(f"CREATE TEMP TABLE bulk_rows (LIKE {table.name} INCLUDING DEFAULTS) ON COMMIT DROP")
    with cursor.copy(f"COPY {target} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    if ignore_existing:
        cursor.execute(f"INSERT INTO {table.name} ({names}) SELECT {names} FROM bulk_rows ON CONFLICT DO NOTHING")
        cursor.execute("DROP TABLE bulk_rows")


def among(column, values):
    """``column IN values``: on PostgreSQL one array parameter (``= ANY``), so a statement carries a
    single parameter however many values it names; on SQLite the usual IN of a chunk."""
    values = list(values)
    if db.session.get_bind().dialect.name == "postgresql":
        return column == sa.any_(sa.bindparam(None, values, type_=postgresql.ARRAY(column.type)))
    return column.in_(values)


def chunks(values, sqlite_size: int = 5000):
    """The values in runs small enough for one statement: a few thousand on SQLite (it allows 32,766
    parameters), a hundred thousand on PostgreSQL (one array parameter each, see ``among``)."""
    values = sorted(values, key=lambda value: (value is None, value))
    size = 100_000 if db.session.get_bind().dialect.name == "postgresql" else sqlite_size
    for start in range(0, len(values), size):
        yield values[start:start + size]


def update_rows(table: sa.Table, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Set ``columns[1:]`` of the rows whose ``columns[0]`` (the key) is given, leaving ``updated_at``
    alone: on PostgreSQL one UPDATE from a table filled by COPY, on SQLite executemany."""
    if not rows:
        return
    key, *rest = columns
    cursor = postgresql_cursor()
    if cursor is None:
        values = {column: sa.bindparam("_" + column) for column in rest}
        if "updated_at" in table.c and "updated_at" not in columns:
            values["updated_at"] = table.c.updated_at  # as on PostgreSQL: derived data is no edit
        statement = sa.update(table).where(table.c[key] == sa.bindparam("_" + key)).values(values)
        for start in range(0, len(rows), 5000):
            db.session.execute(statement, [{"_" + name: value for name, value in zip(columns, row)}
                                           for row in rows[start:start + 5000]])
        return
    cursor.execute(f"CREATE TEMP TABLE bulk_updates ON COMMIT DROP AS SELECT {', '.join(columns)} "
                   f"FROM {table.name} WITH NO DATA")
    with cursor.copy(f"COPY bulk_updates ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    assignments = ", ".join(f"{column} = bulk_updates.{column}" for column in rest)
    cursor.execute(f"UPDATE {table.name} SET {assignments} FROM bulk_updates "
                   f"WHERE {table.name}.{key} = bulk_updates.{key}")
    cursor.execute("DROP TABLE bulk_updates")
