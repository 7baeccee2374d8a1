"""Met days, streaks from stored entries across DST changes and pauses, summary times, CSV."""

from __future__ import annotations

import csv
import io
import math
from datetime import UTC, date, datetime, time, timedelta

import pytest

from coach.activity import BreakEvent, BreakKind, EntrySource, PainCheckIn, PainContext, RepEntry
from coach.catalogue import load_catalogue
from coach.export import export_csv
from coach.progress import Session, met_days, next_summary_at, streak_line
from coach.streaks import Goal, local_day

CATALOGUE = load_catalogue()
SESSIONS: tuple[Session, ...] = tuple(
    {ex.id: tuple(ex.sides) for ex in CATALOGUE.session(level)} for level in CATALOGUE.levels
)
DAY = date(2026, 11, 24)
HR, CS, SLB, BR = "hip_raise", "clamshell", "single_leg_bridge", "bridge"


def entry(exercise: str, side: str | None, day: date = DAY, reps: int = 10) -> RepEntry:
    at = datetime.combine(day, time(12), tzinfo=UTC)
    return RepEntry(1, exercise, side, reps, EntrySource.REPLY, day, at)


BOTH = ("left", "right")

MET: list[tuple[str, list[tuple[str, str | None]], bool]] = [
    ("nothing", [], False),
    ("base session", [(HR, "left"), (HR, "right"), (CS, "left"), (CS, "right"), (BR, None)], True),
    ("progressed session", [(HR, None), (CS, None), (SLB, "left"), (SLB, "right")], True),
    ("no side given covers both", [(HR, None), (CS, None), (BR, None)], True),
    ("one side missing", [(HR, "left"), (CS, None), (BR, None)], False),
    ("an exercise missing", [(HR, None), (CS, None)], False),
    ("single-leg bridge one side only", [(HR, None), (CS, None), (SLB, "left")], False),
    ("mixed levels still need a whole one", [(HR, None), (SLB, "right")], False),
]


@pytest.mark.parametrize(("done", "met"), [row[1:] for row in MET], ids=[row[0] for row in MET])
def test_a_day_is_met_by_one_full_session(done: list[tuple[str, str | None]], met: bool) -> None:
    entries = [entry(exercise, side) for exercise, side in done]
    assert (DAY in met_days(entries, SESSIONS)) is met


def sessions_at(instants: list[datetime], tz: str) -> list[RepEntry]:
    """A full base session logged at each UTC instant, dated in the user's calendar."""
    out = []
    for at in instants:
        day = local_day(at, tz)
        for exercise, side in ((HR, None), (CS, None), (BR, None)):
            out.append(RepEntry(1, exercise, side, 10, EntrySource.REPLY, day, at))
    return out


