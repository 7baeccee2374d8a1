"""Reminder dispatch under a deploy: SIGTERM in the middle of a burst held back by Telegram."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from storage.engine import create_engine
from storage.migrate import upgrade
from tests.e2e.conftest import query, sigterm_during_a_pause
from tests.support.fake_bot_api import FakeBotApi

pytestmark = [pytest.mark.e2e, pytest.mark.process]
BotFactory = Callable[..., Any]

# Wednesday 25 November 2026, 10:00 UTC; the users work 09:00-17:00 UTC, Mon-Fri.
T0 = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
REMINDER = "You have been sitting for"


def write_clock(path: Path, instant: datetime) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(instant.isoformat(), encoding="utf-8")
    tmp.replace(path)


def iso(instant: datetime) -> str:
    return instant.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


async def prepare(db_path: Path, user_ids: list[int], due: datetime) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{db_path}")
    await upgrade(engine)
    await engine.dispose()
    with sqlite3.connect(db_path) as connection:
        for user_id in user_ids:
            connection.execute(
                "INSERT INTO users (id, chat_id, language, timezone, work_days, work_start_min,"
                " work_end_min, sit_interval_min, goal_days_per_week, active, onboarded_at,"
                " created_at, updated_at) VALUES (?, ?, 'en', 'UTC', 31, 540, 1020, 60, 7, 1,"
                " ?, ?, ?)",
                (user_id, user_id, iso(T0), iso(T0), iso(T0)),
            )
            connection.execute(
                "INSERT INTO reminder_state (user_id, next_due_at) VALUES (?, ?)",
                (user_id, iso(due)),
            )


async def eventually(check: Callable[[], bool], timeout: float = 30.0) -> None:  # noqa: ASYNC109
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(0.05)


@pytest.mark.long
async def test_sigterm_mid_burst_confirms_what_was_sent_and_releases_the_rest(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    ids = list(range(6000, 6200))
    clock = tmp_path / "clock.txt"
    write_clock(clock, T0)
    await prepare(db_path, ids, T0 + timedelta(seconds=30))
    for user_id in ids:
        fake_api.user(user_id)
    bot = bot_factory(extra_env={"TEST_CLOCK_FILE": str(clock), "SEND_PER_CHAT_SECONDS": "1"})
    await bot.start()
    write_clock(clock, T0 + timedelta(minutes=1))  # 200 due at once; 30 a second may leave
    await fake_api.wait_until(lambda: len(fake_api.calls_of("sendMessage", ok=True)) >= 40 or None)
    await sigterm_during_a_pause(fake_api, bot, "sendMessage")
    sent_before = len(fake_api.calls_of("sendMessage", ok=True))
    assert 40 <= sent_before < len(ids), "the SIGTERM must land mid-burst"
    leased = query(db_path, "SELECT count(*) FROM reminder_state WHERE lease_until IS NOT NULL")
    assert leased == [(0,)], "sent rows confirmed, unsent rows released: none left leased"
    confirmed = query(
        db_path, "SELECT count(*) FROM reminder_state WHERE last_reminder_at IS NOT NULL"
    )
    assert confirmed == [(sent_before,)]

    write_clock(clock, T0 + timedelta(minutes=4))  # past any lease, inside the grace window
    await bot.start()

    def received(user_id: int) -> int:
        return sum(REMINDER in m.text for m in fake_api.user(user_id).bot_messages)

    await eventually(lambda: all(received(user_id) >= 1 for user_id in ids))
    await eventually(
        lambda: (
            query(db_path, "SELECT count(*) FROM reminder_state WHERE lease_until IS NOT NULL")
            == [(0,)]
        )
    )
    twice = [user_id for user_id in ids if received(user_id) != 1]
    assert twice == [], "no user may receive the same reminder twice"
    assert query(db_path, "SELECT count(*) FROM break_events WHERE kind = 'missed'") == [(0,)]
    assert query(db_path, "SELECT count(*) FROM break_events WHERE kind = 'prompted'") == [
        (len(ids),)
    ]


async def test_sigterm_while_a_reply_is_held_by_a_long_pause_exits_and_names_the_dropped_reply(
    fake_api: FakeBotApi, bot_factory: BotFactory
) -> None:
    """A 429 with retry_after 60 holds a reply; a deploy's SIGTERM must not wait for it (the
    platform kills the process after its timeout). The reply is dropped, and the log says
    which one by ids, never by its text."""
    bot = bot_factory()
    await bot.start()
    user = fake_api.user(6500)
    fake_api.fail_next("sendMessage", status=429, retry_after=60, chat_id=user.id)
    update_id = user.send("/help")
    await fake_api.wait_for_call(
        "sendMessage", lambda call: call.injected and call.status == 429, timeout=15
    )
    loop = asyncio.get_running_loop()
    stopped_at = loop.time()
    assert await bot.stop(timeout=10) == 0
    assert loop.time() - stopped_at < 10
    dropped = [line for line in bot.output.splitlines() if "dropped" in line]
    assert any(f"update {update_id}" in line and f"chat {user.id}" in line for line in dropped), (
        dropped
    )
    assert "/workout" not in bot.output  # the reply's text is never logged
    assert not fake_api.calls_of("sendMessage", ok=True)
