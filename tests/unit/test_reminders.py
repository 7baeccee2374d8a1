"""Sit-break reminder timing: work hours, DST days, snooze, pause, /sit, spread, skips."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.reminders import (
    SPREAD_RATE_PER_SECOND,
    SittingState,
    WorkSchedule,
    boundary_minute,
    first_boundary,
    fits_work_hours,
    is_too_late,
    local_date,
    next_due,
    pause_days,
    pause_for,
    pause_rest_of_day,
    should_ask_why,
    spread_offset,
    spread_window,
    work_window,
)

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
LORD_HOWE = "Australia/Lord_Howe"
KOLKATA = "Asia/Kolkata"
SUNDAY = frozenset({6})
MIN = timedelta(minutes=1)


def at(tz: str, stamp: str, fold: int = 0) -> datetime:
    """Local wall time "YYYY-MM-DD HH:MM" in ``tz`` as an aware UTC instant."""
    naive = datetime.fromisoformat(stamp)
    return naive.replace(tzinfo=ZoneInfo(tz), fold=fold).astimezone(UTC)


def utc(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp).replace(tzinfo=UTC)


def local(tz: str, instant: datetime | None) -> str | None:
    """Render an instant as local "YYYY-MM-DD HH:MM+HH:MM" for readable expectations."""
    if instant is None:
        return None
    return instant.astimezone(ZoneInfo(tz)).isoformat(sep=" ", timespec="minutes")


def series(schedule: WorkSchedule, now: datetime, count: int) -> list[str | None]:
    """Consecutive reminders when every one is sent on time and ignored."""
    out: list[str | None] = []
    last: datetime | None = None
    for _ in range(count):
        due = next_due(schedule, SittingState(), now, last_reminder_at=last)
        out.append(local(schedule.timezone, due))
        if due is None:
            break
        now = last = due
    return out


def sunday_shift(
    tz: str, start: str = "01:00", end: str = "05:00", minutes: int = 60
) -> WorkSchedule:
    return WorkSchedule(
        tz,
        work_days=SUNDAY,
        start=time.fromisoformat(start),
        end=time.fromisoformat(end),
        interval=timedelta(minutes=minutes),
    )


# --- validation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"timezone": "Mars/Olympus_Mons"}, "unknown time zone"),
        ({"timezone": ""}, "unknown time zone"),
        ({"timezone": "../etc/passwd"}, "unknown time zone"),
        ({"timezone": BERLIN, "start": time(17), "end": time(9)}, "overnight"),
        ({"timezone": BERLIN, "start": time(9), "end": time(9)}, "overnight"),
        ({"timezone": BERLIN, "interval": timedelta(seconds=59)}, "at least 1 minute"),
        ({"timezone": BERLIN, "interval": timedelta(0)}, "at least 1 minute"),
        ({"timezone": BERLIN, "work_days": frozenset({7})}, "weekday number"),
        ({"timezone": BERLIN, "work_days": frozenset({-1})}, "weekday number"),
        ({"timezone": BERLIN, "work_days": {0, 1}}, "frozenset"),
        ({"timezone": BERLIN, "start": time(9, tzinfo=UTC)}, "naive"),
        ({"timezone": BERLIN, "start": time(9, 0, 30)}, "whole minutes"),
    ],
)
def test_schedule_rejects_bad_settings(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        WorkSchedule(**kwargs)


def test_schedule_defaults() -> None:
    schedule = WorkSchedule(BERLIN)
    assert schedule.work_days == frozenset({0, 1, 2, 3, 4})
    assert (schedule.start, schedule.end) == (time(9), time(17))
    assert schedule.interval == timedelta(minutes=60)


def test_naive_datetimes_are_rejected() -> None:
    schedule = WorkSchedule(BERLIN)
    with pytest.raises(ValueError, match="aware"):
        next_due(schedule, SittingState(), datetime(2026, 3, 27, 9))  # noqa: DTZ001
    with pytest.raises(ValueError, match="aware"):
        next_due(
            schedule,
            SittingState(sitting_since=datetime(2026, 3, 27, 9)),  # noqa: DTZ001
            utc("2026-03-27 09:00"),
        )


# --- next_due: ordinary days ------------------------------------------------------------


DEFAULT_SCHEDULE = WorkSchedule(BERLIN)


@dataclass(frozen=True)
class Case:
    name: str
    now: str
    expected: str | None
    schedule: WorkSchedule = DEFAULT_SCHEDULE
    sitting_since: str | None = None
    snoozed_until: str | None = None
    paused_until: str | None = None
    manual: str | None = None
    last: str | None = None
    offset: timedelta = timedelta(0)


# Berlin: Fri 2026-03-27 (CET), DST starts Sun 2026-03-29, Mon 2026-03-30 is CEST.
BERLIN_CASES = [
    Case(
        "before work: first reminder one interval after the start",
        "2026-03-25 07:00",
        "2026-03-25 10:00+01:00",
    ),
    Case("at the window start", "2026-03-25 09:00", "2026-03-25 10:00+01:00"),
    Case(
        "a reported break restarts the timer",
        "2026-03-25 10:30",
        "2026-03-25 11:20+01:00",
        sitting_since="2026-03-25 10:20",
    ),
    Case(
        "a break before work does not move the start",
        "2026-03-25 08:00",
        "2026-03-25 10:00+01:00",
        sitting_since="2026-03-25 07:50",
    ),
    Case(
        "ignored reminder: the next one an interval later",
        "2026-03-25 10:00",
        "2026-03-25 11:00+01:00",
        last="2026-03-25 10:00",
    ),
    Case(
        "reminder sent late still spaces the next by an interval",
        "2026-03-25 10:02",
        "2026-03-25 11:02+01:00",
        last="2026-03-25 10:02",
    ),
    Case(
        "a due at the window end moves to the next work day",
        "2026-03-25 16:10",
        "2026-03-26 10:00+01:00",
        sitting_since="2026-03-25 16:00",
    ),
    Case(
        "Friday evening: skip the weekend, 10:00 stays 10:00 after DST",
        "2026-03-27 16:30",
        "2026-03-30 10:00+02:00",
        sitting_since="2026-03-27 16:10",
    ),
    Case("Saturday: nothing before Monday", "2026-03-28 12:00", "2026-03-30 10:00+02:00"),
    Case(
        "overdue (bot was down): continue by whole intervals",
        "2026-03-25 10:30",
        "2026-03-25 11:00+01:00",
        sitting_since="2026-03-25 08:00",
    ),
    Case("exactly due now: strictly after now", "2026-03-25 10:00", "2026-03-25 11:00+01:00"),
    Case(
        "snooze 15 min",
        "2026-03-25 10:00",
        "2026-03-25 10:15+01:00",
        last="2026-03-25 10:00",
        snoozed_until="2026-03-25 10:15",
    ),
    Case(
        "in a meeting (1 h)",
        "2026-03-25 10:00",
        "2026-03-25 11:00+01:00",
        last="2026-03-25 10:00",
        snoozed_until="2026-03-25 11:00",
    ),
    Case(
        "a break after snoozing wins over the snooze",
        "2026-03-25 10:05",
        "2026-03-25 11:05+01:00",
        last="2026-03-25 10:00",
        snoozed_until="2026-03-25 10:15",
        sitting_since="2026-03-25 10:05",
    ),
    Case(
        "a spent snooze falls back to interval spacing",
        "2026-03-25 10:15",
        "2026-03-25 11:15+01:00",
        last="2026-03-25 10:15",
        snoozed_until="2026-03-25 10:15",
    ),
    Case(
        "snooze past the end of the day: next work day",
        "2026-03-25 16:50",
        "2026-03-26 10:00+01:00",
        last="2026-03-25 16:50",
        snoozed_until="2026-03-25 17:05",
    ),
    Case(
        "snooze past Friday's end: Monday",
        "2026-03-27 16:50",
        "2026-03-30 10:00+02:00",
        last="2026-03-27 16:50",
        snoozed_until="2026-03-27 17:05",
    ),
    Case(
        "pause 1 h: sitting restarts at its end",
        "2026-03-25 10:30",
        "2026-03-25 12:30+01:00",
        paused_until="2026-03-25 11:30",
    ),
    Case(
        "pause that ended earlier today still counts as a break",
        "2026-03-25 12:00",
        "2026-03-25 12:30+01:00",
        paused_until="2026-03-25 11:30",
    ),
    Case(
        "pause for the rest of the day",
        "2026-03-25 14:00",
        "2026-03-26 10:00+01:00",
        paused_until="2026-03-26 00:00",
    ),
    Case(
        "pause ending before work",
        "2026-03-25 14:00",
        "2026-03-26 10:00+01:00",
        paused_until="2026-03-26 07:00",
    ),
    Case(
        "holiday pause over several days",
        "2026-03-23 10:00",
        "2026-03-30 10:00+02:00",
        paused_until="2026-03-28 00:00",
    ),
    Case(
        "pause ending late in the window leaves no room today",
        "2026-03-25 10:00",
        "2026-03-26 10:00+01:00",
        paused_until="2026-03-25 16:30",
    ),
    Case(
        "/sit on Saturday: one reminder an interval later",
        "2026-03-28 11:00",
        "2026-03-28 12:00+01:00",
        manual="2026-03-28 11:00",
    ),
    Case(
        "/sit reminder sent: the timer ends",
        "2026-03-28 12:00",
        "2026-03-30 10:00+02:00",
        manual="2026-03-28 11:00",
        last="2026-03-28 12:00",
    ),
    Case(
        "/sit reminder missed: dropped, not sent late",
        "2026-03-28 12:30",
        "2026-03-30 10:00+02:00",
        manual="2026-03-28 11:00",
    ),
    Case(
        "/sit due inside a pause is dropped",
        "2026-03-28 11:00",
        "2026-03-30 10:00+02:00",
        manual="2026-03-28 11:00",
        paused_until="2026-03-29 00:00",
    ),
    Case(
        "/sit before work comes before the work reminder",
        "2026-03-25 08:40",
        "2026-03-25 09:40+01:00",
        manual="2026-03-25 08:40",
    ),
    Case(
        "/sit in the evening",
        "2026-03-25 18:00",
        "2026-03-25 18:45+01:00",
        manual="2026-03-25 18:00",
        schedule=WorkSchedule(BERLIN, interval=timedelta(minutes=45)),
    ),
    Case(
        "spread offset shifts the work-start due",
        "2026-03-25 07:00",
        "2026-03-25 10:07+01:00",
        offset=timedelta(minutes=7),
    ),
    Case(
        "spread offset does not shift a later break",
        "2026-03-25 09:40",
        "2026-03-25 10:30+01:00",
        sitting_since="2026-03-25 09:30",
        offset=timedelta(minutes=7),
    ),
    Case(
        "spread offset does not shift a snooze",
        "2026-03-25 10:07",
        "2026-03-25 10:22+01:00",
        last="2026-03-25 10:07",
        snoozed_until="2026-03-25 10:22",
        offset=timedelta(minutes=7),
    ),
    Case(
        "30-minute interval",
        "2026-03-25 07:00",
        "2026-03-25 09:30+01:00",
        schedule=WorkSchedule(BERLIN, interval=timedelta(minutes=30)),
    ),
    Case(
        "90-minute interval",
        "2026-03-25 15:20",
        "2026-03-25 16:50+01:00",
        sitting_since="2026-03-25 15:20",
        schedule=WorkSchedule(BERLIN, interval=timedelta(minutes=90)),
    ),
    Case(
        "weekend worker",
        "2026-03-27 12:00",
        "2026-03-28 10:00+01:00",
        schedule=WorkSchedule(BERLIN, work_days=frozenset({5, 6})),
    ),
    Case(
        "no work days: nothing ever due",
        "2026-03-25 12:00",
        None,
        schedule=WorkSchedule(BERLIN, work_days=frozenset()),
    ),
    Case(
        "no work days but a /sit timer",
        "2026-03-25 12:00",
        "2026-03-25 13:00+01:00",
        manual="2026-03-25 12:00",
        schedule=WorkSchedule(BERLIN, work_days=frozenset()),
    ),
    Case(
        "window shorter than the interval: nothing ever due",
        "2026-03-25 12:00",
        None,
        schedule=WorkSchedule(BERLIN, start=time(9), end=time(9, 30)),
    ),
]


@pytest.mark.parametrize("case", BERLIN_CASES, ids=lambda c: c.name)
def test_next_due(case: Case) -> None:
    tz = case.schedule.timezone

    def opt(stamp: str | None) -> datetime | None:
        return None if stamp is None else at(tz, stamp)

    state = SittingState(
        sitting_since=opt(case.sitting_since),
        snoozed_until=opt(case.snoozed_until),
        paused_until=opt(case.paused_until),
        manual_sit_started_at=opt(case.manual),
    )
    due = next_due(
        case.schedule, state, at(tz, case.now), last_reminder_at=opt(case.last), offset=case.offset
    )
    assert local(tz, due) == case.expected
    if due is not None:
        assert due.tzinfo is UTC


def test_work_start_stays_local_across_dst() -> None:
    schedule = WorkSchedule(NEW_YORK, start=time(9), end=time(17))
    before = next_due(schedule, SittingState(), at(NEW_YORK, "2026-03-06 06:00"))
    after = next_due(schedule, SittingState(), at(NEW_YORK, "2026-03-09 06:00"))
    assert before == utc("2026-03-06 15:00")  # 10:00 EST
    assert after == utc("2026-03-09 14:00")  # 10:00 EDT
    autumn = next_due(schedule, SittingState(), at(NEW_YORK, "2026-11-02 06:00"))
    assert autumn == utc("2026-11-02 15:00")  # 10:00 EST again


# --- next_due: shifts that cross DST transitions -----------------------------------------


@pytest.mark.parametrize(
    ("name", "schedule", "now", "expected"),
    [
        (
            "Berlin spring forward: 02:00-03:00 does not exist",
            sunday_shift(BERLIN),
            at(BERLIN, "2026-03-29 00:30"),
            ["2026-03-29 03:00+02:00", "2026-03-29 04:00+02:00", "2026-04-05 02:00+02:00"],
        ),
        (
            "Berlin fall back: every reminder an hour of real sitting apart",
            sunday_shift(BERLIN),
            at(BERLIN, "2026-10-25 00:30"),
            [
                "2026-10-25 02:00+02:00",
                "2026-10-25 02:00+01:00",
                "2026-10-25 03:00+01:00",
                "2026-10-25 04:00+01:00",
                "2026-11-01 02:00+01:00",
            ],
        ),
        (
            "Berlin: work start inside the skipped hour opens at 03:00",
            sunday_shift(BERLIN, start="02:30", end="06:00"),
            at(BERLIN, "2026-03-29 00:30"),
            ["2026-03-29 04:00+02:00", "2026-03-29 05:00+02:00", "2026-04-05 03:30+02:00"],
        ),
        (
            "Berlin: work start inside the repeated hour opens at its second occurrence",
            sunday_shift(BERLIN, start="02:30", end="05:00"),
            at(BERLIN, "2026-10-25 00:30"),
            ["2026-10-25 03:30+01:00", "2026-10-25 04:30+01:00", "2026-11-01 03:30+01:00"],
        ),
        (
            "Berlin: work end inside the skipped hour closes at the jump",
            sunday_shift(BERLIN, start="00:30", end="02:30", minutes=30),
            at(BERLIN, "2026-03-28 23:00"),
            ["2026-03-29 01:00+01:00", "2026-03-29 01:30+01:00", "2026-04-05 01:00+02:00"],
        ),
        (
            "Berlin: work end inside the repeated hour closes at its first occurrence",
            sunday_shift(BERLIN, start="01:00", end="02:30", minutes=30),
            at(BERLIN, "2026-10-24 23:00"),
            [
                "2026-10-25 01:30+02:00",
                "2026-10-25 02:00+02:00",
                "2026-11-01 01:30+01:00",
            ],
        ),
        (
            "New York spring forward",
            sunday_shift(NEW_YORK),
            at(NEW_YORK, "2026-03-08 00:00"),
            ["2026-03-08 03:00-04:00", "2026-03-08 04:00-04:00", "2026-03-15 02:00-04:00"],
        ),
        (
            "New York fall back: start at 01:00 means the second 01:00, no extra reminder",
            sunday_shift(NEW_YORK),
            at(NEW_YORK, "2026-11-01 00:00"),
            [
                "2026-11-01 02:00-05:00",
                "2026-11-01 03:00-05:00",
                "2026-11-01 04:00-05:00",
                "2026-11-08 02:00-05:00",
            ],
        ),
        (
            "Lord Howe: clocks go back 30 min (02:00 -> 01:30)",
            sunday_shift(LORD_HOWE, start="01:00", end="03:00", minutes=30),
            at(LORD_HOWE, "2026-04-05 00:00"),
            [
                "2026-04-05 01:30+11:00",
                "2026-04-05 01:30+10:30",
                "2026-04-05 02:00+10:30",
                "2026-04-05 02:30+10:30",
                "2026-04-12 01:30+10:30",
            ],
        ),
        (
            "Lord Howe: clocks go forward 30 min (02:00 -> 02:30)",
            sunday_shift(LORD_HOWE, start="01:00", end="04:00", minutes=30),
            at(LORD_HOWE, "2026-10-04 00:00"),
            [
                "2026-10-04 01:30+10:30",
                "2026-10-04 02:30+11:00",
                "2026-10-04 03:00+11:00",
                "2026-10-04 03:30+11:00",
                "2026-10-11 01:30+11:00",
            ],
        ),
        (
            "Lord Howe: start inside the skipped half hour opens at 02:30",
            sunday_shift(LORD_HOWE, start="02:10", end="04:00", minutes=30),
            at(LORD_HOWE, "2026-10-04 00:00"),
            ["2026-10-04 03:00+11:00", "2026-10-04 03:30+11:00", "2026-10-11 02:40+11:00"],
        ),
        (
            "Kolkata: no DST, weekend skipped",
            WorkSchedule(KOLKATA, interval=timedelta(minutes=90)),
            at(KOLKATA, "2026-03-27 14:00"),
            ["2026-03-27 15:00+05:30", "2026-03-27 16:30+05:30", "2026-03-30 10:30+05:30"],
        ),
    ],
)
def test_dst_transition_days(
    name: str, schedule: WorkSchedule, now: datetime, expected: list[str]
) -> None:
    assert series(schedule, now, len(expected)) == expected


def test_dst_dates_are_the_real_ones() -> None:
    """The DST cases above rely on these transitions; fail loudly if tzdata moves them."""

    def offsets(tz: str, before: str, after: str) -> tuple[timedelta | None, timedelta | None]:
        zone = ZoneInfo(tz)
        return (
            utc(before).astimezone(zone).utcoffset(),
            utc(after).astimezone(zone).utcoffset(),
        )

    hours = timedelta(hours=1)
    assert offsets(BERLIN, "2026-03-29 00:59", "2026-03-29 01:00") == (hours, 2 * hours)
    assert offsets(BERLIN, "2026-10-25 00:59", "2026-10-25 01:00") == (2 * hours, hours)
    assert offsets(NEW_YORK, "2026-03-08 06:59", "2026-03-08 07:00") == (-5 * hours, -4 * hours)
    assert offsets(NEW_YORK, "2026-11-01 05:59", "2026-11-01 06:00") == (-4 * hours, -5 * hours)
    lh_winter, lh_summer = timedelta(hours=10, minutes=30), timedelta(hours=11)
    assert offsets(LORD_HOWE, "2026-04-04 14:59", "2026-04-04 15:00") == (lh_summer, lh_winter)
    assert offsets(LORD_HOWE, "2026-10-03 15:29", "2026-10-03 15:30") == (lh_winter, lh_summer)


def test_fall_back_hour_never_yields_two_reminders_within_an_interval() -> None:
    """Wall-clock times repeat in the fall-back hour; real sitting time must not."""
    for tz, day in [(BERLIN, "2026-10-25"), (NEW_YORK, "2026-11-01"), (LORD_HOWE, "2026-04-05")]:
        for minutes in (1, 7, 30, 45, 60, 90):
            schedule = sunday_shift(tz, start="00:00", end="06:00", minutes=minutes)
            now = at(tz, f"{day} 00:00") - MIN
            last: datetime | None = None
            sent: list[datetime] = []
            while True:
                due = next_due(schedule, SittingState(), now, last_reminder_at=last)
                assert due is not None
                if local_date(tz, due) != date.fromisoformat(day):
                    break
                sent.append(due)
                now = last = due
            gaps = {b - a for a, b in itertools.pairwise(sent)}
            assert gaps == {timedelta(minutes=minutes)}


def test_work_window_is_empty_when_both_ends_are_skipped() -> None:
    schedule = sunday_shift(BERLIN, start="02:10", end="02:50", minutes=1)
    assert work_window(schedule, date(2026, 3, 29)) == (
        utc("2026-03-29 01:00"),
        utc("2026-03-29 01:00"),
    )
    assert work_window(schedule, date(2026, 3, 30)) is None  # Monday is a day off here
    due = next_due(schedule, SittingState(), at(BERLIN, "2026-03-29 00:00"))
    assert local(BERLIN, due) == "2026-04-05 02:11+02:00"


# --- spread offset ------------------------------------------------------------------------


def test_spread_offset_is_stable_across_processes() -> None:
    # Pinned values: changing the hash would silently move every user's reminders.
    assert spread_offset(1, timedelta(minutes=60)) == timedelta(minutes=35, seconds=13)
    assert spread_offset(2, timedelta(minutes=5)) == timedelta(seconds=46)


@pytest.mark.parametrize(
    ("interval", "bound"),
    [
        (timedelta(minutes=1), timedelta(minutes=1)),
        (timedelta(minutes=5), timedelta(minutes=5)),
        (timedelta(minutes=30), timedelta(minutes=30)),
        (timedelta(minutes=90), timedelta(minutes=90)),
    ],
)
def test_spread_offset_bounds_and_spread(interval: timedelta, bound: timedelta) -> None:
    offsets = [spread_offset(user_id, interval) for user_id in range(-500, 1500)]
    assert all(timedelta(0) <= o < bound for o in offsets)
    assert offsets == [spread_offset(user_id, interval) for user_id in range(-500, 1500)]
    distinct = len(set(offsets))
    assert distinct >= min(int(bound.total_seconds()) // 2, 300)


def test_spread_offset_rejects_non_positive_interval() -> None:
    with pytest.raises(ValueError):
        spread_offset(1, timedelta(0))


# --- the load-following spread -----------------------------------------------------------


def first_due(schedule: WorkSchedule, user_id: int, sharing: int, now: datetime) -> datetime:
    """The day's first reminder as the service computes it: window from the crowd, then due."""
    offset = spread_offset(user_id, spread_window(schedule, sharing))
    due = next_due(schedule, SittingState(), now, offset=offset)
    assert due is not None
    return due


