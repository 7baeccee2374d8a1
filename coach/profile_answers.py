"""Applying one answer (typed, or a button's token) to one profile value.

Onboarding and /settings ask for the same values, so both use this one set of rules: an
answer is either accepted (the changed profile) or rejected (why, so the caller re-asks with
an example). Nothing is ever stored by guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Final

from coach import languages, timezones, vocabulary
from coach.profile import OFFERED_SIT_INTERVALS, Profile
from coach.profile_input import (
    is_overnight_hours,
    parse_goal_days,
    parse_interval,
    parse_language,
    parse_time_of_day,
    parse_weekday,
    parse_work_days,
    parse_work_hours,
)

WORK_DAY_PRESETS: Final = {
    "mf": frozenset(range(5)),
    "ms": frozenset(range(6)),
    "all": frozenset(range(7)),
}
WORK_HOUR_PRESETS: Final = ("0800-1600", "0900-1700", "1000-1800")
EXERCISE_TIME_PRESETS: Final = ("0800", "1230", "1730")
NO_EXERCISE_TIME: Final = "none"
GOAL_PRESETS: Final = (7, 6, 5, 4, 3)
SUMMARY_TIME_PRESETS: Final = ("0800", "1200", "1800", "2000")


@dataclass(frozen=True)
class Accepted:
    profile: Profile
    place: str | None = None
    """For the time zone: the place the user chose, to confirm it by name."""


@dataclass(frozen=True)
class Rejected:
    notice: str  # "hint", "no_match", "choose" or "overnight" (work hours across midnight)
    candidates: tuple[timezones.City, ...] = ()


Answer = Accepted | Rejected


def parse_clock_token(token: str) -> time | None:
    """A button's 'HHMM' token as a time of day."""
    if len(token) != 4 or not token.isdigit():
        return None
    hour, minute = int(token[:2]), int(token[2:])
    return time(hour, minute) if hour < 24 and minute < 60 else None


def hour_preset(token: str) -> tuple[time, time] | None:
    """A button's 'HHMM-HHMM' token as work hours."""
    start_text, _, end_text = token.partition("-")
    start, end = parse_clock_token(start_text), parse_clock_token(end_text)
    if start is None or end is None or start >= end:
        return None
    return start, end


def apply_answer(profile: Profile, field: str, raw: str, *, typed: bool) -> Answer:
    """`profile` with `raw` applied to `field`; a button token is only accepted if offered.

    Typed text is read in every language, the profile's first."""
    hint = Rejected("hint")
    language = profile.language
    if field == "timezone":
        return _apply_timezone(profile, raw, typed=typed)
    if field == "work_days":
        days = parse_work_days(raw, language) if typed else WORK_DAY_PRESETS.get(raw)
        return Accepted(profile.with_changes(work_days=days)) if days else hint
    if field == "work_hours":
        hours = parse_work_hours(raw, language) if typed else hour_preset(raw)
        if hours is None:
            overnight = typed and is_overnight_hours(raw, language)
            return Rejected("overnight") if overnight else hint
        return Accepted(profile.with_changes(work_start=hours[0], work_end=hours[1]))
    if field == "sit_interval":
        minutes = parse_interval(raw, language)
        if minutes is None or (not typed and minutes not in OFFERED_SIT_INTERVALS):
            return hint
        return Accepted(profile.with_changes(sit_interval_min=minutes))
    if field == "exercise_time":
        if raw == NO_EXERCISE_TIME and not typed:
            return Accepted(profile.with_changes(exercise_time=None))
        moment = parse_time_of_day(raw, language) if typed else parse_clock_token(raw)
        return hint if moment is None else Accepted(profile.with_changes(exercise_time=moment))
    if field == "goal":
        goal = parse_goal_days(raw, language)
        if goal is None or (not typed and goal not in GOAL_PRESETS):
            return hint
        return Accepted(profile.with_changes(goal_days_per_week=goal))
    if field == "summary":
        if (raw == SUMMARY_OFF and not typed) or (typed and _says_off(raw, language)):
            return Accepted(profile.with_changes(summary_enabled=False))
        day = parse_weekday(raw, language) if typed else _weekday_token(raw)
        if day is None:
            return hint
        return Accepted(profile.with_changes(summary_weekday=day, summary_enabled=True))
    if field == "summary_time":
        if not typed and raw not in SUMMARY_TIME_PRESETS:
            return hint
        moment = parse_time_of_day(raw, language) if typed else parse_clock_token(raw)
        return hint if moment is None else Accepted(profile.with_changes(summary_time=moment))
    if field == "language":
        chosen = parse_language(raw) if typed else raw
        if chosen not in languages.available():
            return hint
        return Accepted(profile.with_changes(language=chosen))
    raise ValueError(f"unknown profile field {field!r}")


SUMMARY_OFF = "off"
"""The button token that turns the weekly summary off."""

_OFF: Final = vocabulary.Lexicon({"off": "answers.off"})
"""Typed to turn the weekly summary off: "off", "aus", "jamais" (as the whole answer)."""


def _says_off(text: str, language: str) -> bool:
    return len(text) <= 100 and _OFF.whole(text, language) is not None


def _weekday_token(token: str) -> int | None:
    """A button's weekday token: '0' (Monday) to '6' (Sunday)."""
    return int(token) if len(token) == 1 and token in "0123456" else None


def _apply_timezone(profile: Profile, raw: str, *, typed: bool) -> Answer:
    if not typed:
        kind, _, value = raw.partition(":")
        zone = timezones.canonical_zone(value) if kind == "zone" else None
        if zone is not None:
            return Accepted(profile.with_changes(timezone=zone), zone)
        if kind == "city" and value.isdigit():
            city = timezones.city_by_id(int(value))
            if city is not None:
                return Accepted(profile.with_changes(timezone=city.zone), city.display)
        return Rejected("hint")
    match = timezones.resolve_city(raw[:100])
    if isinstance(match, timezones.Exact):
        return Accepted(profile.with_changes(timezone=match.zone), match.display)
    if isinstance(match, timezones.Ambiguous | timezones.Suggestions):
        return Rejected("choose", tuple(match.candidates))
    return Rejected("no_match")
