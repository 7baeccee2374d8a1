"""How long to pause, in the user's words: "5", "3 days", "a week", "until Monday", "bis Montag".

The answer is a number of local days with today counting as the first one, the same unit as
`coach.reminders.pause_days`: "until Monday" on a Friday is 3 (Friday, Saturday, Sunday), so
reminders start again on Monday. Every language is read, the user's first; case and
punctuation are ignored. The words are data (coach/data/input/<lang>.toml).
"""

from __future__ import annotations

from datetime import date
from typing import Final

from coach import vocabulary
from coach.vocabulary import NUMBER, Word

__all__ = ["MAX_TEXT", "parse_pause_days"]

MAX_TEXT: Final = 100
"""Longer text is not an answer to "how long?"."""

_WORDS: Final = vocabulary.Lexicon(
    {
        "day": "day_names",
        "tomorrow": "days.tomorrow",
        "until": "pause.until",
        "filler": "pause.filler",
        "one": "numbers.one",
        "days": "units.day",
        "weeks": "units.week",
    }
)


def parse_pause_days(
    text: str, today: date, max_days: int, language: str | None = None
) -> int | None:
    """Days to pause, 1..max_days (today is day 1); None when the text says no length."""
    if len(text) > MAX_TEXT:
        return None
    for words in _WORDS.readings(text, language):
        days = _read([word for word in words if word.kind != "filler"], today)
        if days is not None:
            return days if 1 <= days <= max_days else None
    return None


def _read(words: list[Word], today: date) -> int | None:
    if len(words) == 2 and words[0].kind == "until":
        words = words[1:]  # "until Monday", "bis Montag", "next Monday"
    if len(words) == 1:
        (word,) = words
        if word.kind == NUMBER and word.digits:
            return int(word.value)
        if word.kind == "tomorrow":
            return 1
        if word.kind == "day":
            ahead = (vocabulary.DAYS.index(str(word.value)) - today.weekday()) % 7
            return ahead or 7  # "until Monday" on a Monday: next Monday
        if word.kind == "weeks":
            return 7
        return None
    if len(words) == 2:
        count, unit = words
        if count.kind == "one":
            number = 1
        elif count.kind == NUMBER and count.digits:
            number = int(count.value)
        else:
            return None
        if number > 1000:
            return None
        if unit.kind == "days":
            return number
        if unit.kind == "weeks":
            return number * 7
    return None
