"""End-to-end helpers: a database path per test and row counts straight from SQLite."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from tests.support.bot_process import BotProcess
from tests.support.fake_bot_api import FakeBotApi


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "bot.db"


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


async def sigterm_during_a_pause(fake_api: FakeBotApi, bot: BotProcess, method: str) -> None:
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
