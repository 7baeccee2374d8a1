"""/pause in the user's words: "a week", "2 weeks", "until Monday", "1 Woche", "bis Montag"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import query
from tests.e2e.test_reminders import T0, WAIT, BotClock, prepare_database, start_bot
from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]

# T0 is Wednesday 25 Nov 2026; these users live in UTC, and a pause ends at a local midnight.
WEDNESDAY_2_DEC = ("Wednesday, Dec 2", datetime(2026, 12, 2, tzinfo=UTC))
MONDAY_30_NOV = ("Monday, Nov 30", datetime(2026, 11, 30, tzinfo=UTC))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("a week", WEDNESDAY_2_DEC),
        ("2 weeks", ("Wednesday, Dec 9", datetime(2026, 12, 9, tzinfo=UTC))),
        ("until Monday", MONDAY_30_NOV),
        ("1 Woche", WEDNESDAY_2_DEC),
        ("3 days", ("Saturday, Nov 28", datetime(2026, 11, 28, tzinfo=UTC))),
        ("bis Montag", MONDAY_30_NOV),
    ],
)
async def test_the_pause_length_in_words_says_when_reminders_start_again(
    fake_api: FakeBotApi,
    bot_factory: BotFactory,
    tmp_path: Path,
    db_path: Path,
    typed: str,
    expected: tuple[str, datetime],
) -> None:
    clock = BotClock(tmp_path / "clock.txt", T0)
    await prepare_database(db_path, [310], interval=60)
    user = fake_api.user(310)
    await start_bot(bot_factory, tmp_path, clock)
    user.send("/pause")
    await user.next_message(WAIT)
    user.press("Several days")
    assert "until Monday" in (await user.next_change(WAIT)).text
    user.send(typed)
    paused = await user.next_message(WAIT)
    day, until = expected
    assert f"paused until {day}, start of work" in paused.text
    (stored,) = query(db_path, "SELECT paused_until FROM reminder_state WHERE user_id = 310")
    assert datetime.fromisoformat(str(stored[0])).replace(tzinfo=UTC) == until


async def test_pause_with_its_length_pauses_at_once(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    clock = BotClock(tmp_path / "clock.txt", T0)
    await prepare_database(db_path, [310], interval=60)
    user = fake_api.user(310)
    await start_bot(bot_factory, tmp_path, clock)
    user.send("/pause 2 weeks")
    assert "paused until Wednesday, Dec 9, start of work" in (await user.next_message(WAIT)).text
    user.send("/pause soon")  # not a length: the question, with examples
    assert "until Monday" in (await user.next_message(WAIT)).text
    user.send("bis Montag")
    assert "paused until Monday, Nov 30" in (await user.next_message(WAIT)).text
