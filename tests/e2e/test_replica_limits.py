"""Two bot processes on one PostgreSQL database keep Telegram's limits together.

120 users are due a reminder at the same instant; both replicas claim and send them. Each
replica alone would send 30 a second (60 together); the budget they share in the database
keeps the bot at 30 in any second. Times are the fake Bot API's arrival times.
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from storage.engine import create_engine
from storage.migrate import upgrade
from tests.e2e.test_reminders import eventually
from tests.e2e.test_replicas import until
from tests.support.fake_bot_api import FakeBotApi

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.process]
BotFactory = Callable[..., Any]

T0 = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)  # a Wednesday; the users work 09:00-17:00 UTC
USERS = list(range(7000, 7120))
REMINDER = "You have been sitting for"
# Arrival at the fake server trails the permit by a varying delay: a second's 30 permits
# are granted within milliseconds, but their requests go out through two bot processes on
# one loaded machine and arrive spread over up to about 0.2 s (measured). The arrival
# checks allow 0.5 s of it; the permit stamps themselves are checked exactly in
# tests/storage/test_send_budget.py. Without the shared budget 60 arrive within 0.2 s.
JITTER = 0.5
SENT = re.compile(r"reminder tick: DispatchReport\(claimed=\d+, sent=(\d+)")


def max_in_any_window(times: list[float], width: float) -> int:
    ordered = sorted(times)
    return max(
        (bisect.bisect_left(ordered, t + width) - i for i, t in enumerate(ordered)), default=0
    )


async def seed_due_users(url: str, due: datetime) -> None:
    engine = create_engine(url)
    await upgrade(engine)
    async with engine.begin() as connection:
        for user_id in USERS:
            await connection.execute(
                text(
                    "INSERT INTO users (id, chat_id, language, timezone, work_days,"
                    " work_start_min, work_end_min, sit_interval_min, goal_days_per_week, active,"
                    " onboarded_at, created_at, updated_at) VALUES (:id, :id, 'en', 'UTC', 31,"
                    " 540, 1020, 60, 7, true, :t0, :t0, :t0)"
                ),
                {"id": user_id, "t0": T0},
            )
            await connection.execute(
                text("INSERT INTO reminder_state (user_id, next_due_at) VALUES (:id, :due)"),
                {"id": user_id, "due": due},
            )
    await engine.dispose()


def write_clock(path: Path, instant: datetime) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(instant.isoformat(), encoding="utf-8")
    tmp.replace(path)


async def test_two_replicas_send_at_most_thirty_a_second_together(
    postgres_url: str, fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path
) -> None:
    # postgres_url comes first, so the database outlives the bot processes at teardown.
    await seed_due_users(postgres_url, T0 + timedelta(seconds=30))
    clock = tmp_path / "clock.txt"
    write_clock(clock, T0)
    env = {
        "TEST_CLOCK_FILE": str(clock),
        "SEND_PER_CHAT_SECONDS": "1",
    }
    replicas = [
        bot_factory(extra_env=env, database_url=postgres_url, name=name) for name in ("a", "b")
    ]
    for replica in replicas:
        await replica.start()
    for user_id in USERS:
        fake_api.user(user_id)

    # Telegram keeps every send waiting until both replicas hold a share of the 120. A tick
    # waits for its sends, and a replica runs at most TICK_INSTANCES (2) ticks of 30 at once,
    # so while the sends are held one replica can lease at most 60 rows: all 120 leased means
    # the other replica holds the rest. Without the hold, a replica the loaded machine
    # starves for a few seconds could leave the other to send all 120 alone, and the test
    # would prove nothing about sharing.
    fake_api.hold("sendMessage")
    write_clock(clock, T0 + timedelta(minutes=1))  # all 120 due at once on both replicas
    tokens = await until(leased_by_two_replicas(postgres_url), timeout=60)
    assert len(tokens) >= 3, tokens  # at least one claim more than one replica can hold
    released_at = time.monotonic()
    fake_api.release("sendMessage")

    def reminders() -> list[float] | None:
        calls = [
            call.at
            for call in fake_api.calls_of("sendMessage", ok=True)
            if REMINDER in str(call.params.get("text", ""))
        ]
        return calls if len(calls) >= len(USERS) else None

    times = await fake_api.wait_until(reminders, timeout=60)
    assert times is not None
    received = {
        user_id: sum(REMINDER in m.text for m in fake_api.user(user_id).bot_messages)
        for user_id in USERS
    }
    assert set(received.values()) == {1}

    def sent_by() -> list[int] | None:
        """Reminders each replica reports sent; a tick logs after its batch is confirmed."""
        counts = [sum(int(n) for n in SENT.findall(replica.output)) for replica in replicas]
        return counts if sum(counts) >= len(USERS) else None

    counts = await eventually(sent_by, timeout=30, what=sent_by)
    assert sum(counts) == len(USERS) and min(counts) > 0, counts  # both replicas sent
    for replica in replicas:  # every send asked the shared budget; none fell back
        assert "shared send budget failed" not in replica.output
    assert max_in_any_window(times, 1.0 - JITTER) <= 30, sorted(times)
    # 120 at 30 a second: four seconds' worth. The first second's sends arrived before the
    # release; the rest follow it, not needlessly slower (60 a second would need half).
    assert max(times) - released_at < 4.0 + 3.0, max(times) - released_at


def leased_by_two_replicas(url: str) -> Callable[[], Awaitable[set[str] | None]]:
    """The lease tokens of the sit-break claims once every due row is leased."""

    async def check() -> set[str] | None:
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:
                rows = (
                    await connection.execute(text("SELECT lease_token FROM reminder_state"))
                ).all()
        finally:
            await engine.dispose()
        tokens = [token for (token,) in rows]
        return set(tokens) if len(rows) == len(USERS) and all(tokens) else None

    return check


async def test_a_bot_whose_send_budget_rows_vanish_answers_within_seconds(
    postgres_url: str, fake_api: FakeBotApi, bot_factory: BotFactory
) -> None:
    """The slots are gone under a running process (a failover, an operator's DELETE, a crash
    of a fresh database right after its first send): it re-creates them and goes on."""
    bot = bot_factory(database_url=postgres_url)
    await bot.start()
    user = fake_api.user(7500)
    user.send("/help")
    await user.next_messages(2, timeout=15)  # the commands and the safety note
    engine = create_engine(postgres_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM send_budget"))
    finally:
        await engine.dispose()
    user.send("/help")
    await user.next_messages(2, timeout=5)
    assert "send_budget had 0 of 30 slots" in bot.output
