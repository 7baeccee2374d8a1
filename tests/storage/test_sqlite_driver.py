"""The SQLite engine's cursor: one trip to the connection's thread per statement, and the
same results, row counts, ids and errors as the library's own cursor."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import create_engine


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'driver.db'}")
    async with engine.begin() as connection:
        await connection.execute(
            text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, n INTEGER)")
        )
    yield engine
    await engine.dispose()


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every function sent to a connection's thread."""
    sent: list[str] = []
    original = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(getattr(fn, "__name__", repr(fn)))
        return await original(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
    return sent


@pytest.mark.parametrize(
    ("statement", "params"),
    [
        ("INSERT INTO t (name, n) VALUES (:name, 1)", {"name": "a"}),
        ("SELECT id, name FROM t WHERE n = :n", {"n": 1}),
        ("UPDATE t SET n = n + 1 WHERE n = :n", {"n": 1}),
        ("INSERT INTO t (name, n) VALUES (:name, 2) RETURNING id", {"name": "b"}),
    ],
)
async def test_a_statement_is_one_trip(
    engine: AsyncEngine, trips: list[str], statement: str, params: dict[str, Any]
) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))  # the connection is set up
        trips.clear()
        await connection.execute(text(statement), params)
        assert trips == ["_run"]
        await connection.rollback()


async def test_rows_counts_and_ids_are_the_statements(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        inserted = await connection.execute(text("INSERT INTO t (name, n) VALUES ('a', 1)"))
        assert inserted.lastrowid == 1
        many = await connection.execute(
            text("INSERT INTO t (name, n) VALUES (:name, :n)"),
            [{"name": "b", "n": 1}, {"name": "c", "n": 2}],
        )
        assert many.rowcount == 2
        returned = await connection.execute(
            text("INSERT INTO t (name, n) VALUES ('d', 3) RETURNING id, name")
        )
        assert returned.all() == [(4, "d")]
        updated = await connection.execute(text("UPDATE t SET n = 9 WHERE n = 1"))
        assert updated.rowcount == 2
        rows = await connection.execute(text("SELECT name, n FROM t ORDER BY id"))
        assert rows.keys() == ["name", "n"]
        assert rows.all() == [("a", 9), ("b", 9), ("c", 2), ("d", 3)]
        nothing = await connection.execute(text("SELECT name FROM t WHERE n = 0"))
        assert nothing.first() is None


async def test_errors_are_the_databases(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("INSERT INTO t (name, n) VALUES ('a', 1)"))
        with pytest.raises(IntegrityError):
            await connection.execute(text("INSERT INTO t (name, n) VALUES ('a', 2)"))
        await connection.rollback()
        # The connection is still usable after the error.
        assert (await connection.execute(text("SELECT count(*) FROM t"))).scalar() == 0
