"""Sample progress pictures for review: a new user, two days in, a busy month; each as /stats
and as the weekly summary, in every language the bot speaks.

`write_chart_samples(folder)` draws them with the bot's own code and catalogues, so a change
to the charts can be looked at as a user would see it before it ships.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from bot.render.progress_chart import chart_texts, render_png
from bot.texts import load_catalogue
from coach import languages
from coach.progress import StreakLine, week_of
from coach.services.progress import STATS_DAYS, STATS_WEEKS, StatsView
from coach.streaks import Goal

SUNDAY = date(2026, 12, 6)
"""The weekly summary's day (its default, Sunday 18:00)."""
THURSDAY = date(2026, 12, 3)
"""Any day someone might send /stats."""
EXERCISES = ("hip_raise", "clamshell", "bridge")


def _frame(today: date) -> tuple[tuple[date, ...], tuple[date, ...]]:
    days = tuple(today - timedelta(days=STATS_DAYS - 1 - i) for i in range(STATS_DAYS))
    weeks = tuple(week_of(today) - timedelta(weeks=STATS_WEEKS - 1 - i) for i in range(STATS_WEEKS))
    return days, weeks


def new_user(today: date, language: str) -> StatsView:
    """Joined today, nothing logged yet."""
    days, weeks = _frame(today)
    return StatsView(
        language=language,
        days=days,
        reps={},
        weeks=weeks,
        breaks_taken=(0,) * STATS_WEEKS,
        breaks_prompted=(0,) * STATS_WEEKS,
        pain=(None,) * STATS_WEEKS,
        streak=StreakLine(Goal.daily(), 0, 0, 0.0),
        sessions_this_week=0,
        first_day=today,
    )


def two_days(today: date, language: str) -> StatsView:
    """Joined yesterday: a full session yesterday, part of one today, one pain check-in."""
    days, weeks = _frame(today)
    reps = {
        "hip_raise": (0,) * (STATS_DAYS - 2) + (20, 16),
        "clamshell": (0,) * (STATS_DAYS - 2) + (24, 0),
        "bridge": (0,) * (STATS_DAYS - 2) + (10, 12),
    }
    return StatsView(
        language=language,
        days=days,
        reps=reps,
        weeks=weeks,
        breaks_taken=(0, 0, 0, 2),
        breaks_prompted=(0, 0, 0, 3),
        pain=(None, None, None, 4.0),
        streak=StreakLine(Goal.daily(), 1, 1, 0.05),
        sessions_this_week=1,
        first_day=today - timedelta(days=1),
    )


def busy_month(today: date, language: str) -> StatsView:
    """Four full weeks: most days trained, a rest day a week, breaks and pain every week."""
    days, weeks = _frame(today)
    reps = {
        exercise: tuple(0 if i % 7 == 3 else 12 + (i * (5 + n)) % 11 for i in range(STATS_DAYS))
        for n, exercise in enumerate(EXERCISES)
    }
    return StatsView(
        language=language,
        days=days,
        reps=reps,
        weeks=weeks,
        breaks_taken=(9, 12, 14, 15),
        breaks_prompted=(20, 19, 18, 18),
        pain=(5.5, 4.25, None, 2.5),
        streak=StreakLine(Goal.days_per_week(5), 4, 4, 0.82),
        sessions_this_week=5,
        first_day=today - timedelta(days=60),
    )


CASES: dict[str, Callable[[date, str], StatsView]] = {
    "new-user": new_user,
    "two-days": two_days,
    "busy-month": busy_month,
}


def write_chart_samples(folder: Path) -> list[Path]:
    """Draw every sample into `folder` (created if missing); returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    catalogue = load_catalogue()
    written = []
    for case, build in CASES.items():
        for kind, today in (("stats", THURSDAY), ("weekly", SUNDAY)):
            for language in languages.available():
                stats = build(today, language)
                texts = chart_texts(stats, catalogue, language)
                path = folder / f"{case}-{kind}-{language}.png"
                path.write_bytes(render_png(stats, texts))
                written.append(path)
    return written
