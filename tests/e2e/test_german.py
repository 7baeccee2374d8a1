"""A German phone, end to end: onboarding, a whole /workout and /stats, all in German."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.texts import Catalogue, load_catalogue
from coach.catalogue import load_catalogue as load_exercises
from tests.e2e.people import onboard_in_german
from tests.support.fake_bot_api import FakeBotApi
from tests.support.models import BotMessage
from tests.support.user import FakeUser

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]
NOW = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
"""A Wednesday, noon in Berlin."""


@pytest.fixture(scope="module")
def texts() -> Catalogue:
    return load_catalogue()


def shown(text: str) -> str:
    """What the phone shows of a catalogue text: HTML tags gone, no-break spaces as spaces."""
    return re.sub(r"<[^>]+>", "", text).replace("\u202f", " ").replace("\xa0", " ")


async def press(user: FakeUser, label: str) -> BotMessage:
    user.press(label)
    return await user.next_change()  # the pressed message changed, or a new one came


@pytest.mark.process
async def test_a_german_client_onboards_works_out_and_sees_stats_in_german(
    fake_api: FakeBotApi,
    bot_factory: BotFactory,
    db_env: dict[str, str],
    tmp_path: Path,
    texts: Catalogue,
) -> None:
    def de(key: str, **args: object) -> str:
        return shown(texts.text("de", key, **args))

    exercises = load_exercises()
    clock = tmp_path / "clock.txt"
    clock.write_text(NOW.isoformat())
    bot = bot_factory(extra_env={**db_env, "TEST_CLOCK_FILE": str(clock)})
    await bot.start()
    user = fake_api.user(301, first_name="Lena", language_code="de")
    await onboard_in_german(user)

    user.send("/workout")
    level, intro = await user.next_messages(2)
    assert level.text == de("ladder-start-base", remaining=3)
    assert intro.animation is not None
    hip_raise = exercises.exercise("hip_raise")
    assert intro.text.startswith(f"{de(hip_raise.name_key)} (1/3)")
    assert de(hip_raise.start_key) in intro.text
    assert intro.labels == [
        de("workout-button-next"),
        de("workout-button-hurts"),
        de("workout-button-finish"),
    ]

    for index, exercise_id in enumerate(("hip_raise", "clamshell", "bridge")):
        exercise = exercises.exercise(exercise_id)
        if index:
            picture = await press(user, de("workout-button-done", reps=10))
            assert picture.animation is not None
            assert picture.text.startswith(f"{de(exercise.name_key)} ({index + 1}/3)")
        for n in range(1, exercise.steps + 1):
            step = await press(user, "Weiter")
            text = de(exercise.step_key(n))
            assert step.text == de("workout-step", n=n, steps=exercise.steps, text=text)
        reps = await press(user, "Weiter")
        sides = ("left", "right") if exercise.set_sides != (None,) else ("both",)
        assert reps.text.startswith(de(f"workout-reps-{sides[0]}", reps=10))
        assert de(exercise.cue_keys[0]) in reps.text
        assert reps.labels[0] == de("workout-button-done", reps=10)
        if len(sides) == 2:
            other = await press(user, de("workout-button-done", reps=10))
            assert other.text.startswith(de("workout-reps-right", reps=10))

    final = await press(user, de("workout-button-done", reps=10))
    assert final.text == de("workout-ask-final-pain")
    summary, ladder = await press(user, "2"), await user.next_message()
    lines = summary.text.splitlines()
    assert lines[0] == de("workout-summary")
    assert f"• {de(hip_raise.name_key)}: 10 links, 10 rechts" in lines
    assert de("workout-summary-total", reps=50) in lines
    assert de("workout-light-green", pain=2) in lines
    assert ladder.text == de("ladder-need_n_more_pain_free", remaining=2)

    user.send("/stats")
    stats = await user.next_message(timeout=30)
    assert stats.photo is not None and stats.photo.data is not None
    assert stats.photo.data.startswith(b"\x89PNG\r\n\x1a\n")
    caption = stats.text.splitlines()
    assert caption[:3] == [
        de("progress-stats-caption"),
        de("progress-stats-streak", period="day", current=1),
        de("progress-stats-best", period="day", best=1),
    ]
    assert caption[3].startswith("💪 Gewohnheitsstärke: ")
    assert caption[4] == de("progress-stats-strength-explained")
    assert "Gewohnheit" not in caption[4] and caption[4].startswith("Sie wächst")
