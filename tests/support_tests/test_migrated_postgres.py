"""The PostgreSQL schema the storage tests get by replaying recorded statements is the one
Alembic builds."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from storage.migrate import current_revision, head_revision, upgrade
from tests.storage.conftest import POSTGRES_URL
from tests.support import migrated

pytestmark = pytest.mark.postgres

SHAPE = """
SELECT 'column', table_name || '.' || column_name || ' ' || data_type || ' '
       || is_nullable || ' ' || coalesce(column_default, '')
  FROM information_schema.columns WHERE table_schema = current_schema()
UNION ALL
SELECT 'index', indexdef FROM pg_indexes WHERE schemaname = current_schema()
UNION ALL
SELECT 'constraint', conrelid::regclass::text || ' ' || pg_get_constraintdef(oid)
  FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
ORDER BY 1, 2
"""


@pytest.fixture
async def schemas() -> AsyncIterator[list[AsyncEngine]]:
    """Three empty schemas of their own."""
    names = [f"r_{uuid.uuid4().hex[:12]}" for _ in range(3)]
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    engines = []
    async with admin.connect() as connection:
        for name in names:
            await connection.execute(text(f'CREATE SCHEMA "{name}"'))
    for name in names:
        engines.append(
            create_async_engine(
                POSTGRES_URL, connect_args={"server_settings": {"search_path": name}}
            )
        )
    try:
        yield engines
    finally:
        for engine in engines:
            await engine.dispose()
        async with admin.connect() as connection:
            for name in names:
                await connection.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        await admin.dispose()


async def shape(engine: AsyncEngine) -> list[tuple[str, str]]:
    """Columns, indexes and constraints, with the schema's own name left out."""
    async with engine.connect() as connection:
        schema = (await connection.execute(text("SELECT current_schema()"))).scalar_one()
        rows = (await connection.execute(text(SHAPE))).all()
    return [(kind, definition.replace(f"{schema}.", "")) for kind, definition in rows]


async def test_the_replayed_schema_is_the_one_alembic_builds(
    schemas: list[AsyncEngine], monkeypatch: pytest.MonkeyPatch
) -> None:
    by_alembic, recorded, replayed = schemas
    await upgrade(by_alembic)
    monkeypatch.setattr(migrated, "_postgres_statements", None)
    await migrated.migrate_postgres_schema(recorded)  # records
    await migrated.migrate_postgres_schema(replayed)  # replays
    assert await current_revision(replayed) == head_revision()
    expected = await shape(by_alembic)
    assert expected
    assert await shape(recorded) == expected
    assert await shape(replayed) == expected