@dataclass(frozen=True)
class SpreadCase:
    name: str
    sharing: int
    interval_min: int
    hours: tuple[str, str]
    window: timedelta


SPREAD_CASES = [
    SpreadCase("one user: within a minute", 1, 30, ("09:00", "17:00"), MIN),
    SpreadCase("ten users: within a minute", 10, 30, ("09:00", "17:00"), MIN),
    SpreadCase("1,500 users: one minute at 25/s", 1500, 60, ("09:00", "17:00"), MIN),
    SpreadCase("1,501 users: two minutes", 1501, 60, ("09:00", "17:00"), 2 * MIN),
    SpreadCase(
        "100,000 users, 90-min interval: 67 minutes", 100_000, 90, ("09:00", "17:00"), 67 * MIN
    ),
    SpreadCase(
        "100,000 users, 60-min interval: the interval", 100_000, 60, ("09:00", "17:00"), 60 * MIN
    ),
    SpreadCase("hours shorter than the interval: narrowest", 100_000, 60, ("09:00", "09:40"), MIN),
    SpreadCase(
        "30,000 users, 9:00-10:30, 60 min: 20 minutes", 30_000, 60, ("09:00", "10:30"), 20 * MIN
    ),
    SpreadCase(
        "50,000 users, 9:00-10:30, 60 min: room of 30", 50_000, 60, ("09:00", "10:30"), 30 * MIN
    ),
    SpreadCase("no room at all: the narrowest window", 5, 60, ("09:00", "10:00"), MIN),
    SpreadCase("zero counted (not stored yet): as one", 0, 30, ("09:00", "17:00"), MIN),
]


