"""Progress rules: which days met the goal, the streak line, and when the weekly summary is due.

Everything is derived from stored entries and frozen days, never from counters (PRODUCT.md §4).

Semantics chosen:

- A day is met when that day's rep entries cover one full session: every exercise of a level
  in the catalogue (base or progressed), on every side the exercise has. An entry without a
  side ("12 clamshells") covers every side of its exercise: the user said they did the
  exercise and did not split it by side. Any level counts, so a user who stepped back from
  the single-leg bridge to the two-legged one is not punished for it.
- Frozen days are the user's pause days and declared rest days (table `frozen_days`).
- The weekly summary is due at the user's chosen local weekday and time; the next instant is
  computed in the user's zone, so it stays at 18:00 local across DST changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Protocol
from zoneinfo import ZoneInfo

from coach.streaks import Goal, best_streak, current_streak, habit_strength

SUMMARY_GRACE = timedelta(hours=6)
"""A weekly summary later than this (the bot was down) is skipped, not sent stale."""


class FrozenKind(StrEnum):
    PAUSE = "pause"
    """The user paused the coach (/pause); reminders and streak rest."""
    REST = "rest"
    """A declared rest day."""


@dataclass(frozen=True, slots=True)
class MessageExercise:
    """The exercise (and side) a bot message was about; a reply to it reports that exercise."""

    exercise_id: str
    side: str | None = None


@dataclass(frozen=True, slots=True)
class StreakLine:
    goal: Goal
    current: int
    best: int
    strength: float
    """0..1; shown as a whole percentage."""

    @property
    def percent(self) -> int:
        return round(self.strength * 100)


Session = Mapping[str, tuple[str, ...]]
"""Exercise id → the sides it has (empty: no sides), for one full session of a level."""


class Covered(Protocol):
    """All a met day needs of an entry: its day, exercise and side (a `RepEntry` is one)."""

    @property
    def local_date(self) -> date: ...

    @property
    def exercise_id(self) -> str: ...

    @property
    def side(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class DayMark:
    """One (day, exercise, side) with reps logged; storage returns each once, however many
    entries share it, so the streak reads days rather than every entry ever logged."""

    local_date: date
    exercise_id: str
    side: str | None


def met_days(entries: Iterable[Covered], sessions: Iterable[Session]) -> set[date]:
    """Local days whose entries cover at least one full session."""
    done: dict[date, dict[str, set[str | None]]] = defaultdict(lambda: defaultdict(set))
    for entry in entries:
        done[entry.local_date][entry.exercise_id].add(entry.side)
    options = list(sessions)
    return {
        day for day, by_exercise in done.items() if any(_covers(by_exercise, s) for s in options)
    }


def _covers(done: Mapping[str, set[str | None]], session: Session) -> bool:
    for exercise_id, sides in session.items():
        logged = done.get(exercise_id)
        if not logged:
            return False
        if None in logged or "both" in logged:
            continue
        if not set(sides) <= logged:
            return False
    return True


def streak_line(
    goal: Goal,
    entries: Iterable[Covered],
    sessions: Iterable[Session],
    frozen: Iterable[date],
    today: date,
    since: date,
) -> StreakLine:
    """Current and best streak and habit strength, from the entries alone."""
    met = met_days(entries, sessions)
    frozen_days = set(frozen)
    start = min([since, *met]) if met else since
    return StreakLine(
        goal=goal,
        current=current_streak(goal, met, frozen_days, today, since=since),
        best=best_streak(goal, met, frozen_days, today, since=since),
        strength=habit_strength(goal, met, frozen_days, start, today),
    )


def next_summary_at(weekday: int, at: time, tz: str, after: datetime) -> datetime:
    """The first instant strictly after `after` that is `weekday` at `at` in zone `tz` (UTC)."""
    if after.tzinfo is None:
        raise ValueError("next_summary_at needs an aware datetime")
    if not 0 <= weekday <= 6:
        raise ValueError("weekday is 0 (Monday) to 6 (Sunday)")
    zone = ZoneInfo(tz)
    local = after.astimezone(zone)
    day = local.date() + timedelta(days=(weekday - local.weekday()) % 7)
    for _ in range(3):
        candidate = datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
        if candidate > after:
            return candidate
        day += timedelta(days=7)
    raise AssertionError("unreachable: a week later is always after")  # pragma: no cover


def week_of(day: date) -> date:
    """The Monday of `day`'s ISO week."""
    return day - timedelta(days=day.weekday())
