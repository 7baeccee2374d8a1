"""The daily session reminder lists the session; "per side" only where an exercise has sides."""

from __future__ import annotations

import pytest

from bot import callbacks
from bot.render.reminders import START_WORKOUT, session_message
from bot.texts import load_catalogue as load_texts
from coach.catalogue import load_catalogue
from coach.reminder_state import SessionItem, SessionReminder


def items(level: str) -> tuple[SessionItem, ...]:
    return tuple(
        SessionItem(exercise.id, exercise.reps, bool(exercise.sides))
        for exercise in load_catalogue().session(level)
    )


@pytest.mark.parametrize(
    ("language", "level", "lines"),
    [
        (
            "en",
            "base",
            [
                "• Hip raises: 10 per side",
                "• Clamshells: 10 per side",
                "• Two-legged bridge: 10 reps",
            ],
        ),
        ("en", "progressed", ["• Single-leg bridges: 10 per side"]),
        ("de", "base", ["• Muschel: 10 pro Seite", "• Beidbeinige Brücke: 10 Wiederholungen"]),
    ],
)
def test_per_side_only_for_exercises_with_sides(
    language: str, level: str, lines: list[str]
) -> None:
    message = session_message(SessionReminder(1, 1, language, exercises=items(level)), load_texts())
    for line in lines:
        assert line in message.text.split("\n"), message.text
    sided = sum(1 for item in items(level) if item.sided)
    assert message.text.count("per side" if language == "en" else "pro Seite") == sided


def test_the_start_workout_button() -> None:
    message = session_message(SessionReminder(1, 1, "en", exercises=items("base")), load_texts())
    assert message.markup is not None
    (row,) = message.markup.inline_keyboard
    (button,) = row
    assert button.text == "Start workout"
    assert button.callback_data == callbacks.encode(START_WORKOUT)