@pytest.mark.parametrize("case", SPREAD_CASES, ids=lambda case: case.name)
def test_the_spread_window_follows_the_crowd(case: SpreadCase) -> None:
    start, end = (time.fromisoformat(value) for value in case.hours)
    interval = timedelta(minutes=case.interval_min)
    schedule = WorkSchedule(BERLIN, start=start, end=end, interval=interval)
    assert spread_window(schedule, case.sharing) == case.window


@dataclass(frozen=True)
class FirstCase:
    name: str
    tz: str
    now: str
    hours: tuple[str, str]
    interval_min: int
    expected: str  # local wall time of work start + interval


FIRST_CASES = [
    FirstCase(
        "UTC, 9-17, 30 min", "UTC", "2026-11-25 08:00", ("09:00", "17:00"), 30, "2026-11-25 09:30"
    ),
    FirstCase(
        "Berlin, 9-17, 60 min",
        BERLIN,
        "2026-11-25 07:00",
        ("09:00", "17:00"),
        60,
        "2026-11-25 10:00",
    ),
    FirstCase(
        "asked after work: next morning",
        BERLIN,
        "2026-11-25 17:30",
        ("09:00", "17:00"),
        45,
        "2026-11-26 09:45",
    ),
    FirstCase(
        "Friday evening: Monday",
        NEW_YORK,
        "2026-11-27 18:00",
        ("08:30", "16:30"),
        30,
        "2026-11-30 09:00",
    ),
    FirstCase(
        "spring forward, Berlin",
        BERLIN,
        "2026-03-27 18:00",
        ("09:00", "17:00"),
        30,
        "2026-03-30 09:30",
    ),
    FirstCase(
        "fall back, Berlin (Sunday work)",
        BERLIN,
        "2026-10-24 20:00",
        ("09:00", "17:00"),
        30,
        "2026-10-26 09:30",
    ),
    FirstCase(
        "spring-forward day, New York",
        NEW_YORK,
        "2026-03-08 00:00",
        ("01:00", "09:00"),
        60,
        "2026-03-09 02:00",
    ),
    FirstCase(
        "Lord Howe half-hour shift",
        LORD_HOWE,
        "2026-04-05 00:00",
        ("09:00", "17:00"),
        30,
        "2026-04-06 09:30",
    ),
    FirstCase(
        "Kolkata, no DST", KOLKATA, "2026-11-25 05:00", ("09:30", "18:00"), 90, "2026-11-25 11:00"
    ),
]


