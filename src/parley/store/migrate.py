"""Bringing a database to the newest schema with Alembic, from inside the package."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from parley.store.engine import writing

SCRIPT_LOCATION = "parley.store:migrations"
# An arbitrary constant that names Parley's migration lock on PostgreSQL.
_PG_MIGRATE_LOCK = 7_212_026


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision(url: str) -> str | None:
    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> bool:
    """Migrate to head; True when anything was done. An up-to-date database is not touched.

    Safe when several processes open a new database at once: one migrates, the others wait for
    it and then find nothing to do.
    """
    url = engine.url.render_as_string(hide_password=False)
    head = head_revision(url)
    if current_revision(engine) == head:
        return False
    config = alembic_config(url)
    with writing(engine) as connection:
        # SQLite's BEGIN IMMEDIATE (see engine.py) already serialises this transaction; on
        # PostgreSQL two transactions would both create the tables and the second would fail.
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATE_LOCK})
        # Asked again under the lock: another process may have migrated while we waited.
        if MigrationContext.configure(connection).get_current_revision() == head:
            return False
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return True
