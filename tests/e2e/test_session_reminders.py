"""The daily session reminder under replicas and a deploy: each slot reaches its user once.

The bots run with their real limits (30 sends a second, one a second per chat, a 2-minute
lease, a 10-minute grace); only the clock is the test's, read from TEST_CLOCK_FILE. The
users are onboarded in UTC, cleared for exercises, with a daily session at 19:00 and work
hours 09:00-17:00: at 19:00 only the session reminder can be due, never a sit-break one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from coach.profile import Profile
from coach.reminder_state import ReminderState
from coach.screening import Outcome, ScreeningRecord, ScreeningResult
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWorkFactory
from tests.e2e.conftest import query, sigterm_during_a_pause
from tests.e2e.test_replicas import until
from tests.support.bot_process import BotProcess
from tests.support.fake_bot_api import FakeBotApi

BotFactory = Callable[..., BotProcess]

# Wednesday 25 November 2026. The users' daily session is at 19:00 UTC; they work
# 09:00-17:00 UTC, Mon-Fri, and their next sit-break is tomorrow morning.
SLOT = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)
T0 = SLOT - timedelta(seconds=30)
NEXT_SIT_BREAK = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
SESSION = "Today's glute session is still open"
SIT_BREAK = "You have been sitting for"
REAL_PACE = {"SEND_PER_CHAT_SECONDS": "1"}
"""The production per-chat pace (the test harness lowers it unless told otherwise)."""
"""Telegram's RetryAfter for the replicas' first send: longer than the session job's
interval, far shorter than the 2-minute lease (the clock does not move meanwhile)."""


def write_clock(path: Path, instant: datetime) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(instant.isoformat(), encoding="utf-8")
    tmp.replace(path)  # atomic: a bot never reads half a file


async def prepare(url: str, user_ids: list[int]) -> None:
    """Migrate, then store onboarded, cleared users whose session slot is ``SLOT``, before any
    bot starts. Each has a reminder row already, so the start's back-fill leaves it as is."""
    engine = create_engine(url)
    try:
        await upgrade(engine)
        async with SqlUnitOfWorkFactory(engine)() as work:
            result = ScreeningResult(1, Outcome.CLEARED, (), 2, "gt_3m", True, ())
            for user_id in user_ids:
                await work.users.add(
                    Profile(
                        user_id=user_id,
                        chat_id=user_id,
                        created_at=T0 - timedelta(days=3),
                        timezone="UTC",
                        exercise_time=SLOT.time(),
                        onboarded_at=T0 - timedelta(days=3),
                    )
                )
                record = ScreeningRecord(Outcome.CLEARED, T0 - timedelta(days=3), 2)
                await work.screenings.add(user_id, result, record)
                await work.reminders.put(
                    ReminderState(user_id, next_due_at=NEXT_SIT_BREAK, session_due_at=SLOT)
                )
            await work.commit()
    finally:
        await engine.dispose()


def as_utc(stored: object) -> datetime:
    """A SQLite column value (naive UTC text, as storage.types writes it) as an instant."""
    return datetime.fromisoformat(str(stored)).replace(tzinfo=UTC)


def received(api: FakeBotApi, user_id: int, needle: str = SESSION) -> int:
    return sum(needle in message.text for message in api.user(user_id).bot_messages)


def sent_ok(api: FakeBotApi) -> int:
    """Session reminders Telegram accepted (a refused call has no message in the chat)."""
    return sum(
        SESSION in str(call.params.get("text", "")) for call in api.calls_of("sendMessage", ok=True)
    )


async def session_rows(url: str) -> dict[int, tuple[Any, ...]]:
    """user id -> (session_due_at, last_session_at, session_lease_until, session_lease_token)."""
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            result = await connection.execute(
                text(
                    "SELECT user_id, session_due_at, last_session_at, session_lease_until,"
                    " session_lease_token FROM reminder_state"
                )
            )
            return {int(row[0]): tuple(row[1:]) for row in result}
    finally:
        await engine.dispose()