@pytest.mark.parametrize("case", FIRST_CASES, ids=lambda case: case.name)
@pytest.mark.parametrize("sharing", [1, 10])
def test_few_users_get_the_first_reminder_within_a_minute(case: FirstCase, sharing: int) -> None:
    start, end = (time.fromisoformat(value) for value in case.hours)
    schedule = WorkSchedule(
        case.tz, start=start, end=end, interval=timedelta(minutes=case.interval_min)
    )
    expected = at(case.tz, case.expected)
    now = at(case.tz, case.now)
    boundary = first_boundary(schedule, now)
    for user_id in range(1, 11):
        due = first_due(schedule, user_id, sharing, now)
        assert expected <= due < expected + MIN, (user_id, local(case.tz, due))
        # The boundary counted for this computation is the same UTC minute of the day.
        assert boundary is not None and boundary_minute(boundary) == boundary_minute(expected)


@pytest.mark.parametrize("tz", [BERLIN, NEW_YORK, LORD_HOWE])
@pytest.mark.parametrize(
    "day", ["2026-03-08", "2026-03-29", "2026-04-05", "2026-10-04", "2026-10-25", "2026-11-01"]
)
def test_dst_days_keep_the_first_reminder_at_the_wall_clock_boundary(tz: str, day: str) -> None:
    """On every transition day of these zones: 09:00 + 30 min, within a minute, local time."""
    schedule = WorkSchedule(tz, work_days=frozenset(range(7)), interval=timedelta(minutes=30))
    now = at(tz, f"{day} 00:00")
    expected = at(tz, f"{day} 09:30")
    for user_id in range(1, 11):
        due = first_due(schedule, user_id, 10, now)
        assert expected <= due < expected + MIN, local(tz, due)


