"""End-to-end helpers: a database path per test and row counts straight from SQLite."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pytest

from tests.support.bot_process import BotRunner
from tests.support.fake_bot_api import FakeBotApi
from tests.support.fixtures import needs_process
from tests.support.migrated import migrated_copy


@pytest.fixture
def db_path(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """The test's SQLite file: migrated already for bots in the test process; for a bot
    process it is left to the bot's first start, as in production."""
    path = tmp_path / "bot.db"
    return path if needs_process(request) else migrated_copy(path)


@pytest.fixture
def db_env(db_path: Path) -> dict[str, str]:
    return {"DATABASE_URL": f"sqlite+aiosqlite:///{db_path}"}


def table_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, read with the standard library's sqlite3."""
    with sqlite3.connect(path) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }


class TableTexts:
    """Every row of every table as text SQLite makes itself (``quote()`` of each column), for
    comparing a database before and after a step at a fraction of ``table_rows``' cost.

    Equal texts mean equal rows: ``quote`` writes every value as its SQL literal, so no two
    different values (or a NULL and a text 'NULL') read the same. One connection for the
    whole test and one statement per reading.
    """

    def __init__(self, path: Path, *, skip: Iterable[str] = ()) -> None:
        self._connection = sqlite3.connect(path)
        skipped = set(skip)
        self.tables = [
            name
            for (name,) in self._connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                " ORDER BY name"
            )
            if name not in skipped
        ]
        self._rows = {table: self._row_text(table) for table in self.tables}

    def _row_text(self, table: str) -> str:
        columns = [row[1] for row in self._connection.execute(f'PRAGMA table_info("{table}")')]
        return " || char(31) || ".join(f'quote("{column}")' for column in columns)

    def read(
        self, where: Mapping[str, tuple[str, Sequence[object]]] | None = None
    ) -> dict[str, list[str]]:
        """Each table's rows as sorted texts; ``where`` leaves rows out, per table, by an SQL
        condition and its parameters."""
        where = where or {}
        parts: list[str] = []
        args: list[object] = []
        for number, table in enumerate(self.tables):
            condition, params = where.get(table, ("1", ()))
            parts.append(f'SELECT {number}, {self._rows[table]} FROM "{table}" WHERE {condition}')
            args.extend(params)
        texts: dict[str, list[str]] = {table: [] for table in self.tables}
        for number, text in self._connection.execute(
            " UNION ALL ".join(parts) + " ORDER BY 1, 2", args
        ):
            texts[self.tables[number]].append(text)
        return texts

    def close(self) -> None:
        self._connection.close()


def query(path: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, args).fetchall()


async def summaries_scheduled(path: Path, timeout: float = 30.0) -> None:  # noqa: ASYNC109
    """Wait for the weekly job's first run after start, which gives every onboarded user
    without one their first summary instant: a background write a test that compares whole
    tables must not mistake for its own doing."""
    sql = (
        "SELECT count(*) FROM users WHERE onboarded_at IS NOT NULL AND active"
        " AND summary_next_at IS NULL"
    )
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while query(path, sql) != [(0,)]:
        if loop.time() > deadline:
            raise AssertionError(f"the weekly job did not schedule summaries within {timeout}s")
        await asyncio.sleep(0.05)


async def sigterm_during_a_pause(fake_api: FakeBotApi, bot: BotRunner, method: str) -> None:
    """Telegram holds every send for 8 s, and a deploy's SIGTERM lands inside that pause.

    The fault hits whichever call of ``method`` reaches the server next, possibly one already
    in flight: wait for the injected call itself, not for a later one. Then the bot must exit
    cleanly within 10 s of the signal.
    """
    fake_api.fail_next(method, status=429, retry_after=8)
    await fake_api.wait_for_call(
        method, lambda call: call.injected and call.status == 429, timeout=30
    )
    stopped_at = asyncio.get_running_loop().time()
    assert await bot.stop(timeout=10) == 0
    assert asyncio.get_running_loop().time() - stopped_at < 10
