"""Streaks, freezes and habit strength, computed from met days in the local calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from coach.streaks import Goal, best_streak, current_streak, habit_strength, local_day

# 2024-06-03 is a Monday.
MON = date(2024, 6, 3)


def d(offset: int) -> date:
    """The day `offset` days after Monday 2024-06-03."""
    return MON + timedelta(days=offset)


def days(*offsets: int) -> set[date]:
    return {d(o) for o in offsets}


def span(first: int, last: int) -> set[date]:
    return {d(o) for o in range(first, last + 1)}


# --- daily goal -----------------------------------------------------------------------------

DAILY: list[tuple[str, set[date], set[date], int, int, int]] = [
    # id, met, frozen, today (offset), current, best
    ("nothing yet", set(), set(), 0, 0, 0),
    ("met today only", days(0), set(), 0, 1, 1),
    ("three days up to today", span(0, 2), set(), 2, 3, 3),
    ("today not met yet does not break", span(0, 2), set(), 3, 3, 3),
    ("yesterday missed breaks", span(0, 2), set(), 4, 0, 3),
    ("a gap breaks the run", days(0, 1, 2, 4, 5), set(), 5, 2, 3),
    ("pause in the middle freezes", days(0, 1, 4, 5), days(2, 3), 5, 4, 4),
    ("pause neither adds nor breaks", days(0, 1), days(2, 3, 4), 4, 2, 2),
    ("paused today and yesterday", days(0, 1), days(2, 3), 3, 2, 2),
    ("pause after a miss does not mend it", days(0, 1, 5), days(3, 4), 5, 1, 2),
    ("training on a rest day counts", span(0, 3), days(2), 3, 4, 4),
    ("best is an older run", span(0, 9) | span(12, 13), set(), 13, 2, 10),
    ("future days are ignored", days(0, 1, 5, 6), set(), 1, 2, 2),
]


@pytest.mark.parametrize(
    ("met", "frozen", "today", "current", "best"),
    [row[1:] for row in DAILY],
    ids=[row[0] for row in DAILY],
)
def test_daily_streak(
    met: set[date], frozen: set[date], today: int, current: int, best: int
) -> None:
    assert current_streak(Goal.daily(), met, frozen, d(today)) == current
    assert best_streak(Goal.daily(), met, frozen, d(today)) == best


# --- N days a week --------------------------------------------------------------------------

WEEKLY: list[tuple[str, int, set[date], set[date], int, int, int]] = [
    # id, N, met, frozen, today (offset), current, best
    ("one week met", 3, days(0, 2, 4), set(), 6, 1, 1),
    ("current week unfinished does not break", 3, days(0, 2, 4, 7), set(), 8, 1, 1),
    ("current week counts once met", 3, days(0, 2, 4, 7, 8, 9), set(), 9, 2, 2),
    ("a short week breaks", 3, days(0, 2, 4, 7, 9, 14), set(), 15, 0, 1),
    ("three weeks in a row", 2, days(0, 1, 7, 8, 14, 15), set(), 20, 3, 3),
    # Week 2 is a holiday except Monday (met): requirement min(3, 1) = 1.
    (
        "holiday week needs what was possible",
        3,
        days(0, 2, 4, 7, 14, 16, 18),
        span(8, 13),
        20,
        3,
        3,
    ),
    # Week 2 fully frozen: skipped, neither adds nor breaks.
    ("fully frozen week is skipped", 3, days(0, 2, 4, 14, 16, 18), span(7, 13), 20, 2, 2),
    ("old run is best", 1, days(0, 7, 14, 28), set(), 29, 1, 3),
    ("every day a week", 7, span(0, 6) | span(7, 12), set(), 13, 1, 1),
]


@pytest.mark.parametrize(
    ("target", "met", "frozen", "today", "current", "best"),
    [row[1:] for row in WEEKLY],
    ids=[row[0] for row in WEEKLY],
)
def test_weekly_streak(
    target: int, met: set[date], frozen: set[date], today: int, current: int, best: int
) -> None:
    goal = Goal.days_per_week(target)
    assert current_streak(goal, met, frozen, d(today)) == current
    assert best_streak(goal, met, frozen, d(today)) == best


def test_starting_mid_week_is_not_a_miss() -> None:
    # First use on Thursday with 5 days a week; Thursday to Sunday met, all that was possible.
    met = days(3, 4, 5, 6)
    goal = Goal.days_per_week(5)
    assert current_streak(goal, met, set(), d(7)) == 0
    assert current_streak(goal, met, set(), d(7), since=d(3)) == 1
    assert best_streak(goal, met, set(), d(7), since=d(3)) == 1
    assert current_streak(Goal.daily(), met, set(), d(6), since=d(3)) == 4


@pytest.mark.parametrize(
    ("setting", "goal"),
    [(7, Goal.daily()), (3, Goal.days_per_week(3)), (1, Goal.days_per_week(1))],
)
def test_goal_from_the_profile_setting(setting: int, goal: Goal) -> None:
    assert Goal.from_days_per_week(setting) == goal


@pytest.mark.parametrize("n", [0, 8, -1])
def test_weekly_goal_needs_one_to_seven_days(n: int) -> None:
    with pytest.raises(ValueError):
        Goal.days_per_week(n)


# --- habit strength -------------------------------------------------------------------------
# Expected numbers worked out by hand:
#   daily:      m = 0.5 ** (1/13)          = 0.948078,  1 - m = 0.051922
#   1 per week: m = 0.5 ** (sqrt(1/7)/13)  = 0.980049,  1 - m = 0.019951
#   3 per week: m = 0.5 ** (sqrt(3/7)/13)  = 0.965697,  1 - m = 0.034303
# n met days in a row from 0 give 1 - m**n; 13 daily met days give exactly 1 - 0.5.

HABIT: list[tuple[str, Goal, set[date], set[date], int, float]] = [
    # id, goal, met, frozen, today (offset), expected (start is always offset 0)
    ("nothing", Goal.daily(), set(), set(), 5, 0.0),
    ("one met day", Goal.daily(), days(0), set(), 0, 0.051922),
    ("unfinished today is not a miss", Goal.daily(), days(0), set(), 1, 0.051922),
    ("a past unmet day is a miss", Goal.daily(), days(0), set(), 2, 0.051922 * 0.948078),
    ("13 met days: one half-life", Goal.daily(), span(0, 12), set(), 12, 0.5),
    ("26 met days", Goal.daily(), span(0, 25), set(), 25, 0.75),
    ("13 met then one miss", Goal.daily(), span(0, 12), set(), 14, 0.5 * 0.948078),
    ("frozen days leave it unchanged", Goal.daily(), span(0, 12), span(13, 40), 41, 0.5),
    (
        "frozen between met days",
        Goal.daily(),
        span(0, 12) | span(20, 32),
        span(13, 19),
        32,
        0.75,
    ),
    ("met on a frozen day counts", Goal.daily(), span(0, 12), span(0, 12), 12, 0.5),
    ("1/week: met Monday", Goal.days_per_week(1), days(0), set(), 0, 0.019951),
    # Tuesday: the last 7 days already hold the one met day the goal asks for.
    ("1/week: goal met counts Tuesday", Goal.days_per_week(1), days(0), set(), 2, 0.039504),
    ("3/week: met Monday", Goal.days_per_week(3), days(0), set(), 0, 0.034303),
    # Tuesday unmet: 1 of the 2 days since start met, v = 1/2.
    (
        "3/week: half a share on Tuesday",
        Goal.days_per_week(3),
        days(0),
        set(),
        2,
        0.034303 * 0.965697 + 0.5 * 0.034303,
    ),
]


@pytest.mark.parametrize(
    ("goal", "met", "frozen", "today", "expected"),
    [row[1:] for row in HABIT],
    ids=[row[0] for row in HABIT],
)
def test_habit_strength_by_hand(
    goal: Goal, met: set[date], frozen: set[date], today: int, expected: float
) -> None:
    assert habit_strength(goal, met, frozen, d(0), d(today)) == pytest.approx(expected, abs=2e-6)


def test_a_few_misses_after_a_long_run_barely_move_it() -> None:
    met = span(0, 99)
    before = habit_strength(Goal.daily(), met, set(), d(0), d(99))
    after = habit_strength(Goal.daily(), met, set(), d(0), d(103))  # 100..102 missed
    # By hand: 1 - 0.5 ** (100/13) = 0.99517; three misses multiply by 0.5 ** (3/13) = 0.85211.
    assert before == pytest.approx(0.99517, abs=1e-5)
    assert after == pytest.approx(0.84806, abs=1e-5)
    assert current_streak(Goal.daily(), met, set(), d(103)) == 0  # the streak is gone, not this


def test_meeting_a_weekly_goal_exactly_builds_a_strong_habit() -> None:
    # Mon, Wed, Fri for a year on a 3-days-a-week goal.
    met = {d(7 * week + day) for week in range(52) for day in (0, 2, 4)}
    score = habit_strength(Goal.days_per_week(3), met, set(), d(0), d(7 * 52 - 1))
    assert score > 0.99


@pytest.mark.parametrize(
    ("goal", "met", "today"),
    [
        (Goal.daily(), span(0, 400), 400),
        (Goal.daily(), span(0, 400), 800),
        (Goal.days_per_week(7), span(0, 400), 400),
        (Goal.days_per_week(2), days(0), 900),
    ],
)
def test_habit_strength_stays_in_range(goal: Goal, met: set[date], today: int) -> None:
    assert 0.0 <= habit_strength(goal, met, set(), d(0), d(today)) <= 1.0


def test_habit_strength_ignores_days_outside_start_and_today() -> None:
    met = days(-5, -1, 0, 3)
    assert habit_strength(Goal.daily(), met, set(), d(0), d(0)) == pytest.approx(0.051922, abs=2e-6)
    assert habit_strength(Goal.daily(), met, set(), d(1), d(0)) == 0.0


# --- local calendar -------------------------------------------------------------------------

LOCAL_DAY: list[tuple[str, datetime, str, date]] = [
    # Berlin springs forward on 2024-03-31 (UTC+1 -> UTC+2).
    (
        "23:30 on the spring day",
        datetime(2024, 3, 31, 21, 30, tzinfo=UTC),
        "Europe/Berlin",
        date(2024, 3, 31),
    ),
    (
        "00:30 after the spring day",
        datetime(2024, 3, 31, 22, 30, tzinfo=UTC),
        "Europe/Berlin",
        date(2024, 4, 1),
    ),
    # Berlin falls back on 2024-10-27 (UTC+2 -> UTC+1).
    (
        "23:30 on the autumn day",
        datetime(2024, 10, 27, 22, 30, tzinfo=UTC),
        "Europe/Berlin",
        date(2024, 10, 27),
    ),
    (
        "00:30 on the autumn day",
        datetime(2024, 10, 26, 22, 30, tzinfo=UTC),
        "Europe/Berlin",
        date(2024, 10, 27),
    ),
    # New York springs forward on 2024-03-10 (UTC-5 -> UTC-4).
    (
        "23:30 on the US spring day",
        datetime(2024, 3, 11, 3, 30, tzinfo=UTC),
        "America/New_York",
        date(2024, 3, 10),
    ),
    # Sydney falls back on 2024-04-07 (UTC+11 -> UTC+10).
    (
        "23:30 on the Sydney autumn day",
        datetime(2024, 4, 7, 13, 30, tzinfo=UTC),
        "Australia/Sydney",
        date(2024, 4, 7),
    ),
    ("UTC itself", datetime(2024, 6, 3, 23, 59, tzinfo=UTC), "UTC", date(2024, 6, 3)),
]


@pytest.mark.parametrize(
    ("instant", "tz", "expected"),
    [row[1:] for row in LOCAL_DAY],
    ids=[row[0] for row in LOCAL_DAY],
)
def test_local_day(instant: datetime, tz: str, expected: date) -> None:
    assert local_day(instant, tz) == expected


def test_local_day_refuses_a_naive_datetime() -> None:
    naive = datetime(2024, 6, 3, 12, 0)  # noqa: DTZ001 - the point of the test
    with pytest.raises(ValueError):
        local_day(naive, "Europe/Berlin")
