"""A button press changes the message it was pressed on, as a person sees it on the phone.

The reminder answered, the setting changed, the next step of an exercise: the chat keeps one
current message instead of a new one per press. Telegram's refusals of an edit are met:
"message is not modified" is a success, "message to edit not found" sends the answer anew.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from tests.e2e.conftest import query
from tests.e2e.people import seed_cleared_user
from tests.e2e.test_reminders import (
    REMINDER,
    T0,
    WAIT,
    BotClock,
    BotFactory,
    eventually,
    plain,
    prepare_database,
    start_bot,
    state,
)
from tests.support.fake_bot_api import NOT_MODIFIED, FakeBotApi
from tests.support.models import BotMessage
from tests.support.user import FakeUser

pytestmark = pytest.mark.e2e
SENDS = ("sendMessage", "sendPhoto")
"""Calls that add a message to the chat."""
EDITS = ("editMessageText", "editMessageCaption", "editMessageReplyMarkup")
"""Calls that change one: they spend Telegram's budget, but add nothing to read."""
EXPIRED = "This button has expired."


def counted(api: FakeBotApi, since: int, chat_id: int) -> tuple[int, int]:
    """(messages sent, edits made) to one chat since ``since``, successful calls only."""
    calls = [call for call in api.calls[since:] if call.ok and call.chat_id == chat_id]
    sends = sum(1 for call in calls if any(call.is_method(m) for m in SENDS))
    edits = sum(1 for call in calls if any(call.is_method(m) for m in EDITS))
    return sends, edits


async def reminder_due(db_path: Path, clock: BotClock, user: FakeUser) -> BotMessage:
    """Move the clock to the user's next reminder; the reminder as it arrives."""
    due = state(db_path, user.id)["next_due_at"]
    assert due is not None
    clock.set(due + timedelta(seconds=1))
    return await user.wait_for_text(REMINDER, WAIT)


def in_berlin_in_german(db_path: Path, user_id: int) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "UPDATE users SET language = 'de', timezone = 'Europe/Berlin' WHERE id = ?",
            (user_id,),
        )


