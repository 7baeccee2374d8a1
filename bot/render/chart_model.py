"""What the progress picture shows, decided from the numbers alone (no texts, no pixels).

A brand-new user's four weeks are mostly days before they joined: drawn as they are, the
picture would be an empty chart with two thin bars at the right edge. So the charts start at
the Monday of the user's first week, and a first week is drawn whole (Monday to Sunday, the
days still ahead left empty), which reads as "your week fills up from here". A history with
nothing in it at all gets a welcome picture instead of charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from coach.progress import week_of
from coach.services.progress import StatsView

WEEK = 7


@dataclass(frozen=True)
class PainTrend:
    first: float
    """The mean of the earliest shown week with check-ins."""
    last: float
    """The mean of the latest week with check-ins (the same week when there is one)."""
    weeks: int
    """Weeks with check-ins among those shown."""


@dataclass(frozen=True)
class ChartModel:
    empty: bool
    """Nothing logged, prompted or checked in: the welcome picture, not charts."""
    today: date
    first_week: bool
    """The user joined this week."""
    days: tuple[date, ...]
    """The days of the reps chart, oldest first; a first week runs on to its Sunday."""
    today_index: int
    reps: dict[str, tuple[int, ...]]
    """Exercise id → reps per shown day (0 for the days still ahead)."""
    weeks: tuple[date, ...]
    """Mondays of the weeks of the sit-break and pain charts; the last is this week."""
    breaks_taken: tuple[int, ...]
    breaks_prompted: tuple[int, ...]
    pain: tuple[float | None, ...]
    sessions_this_week: int
    sessions_goal: int
    """Sessions a week the goal asks for (7 for every day)."""
    pain_trend: PainTrend | None


def chart_model(stats: StatsView) -> ChartModel:
    today = stats.days[-1]
    start_week = week_of(stats.first_day)
    first = stats.days.index(min(max(stats.days[0], start_week), today))
    shown = list(stats.days[first:])
    while len(shown) < WEEK:  # a first week is drawn whole
        shown.append(shown[-1] + timedelta(days=1))
    ahead = (0,) * (len(shown) - (len(stats.days) - first))
    reps = {exercise: (*per_day[first:], *ahead) for exercise, per_day in stats.reps.items()}
    keep = [i for i, monday in enumerate(stats.weeks) if monday >= start_week] or [
        len(stats.weeks) - 1
    ]
    pain = tuple(stats.pain[i] for i in keep)
    known = [value for value in pain if value is not None]
    goal = stats.streak.goal
    return ChartModel(
        empty=not any(any(per_day) for per_day in stats.reps.values())
        and not any(stats.breaks_taken)
        and not any(stats.breaks_prompted)
        and not known,
        today=today,
        first_week=start_week == week_of(today),
        days=tuple(shown),
        today_index=shown.index(today),
        reps=reps,
        weeks=tuple(stats.weeks[i] for i in keep),
        breaks_taken=tuple(stats.breaks_taken[i] for i in keep),
        breaks_prompted=tuple(stats.breaks_prompted[i] for i in keep),
        pain=pain,
        sessions_this_week=stats.sessions_this_week,
        sessions_goal=goal.target if goal.period == "week" else WEEK,
        pain_trend=PainTrend(known[0], known[-1], len(known)) if known else None,
    )
