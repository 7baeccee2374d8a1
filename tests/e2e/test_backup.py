"""`python -m bot backup` while the real bot sends a reminder burst, and `restore` around it.

The backup and restore commands run as the operator runs them: their own process, the same
settings as the bot, no token.
"""

from __future__ import annotations

import asyncio
import os
import stat
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import query
from tests.e2e.test_reminders import T0, BotClock, eventually, prepare_database, start_bot
from tests.support.bot_process import REPO_ROOT
from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]
SETTLED = (
    "SELECT user_id, last_reminder_at FROM reminder_state"
    " WHERE last_reminder_at IS NOT NULL AND lease_until IS NULL"
)
USERS = "SELECT id, language, created_at FROM users ORDER BY id"


def environment(database_url: str, data_dir: Path) -> dict[str, str]:
    """This process's environment without bot settings, plus the database's."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "WEBHOOK_")) and key not in {"DATABASE_URL", "DATA_DIR"}
    }
    return {**env, "DATABASE_URL": database_url, "DATA_DIR": str(data_dir)}


async def operator(*arguments: str, database: Path) -> tuple[int, str]:
    """`python -m bot ARGUMENTS` with the bot's database settings; (exit code, output).

    Run without blocking the event loop: the fake Bot API keeps serving the bot meanwhile.
    """
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *arguments,
        cwd=REPO_ROOT,
        env=environment(f"sqlite+aiosqlite:///{database}", database.parent / "data"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, output.decode()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.long
async def test_a_backup_during_a_reminder_burst_holds_everything_confirmed_before_it(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    ids = list(range(6000, 6200))
    clock = BotClock(tmp_path / "clock.txt", T0)
    await prepare_database(db_path, ids, interval=60, due=T0 + timedelta(seconds=30))
    for user_id in ids:
        fake_api.user(user_id)
    # 10 sends a second: the burst lasts 20 s, longer than the backup command takes to start.
    bot = await start_bot(bot_factory, tmp_path, clock, SEND_PER_SECOND="10")
    clock.set(T0 + timedelta(minutes=1))  # 200 due at once
    await eventually(lambda: len(query(db_path, SETTLED)) >= 20 or None)
    confirmed = dict(query(db_path, SETTLED))  # committed before the backup begins

    target = tmp_path / "backups" / "strongback-backup.db"
    target.parent.mkdir()
    code, output = await operator("backup", str(target), database=db_path)
    assert code == 0, output
    assert output.strip() == f"Backed up {db_path} to {target}"

    assert query(target, "PRAGMA integrity_check") == [("ok",)]
    saved = dict(query(target, "SELECT user_id, last_reminder_at FROM reminder_state"))
    assert {user: saved[user] for user in confirmed} == confirmed
    in_backup = [user for user, sent_at in saved.items() if sent_at is not None]
    assert len(in_backup) < len(ids), "the backup must have been taken mid-burst"
    assert mode(target) == 0o600
    # The bot went on writing past the backup's snapshot, undisturbed.
    await eventually(lambda: len(query(db_path, SETTLED)) > len(in_backup) or None)
    assert await bot.stop() == 0


@pytest.mark.long
async def test_restore_is_refused_while_the_bot_runs_and_brings_the_data_back_when_stopped(
    fake_api: FakeBotApi,
    bot_factory: BotFactory,
    tmp_path: Path,
    db_path: Path,
    db_env: dict[str, str],
) -> None:
    bot = bot_factory(extra_env=db_env)
    await bot.start()
    kept, later = fake_api.user(7901), fake_api.user(7902)
    kept.send("/start")
    await kept.next_messages(2)
    target = tmp_path / "before-later.db"
    code, output = await operator("backup", str(target), database=db_path)
    assert code == 0, output
    later.send("/start")
    await later.next_messages(2)

    code, output = await operator("restore", str(target), database=db_path)
    assert code == 1
    assert output.strip() == f"The bot is running on {db_path}: stop it first, then restore"
    assert query(db_path, "SELECT id FROM users ORDER BY id") == [(7901,), (7902,)]

    assert await bot.stop() == 0
    code, output = await operator("restore", str(target), database=db_path)
    assert code == 0, output
    assert output.strip() == f"Restored {db_path} from {target}"
    assert mode(db_path) == 0o600
    assert query(db_path, USERS) == query(target, USERS) != []
    assert [user_id for user_id, *_ in query(db_path, USERS)] == [7901]

    await bot.start()
    assert query(db_path, USERS) == query(target, USERS)
    kept.mark_read()
    kept.send("/help")
    assert "/workout" in (await kept.next_message()).text


async def test_on_postgres_backup_and_restore_point_to_pg_dump(tmp_path: Path) -> None:
    for command, tool in (("backup", "pg_dump"), ("restore", "pg_restore")):
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            command,
            str(tmp_path / "x.dump"),
            cwd=REPO_ROOT,
            env=environment("postgresql://strongback:pw-77x@db:5432/strongback", tmp_path),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 2
        (line,) = output.decode().splitlines()
        assert tool in line and "pw-77x" not in line
    assert not (tmp_path / "x.dump").exists()
