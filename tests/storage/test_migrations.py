"""Migrations never destroy data, on SQLite and PostgreSQL, for every revision there is.

Generic over the revision list (Alembic's script directory), so a new migration is covered
without touching this file: at each revision the schema is reflected and every table gets a
sample row built from its column types (a type without a sample value fails loudly). Then:
upgrading from that revision to head keeps every row, and downgrading from head to it keeps
every row the older schema can hold, and so does upgrading back.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Column, MetaData, Table, text, types
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from storage import startup
from storage.downgrade import downgrade
from storage.engine import create_engine
from storage.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    stored_revision,
    upgrade,
)
from storage.migration_safety import UnsafeMigration
from tests.storage.conftest import POSTGRES_URL

USER_ID = 4242
VERSION_TABLE = "alembic_version"


def revisions() -> list[str]:
    """Every revision id, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


REVISIONS = revisions()
HEAD = REVISIONS[-1]

Snapshot = dict[str, list[dict[str, Any]]]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def blank(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """An empty database (no migration applied yet)."""
    if request.param == "sqlite":
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'migrations.db'}")
        yield engine
        await engine.dispose()
        return
    schema = f"m_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_async_engine(
        POSTGRES_URL, connect_args={"server_settings": {"search_path": schema}}
    )
    try:
        yield engine
    finally:
        await engine.dispose()
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


def _sample(table: Table, column: Column[Any]) -> Any:
    """A value for `column` every schema accepts; a new kind of column must be added here."""
    for key in column.foreign_keys:
        if (key.column.table.name, key.column.name) == ("users", "id"):
            return USER_ID
        raise LookupError(
            f"no sample value for {table.name}.{column.name} -> {key.target_fullname}"
        )
    if table.name == "users" and column.name in {"id", "chat_id"}:
        return USER_ID  # a private chat's id is its user's id
    kind = column.type
    if isinstance(kind, types.Boolean):
        return True
    if isinstance(kind, types.Integer):
        return 7
    if isinstance(kind, types.Float | types.Numeric):
        return 1.5
    if isinstance(kind, types.String):
        return f"{column.name}-x"[: kind.length or 32]
    if isinstance(kind, types.DateTime):
        return datetime(2026, 11, 29, 17, 0, 1, tzinfo=UTC)
    if isinstance(kind, types.Date):
        return date(2026, 11, 29)
    if isinstance(kind, types.JSON):
        return {"kept": [1, "two"]}
    raise LookupError(f"no sample value for {table.name}.{column.name} of type {kind!r}")


def _reflect(connection: Connection) -> MetaData:
    metadata = MetaData()
    metadata.reflect(connection)
    return metadata


def _fill(connection: Connection) -> list[str]:
    """One sample row in every table (parents first); returns the tables filled."""
    filled = []
    for table in _reflect(connection).sorted_tables:
        if table.name == VERSION_TABLE:
            continue
        connection.execute(table.insert().values({c.name: _sample(table, c) for c in table.c}))
        filled.append(table.name)
    return filled


def _snapshot(connection: Connection) -> Snapshot:
    """Every row of every table, as column -> value."""
    found: Snapshot = {}
    for table in _reflect(connection).sorted_tables:
        if table.name != VERSION_TABLE:
            rows = connection.execute(table.select()).mappings()
            found[table.name] = [dict(row) for row in rows]
    return found


async def fill(engine: AsyncEngine) -> list[str]:
    async with engine.begin() as connection:
        return await connection.run_sync(_fill)


async def snapshot(engine: AsyncEngine) -> Snapshot:
    async with engine.connect() as connection:
        return await connection.run_sync(_snapshot)


def kept(older: Snapshot, newer: Snapshot) -> Snapshot:
    """`newer` cut down to the tables and columns of `older`, to compare the two."""
    return {
        name: [{key: row[key] for key in rows[0]} for row in newer.get(name, [])] if rows else []
        for name, rows in older.items()
    }