@pytest.mark.parametrize(("interval_min", "peak_per_second"), [(90, 25.0), (60, 28.0)])
def test_a_crowd_of_100000_stays_under_the_send_rate(
    interval_min: int, peak_per_second: float
) -> None:
    """100,000 users sharing 09:00 UTC: per minute, the first reminders keep to about 25/s.

    The per-second peaks of a hash are absorbed by the 30-a-tick dispatcher; what matters
    is the sustained rate, so the check is per minute (at most 30/s) and on average.
    """
    schedule = WorkSchedule("UTC", interval=timedelta(minutes=interval_min))
    sharing = 100_000
    window = spread_window(schedule, sharing)
    now = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    boundary = datetime(2026, 11, 25, 9, 0, tzinfo=UTC) + schedule.interval
    per_minute: dict[int, int] = {}
    for user_id in range(1, sharing + 1):
        offset = spread_offset(user_id, window)
        due = boundary + offset
        per_minute[int(offset.total_seconds()) // 60] = (
            per_minute.get(int(offset.total_seconds()) // 60, 0) + 1
        )
        assert boundary <= due < boundary + window
    # Spot-check that next_due agrees with the arithmetic above.
    for user_id in range(1, 200):
        offset = spread_offset(user_id, window)
        assert next_due(schedule, SittingState(), now, offset=offset) == boundary + offset
    minutes = window.total_seconds() / 60
    assert len(per_minute) == minutes
    assert sharing / window.total_seconds() <= peak_per_second
    assert max(per_minute.values()) <= 30 * 60
    assert min(per_minute.values()) >= SPREAD_RATE_PER_SECOND * 60 * 0.9


def test_the_old_spread_over_the_whole_interval_is_gone() -> None:
    """Ten users on 09:00-17:00 with 60 minutes: never an hour late any more."""
    schedule = WorkSchedule(BERLIN, interval=timedelta(minutes=60))
    now = at(BERLIN, "2026-11-25 07:00")
    dues = [first_due(schedule, user_id, 10, now) for user_id in range(1, 11)]
    assert max(dues) < at(BERLIN, "2026-11-25 10:01")


@pytest.mark.parametrize(
    ("start", "end", "interval_min", "fits"),
    [
        ("09:00", "10:00", 60, False),
        ("09:00", "10:00", 59, True),
        ("09:00", "09:30", 30, False),
        ("09:00", "17:00", 90, True),
        ("09:00", "17:00", 480, False),
    ],
)
def test_work_hours_that_leave_no_room_for_a_reminder(
    start: str, end: str, interval_min: int, fits: bool
) -> None:
    interval = timedelta(minutes=interval_min)
    assert fits_work_hours(time.fromisoformat(start), time.fromisoformat(end), interval) is fits
    schedule = WorkSchedule(
        "UTC", start=time.fromisoformat(start), end=time.fromisoformat(end), interval=interval
    )
    now = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)
    assert (first_boundary(schedule, now) is not None) is fits
    assert (next_due(schedule, SittingState(), now) is not None) is fits


