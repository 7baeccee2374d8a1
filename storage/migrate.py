"""Apply Alembic migrations at start: an existing database is upgraded in place, never recreated.

On PostgreSQL the upgrade transaction first takes an advisory lock, so replicas starting
together run the migrations one after another: the first upgrades, the others find the
schema at head and do nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed number, the same in every replica: the key of the migration advisory lock.
MIGRATION_LOCK_KEY = 0x5354524F4E47  # "STRONG"


def alembic_config() -> Config:
    # Imported here: a start at head (every restart) needs no Alembic (about 0.2 s of CPU).
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _upgrade(connection: Connection, revision: str) -> None:
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the schema to `revision` inside one transaction (transactional DDL where possible)."""
    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Held until this transaction ends; a second replica waits here, then sees head.
            await connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        await connection.run_sync(_upgrade, revision)


def _current(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


async def current_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as connection:
        return await connection.run_sync(_current)


def head_revision() -> str:
    """The newest migration's revision, from the file names: one line of history, each file
    `NNNN_<name>.py` with `revision = "NNNN"` (a test holds this against Alembic's head)."""
    return max(
        path.name[:4] for path in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")
    )


def _stored(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


async def stored_revision(engine: AsyncEngine) -> str | None:
    """The revision the database says it is at, read without Alembic; None when new."""
    async with engine.connect() as connection:
        return await connection.run_sync(_stored)
