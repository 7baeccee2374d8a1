"""Understanding typed profile answers: work days, work hours, a time of day, an interval.

Every parser returns None for anything it does not understand, so the caller can re-ask with
an example instead of storing a guess.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time

from coach.profile import OFFERED_SIT_INTERVALS

_DAY_NAMES: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("mon", "monday", "mo", "montag"),
        ("tue", "tues", "tuesday", "tu", "di", "dienstag"),
        ("wed", "wednesday", "we", "mi", "mittwoch"),
        ("thu", "thur", "thurs", "thursday", "th", "do", "donnerstag"),
        ("fri", "friday", "fr", "freitag"),
        ("sat", "saturday", "sa", "samstag", "sonnabend"),
        ("sun", "sunday", "su", "so", "sonntag"),
    )
):
    for _name in _names:
        _DAY_NAMES[_name] = _index

_EVERY_DAY = {"every day", "everyday", "daily", "all", "jeden tag", "täglich", "taeglich", "alle"}
_WEEKDAYS = {"weekdays", "workdays", "werktags", "wochentags"}
_TIME = r"(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|uhr|h)?"
_MAX_INPUT = 100


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().strip()
    return re.sub(r"\s+", " ", text)


def parse_work_days(text: str) -> frozenset[int] | None:
    """'Mon-Fri', 'mo, di, do', 'every day', 'Montag bis Freitag' → weekday numbers (0 = Monday)."""
    if len(text) > _MAX_INPUT:
        return None
    cleaned = _normalise(text).rstrip(".!")
    if cleaned in _EVERY_DAY:
        return frozenset(range(7))
    if cleaned in _WEEKDAYS:
        return frozenset(range(5))
    cleaned = re.sub(r"\s*(?:–|—|-|bis|to|until)\s*", "-", cleaned)
    days: set[int] = set()
    for part in re.split(r"[,;/ ]+|\band\b|\bund\b", cleaned):
        part = part.strip(" .")
        if not part:
            continue
        if "-" in part:
            bounds = part.split("-")
            if len(bounds) != 2 or bounds[0] not in _DAY_NAMES or bounds[1] not in _DAY_NAMES:
                return None
            first, last = _DAY_NAMES[bounds[0]], _DAY_NAMES[bounds[1]]
            day = first
            days.add(day)
            while day != last:
                day = (day + 1) % 7
                days.add(day)
        elif part in _DAY_NAMES:
            days.add(_DAY_NAMES[part])
        else:
            return None
    return frozenset(days) or None


def parse_weekday(text: str) -> int | None:
    """'Sunday', 'so', 'Mittwoch' → one weekday number (0 = Monday); a range or list is None."""
    days = parse_work_days(text)
    return next(iter(days)) if days is not None and len(days) == 1 else None


def _to_time(hour_text: str, minute_text: str | None, suffix: str | None) -> time | None:
    hour, minute = int(hour_text), int(minute_text or 0)
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour == 24 and minute == 0:
        return None
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


def parse_time_of_day(text: str) -> time | None:
    """'7:45', '17.30', '5pm', '17 Uhr', '9h' → a time of day."""
    if len(text) > _MAX_INPUT:
        return None
    match = re.fullmatch(_TIME, _normalise(text).rstrip("."))
    return None if match is None else _to_time(*match.groups())


def _time_range(text: str) -> tuple[time, time] | None:
    """Two times of day joined by a dash or "to"/"bis", in the order typed."""
    if len(text) > _MAX_INPUT:
        return None
    cleaned = _normalise(text).rstrip(".")
    match = re.fullmatch(_TIME + r"\s*(?:–|—|-|to|until|bis)\s*" + _TIME, cleaned)
    if match is None:
        return None
    groups = match.groups()
    start = _to_time(groups[0], groups[1], groups[2] if groups[2] in ("am", "pm") else None)
    end = _to_time(*groups[3:])
    if start is None or end is None:
        return None
    return start, end


def parse_work_hours(text: str) -> tuple[time, time] | None:
    """'9-17', '08:30–16:45', '9am to 5pm', '9 bis 17 Uhr' → (start, end) with start < end."""
    hours = _time_range(text)
    return hours if hours is not None and hours[0] < hours[1] else None


def is_overnight_hours(text: str) -> bool:
    """'22:00-06:00': hours across midnight, which the reminder schedule cannot hold (a work
    window lies within one local day), so the answer is refused with that reason."""
    hours = _time_range(text)
    return hours is not None and hours[0] > hours[1]


def parse_interval(text: str) -> int | None:
    """'45', '45 min', '1 h', '90 Minuten' → one of the offered sitting intervals in minutes."""
    if len(text) > _MAX_INPUT:
        return None
    cleaned = _normalise(text)
    match = re.fullmatch(
        r"(\d{1,3}(?:[.,]5)?)\s*(min|mins|minutes|minuten|m|h|hour|hours|std|stunde|stunden)?",
        cleaned,
    )
    if match is None:
        return None
    number = float(match.group(1).replace(",", "."))
    unit = match.group(2) or "min"
    minutes = (
        round(number * 60)
        if unit in ("h", "hour", "hours", "std", "stunde", "stunden")
        else round(number)
    )
    return minutes if minutes in OFFERED_SIT_INTERVALS else None


_GOAL = re.compile(
    r"(\d{1,2})\s*(?:x|×|mal|days?|tage?n?|d)?"
    r"(?:\s*(?:a|per|pro|each|every|in der|die|im)?\s*(?:week|woche|wk))?"
)


def parse_goal_days(text: str) -> int | None:
    """'5', '5 days a week', '4x', '3 Tage pro Woche', 'every day' → goal days per week (1-7)."""
    if len(text) > _MAX_INPUT:
        return None
    cleaned = _normalise(text).rstrip(".!")
    if cleaned in _EVERY_DAY:
        return 7
    match = _GOAL.fullmatch(cleaned)
    if match is None:
        return None
    days = int(match.group(1))
    return days if 1 <= days <= 7 else None


_LANGUAGES = {
    "en": "en",
    "english": "en",
    "englisch": "en",
    "de": "de",
    "deutsch": "de",
    "german": "de",
}


def parse_language(text: str) -> str | None:
    """'English', 'Deutsch', 'de' → a language code."""
    if len(text) > _MAX_INPUT:
        return None
    return _LANGUAGES.get(_normalise(text).rstrip(".!"))
