"""Start-up against a database that is wrong, missing, unreachable or read-only: one line.

The operator reads one line naming the database and the problem, never its password; the
exit code says whether to fix the configuration (2) or whether the database did not come
up in DATABASE_WAIT_SECONDS (1). A platform's ``postgres://`` URL just works, and
``python -m bot.migrate`` (``make migrate``) migrates as the bot does: under the same
advisory lock, with the SQLite file private.
"""

from __future__ import annotations

import asyncio
import os
import socket
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from storage.migrate import MIGRATION_LOCK_KEY
from tests.support.bot_process import REPO_ROOT
from tests.support.fake_bot_api import FakeBotApi

pytestmark = [pytest.mark.e2e, pytest.mark.process]
BotFactory = Callable[..., Any]
PASSWORD = "Pw-hunter2-Zq81"
SHARED_PG = "127.0.0.1:5432"


def closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def printed_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip() and not line.startswith("-----")]


@pytest.mark.parametrize(
    ("url", "code", "words"),
    [
        (f"mysql://strongback:{PASSWORD}@db.example.org/strongback", 2, "DATABASE_URL must"),
        (f"postgres://postgres:{PASSWORD}@{SHARED_PG}/sb_no_such_database", 2, "does not exist"),
        (f"postgres://nobody_here:{PASSWORD}@{SHARED_PG}/test", 2, "refused the user"),
        (f"postgres://u:{PASSWORD}@no-such-host.invalid/test", 2, "host name"),
        ("sqlite+aiosqlite:////sys/strongback.db", 2, "not read-only"),
        (f"postgres://u:{PASSWORD}@127.0.0.1:{{closed}}/test", 1, "is it running"),
    ],
    ids=["bad-url", "unknown-database", "unknown-user", "unknown-host", "read-only", "down"],
)
async def test_a_database_that_cannot_be_used_is_one_line_and_an_exit_code(
    url: str, code: int, words: str, bot_factory: BotFactory
) -> None:
    url = url.replace("{closed}", str(closed_port()))
    bot = bot_factory(
        database_url=url, extra_env={"LOG_LEVEL": "INFO", "DATABASE_WAIT_SECONDS": "0"}
    )
    await bot.start(wait_for_polling=False)
    assert await bot.wait_exit(timeout=30) == code
    lines = printed_lines(bot.output)
    assert len(lines) == 1, lines
    assert words in lines[0]
    assert PASSWORD not in bot.output


async def test_a_database_not_up_yet_is_waited_for_then_one_line(
    bot_factory: BotFactory,
) -> None:
    url = f"postgres://u:{PASSWORD}@127.0.0.1:{closed_port()}/test"
    bot = bot_factory(
        database_url=url, extra_env={"LOG_LEVEL": "INFO", "DATABASE_WAIT_SECONDS": "1.5"}
    )
    await bot.start(wait_for_polling=False)
    assert await bot.wait_exit(timeout=30) == 1
    lines = printed_lines(bot.output)
    retries = [line for line in lines if "not up yet" in line]
    assert retries and len(lines) == len(retries) + 1, lines
    assert "after 1.5 s" in lines[-1]
    assert PASSWORD not in bot.output


@pytest.mark.postgres
async def test_a_platforms_postgres_url_is_accepted(
    fake_api: FakeBotApi, bot_factory: BotFactory, postgres_url: str
) -> None:
    platform_url = postgres_url.replace("postgresql+asyncpg://", "postgres://")
    bot = bot_factory(database_url=platform_url)
    await bot.start()
    user = fake_api.user(140)
    user.send("/help")
    assert any("/workout" in message.text for message in await user.next_messages(2))
    assert await bot.stop() == 0


async def run_migrate(env: dict[str, str]) -> asyncio.subprocess.Process:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATA_DIR"}}
    clean.pop("TELEGRAM_BOT_TOKEN", None)
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.migrate",
        cwd=REPO_ROOT,
        env={**clean, **env},
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )


async def test_migrate_creates_the_sqlite_file_private_without_a_token(tmp_path: Path) -> None:
    data = tmp_path / "data"
    process = await run_migrate({"DATA_DIR": str(data)})
    output, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, output.decode()
    database = data / "strongback.db"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


def test_make_migrate_runs_the_bots_migration() -> None:
    recipe = (REPO_ROOT / "Makefile").read_text().split("\nmigrate:", 1)[1].split("\n\n", 1)[0]
    assert "-m bot.migrate" in recipe and "alembic" not in recipe


@pytest.mark.postgres
async def test_migrate_waits_for_the_bots_migration_lock(postgres_url: str) -> None:
    holder = create_async_engine(postgres_url)
    try:
        async with holder.connect() as connection:
            await connection.execute(
                text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
            process = await run_migrate({"DATABASE_URL": postgres_url})
            waiting = await wait_for_lock_waiter(connection)
            assert waiting, "make migrate never asked for the migration lock"
            assert process.returncode is None
            assert await table_names(connection) == set()  # nothing migrated while locked
            await connection.execute(
                text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
            output, _ = await asyncio.wait_for(process.communicate(), 60)
            assert process.returncode == 0, output.decode()
            await connection.commit()
            assert "alembic_version" in await table_names(connection)
    finally:
        await holder.dispose()


async def wait_for_lock_waiter(connection: Any) -> bool:
    """Whether another session comes to wait for the migration lock within 30 s."""
    query = text(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
        "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    )
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while loop.time() < deadline:
        if (await connection.execute(query)).scalar_one():
            return True
        await connection.commit()
        await asyncio.sleep(0.05)  # polling the server's lock table, not waiting for time
    return False


async def table_names(connection: Any) -> set[str]:
    rows = await connection.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    )
    return {name for (name,) in rows}
