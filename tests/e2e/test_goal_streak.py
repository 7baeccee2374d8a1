"""A new goal keeps the best streak: streaks are recomputed under the goal in force, and a
record earned under the old goal must not vanish."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from coach.activity import EntrySource, RepEntry
from storage.engine import create_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.e2e.people import seed_cleared_user
from tests.e2e.test_reminders import BotClock, start_bot
from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)  # Wednesday, 11:00 in Berlin
JOINED = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
SESSION = (("hip_raise", "left"), ("hip_raise", "right"), ("clamshell", "left"))
SESSION += (("clamshell", "right"), ("bridge", None))
# Two whole weeks with 3 sessions each (Mon-Wed), and two days of the current week.
MET = [date(2026, 11, 9) + timedelta(days=d) for d in (0, 1, 2, 7, 8, 9, 14, 15)]


async def seed(db_path: Path, user_id: int) -> None:
    await seed_cleared_user(db_path, user_id, JOINED)
    engine = create_engine(f"sqlite+aiosqlite:///{db_path}")
    async with SqlUnitOfWorkFactory(engine)() as work:
        profile = await work.users.get(user_id)
        assert profile is not None
        await work.users.save(replace(profile, goal_days_per_week=3), JOINED)
        for day in MET:
            at = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
            for exercise, side in SESSION:
                entry = RepEntry(user_id, exercise, side, 10, EntrySource.REPLY, day, at)
                await work.reps.add(entry)
        await work.commit()
    await engine.dispose()


async def test_a_higher_goal_keeps_the_best_streak_reached_under_the_old_one(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    await seed(db_path, 330)
    clock = BotClock(tmp_path / "clock.txt", NOW)
    user = fake_api.user(330)
    await start_bot(bot_factory, tmp_path, clock)
    user.send("/stats")
    before = (await user.next_message(timeout=30)).text
    assert "🏆 Best streak: 2 weeks" in before

    user.send("/settings")
    await user.next_message()
    user.press("Goal")
    await user.next_change()
    user.press("5 days a week")  # the settings message changes in place
    assert "Goal: a full session on 5 days a week" in (await user.next_change()).text

    user.send("/stats")
    after = (await user.next_message(timeout=30)).text
    assert "🏆 Best streak: 2 weeks" in after  # not 0: 3 days no longer meet the goal
    assert "🔥 Streak: 0 weeks" in after