def z(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


STREAKS: list[tuple[str, str, list[datetime], set[date], datetime, int, int]] = [
    # id, zone, sessions (UTC), frozen local days, now (UTC), current, best
    (
        # 00:30 CEST and 23:30 CET on 27 October: one local day, two UTC days.
        "autumn DST: two UTC days, one local day",
        "Europe/Berlin",
        [z(2024, 10, 26, 22, 30), z(2024, 10, 27, 22, 30)],
        set(),
        z(2024, 10, 27, 22, 45),
        1,
        1,
    ),
    (
        # 23:30 CET 30 March, 23:45 CEST 31 March, 00:15 CEST 1 April: three local days.
        "spring DST: three local days in two UTC days",
        "Europe/Berlin",
        [z(2024, 3, 30, 22, 30), z(2024, 3, 31, 21, 45), z(2024, 3, 31, 22, 15)],
        set(),
        z(2024, 3, 31, 22, 30),
        3,
        3,
    ),
    (
        "pause over the DST night freezes the streak",
        "Europe/Berlin",
        [z(2024, 10, 24, 10), z(2024, 10, 25, 10), z(2024, 10, 29, 10)],
        {date(2024, 10, 26), date(2024, 10, 27), date(2024, 10, 28)},
        z(2024, 10, 29, 12),
        3,
        3,
    ),
    (
        "the same days without the pause break it",
        "Europe/Berlin",
        [z(2024, 10, 24, 10), z(2024, 10, 25, 10), z(2024, 10, 29, 10)],
        set(),
        z(2024, 10, 29, 12),
        1,
        2,
    ),
    (
        "US spring forward, evening sessions",
        "America/New_York",
        [z(2024, 3, 9, 4, 30), z(2024, 3, 10, 4, 30), z(2024, 3, 11, 3, 30)],
        set(),
        z(2024, 3, 11, 4),
        3,
        3,
    ),
]


@pytest.mark.parametrize(
    ("tz", "instants", "frozen", "now", "current", "best"),
    [row[1:] for row in STREAKS],
    ids=[row[0] for row in STREAKS],
)
def test_streak_from_entries_in_the_local_calendar(
    tz: str,
    instants: list[datetime],
    frozen: set[date],
    now: datetime,
    current: int,
    best: int,
) -> None:
    entries = sessions_at(instants, tz)
    today = local_day(now, tz)
    since = min(e.local_date for e in entries)
    line = streak_line(Goal.daily(), entries, SESSIONS, frozen, today, since)
    assert (line.current, line.best) == (current, best)


# The score, by hand: m = 0.5 ** (sqrt(f) / 13); each counted day s = s*m + v*(1 - m).
M_DAILY = 0.5 ** (1 / 13)  # 0.948078
M_3_WEEK = 0.5 ** (math.sqrt(3 / 7) / 13)  # 0.965697


def test_the_multipliers_by_hand() -> None:
    assert abs(M_DAILY - 0.948078) < 1e-6
    assert abs(M_3_WEEK - 0.965697) < 1e-6


SCORES: list[tuple[str, Goal, list[int], int, float]] = [
    # id, goal, met day offsets, today offset, expected strength
    ("daily, day one met", Goal.daily(), [0], 0, 0.051922),
    ("daily, two met", Goal.daily(), [0, 1], 1, 0.051922 * 0.948078 + 0.051922),
    ("daily, met, missed, met", Goal.daily(), [0, 2], 2, 0.051922 * 0.948078**2 + 0.051922),
    ("3 a week, day one met", Goal.days_per_week(3), [0], 0, 0.034303),
]


@pytest.mark.parametrize(
    ("goal", "met", "today", "expected"),
    [row[1:] for row in SCORES],
    ids=[row[0] for row in SCORES],
)
def test_score_formula_by_hand(goal: Goal, met: list[int], today: int, expected: float) -> None:
    entries = [e for o in met for e in sessions_at([z(2026, 11, 23 + o, 10)], "UTC")]
    line = streak_line(
        goal, entries, SESSIONS, set(), date(2026, 11, 23 + today), date(2026, 11, 23)
    )
    assert line.strength == pytest.approx(expected, abs=2e-6)
    assert line.percent == round(expected * 100)


SUMMARY: list[tuple[str, str, datetime, datetime]] = [
    # id, zone, after (UTC), next Sunday 18:00 local (UTC)
    ("Saturday in winter", "Europe/Berlin", z(2026, 11, 28, 12), z(2026, 11, 29, 17)),
    ("just before", "Europe/Berlin", z(2026, 11, 29, 16, 59), z(2026, 11, 29, 17)),
    ("exactly then: next week", "Europe/Berlin", z(2026, 11, 29, 17), z(2026, 12, 6, 17)),
    ("Monday: six days on", "Europe/Berlin", z(2026, 11, 30, 8), z(2026, 12, 6, 17)),
    ("spring DST Sunday", "Europe/Berlin", z(2024, 3, 30, 12), z(2024, 3, 31, 16)),
    ("autumn DST Sunday", "Europe/Berlin", z(2024, 10, 26, 12), z(2024, 10, 27, 17)),
    ("west of UTC, next UTC day", "America/Los_Angeles", z(2026, 11, 29, 12), z(2026, 11, 30, 2)),
]


@pytest.mark.parametrize(
    ("tz", "after", "expected"), [row[1:] for row in SUMMARY], ids=[row[0] for row in SUMMARY]
)
def test_next_weekly_summary_is_sunday_18_local(
    tz: str, after: datetime, expected: datetime
) -> None:
    assert next_summary_at(6, time(18, 0), tz, after) == expected


def test_a_summary_time_skipped_by_dst_still_comes() -> None:
    # 02:30 does not exist on 31 March 2024 in Berlin; the summary still comes that night.
    at = next_summary_at(6, time(2, 30), "Europe/Berlin", z(2024, 3, 30, 12))
    assert z(2024, 3, 31, 0) < at < z(2024, 3, 31, 2)


def test_export_parses_back_in_local_time() -> None:
    at = z(2026, 11, 24, 23, 15)  # 00:15 on the 25th in Berlin
    day = local_day(at, "Europe/Berlin")
    reps = [RepEntry(1, CS, "left", 12, EntrySource.REPLY, day, at)]
    before = at - timedelta(hours=1)
    breaks = [BreakEvent(1, BreakKind.TAKEN, local_day(before, "Europe/Berlin"), before)]
    pains = [PainCheckIn(1, 3, PainContext.AFTER_SESSION, day, at + timedelta(minutes=1))]
    rows = list(csv.DictReader(io.StringIO(export_csv("Europe/Berlin", reps, breaks, pains))))
    assert [(r["kind"], r["local_date"], r["local_time"]) for r in rows] == [
        ("break", "2026-11-24", "23:15"),
        ("reps", "2026-11-25", "00:15"),
        ("pain", "2026-11-25", "00:16"),
    ]
    assert (rows[1]["exercise"], rows[1]["side"], rows[1]["reps"], rows[1]["source"]) == (
        CS,
        "left",
        "12",
        "reply",
    )
    assert (rows[0]["event"], rows[2]["event"], rows[2]["pain"]) == ("taken", "after_session", "3")