@pytest.mark.e2e
@pytest.mark.process
@pytest.mark.postgres
async def test_two_replicas_send_each_session_reminder_once(
    postgres_url: str, fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path
) -> None:
    """Both replicas see every slot fall due at the same instant and claim from the same
    rows: the fenced session lease (SKIP LOCKED on PostgreSQL) must give each slot to one
    of them, and the settle must move it to tomorrow, so nobody is reminded twice."""
    ids = list(range(8000, 8060))
    clock = tmp_path / "clock.txt"
    write_clock(clock, T0)
    await prepare(postgres_url, ids)
    for user_id in ids:
        fake_api.user(user_id)
    env = {"TEST_CLOCK_FILE": str(clock), **REAL_PACE}
    replicas = [
        bot_factory(env, database_url=postgres_url, name="replica-a"),
        bot_factory(env, database_url=postgres_url, name="replica-b"),
    ]
    for replica in replicas:
        await replica.start()

    # Sixty reminders take two seconds at 30 a second: one replica could send them all
    # before the other's session job (every 5 s) comes round, and nothing would be shared.
    # Telegram keeps every send waiting instead: a session run waits for its batch of 30,
    # so a replica holds at most one claim while the sends are held, and all sixty rows
    # leased means the other replica claimed the rest (however slow the machine is).
    fake_api.hold("sendMessage")
    write_clock(clock, SLOT + timedelta(seconds=30))  # all 60 due at once, on both replicas

    async def two_claims() -> set[str] | None:
        """Every row leased: two live tokens at once are two replicas, each with a batch."""
        current = await session_rows(postgres_url)
        tokens = [token for *_, token in current.values()]
        return set(tokens) if all(tokens) else None

    tokens = await until(two_claims, timeout=60)
    assert len(tokens) == 2, tokens
    fake_api.release("sendMessage")

    async def all_settled() -> dict[int, tuple[Any, ...]] | None:
        current = await session_rows(postgres_url)
        settled = all(last is not None and lease is None for _, last, lease, _ in current.values())
        delivered = all(received(fake_api, user_id) for user_id in ids)
        return current if settled and delivered else None

    final = await until(all_settled, timeout=60)
    twice = [user_id for user_id in ids if received(fake_api, user_id) != 1]
    assert twice == [], "no user may receive the same session reminder twice"
    assert sent_ok(fake_api) == len(ids)
    assert all(token is None for *_, token in final.values()), "every claim is settled"
    assert {due for due, *_ in final.values()} == {SLOT + timedelta(days=1)}, "tomorrow's slot"
    assert all(last is not None and last > SLOT for _, last, _, _ in final.values())
    assert not any(received(fake_api, user_id, SIT_BREAK) for user_id in ids)
    assert all(replica.running for replica in replicas), "both replicas are still up"


@pytest.mark.long
@pytest.mark.e2e
@pytest.mark.process
async def test_sigterm_mid_session_burst_confirms_what_was_sent_and_releases_the_rest(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    """A deploy's SIGTERM lands while Telegram holds the session burst back: the bot exits
    in time, every reminder that went out is confirmed (``last_session_at``) and every one
    that did not is released, so the next process sends exactly the missing ones."""
    ids = list(range(9000, 9200))
    clock = tmp_path / "clock.txt"
    write_clock(clock, T0)
    await prepare(f"sqlite+aiosqlite:///{db_path}", ids)
    for user_id in ids:
        fake_api.user(user_id)
    bot = bot_factory(extra_env={"TEST_CLOCK_FILE": str(clock), **REAL_PACE})
    await bot.start()
    write_clock(clock, SLOT + timedelta(seconds=30))  # 200 due at once; 30 a second may leave
    burst = await fake_api.wait_until(lambda: sent_ok(fake_api) >= 40 or None, timeout=60)
    assert burst, "the session burst started"
    await sigterm_during_a_pause(fake_api, bot, "sendMessage")
    sent_before = sent_ok(fake_api)
    assert 40 <= sent_before < len(ids), "the SIGTERM must land mid-burst"
    leased = "SELECT count(*) FROM reminder_state WHERE session_lease_until IS NOT NULL"
    assert query(db_path, leased) == [(0,)], "sent rows confirmed, unsent released: none leased"
    confirmed = "SELECT count(*) FROM reminder_state WHERE last_session_at IS NOT NULL"
    assert query(db_path, confirmed) == [(sent_before,)]
    released = "SELECT DISTINCT session_due_at FROM reminder_state WHERE last_session_at IS NULL"
    assert [as_utc(due) for (due,) in query(db_path, released)] == [SLOT], "still due today"

    # Past any 2-minute lease, still inside the 10-minute grace of the 19:00 slot.
    write_clock(clock, SLOT + timedelta(minutes=4))
    await bot.start()

    async def all_settled() -> bool | None:
        delivered = all(received(fake_api, user_id) for user_id in ids)
        done = query(db_path, confirmed) == [(len(ids),)] and query(db_path, leased) == [(0,)]
        return True if delivered and done else None

    await until(all_settled, timeout=60)
    twice = [user_id for user_id in ids if received(fake_api, user_id) != 1]
    assert twice == [], "no user may receive the same session reminder twice"
    assert sent_ok(fake_api) == len(ids)
    tomorrow = SLOT + timedelta(days=1)
    moved = query(db_path, "SELECT DISTINCT session_due_at FROM reminder_state")
    assert [as_utc(due) for (due,) in moved] == [tomorrow]
    assert not any(received(fake_api, user_id, SIT_BREAK) for user_id in ids)
