"""How long someone has sat when a reminder goes out, and how the reminder says it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.render.reminders import sitting_duration
from bot.texts import load_catalogue
from coach.reminders import (
    SittingState,
    WorkSchedule,
    hours_and_minutes,
    sitting_minutes,
    sitting_started,
)

# Wednesday 25 November 2026; work 09:00-17:00 in Berlin (UTC+1), so 08:00-16:00 UTC.
SCHEDULE = WorkSchedule(timezone="Europe/Berlin", interval=timedelta(minutes=30))
OPENS = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    """``hours`` after today's work start."""
    return OPENS + timedelta(hours=hours)


@pytest.mark.parametrize(
    ("name", "state", "now", "minutes"),
    [
        ("work start, nothing reported", SittingState(), at(0.5), 30),
        ("hours of skips keep counting", SittingState(), at(3.25), 195),
        (
            "a break yesterday: work start wins",
            SittingState(sitting_since=at(-20)),
            at(1),
            60,
        ),
        ("Done 45 minutes ago", SittingState(sitting_since=at(2)), at(2.75), 45),
        (
            "a snooze does not end the sitting",
            SittingState(sitting_since=at(1), snoozed_until=at(1.75)),
            at(1.75),
            45,
        ),
        ("a meeting that ended", SittingState(paused_until=at(3)), at(3.5), 30),
        (
            "a break after the meeting",
            SittingState(sitting_since=at(3.25), paused_until=at(3)),
            at(4),
            45,
        ),
        ("a pause not over yet is ignored", SittingState(paused_until=at(9)), at(1), 60),
        (
            "/sit after work",
            SittingState(manual_sit_started_at=at(9)),
            at(9.5),
            30,
        ),
        ("never 0 minutes", SittingState(sitting_since=at(1)), at(1), 1),
        (
            "seconds are cut, not rounded up",
            SittingState(),
            at(0.5) + timedelta(seconds=59),
            30,
        ),
    ],
)
def test_sitting_minutes(
    name: str,
    state: SittingState,
    now: datetime,
    minutes: int,
) -> None:
    assert sitting_minutes(SCHEDULE, state, now) == minutes, name


def test_before_work_starts_and_with_nothing_known_it_is_now() -> None:
    early = OPENS - timedelta(hours=1)
    assert sitting_started(SCHEDULE, SittingState(), early) == early


@pytest.mark.parametrize(
    ("minutes", "parts"),
    [(0, (0, 0)), (1, (0, 1)), (45, (0, 45)), (60, (1, 0)), (75, (1, 15)), (120, (2, 0))],
)
def test_hours_and_minutes(minutes: int, parts: tuple[int, int]) -> None:
    assert hours_and_minutes(minutes) == parts


def test_a_negative_duration_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        hours_and_minutes(-1)


@pytest.mark.parametrize(
    ("lang", "minutes", "text"),
    [
        ("en", 1, "1 minute"),
        ("en", 45, "45 minutes"),
        ("en", 60, "1 hour"),
        ("en", 61, "1 hour 1 minute"),
        ("en", 75, "1 hour 15 minutes"),
        ("en", 120, "2 hours"),
        ("en", 135, "2 hours 15 minutes"),
        ("de", 1, "1 Minute"),
        ("de", 45, "45 Minuten"),
        ("de", 60, "1 Stunde"),
        ("de", 75, "1 Stunde und 15 Minuten"),
        ("de", 120, "2 Stunden"),
        ("de", 121, "2 Stunden und 1 Minute"),
    ],
)
def test_the_duration_in_words(lang: str, minutes: int, text: str) -> None:
    assert sitting_duration(minutes, load_catalogue(), lang) == text
