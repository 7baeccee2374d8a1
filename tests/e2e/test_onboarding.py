"""Onboarding and safety screening, driven by a person pressing buttons on the real bot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.texts import load_catalogue
from tests.e2e.conftest import query
from tests.support.fake_bot_api import FakeBotApi
from tests.support.screening import FLAGS, URGENT_FLAGS, flags_asked
from tests.support.user import FakeUser

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]

FIRST_QUESTION = "spread from your back down into a leg"
TEXTS = load_catalogue()


def question_text(flag: str) -> str:
    """The English question as the person sees it."""
    return TEXTS.text("en", f"screening-q-{flag}")


async def begin(fake_api: FakeBotApi, bot_factory: BotFactory, env: dict[str, str]) -> FakeUser:
    bot = bot_factory(extra_env=env)
    await bot.start()
    return await open_screening(fake_api.user(200))


async def open_screening(user: FakeUser) -> FakeUser:
    """/start and "Let's begin": the first screening question is on screen."""
    user.send("/start")
    await user.next_messages(2)
    user.press("Let's begin")
    intro, question = await user.next_messages(2)
    assert "safety questions" in intro.text
    assert FIRST_QUESTION in question.text and question.labels == ["Yes", "No"]
    return user


async def finish_profile(user: FakeUser) -> None:
    """Answer the profile questions that follow a cleared screening, and confirm."""
    user.send("Berlin")
    await user.next_messages(2)
    user.press("Mon–Fri")
    await user.next_message()
    user.send("9-17")
    await user.next_message()
    user.press("60 min")
    await user.next_message()
    user.send("12:00")
    await user.next_message()
    user.press("Looks good")
    await user.next_message()


async def answer_flags(user: FakeUser, *yes: str) -> None:
    """Answer the flag questions as they come, yes only to `yes`; stop after an urgent yes."""
    for flag in flags_asked(*yes):
        assert user.last.text == question_text(flag), (flag, user.last.text)
        user.press("Yes" if flag in yes else "No")
        if flag in yes and flag in URGENT_FLAGS:
            return
        await user.next_message()


async def test_clean_pass_to_summary_and_stored_profile(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    user = await begin(fake_api, bot_factory, db_env)
    await answer_flags(user)
    assert "0 (none) to 10" in user.last.text
    assert user.last.labels == [str(n) for n in range(11)]
    user.press("3")
    assert "How long" in (await user.next_message()).text
    user.press("> 3 months")
    outcome, ask_city = await user.next_messages(2)
    assert "exercises are open" in outcome.text
    assert "Which city" in ask_city.text
    assert ask_city.reply_keyboard == [["📍 Share my location"]]
    user.send("berlin")
    chosen, _days = await user.next_messages(2)
    assert "Europe/Berlin" in chosen.text
    user.press("Mon–Fri")
    assert "When do you usually work" in (await user.next_message()).text
    user.send("8:30-16:30")
    assert "After how long" in (await user.next_message()).text
    user.press("45 min")
    assert "daily exercise" in (await user.next_message()).text
    user.send("12:15")
    summary = await user.next_message()
    assert "Europe/Berlin" in summary.text and "45 min" in summary.text
    assert "8:30" in summary.text and "12:15" in summary.text
    user.press("Looks good")
    assert "exercises are unlocked" in (await user.next_message()).text

    (row,) = query(
        db_path,
        "SELECT timezone, work_days, work_start_min, work_end_min, sit_interval_min,"
        " exercise_time_min, onboarded_at IS NOT NULL FROM users WHERE id = 200",
    )
    assert row == ("Europe/Berlin", 0b11111, 510, 990, 45, 735, 1)
    (screening,) = query(db_path, "SELECT outcome, pain_now, duration FROM screenings")
    assert screening == ("cleared", 3, "gt_3m")


@pytest.mark.parametrize("flag", FLAGS)
async def test_each_flag_leads_to_its_outcome(
    flag: str,
    fake_api: FakeBotApi,
    bot_factory: BotFactory,
    db_env: dict[str, str],
    db_path: Path,
) -> None:
    user = await begin(fake_api, bot_factory, db_env)
    await answer_flags(user, flag)
    if flag in URGENT_FLAGS:
        urgent = await user.next_message()
        assert urgent.text == "Please seek urgent medical care today."
        assert urgent.labels == []
        expected = "urgent"
    else:
        user.press("4")
        await user.next_message()
        user.press("> 3 months")
        outcome, ask_city = await user.next_messages(2)
        assert "Please see a doctor before doing the exercises" in outcome.text
        assert "remind you to stand up and move" in outcome.text
        assert "Which city" in ask_city.text
        expected = "doctor"
    (row,) = query(db_path, "SELECT outcome FROM screenings WHERE user_id = 200")
    assert row == (expected,)


async def test_leg_symptoms_in_both_legs_need_urgent_care(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    user = await begin(fake_api, bot_factory, db_env)
    user.press("Yes")  # pain spreads into a leg
    for flag in ("numbness", "saddle", "weakness"):
        assert (await user.next_message()).text == question_text(flag)
        user.press("No")
    both = await user.next_message()
    assert both.text == "Are these leg symptoms in both legs?"
    assert both.labels == ["Yes", "No"]
    user.press("Yes")
    urgent = await user.next_message()
    assert urgent.text == "Please seek urgent medical care today."
    assert urgent.labels == []
    assert query(db_path, "SELECT outcome FROM screenings WHERE user_id = 200") == [("urgent",)]


async def test_night_pain_means_see_a_doctor_first(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    user = await begin(fake_api, bot_factory, db_env)
    asked: list[str] = []
    while "worse at night" not in user.last.text:
        asked.append(user.last.text)
        user.press("No")
        await user.next_message()
    assert question_text("both_legs") not in asked, "no leg symptoms: not asked"
    assert "pain between your shoulder blades" in user.last.text
    user.send("yes")
    assert (await user.next_message()).text == question_text("age_onset")
    user.press("No")
    await user.next_message()
    user.press("4")
    await user.next_message()
    user.press("> 3 months")
    outcome, ask_city = await user.next_messages(2)
    assert "Please see a doctor before doing the exercises" in outcome.text
    assert "Which city" in ask_city.text
    (row,) = query(db_path, "SELECT outcome FROM screenings WHERE user_id = 200")
    assert row == ("doctor",)


async def test_short_pain_gets_the_not_chronic_note(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str]
) -> None:
    user = await begin(fake_api, bot_factory, db_env)
    await answer_flags(user)
    user.send("2")
    await user.next_message()
    user.send("2 weeks")
    outcome, note, _ask_city = await user.next_messages(3)
    assert "exercises are open" in outcome.text
    assert "may not apply to you" in note.text


@pytest.mark.process
async def test_restart_mid_screening_resumes_at_the_same_question(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str]
) -> None:
    bot = bot_factory(extra_env=db_env)
    await bot.start()
    user = await open_screening(fake_api.user(200))
    user.press("No")
    await user.next_message()
    user.press("No")
    assert "saddle" in (await user.next_message()).text
    bot.kill()
    await bot.wait_exit()
    restarted = bot_factory(extra_env=db_env)
    await restarted.start()
    user.send("no")
    assert (await user.next_message()).text == question_text("weakness")


async def test_bad_input_at_a_button_step_repeats_the_question(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    user = await begin(fake_api, bot_factory, db_env)
    for send in (
        lambda: user.send("🙂"),
        lambda: user.send("x" * 5000),
        lambda: user.send("perhaps"),
    ):
        send()
        again = await user.next_message()
        assert again.text.startswith("Please tap Yes or No")
        assert FIRST_QUESTION in again.text
    user.send_sticker()
    hint, again = await user.next_messages(2)
    assert "only read text" in hint.text and FIRST_QUESTION in again.text
    user.send_photo()
    hint, again = await user.next_messages(2)
    assert FIRST_QUESTION in again.text
    await answer_flags(user)
    user.send("11")
    again = await user.next_message()
    assert "from 0 to 10" in again.text and "0 (none) to 10" in again.text
    user.send("-3")
    assert "from 0 to 10" in (await user.next_message()).text
    assert query(db_path, "SELECT count(*) FROM screenings") == [(0,)]


async def test_forged_and_stale_screening_buttons(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str]
) -> None:
    user = await begin(fake_api, bot_factory, db_env)
    first = user.last
    user.press("No")
    await user.next_message()
    user.mark_read()
    user.press_data(first, first.data_for("Yes"))  # the old question's button
    assert (await user.next_callback_answer()).text == "This button has expired."
    assert (await user.next_message()).text == question_text("numbness")
    user.press_data(user.last, "v1:scr:numbness:banana")
    assert (await user.next_callback_answer()).text == "This button has expired."


async def test_a_returning_user_is_offered_the_screening_again_after_four_weeks(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], tmp_path: Path
) -> None:
    clock = tmp_path / "clock.txt"
    clock.write_text("2026-11-02T08:00:00+00:00")
    user = await begin(fake_api, bot_factory, {**db_env, "TEST_CLOCK_FILE": str(clock)})
    await answer_flags(user)
    user.press("2")
    await user.next_message()
    user.press("> 3 months")
    await user.next_messages(2)
    await finish_profile(user)
    user.send("/start")
    back = await user.next_message()
    assert "Welcome back" in back.text and "safety check" not in back.text

    clock.write_text("2026-11-30T08:00:00+00:00")  # 28 days later
    user.send("/start")
    due = await user.next_message()
    assert "4 weeks ago" in due.text
    user.press("Redo the safety check")
    _intro, question = await user.next_messages(2)
    assert FIRST_QUESTION in question.text
