"""Understanding typed profile answers: work days, work hours, a time of day, an interval.

Every parser returns None for anything it does not understand, so the caller can re-ask with
an example instead of storing a guess. The shapes ("9-17", "Mon-Fri", "5 days a week") are
here; the words ("bis", "lundi", "alle") are data (coach/data/input/<lang>.toml), read in every
language with the user's `language` first (coach.vocabulary).
"""

from __future__ import annotations

from datetime import time
from typing import Final

from coach import languages, vocabulary
from coach.profile import OFFERED_SIT_INTERVALS
from coach.vocabulary import MARK, Word

_MAX_INPUT: Final = 100
_DASHES: Final = ("-", "–", "—")
_EVERY_DAY: Final = frozenset(range(7))
_WORKING_DAYS: Final = frozenset(range(5))


def _is(word: Word, *marks: str) -> bool:
    return word.kind == MARK and word.value in marks


def _without_full_stop(words: list[Word]) -> list[Word]:
    """ "17 Uhr." and "9-17." end with a full stop, which says nothing."""
    return words[:-1] if words and _is(words[-1], ".") else words


# ---- days ------------------------------------------------------------------------------------

_DAYS: Final = vocabulary.Lexicon(
    {
        "day": "day_names",
        "every_day": "days.every_day",
        "working_days": "days.working_days",
        "to": "words.to",
        "from": "words.from",
        "and": "words.and",
    },
    marks="-–—,;/",
)


def _day(word: Word) -> int | None:
    return vocabulary.DAYS.index(str(word.value)) if word.kind == "day" else None


def _days(words: list[Word]) -> frozenset[int] | None:
    """ "Mon-Fri", "mo, di, do", "du lundi au vendredi", "sat and sun", "every day"."""
    if len(words) == 1 and words[0].kind == "every_day":
        return _EVERY_DAY
    if len(words) == 1 and words[0].kind == "working_days":
        return _WORKING_DAYS
    days: set[int] = set()
    i = 1 if words and words[0].kind == "from" else 0
    while i < len(words):
        word = words[i]
        if word.kind == "and" or _is(word, ",", ";", "/"):
            i += 1
            continue
        first = _day(word)
        if first is None:
            return None
        joined = i + 1 < len(words) and (words[i + 1].kind == "to" or _is(words[i + 1], *_DASHES))
        if not joined:
            days.add(first)
            i += 1
            continue
        last = _day(words[i + 2]) if i + 2 < len(words) else None
        if last is None:
            return None  # "mon-"
        day = first
        days.add(day)
        while day != last:
            day = (day + 1) % 7
            days.add(day)
        i += 3
    return frozenset(days) or None


def parse_work_days(text: str, language: str | None = None) -> frozenset[int] | None:
    """'Mon-Fri', 'mo, di, do', 'every day', 'Montag bis Freitag' → weekday numbers (0 = Monday)."""
    if len(text) > _MAX_INPUT:
        return None
    for words in _DAYS.readings(text, language):
        days = _days(words)
        if days is not None:
            return days
    return None


def parse_weekday(text: str, language: str | None = None) -> int | None:
    """'Sunday', 'so', 'Mittwoch' → one weekday number (0 = Monday); a range or list is None."""
    days = parse_work_days(text, language)
    return next(iter(days)) if days is not None and len(days) == 1 else None


# ---- times -----------------------------------------------------------------------------------

_TIME_OF_DAY: Final = vocabulary.Lexicon(
    {"at": "time.at", "hour": "time.hour", "am": "time.am", "pm": "time.pm"},
    marks=":.-–—",
)
_HOURS: Final = vocabulary.Lexicon(
    {
        "hour": "time.hour",
        "am": "time.am",
        "pm": "time.pm",
        "to": "words.to",
        "from": "words.from",
    },
    marks=":.-–—",
)


def _clock(hour: int, minute: int, suffix: str | None) -> time | None:
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


def _time_at(words: list[Word], i: int) -> tuple[time, int] | None:
    """A time of day at `i`: "7:45", "17.30", "5pm", "17 Uhr", "8h30"; and the index after."""
    if i >= len(words) or not words[i].digits or len(words[i].text) > 2:
        return None
    hour, minute, i = int(words[i].value), 0, i + 1
    separated = i + 1 < len(words) and (_is(words[i], ":", ".") or words[i].kind == "hour")
    if separated and words[i + 1].digits and len(words[i + 1].text) == 2:
        minute, i = int(words[i + 1].value), i + 2
    suffix = None
    if i < len(words) and words[i].kind in ("am", "pm", "hour"):
        suffix, i = words[i].kind, i + 1
    moment = _clock(hour, minute, suffix)
    return None if moment is None else (moment, i)


