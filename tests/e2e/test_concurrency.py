"""Updates of different people are handled at once; one person's updates stay in order.

These run with the real per-chat pace (SEND_PER_CHAT_SECONDS=1) where the point is that one
chat's wait never holds up another; the ordering test also runs with the lowered test pace.
Times are the fake Bot API's arrival times of the bot's calls (``time.monotonic`` of this
process).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_progress import DAY_1, USER, seed_onboarded_user
from tests.support.fake_bot_api import FakeBotApi
from tests.support.models import RecordedCall

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]

REAL_PACE = {"SEND_PER_CHAT_SECONDS": "1"}


def sends_to(api: FakeBotApi, chat_id: int) -> list[RecordedCall]:
    return [call for call in api.calls_of("sendMessage", ok=True) if call.chat_id == chat_id]


async def test_one_chatty_user_does_not_hold_up_another(
    fake_api: FakeBotApi, bot_factory: BotFactory
) -> None:
    bot = bot_factory(extra_env=REAL_PACE)
    await bot.start()
    chatty, other = fake_api.user(501), fake_api.user(502)

    for _ in range(5):  # two messages each: ten messages to one chat
        chatty.send("/help")
    await chatty.next_messages(3, timeout=20)  # the burst; the rest come one a second
    asked_at = time.monotonic()  # the clock of RecordedCall.at
    other.send("/help")
    await other.next_messages(2, timeout=20)
    await chatty.next_messages(7, timeout=30)

    chatty_times = [call.at for call in sends_to(fake_api, chatty.chat_id)]
    other_times = [call.at for call in sends_to(fake_api, other.chat_id)]
    assert len(chatty_times) == 10 and len(other_times) == 2
    # The chatty chat really waited: after the burst of three, one message a second (7 s for
    # ten; the slack is for the spread of arrival times on a loaded machine).
    assert chatty_times[9] - chatty_times[0] >= 6.0
    # The other user was answered while the chatty one still waited, and within a second.
    assert other_times[1] < chatty_times[9]
    assert other_times[1] - asked_at < 1.0, (other_times, asked_at)


@pytest.mark.parametrize("pace", ["1", "0.05"])
async def test_quick_messages_of_one_user_are_applied_in_order(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_path: Path, tmp_path: Path, pace: str
) -> None:
    await seed_onboarded_user(db_path)
    clock = tmp_path / "clock.txt"
    clock.write_text(DAY_1.isoformat())
    bot = bot_factory(extra_env={"SEND_PER_CHAT_SECONDS": pace, "TEST_CLOCK_FILE": str(clock)})
    await bot.start()
    user = fake_api.user(USER)
    other = fake_api.user(USER + 1)

    reps = list(range(11, 19))
    for count in reps:  # all queued before the bot fetches them
        user.send(f"{count} bridges")
    other.send("/help")
    replies = await user.next_messages(len(reps), timeout=30)
    await other.next_messages(2, timeout=20)

    assert [
        f"Logged: {count} bridges" in reply.text for reply, count in zip(replies, reps, strict=True)
    ] == [True] * len(reps), [r.text for r in replies]
    with sqlite3.connect(db_path) as connection:
        stored = [
            count
            for (count,) in connection.execute(
                "SELECT reps FROM rep_entries WHERE user_id = ? ORDER BY id", (USER,)
            )
        ]
    assert stored == reps
