"""A user's profile: who they are to the coach and when they work."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, time

from coach.vocabulary import FALLBACK

WEEKDAYS = (0, 1, 2, 3, 4, 5, 6)
DEFAULT_WORK_DAYS = frozenset({0, 1, 2, 3, 4})
DEFAULT_WORK_START = time(9, 0)
DEFAULT_WORK_END = time(17, 0)
DEFAULT_SIT_INTERVAL_MIN = 60
OFFERED_SIT_INTERVALS = (30, 45, 60, 90)
DEFAULT_SUMMARY_WEEKDAY = 6  # Sunday (Monday is 0)
DEFAULT_SUMMARY_TIME = time(18, 0)


def work_days_to_mask(days: frozenset[int]) -> int:
    return sum(1 << day for day in days if day in WEEKDAYS)


def mask_to_work_days(mask: int) -> frozenset[int]:
    return frozenset(day for day in WEEKDAYS if mask & (1 << day))


@dataclass(frozen=True)
class Profile:
    """Everything the coach knows about one user's setup."""

    user_id: int
    chat_id: int
    created_at: datetime
    language: str = FALLBACK
    timezone: str | None = None
    work_days: frozenset[int] = field(default=DEFAULT_WORK_DAYS)
    work_start: time = DEFAULT_WORK_START
    work_end: time = DEFAULT_WORK_END
    sit_interval_min: int = DEFAULT_SIT_INTERVAL_MIN
    exercise_time: time | None = None
    goal_days_per_week: int = 7
    active: bool = True
    onboarded_at: datetime | None = None
    summary_weekday: int = DEFAULT_SUMMARY_WEEKDAY
    """Local weekday (Monday 0) of the weekly summary picture."""
    summary_time: time = DEFAULT_SUMMARY_TIME
    summary_enabled: bool = True
    """False once the user turned the weekly summary off in /settings."""
    kept_best_days: int = 0
    kept_best_weeks: int = 0
    """The best streak (in days, or in weeks) reached under an earlier goal, kept when the
    goal changed: streaks are recomputed under the goal in force, and a new goal must not
    take away a record the user earned."""

    @property
    def onboarded(self) -> bool:
        return self.onboarded_at is not None

    def with_changes(self, **changes: object) -> Profile:
        return replace(self, **changes)  # type: ignore[arg-type]