def parse_time_of_day(text: str, language: str | None = None) -> time | None:
    """'7:45', '17.30', '5pm', '17 Uhr', '9h', '8h30', 'alle 8' → a time of day."""
    if len(text) > _MAX_INPUT:
        return None
    for words in _TIME_OF_DAY.readings(text, language):
        words = _without_full_stop(words)
        start = 0
        while start < len(words) and words[start].kind == "at":
            start += 1
        found = _time_at(words, start)
        if found is not None and found[1] == len(words):
            return found[0]
    return None


def _time_range(text: str, language: str | None) -> tuple[time, time] | None:
    """Two times of day joined by a dash or "to"/"bis"/"à", in the order typed."""
    if len(text) > _MAX_INPUT:
        return None
    for words in _HOURS.readings(text, language):
        words = _without_full_stop(words)
        start = _time_at(words, 1 if words and words[0].kind == "from" else 0)
        if start is None or start[1] >= len(words):
            continue
        joiner = words[start[1]]
        if not (joiner.kind == "to" or _is(joiner, *_DASHES)):
            continue
        end = _time_at(words, start[1] + 1)
        if end is not None and end[1] == len(words):
            return start[0], end[0]
    return None


def parse_work_hours(text: str, language: str | None = None) -> tuple[time, time] | None:
    """'9-17', '08:30–16:45', '9am to 5pm', '9 bis 17 Uhr' → (start, end) with start < end."""
    hours = _time_range(text, language)
    return hours if hours is not None and hours[0] < hours[1] else None


def is_overnight_hours(text: str, language: str | None = None) -> bool:
    """'22:00-06:00': hours across midnight, which the reminder schedule cannot hold (a work
    window lies within one local day), so the answer is refused with that reason."""
    hours = _time_range(text, language)
    return hours is not None and hours[0] > hours[1]


# ---- interval and goal -----------------------------------------------------------------------

_INTERVAL: Final = vocabulary.Lexicon(
    {"minute": "units.minute", "hour": "units.hour"}, marks=",.-–—"
)


def _minutes(words: list[Word]) -> int | None:
    """ "45", "45 min", "1,5 Stunden", "1 h", "1h30"."""
    if not words or not words[0].digits or len(words[0].text) > 3:
        return None
    number, rest = float(words[0].value), words[1:]
    if len(rest) >= 2 and _is(rest[0], ",", ".") and rest[1].text == "5":
        number, rest = number + 0.5, rest[2:]
    unit = "minute"
    if rest and rest[0].kind in ("minute", "hour"):
        unit, rest = rest[0].kind, rest[1:]
    if unit == "hour" and len(rest) == 1 and rest[0].digits and len(rest[0].text) == 2:
        number, rest = number + int(rest[0].value) / 60, []  # "1h30"
    if rest:
        return None
    return round(number * 60) if unit == "hour" else round(number)


def parse_interval(text: str, language: str | None = None) -> int | None:
    """'45', '45 min', '1 h', '90 Minuten' → one of the offered sitting intervals in minutes."""
    if len(text) > _MAX_INPUT:
        return None
    for words in _INTERVAL.readings(text, language):
        minutes = _minutes(words)
        if minutes is not None:
            return minutes if minutes in OFFERED_SIT_INTERVALS else None
    return None


_GOAL: Final = vocabulary.Lexicon(
    {
        "every_day": "days.every_day",
        "times": "words.times",
        "day": "units.day",
        "per": "goal.per",
        "week": "units.week",
    },
    marks="×*-–—",
)


def _goal(words: list[Word]) -> int | None:
    """ "5", "5 days a week", "4x", "3 Tage pro Woche", "5 fois par semaine", "every day"."""
    if len(words) == 1 and words[0].kind == "every_day":
        return 7
    if not words or not words[0].digits or len(words[0].text) > 2:
        return None
    rest = [word.kind for word in words[1:]]
    if rest and rest[0] in ("times", "day"):
        rest = rest[1:]
    if rest in ([], ["week"], ["per", "week"]):
        days = int(words[0].value)
        return days if 1 <= days <= 7 else None
    return None


def parse_goal_days(text: str, language: str | None = None) -> int | None:
    """'5', '5 days a week', '4x', '3 Tage pro Woche', 'every day' → goal days per week (1-7)."""
    if len(text) > _MAX_INPUT:
        return None
    for words in _GOAL.readings(text, language):
        days = _goal(words)
        if days is not None:
            return days
    return None


def parse_language(text: str) -> str | None:
    """'English', 'Deutsch', 'français', 'it' → a language code."""
    if len(text) > _MAX_INPUT:
        return None
    return languages.named(text)


__all__ = [
    "is_overnight_hours",
    "parse_goal_days",
    "parse_interval",
    "parse_language",
    "parse_time_of_day",
    "parse_weekday",
    "parse_work_days",
    "parse_work_hours",
]
