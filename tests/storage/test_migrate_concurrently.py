"""Replicas that start together on one fresh PostgreSQL database all migrate it safely.

Each replica is its own process (as in production). They are held at a starting line, an
advisory lock the test holds, until all of them wait there; then they upgrade at once.
"""

from __future__ import annotations

import asyncio
import sys

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from storage.migrate import current_revision
from tests.support.bot_process import REPO_ROOT

pytestmark = pytest.mark.postgres

REPLICAS = 4
START_LINE = 0x57A27  # advisory lock key the replicas wait on before upgrading

REPLICA = f"""
import asyncio, sys
from sqlalchemy import text
from storage.engine import create_engine
from storage.migrate import upgrade

async def main() -> None:
    engine = create_engine(sys.argv[1])
    async with engine.connect() as connection:
        await connection.execute(text("SELECT pg_advisory_lock_shared({START_LINE})"))
        await connection.execute(text("SELECT pg_advisory_unlock_shared({START_LINE})"))
    await upgrade(engine)
    await engine.dispose()

asyncio.run(main())
"""


async def test_concurrent_upgrades_all_succeed_and_migrate_once(postgres_url: str) -> None:
    engine = create_async_engine(postgres_url)
    try:
        async with engine.connect() as holder:
            await holder.execute(text(f"SELECT pg_advisory_lock({START_LINE})"))
            await holder.commit()
            replicas = [
                await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-c",
                    REPLICA,
                    postgres_url,
                    cwd=REPO_ROOT,
                    stdout=asyncio.subprocess.PIPE,
                    stderr=asyncio.subprocess.STDOUT,
                )
                for _ in range(REPLICAS)
            ]
            await _until_waiting(holder, REPLICAS)
            await holder.execute(text(f"SELECT pg_advisory_unlock({START_LINE})"))
            await holder.commit()
            outputs = await asyncio.wait_for(
                asyncio.gather(*(replica.communicate() for replica in replicas)), 60
            )
        codes = [replica.returncode for replica in replicas]
        assert codes == [0] * REPLICAS, [out.decode()[-2000:] for out, _ in outputs]
        async with engine.connect() as connection:
            versions = (await connection.execute(text("SELECT * FROM alembic_version"))).all()
        assert len(versions) == 1
        assert await current_revision(engine) == versions[0][0]
    finally:
        await engine.dispose()


async def _until_waiting(connection: AsyncConnection, count: int) -> None:
    """Wait (on the database's own state, re-read) until ``count`` replicas wait at the line."""
    query = text(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
        "AND objid = :key AND database = (SELECT oid FROM pg_database "
        "WHERE datname = current_database())"
    )
    async with asyncio.timeout(60):
        while (await connection.execute(query, {"key": START_LINE})).scalar_one() < count:
            await connection.commit()
            await asyncio.sleep(0.05)
