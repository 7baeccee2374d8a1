"""Step the schema back to an earlier revision (operators, and the migration tests).

Runs on a connection outside a transaction, so that on SQLite the migration environment can
turn foreign keys off around table rebuilds (see storage/migrations/env.py): a downgrade
keeps every row the older schema can hold.
"""

from __future__ import annotations

from alembic import command
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.migrate import alembic_config


def _downgrade(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.downgrade(config, revision)


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    """Bring the schema down to `revision`, in one transaction the environment opens."""
    async with engine.connect() as connection:
        await connection.run_sync(_downgrade, revision)
        await connection.commit()
