"""Two bot processes on one PostgreSQL database: a send held past its lease is never doubled.

Both replicas read one TEST_CLOCK_FILE, so the lease (2 minutes of that clock, the real
length) runs out while the sends are held by Telegram's RetryAfter pause (real seconds,
shared by the replicas). Held sends past their deadline are never made; the rows are taken
over or released, each reminder arrives once, and no settle writes an older claim back
over a newer one (`last_reminder_at` never moves backwards).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import text

from storage.engine import create_engine
from storage.migrate import upgrade
from tests.support.bot_process import BotProcess
from tests.support.fake_bot_api import FakeBotApi

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.process]
BotFactory = Callable[..., BotProcess]
T = TypeVar("T")

# Wednesday 25 November 2026, 10:00 UTC; the users work 09:00-17:00 UTC, Mon-Fri.
T0 = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
REMINDER = "You have been sitting for"
HOLD_SECONDS = 20
"""Telegram's RetryAfter for the first send: far longer than confirming the rest takes
(``CONFIRM_EVERY``, 5 s), so the lease can be let run out while the send is still held."""


def write_clock(path: Path, instant: datetime) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(instant.isoformat(), encoding="utf-8")
    tmp.replace(path)  # atomic: a bot never reads half a file


async def prepare(url: str, due: Mapping[int, datetime]) -> None:
    """Migrate, then insert onboarded users (UTC, 09:00-17:00, every 60 minutes), each due at
    its instant, before any bot starts."""
    engine = create_engine(url)
    try:
        await upgrade(engine)
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO users (id, chat_id, language, timezone, work_days,"
                    " work_start_min, work_end_min, sit_interval_min, goal_days_per_week,"
                    " active, onboarded_at, created_at, updated_at) VALUES (:id, :id, 'en',"
                    " 'UTC', 31, 540, 1020, 60, 7, true, :t0, :t0, :t0)"
                ),
                [{"id": user_id, "t0": T0} for user_id in due],
            )
            await connection.execute(
                text("INSERT INTO reminder_state (user_id, next_due_at) VALUES (:id, :due)"),
                [{"id": user_id, "due": at} for user_id, at in due.items()],
            )
    finally:
        await engine.dispose()


async def rows(url: str) -> dict[int, tuple[Any, ...]]:
    """user id -> (last_reminder_at, lease_until, lease_token) as PostgreSQL holds them."""
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            result = await connection.execute(
                text(
                    "SELECT user_id, last_reminder_at, lease_until, lease_token FROM reminder_state"
                )
            )
            return {int(row[0]): tuple(row[1:]) for row in result}
    finally:
        await engine.dispose()


async def count(url: str, sql: str) -> int:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return int((await connection.execute(text(sql))).scalar_one())
    finally:
        await engine.dispose()


async def until(check: Callable[[], Awaitable[T | None]], timeout: float = 30.0) -> T:  # noqa: ASYNC109
    """Poll the database (which the bots write) until ``check`` returns a value."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (value := await check()) is None:
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(0.05)
    return value


def never_earlier(before: dict[int, tuple[Any, ...]], after: dict[int, tuple[Any, ...]]) -> None:
    for user_id, (last, *_) in before.items():
        if last is not None:
            now = after[user_id][0]
            assert now is not None and now >= last, f"user {user_id}: {last} -> {now}"


