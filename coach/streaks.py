"""Streaks and habit strength, derived from the days a goal was met (PRODUCT.md §4).

Nothing here is stored: every number is recomputed from the met days and the frozen days, so
an `/undo`, a late entry or a changed goal can never leave a stale counter behind.

All inputs are dates in the user's local calendar; `local_day` turns a stored UTC instant into
one. The caller decides what "met" means for a day (one full session) and which days are
frozen (pause days and declared rest days).

Semantics chosen:

- A frozen day neither breaks nor extends a streak. A day that is both frozen and met counts as
  met: training on a rest day is never punished.
- Daily goal: the streak is the run of met days ending today or yesterday; today not met yet
  does not break it (the day is not over).
- N days a week: the streak counts consecutive ISO weeks (Monday to Sunday, local) that were
  met. A week with frozen days needs min(N, days in it that are not frozen) met days, so a
  holiday week asks for what was possible; a fully frozen week is skipped. The current week
  counts once met and never breaks the streak while unfinished.
- Days after `today` are ignored (clock skew or a bad entry cannot inflate a streak).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

_DAY = timedelta(days=1)
_WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Goal:
    """What counts as a met period: every day, or `target` days in each ISO week."""

    period: Literal["day", "week"]
    target: int

    def __post_init__(self) -> None:
        if self.period == "day" and self.target != 1:
            raise ValueError("a daily goal has a target of 1")
        if self.period == "week" and not 1 <= self.target <= 7:
            raise ValueError("a weekly goal needs 1..7 days")

    @classmethod
    def daily(cls) -> Goal:
        return cls("day", 1)

    @classmethod
    def days_per_week(cls, n: int) -> Goal:
        """N days a week; the streak then counts weeks, not days."""
        return cls("week", n)

    @classmethod
    def from_days_per_week(cls, n: int) -> Goal:
        """The goal for a profile's "days per week" setting: 7 means every day."""
        return cls.daily() if n == 7 else cls.days_per_week(n)

    @property
    def frequency(self) -> float:
        """Met days per day the goal asks for (Loop Habit Tracker's f)."""
        return 1.0 if self.period == "day" else self.target / 7


def local_day(instant_utc: datetime, tz: str) -> date:
    """The user's calendar date at an instant; where an entry or a met day belongs."""
    if instant_utc.tzinfo is None or instant_utc.utcoffset() is None:
        raise ValueError("local_day needs an aware datetime")
    return instant_utc.astimezone(ZoneInfo(tz)).date()


def current_streak(
    goal: Goal,
    met_days: Iterable[date],
    frozen: Iterable[date],
    today: date,
    *,
    since: date | None = None,
) -> int:
    """Consecutive met periods up to now (daily: days; N per week: weeks).

    `since` is the first day of use: the days of that week before it count as frozen, so
    starting on a Thursday does not make the first week a miss.
    """
    met = {d for d in met_days if d <= today}
    pause = _with_days_before(set(frozen), since)
    if not met:
        return 0
    if goal.period == "day":
        return _current_daily(met, pause, today)
    return _current_weekly(goal.target, met, pause, today)


def best_streak(
    goal: Goal,
    met_days: Iterable[date],
    frozen: Iterable[date],
    today: date,
    *,
    since: date | None = None,
) -> int:
    """The longest streak ever, by the same rules as `current_streak` (so never smaller)."""
    met = {d for d in met_days if d <= today}
    pause = _with_days_before(set(frozen), since)
    if not met:
        return 0
    best = run = 0
    if goal.period == "day":
        day = min(met)
        while day <= today:
            if day in met:
                run += 1
            elif day not in pause:
                run = 0
            best = max(best, run)
            day += _DAY
        return best
    week = _monday(min(met))
    this_week = _monday(today)
    while week <= this_week:
        status = _week_status(goal.target, week, met, pause)
        if status == "met":
            run += 1
        elif status == "missed" and week != this_week:
            run = 0
        best = max(best, run)
        week += _WEEK
    return best


def habit_strength(
    goal: Goal, met_days: Iterable[date], frozen: Iterable[date], start: date, today: date
) -> float:
    """Exponentially smoothed score in [0, 1], the way Loop Habit Tracker computes it.

    Per local day from `start` to `today`: s = s·m + v·(1 − m) with m = 0.5 ** (sqrt(f) / 13),
    starting from s = 0. Frozen days leave s unchanged, and so does today while it is not met
    (an unfinished day is not a miss). Met days before `start` are not counted.

    v for a daily goal is 1 on a met day, else 0. For N days a week, v is the share of the
    goal met in the 7 days ending that day: min(1, met / min(N, counted days)), where counted
    days are those since `start` that are not frozen, and a frozen day that was met counts as
    met. This is what Loop does for non-daily habits; a plain 1/0 per day would cap someone
    who meets a 3-days-a-week goal perfectly at about 43 %.
    """
    if start > today:
        return 0.0
    met = {d for d in met_days if start <= d <= today}
    pause = set(frozen)
    multiplier = 0.5 ** (math.sqrt(goal.frequency) / 13)
    score = 0.0
    day = start
    while day <= today:
        is_met = day in met
        if is_met or (day not in pause and day != today):
            if goal.period == "day":
                value = 1.0 if is_met else 0.0
            else:
                value = _window_value(goal.target, day, start, met, pause)
            score = score * multiplier + value * (1 - multiplier)
        day += _DAY
    return min(1.0, max(0.0, score))


# --- helpers --------------------------------------------------------------------------------


def _current_daily(met: set[date], pause: set[date], today: date) -> int:
    earliest = min(met)
    streak = 0
    day = today
    while day >= earliest:
        if day in met:
            streak += 1
        elif day != today and day not in pause:
            break
        day -= _DAY
    return streak


def _current_weekly(target: int, met: set[date], pause: set[date], today: date) -> int:
    earliest = _monday(min(met))
    this_week = _monday(today)
    streak = 0
    week = this_week
    while week >= earliest:
        status = _week_status(target, week, met, pause)
        if status == "met":
            streak += 1
        elif status == "missed" and week != this_week:
            break
        week -= _WEEK
    return streak


def _with_days_before(pause: set[date], since: date | None) -> set[date]:
    if since is None:
        return pause
    return pause | {_monday(since) + timedelta(days=i) for i in range(since.weekday())}


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week_status(
    target: int, monday: date, met: set[date], pause: set[date]
) -> Literal["met", "missed", "frozen"]:
    days = [monday + timedelta(days=i) for i in range(7)]
    met_count = sum(d in met for d in days)
    available = sum(d in met or d not in pause for d in days)
    needed = min(target, available)
    if needed == 0:
        return "frozen"
    return "met" if met_count >= needed else "missed"


def _window_value(target: int, day: date, start: date, met: set[date], pause: set[date]) -> float:
    first = max(start, day - timedelta(days=6))
    window = [first + timedelta(days=i) for i in range((day - first).days + 1)]
    met_count = sum(d in met for d in window)
    available = sum(d in met or d not in pause for d in window)
    needed = min(target, available)
    if needed == 0:
        return 0.0
    return min(1.0, met_count / needed)