# --- pause helpers ------------------------------------------------------------------------


def test_pause_for() -> None:
    now = utc("2026-03-25 10:00")
    assert pause_for(now, timedelta(hours=1)) == utc("2026-03-25 11:00")
    with pytest.raises(ValueError):
        pause_for(now, timedelta(0))


@pytest.mark.parametrize(
    ("tz", "now", "expected"),
    [
        (BERLIN, "2026-03-25 14:00", "2026-03-26 00:00+01:00"),
        (BERLIN, "2026-03-28 23:30", "2026-03-29 00:00+01:00"),
        (BERLIN, "2026-03-29 00:00", "2026-03-30 00:00+02:00"),
        (KOLKATA, "2026-03-25 23:59", "2026-03-26 00:00+05:30"),
        # Midnight skipped by a spring-forward: the day starts at 01:00.
        ("America/Santiago", "2026-09-05 20:00", "2026-09-06 01:00-03:00"),
        # Midnight repeated by a fall-back: the day starts at its first midnight.
        ("America/Havana", "2026-10-31 20:00", "2026-11-01 00:00-04:00"),
    ],
)
def test_pause_rest_of_day(tz: str, now: str, expected: str) -> None:
    assert local(tz, pause_rest_of_day(WorkSchedule(tz), at(tz, now))) == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (1, "2026-03-24 00:00+01:00"),
        (3, "2026-03-26 00:00+01:00"),
        (7, "2026-03-30 00:00+02:00"),
        (60, "2026-05-22 00:00+02:00"),
    ],
)
def test_pause_days(days: int, expected: str) -> None:
    schedule = WorkSchedule(BERLIN)
    assert local(BERLIN, pause_days(schedule, at(BERLIN, "2026-03-23 10:00"), days)) == expected