@pytest.mark.process
async def test_a_reminder_cycle_is_one_message_and_done_edits_it(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    """Before, the reminder and "Well done" were two messages; now the reminder says it."""
    clock = BotClock(tmp_path / "clock.txt", T0)
    await prepare_database(db_path, [500], interval=30)
    in_berlin_in_german(db_path, 500)  # the time in the user's zone and language
    user = fake_api.user(500)
    await start_bot(bot_factory, tmp_path, clock)

    since = fake_api.mark()
    due = state(db_path, 500)["next_due_at"]
    assert due is not None
    clock.set(due + timedelta(seconds=1))
    reminder = await user.wait_for(lambda message: bool(message.buttons), WAIT)
    user.press("Erledigt")
    assert (await user.next_callback_answer(WAIT)).text is None
    done = await user.next_change(WAIT)
    local = clock.now + timedelta(hours=1)  # Berlin in November: UTC+1, 24-hour clock
    assert done.message_id == reminder.message_id and done.labels == []
    assert done.text.startswith(f"✅ Pause gemacht um {local:%H:%M}\nGut gemacht!")
    user.assert_no_unread()
    assert counted(fake_api, since, 500) == (1, 1)  # was (2, 0): reminder + "Well done"

    # The spent reminder's other buttons answer with the toast and change nothing.
    user.press_data(reminder, reminder.data_for("15 Min. später"))
    assert (await user.next_callback_answer(WAIT)).text == "Dieser Button ist abgelaufen."
    assert user.message(reminder.message_id).text == done.text
    user.assert_no_unread()


async def test_a_settings_change_edits_the_settings_message(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    clock = BotClock(tmp_path / "clock.txt", T0)
    await prepare_database(db_path, [510], interval=30)
    user = fake_api.user(510)
    await start_bot(bot_factory, tmp_path, clock)

    since = fake_api.mark()
    user.send("/settings")
    view = await user.next_message(WAIT)
    assert "Goal: a full session every day" in view.text
    user.press("🎯 Goal")
    ask = await user.next_change(WAIT)
    assert ask.message_id == view.message_id and "5 days a week" in ask.labels
    user.press("5 days a week")
    changed = await user.next_change(WAIT)
    assert changed.message_id == view.message_id
    assert "Goal: a full session on 5 days a week" in changed.text
    assert changed.labels == view.labels  # the view again, with its buttons
    user.assert_no_unread()
    assert query(db_path, "SELECT goal_days_per_week FROM users WHERE id = 510") == [(5,)]
    assert counted(fake_api, since, 510) == (1, 2)  # was (3, 0): view, question, view

    # A button of the question as it was before is stale now: a toast, and the value stays.
    user.mark_read()
    user.press_data(ask, ask.data_for("3 days a week"))
    assert (await user.next_callback_answer(WAIT)).text == EXPIRED
    assert query(db_path, "SELECT goal_days_per_week FROM users WHERE id = 510") == [(5,)]


async def test_refused_edits_not_modified_is_fine_and_not_found_sends_anew(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    clock = BotClock(tmp_path / "clock.txt", T0)
    await prepare_database(db_path, [520], interval=30)
    user = fake_api.user(520)
    bot = await start_bot(bot_factory, tmp_path, clock)

    # Telegram says the message already shows this: nothing more is sent.
    reminder = await reminder_due(db_path, clock, user)
    fake_api.fail_next("editMessageText", status=400, description=NOT_MODIFIED, chat_id=520)
    since = fake_api.mark()
    user.press("Snooze 15 min")
    assert (await user.next_callback_answer(WAIT)).text is None
    user.press_data(reminder, "v1:rem:fly:1")  # handled after the snooze: a barrier
    assert (await user.next_callback_answer(WAIT)).text == EXPIRED
    assert [call.injected for call in fake_api.calls[since:] if call.chat_id == 520] == [
        False,  # answerCallbackQuery
        True,  # editMessageText: "not modified"
        False,  # the barrier's answerCallbackQuery
    ]
    user.assert_no_unread()
    assert state(db_path, 520)["next_due_at"] == clock.now + timedelta(minutes=15)

    # The message is gone (deleted on the phone): the answer comes as a new message.
    again = await reminder_due(db_path, clock, user)
    assert again.message_id != reminder.message_id
    fake_api.fail_next(
        "editMessageText",
        status=400,
        description="Bad Request: message to edit not found",
        chat_id=520,
    )
    user.press("Done")
    done = await user.next_message(WAIT)
    assert done.message_id != again.message_id
    assert plain(done.text).startswith(f"✅ Break taken at {clock.now:%-I:%M %p}\n")
    assert "error handling update" not in bot.output


async def test_walkthrough_next_edits_the_step_and_replies_still_find_the_exercise(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    await seed_cleared_user(db_path, 530, T0)
    clock = BotClock(tmp_path / "clock.txt", T0)
    user = fake_api.user(530)
    await start_bot(bot_factory, tmp_path, clock)

    user.send("/exercise")
    menu = await user.next_message(WAIT)
    user.press("Clamshells")
    intro = await user.next_change(WAIT)  # a picture cannot replace text: a new message
    assert intro.animation is not None and intro.message_id != menu.message_id
    stripped = await user.next_edit(WAIT, message_id=menu.message_id)
    assert stripped.labels == [] and stripped.text == menu.text  # the menu loses its buttons
    for n in (1, 2, 3):
        user.press("Next")
        step = await user.next_change(WAIT)
        assert step.message_id == intro.message_id and step.animation == intro.animation
        assert f"Step {n} of 3" in step.text
        assert step.labels == ["Next ▶", "This hurts", "Finish for today"]
    user.press("Next")
    left = await user.next_change(WAIT)
    assert "10 reps on the left side" in left.text
    user.press("Done")
    right = await user.next_change(WAIT)
    assert right.message_id == left.message_id and "right side: 10 reps" in right.text
    assert right.animation is not None and right.animation != intro.animation  # mirrored
    user.assert_no_unread()  # one message, every step in it: nothing else was sent

    # A reply to that message logs the exercise and side it shows now.
    remembered = "SELECT exercise_id, side FROM message_exercises WHERE message_id = ?"
    await eventually(  # stored just after the edit
        lambda: query(db_path, remembered, right.message_id) == [("clamshell", "right")],
        what=lambda: query(db_path, remembered, right.message_id),
    )
