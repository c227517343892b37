"""The schema comes from the migrations, on both databases, and matches the models exactly."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from admin_site.models import db


def test_migrations_build_the_schema_the_models_describe(migrated_app):
    with migrated_app.app_context():
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
            version = context.get_current_revision()
    assert version is not None
    assert differences == []


def test_upgrade_from_empty_on_a_fresh_database(database_url, tmp_path_factory, backend):
    """A second, empty database (a fresh SQLite file; on PostgreSQL the session's database was empty
    before ``migrated_app`` upgraded it) gets every table from ``flask db upgrade``."""
    from flask_migrate import downgrade, upgrade

    from .conftest import make_test_app

    url = database_url
    if backend == "sqlite":
        url = "sqlite:///" + str(tmp_path_factory.mktemp("fresh") / "fresh.db")
    app = make_test_app(tmp_path_factory, url)
    with app.app_context():
        if backend != "sqlite":
            downgrade(revision="base")
            assert db.inspect(db.engine).get_table_names() == ["alembic_version"]
        upgrade()
        tables = set(db.inspect(db.engine).get_table_names())
    assert set(db.metadata.tables) <= tables
