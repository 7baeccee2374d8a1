"""The desk day, from the real bot: a break that fits an open-plan office, reminders that say
how long someone has really sat, and a session reminder that starts the workout.

Time is the test's clock file (``BotClock``); every wait is for a message or a row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import query
from tests.e2e.test_reminders import (
    REMINDER,
    T0,
    WAIT,
    BotClock,
    break_kinds,
    eventually,
    iso,
    prepare_database,
    start_bot,
    state,
)
from tests.e2e.test_safety_hold import USER, seeded
from tests.support.fake_bot_api import FakeBotApi
from tests.support.user import FakeUser

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]
FLOOR_WORDS = ("Lie", "lie ", "floor", "kneel", "knees on the ground", "forearms")
DESK_STEPS = [
    "Stand up and walk",
    "Mini squats",
    "Standing hip extension",
    "Sideways leg lift",
    "Sit to stand",
]


def make_due(db_path: Path, column: str, clock: BotClock) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            f"UPDATE reminder_state SET {column} = ? WHERE user_id = ?",
            (iso(clock.now), USER),
        )
    clock.advance(timedelta(seconds=5))


@pytest.mark.process
async def test_start_break_is_a_standing_routine_that_counts_as_a_break_not_a_session(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    user, clock, _bot = await seeded(fake_api, bot_factory, tmp_path, db_path, "en")
    make_due(db_path, "next_due_at", clock)
    reminder = await user.wait_for_text(REMINDER, WAIT)
    user.mark_read()
    user.press_data(reminder, reminder.data_for("Start break"))

    names = []
    for number in range(1, len(DESK_STEPS) + 1):
        step = await user.next_message(WAIT)
        assert step.animation is not None, step  # every step has its animation
        assert f"({number}/{len(DESK_STEPS)})" in step.text
        assert not [word for word in FLOOR_WORDS if word in step.text], step.text
        assert any(unit in step.text for unit in ("seconds", "times", "per side")), step.text
        assert step.labels == ["Next ▶", "This hurts", "Finish for today"]
        names.append(step.text.split(" (")[0])
        user.press("Next ▶")
    assert names == DESK_STEPS
    done = await user.next_message(WAIT)
    assert "Break done" in done.text and "sitting timer starts again" in done.text
    assert "reps" not in done.text

    # A break taken: the sitting timer starts again from the end of the routine...
    assert state(db_path, USER)["break"] == clock.now
    assert state(db_path, USER)["next_due_at"] == clock.now + timedelta(minutes=60)
    assert "taken" in break_kinds(db_path, USER)
    # ...but no session: nothing in the rep log, no completed workout for the ladder.
    assert query(db_path, "SELECT count(*) FROM rep_entries") == [(0,)]
    assert query(db_path, "SELECT kind, completed FROM workout_sessions") == [("break", 0)]


async def press_through(user: FakeUser, label: str) -> str:
    user.press(label)
    return (await user.next_change(WAIT)).text


async def test_the_reminder_says_how_long_someone_has_really_sat(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    """Work from 09:00, a 30-minute interval, the bot started at 10:00: sitting counts from
    work start; a snooze and a skip keep it going, Done ends it."""
    clock = BotClock(tmp_path / "clock.txt", T0)
    await prepare_database(db_path, [330], interval=30)
    user = fake_api.user(330)
    await start_bot(bot_factory, tmp_path, clock)
    first_due = state(db_path, 330)["next_due_at"]  # 10:00 and the user's spread (35 s)
    assert first_due is not None and T0 < first_due < T0 + timedelta(seconds=50)

    clock.set(first_due + timedelta(seconds=5))
    first = await user.wait_for_text(REMINDER, WAIT)
    assert "You have been sitting for 1 hour — time for a 2-minute glute break." in first.text
    assert "Snoozed" in await press_through(user, "Snooze 15 min")

    clock.advance(timedelta(minutes=15, seconds=5))
    snoozed = await user.wait_for_text(REMINDER, WAIT)
    assert "sitting for 1 hour 15 minutes —" in snoozed.text
    await eventually(lambda: state(db_path, 330)["lease_until"] is None)
    assert "Skipped" in await press_through(user, "Skip")

    clock.advance(timedelta(minutes=30, seconds=5))
    skipped = await user.wait_for_text(REMINDER, WAIT)
    assert "sitting for 1 hour 45 minutes —" in skipped.text
    await eventually(lambda: state(db_path, 330)["lease_until"] is None)
    assert "timer starts again" in await press_through(user, "Done")

    clock.advance(timedelta(minutes=30, seconds=5))
    after_done = await user.wait_for_text(REMINDER, WAIT)
    assert "sitting for 30 minutes —" in after_done.text


async def test_the_session_reminder_starts_the_workout_and_says_per_side_only_for_sides(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    user, clock, _bot = await seeded(fake_api, bot_factory, tmp_path, db_path, "en")
    make_due(db_path, "session_due_at", clock)
    session = await user.wait_for_text("Today's glute session is still open", WAIT)
    assert "• Hip raises: 10 per side" in session.text
    assert "• Clamshells: 10 per side" in session.text
    assert "• Two-legged bridge: 10 reps" in session.text  # no sides, so no "per side"
    assert session.text.count("per side") == 2
    assert session.labels == ["Start workout"]

    user.mark_read()
    user.press_data(session, session.data_for("Start workout"))
    ladder, first = await user.next_messages(2, WAIT)
    assert ladder.text.startswith("Today: hip raises, clamshells and the two-legged bridge")
    assert first.animation is not None and first.text.startswith("Hip raises (1/3)")
    assert first.labels == ["Next ▶", "This hurts", "Finish for today"]
