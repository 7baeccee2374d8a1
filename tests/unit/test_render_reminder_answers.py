"""What a reminder says once a button answered it: the time in the user's zone and language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from telegram import InlineKeyboardMarkup

from bot.render.reminders import render
from bot.texts import load_catalogue
from coach.services import reminders as rem

PRESSED = datetime(2026, 11, 25, 9, 2, tzinfo=UTC)
TEXTS = load_catalogue()


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize(
    ("view", "lang", "first_line", "buttons"),
    [
        (
            rem.BreakTaken(30, at=PRESSED, timezone="Europe/Berlin"),
            "en",
            "✅ Break taken at 10:02 AM",
            0,
        ),
        (
            rem.BreakTaken(30, at=PRESSED, timezone="Europe/Berlin"),
            "de",
            "✅ Pause gemacht um 10:02",
            0,
        ),
        (
            rem.BreakTaken(30, at=PRESSED, timezone="America/New_York"),
            "en",
            "✅ Break taken at 4:02 AM",
            0,
        ),
        (
            rem.BreakTaken(30, started=True, at=PRESSED, timezone="Asia/Tokyo"),
            "de",
            "✅ Pause begonnen um 18:02",
            0,
        ),
        (
            rem.Snoozed(PRESSED + timedelta(minutes=15), "Europe/Berlin"),
            "en",
            "⏰ Snoozed until 10:17 AM. I'll remind you again then.",
            0,
        ),
        (
            rem.Snoozed(PRESSED + timedelta(minutes=15), "Europe/Berlin"),
            "de",
            "⏰ Verschoben bis 10:17. Dann erinnere ich dich wieder.",
            0,
        ),
        (
            rem.Skipped(ask_why=False, at=PRESSED, timezone="UTC"),
            "en",
            "⏭ Skipped at 9:02 AM. I'll ask again later.",
            0,
        ),
        (
            rem.Skipped(ask_why=False, at=None, timezone="UTC"),
            "en",
            "⏭ Skipped. I'll ask again later.",
            0,
        ),
        (
            rem.Skipped(ask_why=True, at=PRESSED, timezone="Europe/Berlin"),
            "de",
            "⏭ Um 10:02 übersprungen.",
            4,
        ),
    ],
)
def test_the_answered_reminder_says_what_and_when(
    view: rem.View, lang: str, first_line: str, buttons: int
) -> None:
    (message,) = render([view], TEXTS, lang)
    assert plain(message.text).split("\n")[0] == first_line
    markup = message.markup
    rows = markup.inline_keyboard if isinstance(markup, InlineKeyboardMarkup) else ()
    assert sum(len(row) for row in rows) == buttons


def test_done_keeps_when_the_next_reminder_comes() -> None:
    (message,) = render([rem.BreakTaken(45, at=PRESSED, timezone="UTC")], TEXTS, "en")
    assert message.text.split("\n")[1] == (
        "Well done! Your sitting timer starts again: next reminder after 45 minutes of sitting."
    )
