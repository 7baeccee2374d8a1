"""The weekly summary from real bot processes: two replicas on one PostgreSQL database send
each user's summary once, a deploy in the middle of a burst loses and repeats none, and a user
who blocked the bot is deactivated by it.

Users are seeded with a summary already due; the bot's weekly job first runs 2 s after start
(then every minute), and these tests wait for it on the fake Bot API's calls and the database.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from coach.profile import Profile
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWorkFactory
from tests.e2e.conftest import query, sigterm_during_a_pause
from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]

SUNDAY_18 = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)  # 18:00 in Berlin, the default slot
NOW = SUNDAY_18 + timedelta(minutes=1)
NEXT_WEEK = SUNDAY_18 + timedelta(days=7)
FIRST_RUN = 60.0  # a failure bound: the weekly job first runs 2 s after start
ALL_SENT = 300.0  # a failure bound for drawing and sending 80 pictures on a loaded machine


async def seed_due(database_url: str, user_ids: Iterable[int]) -> None:
    """Onboarded Berlin users whose summary fell due a minute ago, before the bot starts."""
    engine = create_engine(database_url)
    await upgrade(engine)
    uow = SqlUnitOfWorkFactory(engine)
    joined = SUNDAY_18 - timedelta(days=6)
    async with uow() as work:
        for user_id in user_ids:
            profile = Profile(
                user_id=user_id,
                chat_id=user_id,
                created_at=joined,
                timezone="Europe/Berlin",
                onboarded_at=joined,
            )
            await work.users.add(profile)
        await work.commit()
    async with uow() as work:
        for user_id in user_ids:
            await work.summaries.schedule(user_id, SUNDAY_18, None)
        await work.commit()
    await engine.dispose()


async def summary_rows(database_url: str) -> dict[int, tuple[Any, ...]]:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                text(
                    "SELECT id, summary_next_at, summary_lease_token, summary_sent_at, active"
                    " FROM users"
                )
            )
            return {row[0]: (_instant(row[1]), row[2], _instant(row[3]), row[4]) for row in rows}
    finally:
        await engine.dispose()


def _instant(value: Any) -> Any:
    """SQLite hands back stored instants as text: read them as the aware UTC they are."""
    if isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value


async def eventually(check: Callable[[], Any], timeout: float, what: Callable[[], Any]) -> None:  # noqa: ASYNC109
    """Poll the database (which the bots write) until ``check`` holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await check():
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s; last seen: {await what()}")
        await asyncio.sleep(0.2)


def clock_env(tmp_path: Path) -> dict[str, str]:
    clock = tmp_path / "clock.txt"
    clock.write_text(NOW.isoformat(), encoding="utf-8")
    return {"TEST_CLOCK_FILE": str(clock), "SEND_PER_CHAT_SECONDS": "1"}  # the real pace


@pytest.mark.process
@pytest.mark.postgres
@pytest.mark.timeout(180)
async def test_two_replicas_send_each_user_one_summary_photo(
    fake_api: FakeBotApi, bot_factory: BotFactory, postgres_url: str, tmp_path: Path
) -> None:
    users = list(range(700, 706))
    await seed_due(postgres_url, users)
    for user_id in users:
        fake_api.user(user_id)
    env = clock_env(tmp_path)
    replicas = [
        bot_factory(extra_env=env, database_url=postgres_url, name=name) for name in ("a", "b")
    ]
    await asyncio.gather(*(replica.start() for replica in replicas))

    async def all_confirmed() -> bool:
        rows = await summary_rows(postgres_url)
        return all(rows[u][0] == NEXT_WEEK and rows[u][1] is None for u in users)

    await eventually(all_confirmed, FIRST_RUN, lambda: summary_rows(postgres_url))
    # Confirmed users are not due any more, so no replica can send them another one.
    photos = fake_api.calls_of("sendPhoto", ok=True)
    assert Counter(call.chat_id for call in photos) == Counter(users)
    assert all(row[2] == NOW for row in (await summary_rows(postgres_url)).values())
    for call in photos:
        assert call.params.get("caption"), "the summary photo has its caption"
    assert all(replica.running for replica in replicas)


@pytest.mark.timeout(180)
async def test_a_user_who_blocked_the_bot_is_deactivated_by_the_summary(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_path: Path, tmp_path: Path
) -> None:
    blocked, other = 710, 711
    url = f"sqlite+aiosqlite:///{db_path}"
    await seed_due(url, [blocked, other])
    fake_api.user(blocked)
    fake_api.user(other)
    fake_api.fail_next("sendPhoto", status=403, chat_id=blocked)
    bot = bot_factory(extra_env=clock_env(tmp_path))
    await bot.start()
    # At start the bot gave both users their sit-break schedule.
    due = "SELECT next_due_at FROM reminder_state WHERE user_id = ?"
    assert query(db_path, due, blocked)[0][0] is not None

    async def deactivated() -> bool:
        return query(db_path, "SELECT active FROM users WHERE id = ?", blocked) == [(0,)]

    async def seen() -> object:
        return query(db_path, "SELECT id, active, summary_next_at FROM users")

    await eventually(deactivated, FIRST_RUN, seen)
    await fake_api.wait_for_call("sendPhoto", lambda call: call.chat_id == other and call.ok)
    assert query(db_path, due, blocked) == [(None,)], "no more reminders for a blocked user"
    assert query(db_path, "SELECT active FROM users WHERE id = ?", other) == [(1,)]
    refused = fake_api.calls_of("sendPhoto", ok=False)
    assert [call.chat_id for call in refused] == [blocked]
    assert [c.chat_id for c in fake_api.calls_of("sendPhoto", ok=True)] == [other]


@pytest.mark.long
@pytest.mark.process
@pytest.mark.timeout(420)
async def test_sigterm_mid_summary_burst_confirms_what_was_sent_and_releases_the_rest(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_path: Path, tmp_path: Path
) -> None:
    users = list(range(800, 880))  # more than one claimed batch (50)
    url = f"sqlite+aiosqlite:///{db_path}"
    await seed_due(url, users)
    for user_id in users:
        fake_api.user(user_id)
    bot = bot_factory(extra_env=clock_env(tmp_path))
    await bot.start()
    await fake_api.wait_until(
        lambda: len(fake_api.calls_of("sendPhoto", ok=True)) >= 5 or None, timeout=FIRST_RUN
    )
    await sigterm_during_a_pause(fake_api, bot, "sendPhoto")
    sent_before = Counter(call.chat_id for call in fake_api.calls_of("sendPhoto", ok=True))
    assert 5 <= len(sent_before) < len(users), "the SIGTERM must land mid-burst"
    rows = await summary_rows(url)
    assert [u for u in users if rows[u][1] is not None] == [], "no claim is left behind"
    confirmed = {u for u in users if rows[u][2] == NOW}
    assert confirmed == set(sent_before), "each summary sent is confirmed, no other"
    assert {rows[u][0] for u in users if u not in confirmed} == {SUNDAY_18}, "the rest stay due"

    # The next process sends the rest at once (not after the 30-minute lease), none twice.
    await bot.start()

    async def all_sent() -> bool:
        rows = await summary_rows(url)
        return all(rows[u][0] == NEXT_WEEK and rows[u][1] is None for u in users)

    # A failure bound only: the pictures are drawn one after another, slowly on a busy machine.
    await eventually(all_sent, ALL_SENT, lambda: summary_rows(url))
    photos = fake_api.calls_of("sendPhoto", ok=True)
    assert Counter(call.chat_id for call in photos) == Counter(users), "each user got one"
