"""A way out of every flow: "Finish for today", typed stop words, typed reps and /cancel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import query
from tests.e2e.test_workout import cleared_user, press, through_steps
from tests.support.fake_bot_api import FakeBotApi
from tests.support.user import FakeUser

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]


async def to_left_reps(user: FakeUser) -> None:
    user.send("/workout")
    await user.next_messages(2)
    await through_steps(user, 3)


def open_dialogs(db_path: Path) -> list[tuple[Any, ...]]:
    return query(db_path, "SELECT flow FROM dialogs WHERE user_id = 300")


@pytest.mark.process
async def test_finish_for_today_ends_the_workout_and_keeps_the_sets(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    user, _bot = await cleared_user(fake_api, bot_factory, db_env)
    await to_left_reps(user)
    right = await press(user, "Done")
    assert "right side" in right.text and "Finish for today" in right.labels
    summary = await press(user, "Finish for today")
    assert "Finished for today." in summary.text and "1 of 3 exercises logged" in summary.text
    assert "Hip raises: 10 left" in summary.text and "10 reps in total" in summary.text
    assert open_dialogs(db_path) == []
    assert query(db_path, "SELECT exercise_id, side, reps FROM rep_entries") == [
        ("hip_raise", "left", 10)
    ]
    assert query(db_path, "SELECT completed FROM workout_sessions") == [(0,)]


@pytest.mark.parametrize("word", ["stop", "cancel", "/cancel", "stopp", "abbrechen", "Stop! 🛑"])
async def test_a_typed_stop_word_ends_the_workout_with_its_summary(
    fake_api: FakeBotApi,
    bot_factory: BotFactory,
    db_env: dict[str, str],
    db_path: Path,
    word: str,
) -> None:
    user, _bot = await cleared_user(fake_api, bot_factory, db_env)
    await to_left_reps(user)
    user.send("10/10")  # both sides at once: on to the next exercise
    clamshell = await user.next_message()
    assert "Clamshells" in clamshell.text and clamshell.animation is not None
    user.send(word)
    summary = await user.next_message()
    assert "Finished for today." in summary.text and "1 of 3 exercises logged" in summary.text
    assert "Hip raises: 10 left, 10 right" in summary.text
    assert open_dialogs(db_path) == []
    assert query(db_path, "SELECT count(*) FROM rep_entries") == [(2,)]
    user.send("/cancel")  # nothing open any more
    assert "nothing to cancel" in (await user.next_message()).text


async def test_typed_reps_count_for_the_rep_step(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    user, _bot = await cleared_user(fake_api, bot_factory, db_env)
    await to_left_reps(user)
    user.send("8")
    assert "right side: 10 reps" in (await user.next_message()).text
    user.send("12")
    clamshell = await user.next_message()
    assert "Clamshells" in clamshell.text
    await through_steps(user, 3)
    user.send("10/10 clamshells")
    bridge = await user.next_message()
    assert "Two-legged bridge" in bridge.text and bridge.animation is not None
    await through_steps(user, 3)
    user.send("500")  # impossible: a short hint with an example, nothing stored
    hint = await user.next_message()
    assert "e.g. 8" in hint.text and hint.animation is None and hint.labels == []
    user.send("what?")
    hint = await user.next_message()
    assert "“stop”" in hint.text and hint.labels == []
    user.send("9")
    assert "How is your back now" in (await user.next_message()).text
    assert query(db_path, "SELECT exercise_id, side, reps FROM rep_entries ORDER BY id") == [
        ("hip_raise", "left", 8),
        ("hip_raise", "right", 12),
        ("clamshell", "left", 10),
        ("clamshell", "right", 10),
        ("bridge", None, 9),
    ]


async def test_continue_after_low_pain_goes_on_where_it_hurt(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str]
) -> None:
    user, _bot = await cleared_user(fake_api, bot_factory, db_env)
    await to_left_reps(user)
    await press(user, "This hurts")
    user.press("1")
    light, offer = await user.next_changes(2)
    assert "that's fine" in light.text and "skip" not in offer.text.lower()
    again = await press(user, "Continue ▶")
    assert "10 reps on the left side" in again.text


async def start_setup(user: FakeUser) -> None:
    user.send("/start")
    await user.next_messages(2)
    user.press("Let's begin")
    await user.next_messages(2)


async def open_settings(user: FakeUser) -> None:
    user.send("/settings")
    await user.next_message()


async def ask_pause_days(user: FakeUser) -> None:
    user.send("/pause")
    await user.next_message()
    user.press("Several days")
    await user.next_change()


async def ask_delete(user: FakeUser) -> None:
    user.send("/delete")
    await user.next_message()


async def in_walkthrough(user: FakeUser) -> None:
    await to_left_reps(user)
    user.press("Done")
    await user.next_change()


@pytest.mark.parametrize(
    ("opens", "said"),
    [
        (start_setup, "Stopped the safety check."),
        (open_settings, "Stopped. Your settings are unchanged."),
        (ask_pause_days, "Stopped. Your reminders carry on as before."),
        (ask_delete, "Stopped. Nothing was deleted."),
        (in_walkthrough, "Finished for today. 1 of 3 exercises logged."),
        (None, "There's nothing to cancel right now."),
    ],
)
async def test_cancel_leaves_any_flow_and_says_what_was_kept(
    fake_api: FakeBotApi,
    bot_factory: BotFactory,
    db_env: dict[str, str],
    db_path: Path,
    opens: Callable[[FakeUser], Any] | None,
    said: str,
) -> None:
    if opens is start_setup:
        bot = bot_factory(extra_env=db_env)
        await bot.start()
        user = fake_api.user(300)
    else:
        user, _bot = await cleared_user(fake_api, bot_factory, db_env)
    if opens is not None:
        await opens(user)
        assert open_dialogs(db_path) != []
    user.send("/cancel")
    assert said in (await user.next_message()).text
    assert open_dialogs(db_path) == []
    assert query(db_path, "SELECT count(*) FROM users WHERE id = 300") == [(1,)]