@pytest.mark.parametrize("days", [0, -1, 61, True])
def test_pause_days_rejects_out_of_range(days: int) -> None:
    with pytest.raises(ValueError, match="1 to 60"):
        pause_days(WorkSchedule(BERLIN), utc("2026-03-23 10:00"), days)


# --- skips and lateness -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("skips", "ask"), [(0, False), (1, False), (2, False), (3, True), (7, True)]
)
def test_should_ask_why(skips: int, ask: bool) -> None:
    assert should_ask_why(skips) is ask


def test_should_ask_why_rejects_negative() -> None:
    with pytest.raises(ValueError):
        should_ask_why(-1)


@pytest.mark.parametrize(
    ("tz", "instant", "expected"),
    [
        (BERLIN, "2026-03-27 22:59", date(2026, 3, 27)),
        (BERLIN, "2026-03-27 23:00", date(2026, 3, 28)),
        (KOLKATA, "2026-03-27 18:29", date(2026, 3, 27)),
        (KOLKATA, "2026-03-27 18:30", date(2026, 3, 28)),
        (NEW_YORK, "2026-03-28 03:59", date(2026, 3, 27)),
        (LORD_HOWE, "2026-03-27 13:00", date(2026, 3, 28)),
    ],
)
def test_local_date(tz: str, instant: str, expected: date) -> None:
    assert local_date(tz, utc(instant)) == expected


def test_local_date_rejects_unknown_zone() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        local_date("Nowhere/Special", utc("2026-03-27 12:00"))