@pytest.mark.parametrize("revision", REVISIONS)
async def test_upgrading_from_each_revision_keeps_every_row(
    blank: AsyncEngine, revision: str
) -> None:
    await upgrade(blank, revision)
    assert await current_revision(blank) == revision
    filled = await fill(blank)
    assert "users" in filled
    before = await snapshot(blank)
    assert all(len(rows) == 1 for rows in before.values()), before
    await upgrade(blank, "head")
    assert await current_revision(blank) == HEAD
    assert kept(before, await snapshot(blank)) == before


@pytest.mark.parametrize("revision", REVISIONS[:-1])
async def test_downgrading_to_each_revision_keeps_what_it_can_hold(
    blank: AsyncEngine, revision: str
) -> None:
    await upgrade(blank, "head")
    await fill(blank)
    at_head = await snapshot(blank)
    await downgrade(blank, revision)
    assert await current_revision(blank) == revision
    older = await snapshot(blank)
    assert set(older) <= set(at_head)
    assert older.get("users"), "the users survive"
    assert all(len(rows) == 1 for rows in older.values()), older
    assert kept(older, at_head) == older, "every table of the older schema keeps its row"
    await upgrade(blank, "head")
    assert kept(older, await snapshot(blank)) == older


async def test_a_sqlite_downgrade_leaves_foreign_keys_enforced(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'fk.db'}")
    try:
        await upgrade(engine, "head")
        await downgrade(engine, REVISIONS[0])
        async with engine.connect() as connection:
            assert (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar() == 1
    finally:
        await engine.dispose()


def _downgrade_inside(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.downgrade(config, revision)


async def test_a_sqlite_rebuild_inside_a_transaction_is_refused_and_changes_nothing(
    tmp_path: Path,
) -> None:
    """Where foreign keys cannot be turned off (a caller's transaction), a migration that
    would rebuild `users` and cascade away its children stops with a clear message."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'refused.db'}")
    try:
        await upgrade(engine, "head")
        await fill(engine)
        before = await snapshot(engine)
        with pytest.raises(UnsafeMigration, match="'users'"):
            async with engine.begin() as connection:
                # 0005's downgrade rebuilds `users` (batch mode), whatever came after it.
                await connection.run_sync(_downgrade_inside, "0004")
        assert await current_revision(engine) == HEAD
        assert await snapshot(engine) == before
    finally:
        await engine.dispose()


async def test_a_chat_overwritten_by_a_group_is_the_private_chat_again(tmp_path: Path) -> None:
    """`/start` in a group once stored the group as the user's chat; 0009 puts it back."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'chats.db'}")
    try:
        await upgrade(engine, "0008")
        await fill(engine)
        async with engine.begin() as connection:
            await connection.execute(text("UPDATE users SET chat_id = -4001"))
        await upgrade(engine, "head")
        async with engine.connect() as connection:
            rows = (await connection.execute(text("SELECT id, chat_id FROM users"))).all()
        assert rows == [(USER_ID, USER_ID)]
    finally:
        await engine.dispose()


def test_the_head_read_from_file_names_is_alembics_head() -> None:
    assert head_revision() == HEAD
    assert sorted(REVISIONS) == REVISIONS, "revisions are numbered in the order they apply"


async def test_the_stored_revision_is_none_when_new_and_head_after_the_upgrade(
    blank: AsyncEngine,
) -> None:
    assert await stored_revision(blank) is None
    await upgrade(blank, REVISIONS[-2])
    assert await stored_revision(blank) == REVISIONS[-2]
    await upgrade(blank)
    assert await stored_revision(blank) == HEAD == await current_revision(blank)


async def test_a_start_at_head_runs_no_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'restart.db'}"
    assert await startup.prepare(url, wait_seconds=1) == HEAD
    upgrades: list[str] = []

    async def counted(engine: AsyncEngine, revision: str = "head") -> None:
        upgrades.append(revision)

    monkeypatch.setattr(startup, "upgrade", counted)
    assert await startup.prepare(url, wait_seconds=1) == HEAD
    assert upgrades == []
