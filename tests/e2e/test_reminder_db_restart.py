"""The database restarts between a batch's sends and their confirmation: nothing is sent twice.

A real bot process on a PostgreSQL server of the test's own. Twenty reminders are claimed
and sent; the fake Bot API holds the sends until the server is stopped, so every
confirmation meets a database that is away. It comes back 30 s later (real seconds: the
outage's, while the bot's clock stands). The bot knew what it had sent: it keeps trying to
confirm while its lease holds, so once the lease has run out nothing is left to send again.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import text

from storage.engine import create_engine
from tests.e2e.test_replicas import prepare
from tests.support.bot_process import BotProcess
from tests.support.fake_bot_api import FakeBotApi
from tests.support.own_postgres import own_postgres

pytestmark = [pytest.mark.e2e, pytest.mark.process]
BotFactory = Callable[..., BotProcess]
T = TypeVar("T")

# Wednesday 25 November 2026, 10:00 UTC; the users work 09:00-17:00 UTC, Mon-Fri.
T0 = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
REMINDER = "You have been sitting for"
IDS = list(range(8000, 8020))
WITNESS = 8100
"""Due once the first claim's lease is over: its tick would claim any row still leased."""
OUTAGE_SECONDS = 30.0
REPORT = re.compile(r"reminder tick: DispatchReport\(claimed=20, sent=(\d+)[^)]*\)")


def write_clock(path: Path, instant: datetime) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(instant.isoformat(), encoding="utf-8")
    tmp.replace(path)  # atomic: the bot never reads half a file


async def rows(url: str) -> dict[int, tuple[Any, ...]]:
    """user id -> (last_reminder_at, lease_until)."""
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            result = await connection.execute(
                text("SELECT user_id, last_reminder_at, lease_until FROM reminder_state")
            )
            return {int(row[0]): tuple(row[1:]) for row in result}
    finally:
        await engine.dispose()


async def until(check: Callable[[], T | None], timeout: float) -> T:  # noqa: ASYNC109
    """Poll ``check`` (the bot's log, the fake server) until it returns a value."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (value := check()) is None:
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(0.05)
    return value


@pytest.mark.long
async def test_a_database_restart_between_send_and_confirm_sends_each_reminder_once(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path
) -> None:
    loop = asyncio.get_running_loop()
    async with own_postgres(tmp_path) as server:
        clock = tmp_path / "clock.txt"
        write_clock(clock, T0)
        due = {user_id: T0 + timedelta(seconds=30) for user_id in IDS}
        due[WITNESS] = T0 + timedelta(minutes=3, seconds=30)
        await prepare(server.url, due)
        for user_id in due:
            fake_api.user(user_id)

        def received(user_id: int) -> int:
            return sum(REMINDER in m.text for m in fake_api.user(user_id).bot_messages)

        env = {"TEST_CLOCK_FILE": str(clock), "SEND_PER_CHAT_SECONDS": "1"}
        bot = bot_factory(env, database_url=server.url)
        await bot.start()
        try:
            fake_api.hold("sendMessage")
            write_clock(clock, T0 + timedelta(minutes=1))  # the 20 fall due: one claim
            await fake_api.wait_until(lambda: len(fake_api.held) == len(IDS) or None, timeout=60)

            # Every send is in flight; the database goes away before any is answered.
            await server.stop()
            stopped_at = loop.time()
            fake_api.release("sendMessage")
            await fake_api.wait_until(
                lambda: all(received(user_id) == 1 for user_id in IDS) or None, timeout=30
            )
            await until(
                lambda: "settling a reminder batch failed" in bot.output or None, timeout=30
            )
            # The outage lasts 30 s of real time (the bot's clock stands still meanwhile).
            await asyncio.sleep(max(0.0, stopped_at + OUTAGE_SECONDS - loop.time()))
            during_outage = bot.output
            await server.start()

            # The tick ends (its report) once its batch is settled, or given up.
            report = await until(lambda: REPORT.search(bot.output), timeout=120)

            # Past the claim's lease (inside the grace window): a row still leased now is
            # claimed again, in the tick that sends the witness's reminder.
            write_clock(clock, T0 + timedelta(minutes=4))

            async def witnessed() -> dict[int, tuple[Any, ...]] | None:
                current = await rows(server.url)
                done = current[WITNESS][0] is not None
                return (
                    current
                    if done and all(lease is None for _, lease in current.values())
                    else None
                )

            deadline = loop.time() + 60
            while (final := await witnessed()) is None:
                assert loop.time() < deadline, "the witness's reminder was never confirmed"
                await asyncio.sleep(0.1)
        finally:
            await bot.stop()

    twice = [user_id for user_id in IDS if received(user_id) != 1]
    assert twice == [], f"{len(twice)} of {len(IDS)} users got the same reminder twice"
    assert received(WITNESS) == 1
    sent_at = {final[user_id][0].replace(tzinfo=UTC) for user_id in IDS}
    assert sent_at == {T0 + timedelta(minutes=1)}, "each row confirmed by its first claim"
    # The tick reported what was confirmed, once it was: not a batch "sent" while the
    # database had not taken it.
    assert not REPORT.search(during_outage), "the tick reported before anything was confirmed"
    assert report.group(1) == str(len(IDS))
