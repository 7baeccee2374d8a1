"""Replies to exercise messages and the safety re-offer, as a person meets them in the chat."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import query
from tests.e2e.people import FIRST_QUESTION
from tests.e2e.test_workout import EXPIRED, BotFactory, cleared_user, press, through_steps
from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e
REPLIES = "SELECT exercise_id, side, reps FROM rep_entries WHERE source = 'reply' ORDER BY id"


async def test_a_reply_to_a_walkthrough_message_logs_that_exercise_and_side(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    user, _bot = await cleared_user(fake_api, bot_factory, db_env)
    user.send("/exercise")
    await user.next_message()
    intro = await press(user, "Clamshells")
    left = await through_steps(user, 3)
    assert "left side" in left.text
    right = await press(user, "Done")
    # The picture, its steps and both sides are one message: it shows the right side now.
    assert intro.message_id == left.message_id == right.message_id
    await press(user, "Done")  # "how is your back now?"
    await press(user, "1")  # summary: the walkthrough is over

    user.send("12", reply_to=right)
    assert "Logged" in (await user.next_message()).text
    user.send("6 each side", reply_to=intro)
    await user.next_message()
    assert query(db_path, REPLIES) == [
        ("clamshell", "right", 12),
        ("clamshell", "left", 6),
        ("clamshell", "right", 6),
    ]
    user.send("9")  # no reply: the bot asks which exercise, it does not guess
    assert "Hip raises" in (await user.next_message()).labels
    assert len(query(db_path, REPLIES)) == 3


@pytest.mark.process
async def test_pain_two_points_above_the_screening_offers_it_again(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str]
) -> None:
    user, _bot = await cleared_user(fake_api, bot_factory, db_env)  # screened with pain 2
    user.send("/exercise")
    await user.next_message()
    await press(user, "Two-legged bridge")
    await press(user, "This hurts")
    user.press("3")  # one point above the baseline: no offer
    light, skip = await user.next_changes(2)  # the pain question becomes its light
    assert "Pain 3" in light.text
    assert skip.labels == ["Continue ▶", "Skip this exercise", "Finish for today"]
    final = await press(user, "Skip this exercise")  # nothing in between: no offer was sent
    assert "How is your back now" in final.text
    user.press("4")  # the after-session pain, two points above
    summary, offer = await user.next_changes(2)  # the question becomes the summary
    assert "Pain 4" in summary.text
    assert "last safety check (2)" in offer.text and offer.labels == ["Redo safety check"]

    user.mark_read()
    user.press_data(offer, "v1:safe:forged")
    assert (await user.next_callback_answer()).text == EXPIRED
    user.press("Redo safety check")
    _intro, question = await user.next_messages(2)
    assert FIRST_QUESTION in question.text and question.labels == ["Yes", "No"]


async def test_a_reply_about_new_symptoms_is_not_logged_and_offers_the_screening(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    user, _bot = await cleared_user(fake_api, bot_factory, db_env)
    user.send("10 bridges, but my left leg is numb")
    note = await user.next_message()
    assert "new symptom" in note.text and "seek medical advice" in note.text
    assert "haven't logged" in note.text and note.labels == ["Redo safety check"]

    user.send("Seit heute Probleme mit der Blase")
    urgent, follow = await user.next_messages(2)
    assert urgent.text == "Please seek urgent medical care today." and urgent.labels == []
    assert follow.labels == ["Redo safety check"]
    assert query(db_path, "SELECT count(*) FROM rep_entries") == [(0,)]

    user.send("10 bridges")  # the next message: a reminder of the urgent advice
    assert "urgent medical care" in (await user.next_message()).text
    user.send("10 bridges")  # on hold: not logged, and said so
    assert "I haven't logged these reps" in (await user.next_message()).text
    assert query(db_path, "SELECT count(*) FROM rep_entries") == [(0,)]
    user.press("Redo safety check")
    _intro, question = await user.next_messages(2)
    assert FIRST_QUESTION in question.text
