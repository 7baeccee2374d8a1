"""Alembic environment: runs on a connection handed in by `storage.migrate` (upgrades, inside
one transaction) or `storage.downgrade`, or on its own (`alembic upgrade head` / `alembic
downgrade <rev>` with DATABASE_URL set) for operators.

On SQLite a table rebuild must never cascade away child rows (storage/migration_safety.py):
given a connection outside a transaction, migrations run in one transaction with foreign
keys off and are checked before the commit; inside a caller's transaction, a statement that
would drop a referenced table is refused instead.
"""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy.engine import Connection

from storage.engine import create_engine
from storage.migration_safety import (
    check_foreign_keys,
    foreign_keys_off,
    refuse_cascading_drops,
)
from storage.models import Base
from storage.startup import normalise_url

target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def _run(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
    elif not connection.in_transaction():
        # One transaction of our own, opened before Alembic looks (it would otherwise commit
        # each step: it takes SQLite for non-transactional DDL), and closed before foreign
        # keys are turned back on, so that the pragma takes effect.
        with foreign_keys_off(connection), connection.begin():
            _configure(connection)
            context.run_migrations()
            check_foreign_keys(connection)
    else:
        _configure(connection)
        with refuse_cascading_drops(connection), context.begin_transaction():
            context.run_migrations()


async def _run_standalone() -> None:
    url = normalise_url(os.environ.get("DATABASE_URL", "sqlite+aiosqlite:///data/strongback.db"))
    engine = create_engine(url)
    async with engine.connect() as connection:
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    asyncio.run(_run_standalone())
