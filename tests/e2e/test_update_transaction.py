"""An update is stored whole or not at all, and answered once.

A rep reply writes the entry and resets the sitting timer in the update's one transaction.
Here the timer's write fails (a trigger the test puts on ``reminder_state`` while the bot
runs): the entry written just before must not stay, the person gets the apology, and the
same update delivered again is not answered a second time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.people import seed_cleared_user
from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]

USER = 620
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
APOLOGY = "something went wrong on my side"


def count(db_path: Path, sql: str, *args: object) -> int:
    with sqlite3.connect(db_path) as connection:
        (value,) = connection.execute(sql, args).fetchone()
    return int(value)


def sitting_since(db_path: Path) -> object:
    with sqlite3.connect(db_path) as connection:
        row = connection.execute(
            "SELECT sitting_since FROM reminder_state WHERE user_id = ?", (USER,)
        ).fetchone()
    return None if row is None else row[0]


async def test_a_failing_update_keeps_nothing_it_wrote_and_is_answered_once(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_path: Path
) -> None:
    await seed_cleared_user(db_path, USER, NOW)
    bot = bot_factory()
    await bot.start()
    user = fake_api.user(USER)
    user.send("/help")  # the bot knows the person; their reminder row exists (back-filled)
    await user.next_messages(2)
    before = sitting_since(db_path)
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "CREATE TRIGGER timer_fails BEFORE UPDATE ON reminder_state "
            "BEGIN SELECT RAISE(ABORT, 'the disk is full'); END"
        )

    update_id = user.send("10 bridges")
    assert APOLOGY in (await user.next_message()).text
    # The entry was written before the timer failed; the update's rollback took it back.
    assert count(db_path, "SELECT count(*) FROM rep_entries WHERE user_id = ?", USER) == 0
    assert sitting_since(db_path) == before
    # The update id stays claimed, so the same update delivered again gets no second answer.
    claimed = "SELECT count(*) FROM processed_updates WHERE update_id = ?"
    assert count(db_path, claimed, update_id) == 1

    with sqlite3.connect(db_path) as connection:
        connection.execute("DROP TRIGGER timer_fails")
    user.redeliver(update_id)
    user.send("12 bridges")
    answer = await user.next_message()
    assert "Logged: 12 bridges" in answer.text, answer.text
    assert count(db_path, "SELECT count(*) FROM rep_entries WHERE user_id = ?", USER) == 1
    assert APOLOGY in bot.output or "error handling update" in bot.output
