"""Guided walkthroughs as a person does them: buttons, pictures, pain, restarts, stale buttons."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from coach.progression import SessionOutcome
from storage.engine import create_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.e2e.conftest import query
from tests.e2e.people import onboard
from tests.support.fake_bot_api import FakeBotApi
from tests.support.models import BotMessage
from tests.support.user import FakeUser

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]
EXPIRED = "This button has expired."


async def cleared_user(
    fake_api: FakeBotApi, bot_factory: BotFactory, env: dict[str, str], *, flag: str | None = None
) -> tuple[FakeUser, Any]:
    bot = bot_factory(extra_env=env)
    await bot.start()
    user = fake_api.user(300)
    await onboard(user, flag=flag)
    user.mark_read()
    return user, bot


async def pain_free_sessions(db_path: Path, user_id: int, count: int) -> None:
    """`count` earlier pain-free workouts with the two-legged bridge, as the ladder counts them."""
    engine = create_engine(f"sqlite+aiosqlite:///{db_path}")
    async with SqlUnitOfWorkFactory(engine)() as work:
        for days_ago in range(count, 0, -1):
            finished = datetime.now(UTC) - timedelta(days=days_ago)
            pains: dict[str, int | None] = {"hip_raise": None, "clamshell": None, "bridge": None}
            outcome = SessionOutcome(finished.date(), pains, max_pain=1, completed=True)
            await work.workouts.add(user_id, f"earlier{days_ago}", "workout", outcome, finished)
        await work.commit()
    await engine.dispose()


async def press(user: FakeUser, label: str) -> BotMessage:
    """Press a button; the answer, whether it changed the pressed message or came anew."""
    user.press(label)
    return await user.next_change()


async def stale_press(user: FakeUser, message: BotMessage, data: str | None) -> str | None:
    """Press a button of an older message; returns the toast text the bot answered with."""
    user.mark_read()
    user.press_data(message, data)
    return (await user.next_callback_answer()).text


async def through_steps(user: FakeUser, steps: int) -> BotMessage:
    """From the picture: Next through every step; returns the "do N reps" message."""
    for n in range(1, steps + 1):
        assert f"Step {n} of {steps}" in (await press(user, "Next")).text
    asked = await press(user, "Next")
    assert "reps" in asked.text and "✅ Done – 10" in asked.labels
    return asked


async def test_a_complete_workout_by_buttons_stores_the_sets_and_reuses_pictures(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    user, _bot = await cleared_user(fake_api, bot_factory, db_env)
    user.send("/workout")
    level, intro = await user.next_messages(2)
    assert "Our rule: 3 more pain-free sessions (pain 0–3) unlock" in level.text
    assert intro.animation is not None and intro.animation.uploaded
    assert intro.animation.data is not None and intro.animation.data.startswith(b"GIF89a")
    assert intro.photo is None
    assert "Hip raises" in intro.text and "forearms" in intro.text
    assert intro.labels == ["Next ▶", "This hurts", "Finish for today"]

    left = await through_steps(user, 3)
    assert "10 reps on the left side" in left.text and "Tips" in left.text
    assert left.animation == intro.animation  # the steps change the caption only
    assert left.labels[1:10] == [str(n) for n in range(1, 10)]
    right = await press(user, "8")  # fewer reps on the left
    assert "right side: 10 reps" in right.text
    # The right side in the same message: its own animation, the left one mirrored.
    assert right.message_id == intro.message_id and right.animation is not None
    assert right.animation.uploaded and right.animation.file_id != intro.animation.file_id
    for bad in ("0", "-3", "201", "lots", "🙂"):
        user.send(bad)
        hint = await user.next_message()  # one short hint; the step is not sent again
        assert "e.g. 8" in hint.text and hint.labels == []
    user.send("12")  # typed: counts like a button
    clamshell = await user.next_message()
    assert "Clamshells" in clamshell.text and clamshell.animation is not None
    await through_steps(user, 3)
    clamshell_right = await press(user, "Done")
    bridge = await press(user, "Done")
    assert "Two-legged bridge" in bridge.text and bridge.animation is not None
    both = await through_steps(user, 3)
    assert "Now do 10 reps" in both.text
    final = await press(user, "Done")
    assert "How is your back now" in final.text
    summary = await press(user, "2")
    assert "Session done" in summary.text and "50 reps in total" in summary.text
    assert "Hip raises: 8 left, 12 right" in summary.text
    ladder = await user.next_message()
    assert "Our rule: 2 more pain-free sessions" in ladder.text

    rows = query(
        db_path,
        "SELECT exercise_id, side, reps, source, session_id IS NOT NULL FROM rep_entries"
        " WHERE user_id = 300 ORDER BY id",
    )
    assert rows == [
        ("hip_raise", "left", 8, "walkthrough", 1),
        ("hip_raise", "right", 12, "walkthrough", 1),
        ("clamshell", "left", 10, "walkthrough", 1),
        ("clamshell", "right", 10, "walkthrough", 1),
        ("bridge", None, 10, "walkthrough", 1),
    ]
    assert query(db_path, "SELECT pain, context FROM pain_checkins") == [(2, "after_session")]
    assert query(db_path, "SELECT count(*) FROM dialogs WHERE user_id = 300") == [(0,)]
    (outcome,) = query(db_path, "SELECT kind, completed, max_pain FROM workout_sessions")
    assert outcome == ("workout", 1, 2)
    first_time = [m.animation for m in (intro, right, clamshell, clamshell_right, bridge)]
    assert all(shown is not None and shown.uploaded for shown in first_time)
    assert len({shown.file_id for shown in first_time if shown}) == 5

    # The second workout: every animation again, by Telegram's file_id, none uploaded.
    uploads = len(fake_api.calls_of("sendAnimation")) + len(fake_api.calls_of("editMessageMedia"))
    user.send("/workout")
    _level, again = await user.next_messages(2)
    await through_steps(user, 3)
    again_right = await press(user, "Done")
    await press(user, "Done")
    await through_steps(user, 3)
    clamshell_again_right = await press(user, "Done")
    bridge_again = await press(user, "Done")
    second_time = [again.animation, again_right.animation, clamshell_again_right.animation]
    second_time.append(bridge_again.animation)
    assert [shown.file_id for shown in second_time if shown and not shown.uploaded] == [
        shown.file_id for shown in first_time if shown and shown is not first_time[2]
    ]
    sent = [
        call
        for call in fake_api.calls
        if call.is_method("sendAnimation") or call.is_method("editMessageMedia")
    ][uploads:]
    assert len(sent) == 5 and not any(call.files for call in sent)  # no upload

    # A button of the finished workout has expired.
    assert await stale_press(user, summary, final.data_for("3")) == EXPIRED


async def test_this_hurts_offers_the_regression_and_high_pain_ends_the_session(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    user, _bot = await cleared_user(fake_api, bot_factory, db_env)
    user.send("/exercise")  # the ladder has not opened the single-leg bridge yet
    assert "Single-leg bridges" not in (await user.next_message()).labels
    await pain_free_sessions(db_path, 300, 3)
    user.send("/exercise")
    await user.next_message()
    intro = await press(user, "Single-leg bridges")
    assert intro.animation is not None
    await press(user, "Next")
    ask = await press(user, "This hurts")
    assert "0 (none) to 10" in ask.text and "New symptom (leg pain, numbness…)" in ask.labels
    user.press("3")  # one above the screening's 2: no stop
    light, offer = await user.next_changes(2)  # the pain question becomes its answer
    assert light.message_id == ask.message_id and not light.labels
    assert "that's fine (our rule: 0–3)" in light.text
    assert "carry on where you were" in offer.text and "easier Two-legged bridge" in offer.text
    assert offer.labels == [
        "Continue ▶",
        "Try: Two-legged bridge",
        "Skip this exercise",
        "Finish for today",
    ]
    easier = await press(user, "Try: Two-legged bridge")
    assert easier.animation is not None and "Two-legged bridge" in easier.text

    user.send("/workout")
    _level, _intro = await user.next_messages(2)
    await press(user, "Next")
    await press(user, "This hurts")
    user.send("7")  # typed, like the number buttons
    light, stop, ladder = await user.next_messages(3)
    assert "too much (our rule: stop at 6 or more)" in light.text
    assert "stop and seek medical advice" in stop.text and "/screen" in stop.text
    assert stop.labels == ["Redo safety check"]  # the stop holds: the button that lifts it
    assert "back to the two-legged bridge" in ladder.text
    assert query(db_path, "SELECT pain, context, exercise_id FROM pain_checkins ORDER BY id") == [
        (3, "hurts", "single_leg_bridge"),
        (7, "hurts", "hip_raise"),
    ]
    assert query(db_path, "SELECT count(*) FROM dialogs WHERE user_id = 300") == [(0,)]
    (outcome,) = query(
        db_path,
        "SELECT completed, max_pain FROM workout_sessions"
        " WHERE kind = 'workout' AND session_id NOT LIKE 'earlier%'",
    )
    assert outcome == (0, 7)
    assert await stale_press(user, stop, ask.data_for("3")) == EXPIRED


async def test_a_flagged_user_is_refused(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    user, _bot = await cleared_user(fake_api, bot_factory, db_env, flag="radiating")
    for command in ("/workout", "/exercise"):
        user.send(command)
        refusal = await user.next_message()
        assert "see a doctor" in refusal.text and "/screen" in refusal.text
        assert refusal.animation is None and refusal.labels == ["Redo safety check"]
    user.press_data(user.last, "v1:wx:hip_raise")  # a forged menu button
    assert "see a doctor" in (await user.next_message()).text
    assert query(db_path, "SELECT count(*) FROM dialogs WHERE user_id = 300") == [(0,)]


async def test_a_refused_file_id_is_followed_by_a_fresh_upload(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    """Telegram refuses a stored file id (a new bot token, a new server): the picture is
    uploaded again and its new id kept, instead of every picture failing from then on."""
    user, bot = await cleared_user(fake_api, bot_factory, db_env)
    user.send("/exercise")
    await user.next_message()
    first = await press(user, "Hip raises")
    assert first.animation is not None and first.animation.uploaded
    await through_steps(user, 3)
    right = await press(user, "Done")  # the right side's animation takes the left one's place
    assert right.animation is not None and right.animation.uploaded
    remembered = "SELECT file_id FROM picture_files"
    assert await fake_api.wait_until(lambda: len(query(db_path, remembered)) == 2 or None)
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE picture_files SET file_id = 'CgACAgIAAxk-gone'")
    user.send("/exercise")
    await user.next_message()
    again = await press(user, "Hip raises")
    assert again.animation is not None and again.animation.uploaded
    await through_steps(user, 3)
    right_again = await press(user, "Done")
    assert right_again.animation is not None and right_again.animation.uploaded
    for method in ("sendAnimation", "editMessageMedia"):
        refused = fake_api.calls_of(method, ok=False)
        assert refused, f"{method}: the stale id was offered first"
        assert "wrong file identifier" in (refused[0].description or "")
    new_ids = {(again.animation.file_id,), (right_again.animation.file_id,)}
    assert await fake_api.wait_until(lambda: new_ids == set(query(db_path, remembered)) or None)
    assert "error handling update" not in bot.output


@pytest.mark.process
async def test_a_restart_mid_walkthrough_resumes_and_old_buttons_expire(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str]
) -> None:
    user, bot = await cleared_user(fake_api, bot_factory, db_env)
    user.send("/workout")
    _level, intro = await user.next_messages(2)
    step1 = await press(user, "Next")
    await press(user, "Next")
    bot.kill()
    await bot.wait_exit()
    restarted = bot_factory(extra_env=db_env)
    await restarted.start()

    assert "Step 3 of 3" in (await press(user, "Next")).text
    user.send_sticker()
    hint, again = await user.next_messages(2)
    assert "only read text" in hint.text and "Step 3 of 3" in again.text
    user.send("/workout")  # resumes instead of starting afresh
    assert "Step 3 of 3" in (await user.next_message()).text
    user.send("next please")
    hint = await user.next_message()
    assert "type “next”" in hint.text and "“stop”" in hint.text

    assert await stale_press(user, step1, step1.data_for("Next ▶")) == EXPIRED  # a stale step
    assert "Step 3 of 3" in (await user.next_message()).text
    assert await stale_press(user, intro, "v1:wo:forged:0:n") == EXPIRED
    assert "Step 3 of 3" in (await user.next_message()).text

    # A new walkthrough replaces this one: its buttons expire.
    current = user.last
    user.send("/exercise")
    await user.next_message()
    await press(user, "Clamshells")
    assert await stale_press(user, current, current.data_for("Next ▶")) == EXPIRED
    assert "Clamshells" in (await user.next_message()).text