@pytest.mark.parametrize(
    ("late_by", "grace", "too_late"),
    [
        (timedelta(0), timedelta(minutes=5), False),
        (timedelta(minutes=5), timedelta(minutes=5), False),
        (timedelta(minutes=5, seconds=1), timedelta(minutes=5), True),
        (timedelta(hours=3), timedelta(minutes=5), True),
        (-timedelta(seconds=30), timedelta(0), False),
    ],
)
def test_is_too_late(late_by: timedelta, grace: timedelta, too_late: bool) -> None:
    due = utc("2026-03-25 10:00")
    assert is_too_late(due, due + late_by, grace) is too_late


# --- properties ---------------------------------------------------------------------------

ZONES = [
    BERLIN,
    NEW_YORK,
    LORD_HOWE,
    KOLKATA,
    "UTC",
    "America/Santiago",
    "America/Havana",
    "Australia/Sydney",
    "Pacific/Chatham",
]


@st.composite
def schedules(draw: st.DrawFn) -> WorkSchedule:
    start = draw(st.integers(0, 24 * 60 - 2))
    end = draw(st.integers(start + 1, 24 * 60 - 1))
    minutes = draw(st.one_of(st.sampled_from([1, 30, 45, 60, 90]), st.integers(1, 600)))
    return WorkSchedule(
        draw(st.sampled_from(ZONES)),
        work_days=draw(st.frozensets(st.integers(0, 6))),
        start=time(start // 60, start % 60),
        end=time(end // 60, end % 60),
        interval=timedelta(minutes=minutes),
    )


# DST transitions of the zones above; half the instants land within two days of one.
TRANSITIONS = [
    utc(stamp)
    for stamp in [
        "2026-03-29 01:00",  # Berlin
        "2026-10-25 01:00",
        "2026-03-08 07:00",  # New York
        "2026-11-01 06:00",
        "2026-04-04 15:00",  # Lord Howe
        "2026-10-03 15:30",
        "2026-04-05 03:00",  # Santiago
        "2026-09-06 04:00",
        "2026-03-08 05:00",  # Havana
        "2026-11-01 05:00",
    ]
]
instants = st.one_of(
    st.datetimes(
        min_value=datetime(2026, 1, 1),  # noqa: DTZ001 - bounds for an aware strategy
        max_value=datetime(2026, 12, 31),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
    st.builds(
        lambda t, d: t + d,
        st.sampled_from(TRANSITIONS),
        st.timedeltas(min_value=-timedelta(days=2), max_value=timedelta(days=2)),
    ),
)
around = st.timedeltas(min_value=-timedelta(days=3), max_value=timedelta(days=3))


@st.composite
def situations(
    draw: st.DrawFn,
) -> tuple[WorkSchedule, SittingState, datetime, datetime | None, timedelta]:
    schedule = draw(schedules())
    now = draw(instants)

    def maybe(delta: st.SearchStrategy[timedelta]) -> datetime | None:
        value: datetime | None = draw(st.one_of(st.none(), delta.map(lambda d: now + d)))
        return value

    state = SittingState(
        sitting_since=maybe(around),
        snoozed_until=maybe(around),
        paused_until=maybe(around),
        manual_sit_started_at=maybe(around),
    )
    last = maybe(st.timedeltas(min_value=-timedelta(days=2), max_value=timedelta(0)))
    offset = spread_offset(draw(st.integers(0, 10**9)), schedule.interval)
    return schedule, state, now, last, offset


def in_work_hours(schedule: WorkSchedule, instant: datetime) -> bool:
    wall = instant.astimezone(schedule.zone)
    return (
        wall.weekday() in schedule.work_days
        and schedule.start <= wall.time().replace(fold=0) < schedule.end
    )


@settings(max_examples=400, deadline=None)
@given(situations())
def test_next_due_properties(
    situation: tuple[WorkSchedule, SittingState, datetime, datetime | None, timedelta],
) -> None:
    schedule, state, now, last, offset = situation
    due = next_due(schedule, state, now, last_reminder_at=last, offset=offset)
    if due is None:
        return
    assert due.tzinfo is UTC
    assert due > now
    if state.paused_until is not None:
        assert due >= state.paused_until
    manual = state.manual_sit_started_at
    from_manual_timer = manual is not None and due == manual + schedule.interval
    if not from_manual_timer:
        assert in_work_hours(schedule, due)
        snooze_active = state.snoozed_until is not None and (
            last is None or state.snoozed_until > last
        )
        if last is not None and not snooze_active:
            assert due >= last + schedule.interval
    again = next_due(schedule, state, due, last_reminder_at=due, offset=offset)
    assert again is None or again > due


@settings(max_examples=200, deadline=None)
@given(schedules(), instants)
def test_long_enough_windows_always_get_a_reminder(schedule: WorkSchedule, now: datetime) -> None:
    """None means "never": a window with room for an interval must produce a due."""
    wall_minutes = (schedule.end.hour - schedule.start.hour) * 60 + (
        schedule.end.minute - schedule.start.minute
    )
    # DST can shorten a window by up to an hour; the spread offset adds up to 10 minutes.
    room = timedelta(minutes=wall_minutes) - timedelta(minutes=70)
    due = next_due(schedule, SittingState(), now, offset=timedelta(minutes=9))
    if schedule.work_days and room > schedule.interval:
        assert due is not None
    if not schedule.work_days:
        assert due is None