@pytest.mark.long
async def test_a_hold_past_the_lease_on_two_replicas_sends_each_reminder_once(
    postgres_url: str, fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path
) -> None:
    ids = list(range(7000, 7060))
    clock = tmp_path / "clock.txt"
    write_clock(clock, T0)
    await prepare(postgres_url, dict.fromkeys(ids, T0 + timedelta(seconds=30)))
    for user_id in ids:
        fake_api.user(user_id)
    env = {"TEST_CLOCK_FILE": str(clock), "SEND_PER_CHAT_SECONDS": "1"}  # the real pace
    replicas = [
        bot_factory(env, database_url=postgres_url, name="replica-a"),
        bot_factory(env, database_url=postgres_url, name="replica-b"),
    ]
    for replica in replicas:
        await replica.start()

    def received(user_id: int) -> int:
        return sum(REMINDER in m.text for m in fake_api.user(user_id).bot_messages)

    def sent_ok() -> int:
        return len(fake_api.calls_of("sendMessage", ok=True))

    # The first reminder any replica sends is refused for HOLD_SECONDS (real seconds).
    # Telegram's pause holds the bot, so through the shared send budget it holds both
    # replicas: every send not yet out waits in an outbound queue.
    fake_api.fail_next("sendMessage", status=429, retry_after=HOLD_SECONDS)
    write_clock(clock, T0 + timedelta(minutes=1))  # all 60 due; each replica claims 30
    await fake_api.wait_for_call(
        "sendMessage", lambda call: call.injected and call.status == 429, timeout=60
    )
    held = await rows(postgres_url)
    assert any(lease is not None for _, lease, _ in held.values()), "a batch is in flight"

    # Every row is claimed at T0+1min: the replica that got the 429 cannot claim again
    # while its batch is held, so the other one claims the rest.
    async def all_claimed() -> dict[int, tuple[Any, ...]] | None:
        current = await rows(postgres_url)
        taken = all(last is not None or lease is not None for last, lease, _ in current.values())
        return current if taken else None

    await until(all_claimed)

    # Each replica is either done with its batch or held by the pause with no call in flight
    # (it says so once): from then until the pause ends no reminder can reach Telegram, so
    # what was delivered so far is all that was. Waiting for it to be confirmed (the held
    # batch confirms every CONFIRM_EVERY) leaves no send that arrived but went unconfirmed.
    # Real leases last 2 minutes of real time; this clock jumps 3 minutes at once, and such
    # a send could be made again after it (at least once, by design).
    # A replica runs up to two ticks at once, so on a busy machine the one that got the 429
    # may claim the second batch too, and the other never claims: a replica whose log never
    # says "claimed" (at DEBUG, before any send) has no batch and nothing in flight, and a
    # send it tried from now on would meet the shared pause first.
    def held(replica: BotProcess) -> bool:
        return "none in flight" in replica.output

    def quiet(replica: BotProcess) -> bool:
        output = replica.output
        idle = "claimed " not in output and "reminder tick" not in output
        return held(replica) or "reminder tick: DispatchReport(claimed=" in output or idle

    async def both_quiet() -> bool | None:
        settled = any(held(replica) for replica in replicas)
        return True if settled and all(quiet(replica) for replica in replicas) else None

    try:
        await until(both_quiet, timeout=HOLD_SECONDS)
    except AssertionError:
        tails = "\n".join(
            f"--- {replica.name}:\n"
            + "\n".join(
                line
                for line in replica.output.splitlines()
                if "reminder" in line or "paused" in line or "send" in line
            )[-3000:]
            for replica in replicas
        )
        raise AssertionError(f"a replica never went quiet:\n{tails}") from None
    delivered = {call.chat_id for call in fake_api.calls_of("sendMessage", ok=True)}

    async def delivered_confirmed() -> dict[int, tuple[Any, ...]] | None:
        current = await rows(postgres_url)
        confirmed = all(current[u][0] is not None for u in delivered if u is not None)
        return current if confirmed else None

    held = await until(delivered_confirmed, timeout=HOLD_SECONDS)
    assert {call.chat_id for call in fake_api.calls_of("sendMessage", ok=True)} == delivered

    # While the sends are held, the claims' 2-minute lease runs out (inside the 10-minute
    # grace): the held sends pass their deadline and are never made, their rows are
    # released or taken over, and each reminder goes out once, from whichever replica.
    write_clock(clock, T0 + timedelta(minutes=4))
    snapshots = [held]

    async def all_settled() -> dict[int, tuple[Any, ...]] | None:
        current = await rows(postgres_url)
        never_earlier(snapshots[-1], current)
        snapshots.append(current)
        done = all(last is not None and lease is None for last, lease, _ in current.values())
        return current if done and all(received(u) for u in ids) else None

    final = await until(all_settled, timeout=HOLD_SECONDS + 60)
    assert all(token is None for _, _, token in final.values())
    twice = [user_id for user_id in ids if received(user_id) != 1]
    assert twice == [], "no user may receive the same reminder twice"
    assert sent_ok() == len(ids)
    # The hold really outlived the lease: held sends were refused at their deadline.
    reports = "".join(replica.output for replica in replicas)
    assert re.search(r"not_sent=[1-9]", reports), "some sends were held past their deadline"
    prompted = "SELECT count(*) FROM break_events WHERE kind = 'prompted'"
    assert await count(postgres_url, prompted) == len(ids)
    missed = "SELECT count(*) FROM break_events WHERE kind = 'missed'"
    assert await count(postgres_url, missed) == 0
