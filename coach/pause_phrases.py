"""How long to pause, in the user's words: "5", "3 days", "a week", "until Monday", "bis Montag".

The answer is a number of local days with today counting as the first one, the same unit as
`coach.reminders.pause_days`: "until Monday" on a Friday is 3 (Friday, Saturday, Sunday), so
reminders start again on Monday. English and German, case and punctuation ignored.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Final

__all__ = ["MAX_TEXT", "parse_pause_days"]

MAX_TEXT: Final = 100
"""Longer text is not an answer to "how long?"."""

_WEEKDAYS: Final[dict[str, int]] = {
    **dict.fromkeys(("monday", "mon", "montag", "mo"), 0),
    **dict.fromkeys(("tuesday", "tue", "tues", "dienstag", "di"), 1),
    **dict.fromkeys(("wednesday", "wed", "mittwoch", "mi"), 2),
    **dict.fromkeys(("thursday", "thu", "thurs", "donnerstag", "do"), 3),
    **dict.fromkeys(("friday", "fri", "freitag", "fr"), 4),
    **dict.fromkeys(("saturday", "sat", "samstag", "sonnabend", "sa"), 5),
    **dict.fromkeys(("sunday", "sun", "sonntag", "so"), 6),
}
_TOMORROW: Final = frozenset({"tomorrow", "morgen"})
_UNTIL: Final = frozenset({"until", "till", "til", "to", "bis", "next", "naechsten", "nächsten"})
_DAY_UNITS: Final = frozenset({"day", "days", "d", "tag", "tage", "tagen", "t"})
_WEEK_UNITS: Final = frozenset({"week", "weeks", "w", "wk", "wks", "woche", "wochen"})
_ONE: Final = frozenset({"a", "an", "one", "eine", "einen", "ein"})
_FILLER: Final = frozenset({"for", "fuer", "für", "pause", "please", "bitte", "lang", "long"})


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.findall(r"\d+|[^\W\d_]+", folded)


def parse_pause_days(text: str, today: date, max_days: int) -> int | None:
    """Days to pause, 1..max_days (today is day 1); None when the text says no length."""
    if len(text) > MAX_TEXT:
        return None
    words = [w for w in _words(text) if w not in _FILLER]
    days = _read(words, today)
    return days if days is not None and 1 <= days <= max_days else None


def _read(words: list[str], today: date) -> int | None:
    if words and words[0] in _UNTIL and len(words) == 2:
        words = words[1:]  # "until Monday", "bis Montag", "next Monday"
    if len(words) == 1:
        (word,) = words
        if word.isdigit():
            return int(word)
        if word in _TOMORROW:
            return 1
        if word in _WEEKDAYS:
            ahead = (_WEEKDAYS[word] - today.weekday()) % 7
            return ahead or 7  # "until Monday" on a Monday: next Monday
        if word in _WEEK_UNITS:
            return 7
        return None
    if len(words) == 2:
        count, unit = words
        number = 1 if count in _ONE else int(count) if count.isdigit() else None
        if number is None or number > 1000:
            return None
        if unit in _DAY_UNITS:
            return number
        if unit in _WEEK_UNITS:
            return number * 7
    return None
