"""The daily session reminder: due at the chosen local time, only if the day's goal is open."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from coach.activity import EntrySource, RepEntry
from coach.catalogue import load_catalogue
from coach.clock import FixedClock
from coach.profile import Profile
from coach.screening import Outcome, ScreeningRecord, ScreeningResult
from coach.services.reminders import ReminderService
from coach.session_reminder import goal_met, next_session_due
from storage.uow import SqlUnitOfWorkFactory
from tests.scheduler.conftest import START, FakeNotifier

CATALOGUE = load_catalogue()
TODAY = date(2026, 11, 25)


def utc(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "wall", "after", "expected"),
    [
        ("Europe/Berlin", "12:30", "2026-11-25 11:29", "2026-11-25 11:30"),
        ("Europe/Berlin", "12:30", "2026-11-25 11:30", "2026-11-26 11:30"),
        # Spring forward (02:00 → 03:00): 02:30 does not exist; it comes at 03:30 CEST.
        ("Europe/Berlin", "02:30", "2026-03-28 12:00", "2026-03-29 01:30"),
        # Fall back: 02:30 happens twice; only the first counts.
        ("Europe/Berlin", "02:30", "2026-10-24 12:00", "2026-10-25 00:30"),
        ("Europe/Berlin", "02:30", "2026-10-25 00:30", "2026-10-26 01:30"),
        ("America/New_York", "08:00", "2026-03-07 14:00", "2026-03-08 12:00"),
        ("Australia/Lord_Howe", "12:00", "2026-04-04 02:00", "2026-04-05 01:30"),
        ("Asia/Kolkata", "17:30", "2026-03-29 00:00", "2026-03-29 12:00"),
    ],
)
def test_next_session_due(zone: str, wall: str, after: str, expected: str) -> None:
    assert next_session_due(zone, time.fromisoformat(wall), utc(after)) == utc(expected)


def entry(exercise: str, side: str | None, reps: int = 10) -> RepEntry:
    return RepEntry(1, exercise, side, reps, EntrySource.REPLY, TODAY, START)


BOTH = ("left", "right")
BASE = [entry(e, s) for e in ("hip_raise", "clamshell") for s in BOTH] + [entry("bridge", None)]


@pytest.mark.parametrize(
    ("entries", "met"),
    [
        ([], False),
        (BASE, True),
        (BASE[:-1], False),  # no bridge
        ([e for e in BASE if e.side != "right"], False),  # left sides only
        ([entry("hip_raise", None), entry("clamshell", None), entry("bridge", None)], True),
        ([*BASE[:4], *(entry("single_leg_bridge", s) for s in BOTH)], True),  # progressed
        ([*BASE[:4], entry("single_leg_bridge", "left")], False),
        ([*BASE[:-1], entry("bridge", None, reps=0)], False),
        ([*BASE[:-1], entry("no_such_exercise", None)], False),
    ],
)
def test_the_day_goal_is_a_full_session_on_both_sides(entries: list[RepEntry], met: bool) -> None:
    assert goal_met(entries, CATALOGUE) is met


async def setup_user(
    uow: SqlUnitOfWorkFactory, service: ReminderService, *, screened: bool = True
) -> datetime | None:
    async with uow() as work:
        await work.users.add(
            Profile(
                user_id=1,
                chat_id=1,
                created_at=START,
                timezone="Europe/Berlin",
                exercise_time=time(12, 30),
                onboarded_at=START,
            )
        )
        if screened:
            result = ScreeningResult(1, Outcome.CLEARED, (), 2, "gt_3m", True, ())
            await work.screenings.add(1, result, ScreeningRecord(Outcome.CLEARED, START))
        await work.commit()
    await service.reschedule(1)
    async with uow() as work:
        state = await work.reminders.get(1)
    assert state is not None
    return state.session_due_at


async def test_sent_at_the_chosen_time_once_a_day(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock, notifier: FakeNotifier
) -> None:
    due = await setup_user(uow, service)
    assert due == utc("2026-11-25 11:30")
    clock.set(due - timedelta(seconds=1))
    assert (await service.dispatch_sessions(30)).claimed == 0
    clock.set(due + timedelta(seconds=4))
    assert (await service.dispatch_sessions(30)).sent == 1
    assert [r.chat_id for r in notifier.sessions] == [1]
    assert (await service.dispatch_sessions(30)).claimed == 0
    async with uow() as work:
        state = await work.reminders.get(1)
    assert state is not None and state.session_due_at == utc("2026-11-26 11:30")
    assert state.lease_until is None


async def test_not_sent_when_the_goal_is_met_or_the_gate_is_closed(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock, notifier: FakeNotifier
) -> None:
    due = await setup_user(uow, service)
    assert due is not None
    async with uow() as work:
        for item in BASE:
            await work.reps.add(item)
        await work.commit()
    clock.set(due + timedelta(seconds=4))
    report = await service.dispatch_sessions(30)
    assert (report.claimed, report.sent) == (1, 0)
    assert notifier.sessions == []
    clock.set(due + timedelta(days=1, seconds=4))  # a new day, nothing done yet
    assert (await service.dispatch_sessions(30)).sent == 1


async def test_not_sent_before_the_safety_screening(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock, notifier: FakeNotifier
) -> None:
    due = await setup_user(uow, service, screened=False)
    assert due is not None
    clock.set(due + timedelta(seconds=4))
    assert (await service.dispatch_sessions(30)).sent == 0


async def test_a_late_slot_is_dropped_and_a_break_keeps_a_pending_slot(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock, notifier: FakeNotifier
) -> None:
    due = await setup_user(uow, service)
    assert due is not None
    clock.set(due + timedelta(seconds=20))
    await service.movement(1)  # a reported break must not push today's slot to tomorrow
    async with uow() as work:
        state = await work.reminders.get(1)
    assert state is not None and state.session_due_at == due
    clock.set(due + timedelta(minutes=11))  # beyond the grace window
    assert (await service.dispatch_sessions(30)).sent == 0
    async with uow() as work:
        state = await work.reminders.get(1)
    assert state is not None and state.session_due_at == due + timedelta(days=1)
