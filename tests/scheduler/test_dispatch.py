"""Dispatching due reminders on a fixed clock: the tick is called directly, nobody sleeps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import delete, update

from coach.activity import BreakKind
from coach.clock import FixedClock
from coach.progress import FrozenKind
from coach.reminder_state import Delivery
from coach.reminders import local_date
from coach.services import reminders as rem
from coach.services.reminders import ReminderService
from scheduler.jobs import (
    DAILY_JOB_ID,
    SESSION_JOB_ID,
    TICK_JOB_ID,
    WEEKLY_SUMMARY_JOB_ID,
    Jobs,
    ReminderScheduler,
)
from storage.models import ReminderStateRow
from storage.uow import SqlUnitOfWorkFactory
from tests.scheduler.conftest import GRACE, START, FakeNotifier, onboard

SECOND = timedelta(seconds=1)


async def state_of(uow: SqlUnitOfWorkFactory, user_id: int) -> rem.ReminderState:
    async with uow() as work:
        state = await work.reminders.get(user_id)
    assert state is not None
    return state


async def kinds(uow: SqlUnitOfWorkFactory, user_id: int) -> list[BreakKind]:
    async with uow() as work:
        return [event.kind for event in await work.breaks.all_for(user_id)]


async def test_first_reminder_comes_one_interval_after_work_starts_plus_the_spread(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock, notifier: FakeNotifier
) -> None:
    (due,) = await onboard(uow, service, 1)
    assert due is not None
    assert START + timedelta(hours=1) <= due < START + timedelta(hours=2)
    clock.set(due - SECOND)
    assert (await service.dispatch_due(30)).claimed == 0
    clock.set(due)
    report = await service.dispatch_due(30)
    assert (report.claimed, report.sent) == (1, 1)
    assert notifier.sent[0].minutes == 60
    assert notifier.sent[0].stamp == int(due.timestamp())
    state = await state_of(uow, 1)
    assert state.lease_until is None and state.last_reminder_at == due
    assert state.next_due_at == due + timedelta(hours=1)  # ignored: sitting continues
    assert await kinds(uow, 1) == [BreakKind.PROMPTED]
    assert (await service.dispatch_due(30)).claimed == 0  # never twice


async def test_a_tick_claims_no_more_than_the_send_rate_allows(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock, notifier: FakeNotifier
) -> None:
    dues = await onboard(uow, service, *range(1, 51))
    common = max(due for due in dues if due is not None)
    async with uow() as work:  # all due in the same second, the worst case for the limiter
        await work.session.execute(update(ReminderStateRow).values(next_due_at=common))
        await work.commit()
    clock.set(common)
    assert (await service.dispatch_due(30)).sent == 30
    assert (await service.dispatch_due(30)).sent == 20
    assert (await service.dispatch_due(30)).claimed == 0
    assert sorted(notifier.chats()) == list(range(1, 51))


@pytest.mark.parametrize(
    ("late_by", "sent", "missed"),
    [(GRACE, 1, 0), (GRACE + SECOND, 0, 1), (timedelta(hours=3), 0, 1)],
)
async def test_later_than_the_grace_window_is_dropped_and_counted(
    uow: SqlUnitOfWorkFactory,
    service: ReminderService,
    clock: FixedClock,
    notifier: FakeNotifier,
    late_by: timedelta,
    sent: int,
    missed: int,
) -> None:
    (due,) = await onboard(uow, service, 1)
    assert due is not None
    clock.set(due + late_by)
    report = await service.dispatch_due(30)
    assert (report.sent, report.missed) == (sent, missed)
    assert len(notifier.sent) == sent
    state = await state_of(uow, 1)
    assert state.lease_until is None
    assert state.next_due_at is not None and state.next_due_at > clock.now()
    assert (await kinds(uow, 1)).count(BreakKind.MISSED) == missed


async def test_a_crash_after_the_claim_resends_only_after_the_lease(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock, notifier: FakeNotifier
) -> None:
    (due,) = await onboard(uow, service, 1)
    assert due is not None
    clock.set(due)
    async with uow() as work:  # a dispatcher claims, then dies before sending
        claimed = await work.reminders.claim_due(due, due + rem.DEFAULT_LEASE, 30)
        await work.commit()
    assert len(claimed) == 1
    clock.set(due + rem.DEFAULT_LEASE - SECOND)
    assert (await service.dispatch_due(30)).claimed == 0
    clock.set(due + rem.DEFAULT_LEASE)
    assert (await service.dispatch_due(30)).sent == 1
    assert notifier.chats() == [1]


async def test_a_blocked_user_is_deactivated_and_never_tried_again(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock, notifier: FakeNotifier
) -> None:
    (due,) = await onboard(uow, service, 1)
    assert due is not None
    notifier.answers[1] = Delivery.BLOCKED
    clock.set(due)
    assert (await service.dispatch_due(30)).blocked == 1
    async with uow() as work:
        profile = await work.users.get(1)
    assert profile is not None and not profile.active
    assert (await state_of(uow, 1)).next_due_at is None
    clock.set(due + timedelta(days=1))
    assert (await service.dispatch_due(30)).claimed == 0
    assert await service.reschedule(1) is None  # stays off until /start reactivates


async def test_a_failed_send_is_not_retried(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock, notifier: FakeNotifier
) -> None:
    (due,) = await onboard(uow, service, 1)
    assert due is not None
    notifier.answers[1] = Delivery.FAILED
    clock.set(due)
    assert (await service.dispatch_due(30)).failed == 1
    clock.set(due + timedelta(minutes=5))
    assert (await service.dispatch_due(30)).claimed == 0
    assert len(notifier.sent) == 1


async def send_first(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock, interval: int = 60
) -> datetime:
    (due,) = await onboard(uow, service, 1, interval=interval)
    assert due is not None
    clock.set(due)
    assert (await service.dispatch_due(30)).sent == 1
    return due


async def test_snooze_brings_the_reminder_back_after_15_minutes(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock, notifier: FakeNotifier
) -> None:
    due = await send_first(uow, service, clock, interval=1)
    clock.set(due + timedelta(seconds=20))
    views = await service.act(1, "snooze", int(due.timestamp()))
    assert views == [rem.Snoozed(clock.now() + rem.SNOOZE, "Europe/Berlin")]
    assert (await state_of(uow, 1)).next_due_at == clock.now() + rem.SNOOZE
    clock.set(due + timedelta(minutes=10))
    assert (await service.dispatch_due(30)).claimed == 0  # 1-minute interval, but snoozed
    clock.set(due + timedelta(seconds=20) + rem.SNOOZE)
    assert (await service.dispatch_due(30)).sent == 1


async def test_done_resets_the_sitting_timer(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock
) -> None:
    due = await send_first(uow, service, clock)
    clock.set(due + timedelta(minutes=7))
    taken = rem.BreakTaken(60, at=clock.now(), timezone="Europe/Berlin")
    assert await service.act(1, "done", int(due.timestamp())) == [taken]
    assert (await state_of(uow, 1)).next_due_at == clock.now() + timedelta(hours=1)
    assert await kinds(uow, 1) == [BreakKind.PROMPTED, BreakKind.TAKEN]
    # The buttons of that reminder are spent.
    assert await service.act(1, "done", int(due.timestamp())) == [rem.Expired()]


@pytest.mark.parametrize(
    "stamp", [None, 0, 1_700_000_000, -5], ids=["missing", "zero", "old", "negative"]
)
async def test_a_stale_or_forged_stamp_is_expired(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock, stamp: int | None
) -> None:
    await send_first(uow, service, clock)
    before = await state_of(uow, 1)
    assert await service.act(1, "done", stamp) == [rem.Expired()]
    assert await state_of(uow, 1) == before


async def test_in_a_meeting_pauses_for_an_hour(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock
) -> None:
    due = await send_first(uow, service, clock, interval=30)
    views = await service.act(1, "meeting", int(due.timestamp()))
    assert views == [rem.InMeeting(due + timedelta(hours=1), "Europe/Berlin")]
    state = await state_of(uow, 1)
    assert state.next_due_at == due + timedelta(hours=1, minutes=30)


async def test_the_third_skip_of_a_day_asks_why(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock
) -> None:
    await onboard(uow, service, 1, interval=30)
    answers = []
    for _ in range(4):
        state = await state_of(uow, 1)
        assert state.next_due_at is not None
        clock.set(state.next_due_at)
        assert (await service.dispatch_due(30)).sent == 1
        stamp = int(clock.now().timestamp())
        answers.append([replace(view, at=None) for view in await service.act(1, "skip", stamp)])
        assert await service.act(1, "skip", stamp) == [rem.Expired()]  # spent
    assert answers == [
        [rem.Skipped(ask_why=False, timezone="Europe/Berlin")],
        [rem.Skipped(ask_why=False, timezone="Europe/Berlin")],
        [rem.Skipped(ask_why=True, timezone="Europe/Berlin")],
        [rem.Skipped(ask_why=False, timezone="Europe/Berlin")],
    ]
    views = await service.answer_why(1, "standing")
    assert isinstance(views[0], rem.WhyAnswered) and views[0].paused_until is not None
    assert local_date("Europe/Berlin", views[0].paused_until) > local_date(
        "Europe/Berlin", clock.now()
    )


async def test_sit_outside_work_hours_gives_one_reminder(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock
) -> None:
    await onboard(uow, service, 1, interval=45)
    evening = START + timedelta(hours=12)  # 21:00 in Berlin
    clock.set(evening)
    views = await service.sit(1)
    assert views == [rem.SitStarted(evening + timedelta(minutes=45), 45, "Europe/Berlin")]


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("3", 3),
        (" 60 ", 60),
        ("1 day", 1),
        ("0", None),
        ("61", None),
        ("-2", None),
        ("drei", None),
        ("🙂", None),
        ("٣", None),
        ("9" * 5000, None),
        ("", None),
    ],
)
def test_typed_pause_days(typed: str, days: int | None) -> None:
    assert rem.parse_days(typed) == days


async def test_pause_days_then_resume(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock
) -> None:
    await onboard(uow, service, 1)
    assert await service.pause(1, "days") == [rem.AskPauseDays()]
    assert await service.typed_days(1, "lots") == [rem.AskPauseDays(hint=True)]
    views = await service.typed_days(1, "3")
    assert isinstance(views, list) and isinstance(views[0], rem.Paused)
    assert local_date("Europe/Berlin", views[0].until).isoformat() == "2026-11-28"
    state = await state_of(uow, 1)
    assert state.next_due_at is not None and state.next_due_at > views[0].until
    assert await service.typed_days(1, "3") is None  # the question is answered
    clock.set(START + timedelta(hours=2))
    resumed = await service.resume(1)
    assert isinstance(resumed[0], rem.Resumed) and resumed[0].was_paused
    assert resumed[0].due == clock.now() + timedelta(hours=1)


async def test_a_pause_of_whole_days_freezes_them_until_resumed(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock
) -> None:
    await onboard(uow, service, 1)
    await service.pause(1, "hour")
    async with uow() as work:
        assert await work.frozen_days.between(1, date(2026, 11, 1), date(2026, 12, 31)) == {}
    await service.pause(1, "days")
    await service.typed_days(1, "3")
    async with uow() as work:
        frozen = await work.frozen_days.between(1, date(2026, 11, 1), date(2026, 12, 31))
    assert sorted(day.isoformat() for day in frozen) == [
        "2026-11-25",
        "2026-11-26",
        "2026-11-27",
    ]
    assert set(frozen.values()) == {FrozenKind.PAUSE}
    clock.set(START + timedelta(days=1))
    await service.resume(1)
    async with uow() as work:
        frozen = await work.frozen_days.between(1, date(2026, 11, 1), date(2026, 12, 31))
    assert sorted(day.isoformat() for day in frozen) == ["2026-11-25", "2026-11-26"]


@pytest.mark.parametrize(
    ("start", "until", "days"),
    [
        ("2026-11-25T08:00:00+00:00", "2026-11-25T23:00:00+00:00", ["2026-11-25"]),
        (
            "2026-11-25T08:00:00+00:00",
            "2026-11-27T23:00:00+00:00",
            ["2026-11-25", "2026-11-26", "2026-11-27"],
        ),
        ("2026-03-28T08:00:00+00:00", "2026-03-29T22:00:00+00:00", ["2026-03-28", "2026-03-29"]),
    ],
)
def test_paused_days_in_the_local_calendar(start: str, until: str, days: list[str]) -> None:
    found = rem.paused_days(
        "Europe/Berlin", datetime.fromisoformat(start), datetime.fromisoformat(until)
    )
    assert [day.isoformat() for day in found] == days


async def test_the_backfill_creates_missing_schedules_once(
    uow: SqlUnitOfWorkFactory, service: ReminderService
) -> None:
    await onboard(uow, service, 1, 2)
    async with uow() as work:
        await work.session.execute(delete(ReminderStateRow))
        await work.commit()
    assert await service.backfill(batch=1) == 2
    assert (await state_of(uow, 2)).next_due_at is not None
    assert await service.backfill() == 0


async def test_the_scheduler_has_one_tick_job_and_a_daily_job_with_stable_ids(
    service: ReminderService, clock: FixedClock, uow: SqlUnitOfWorkFactory
) -> None:
    calls: list[int] = []

    async def dispatch(limit: int) -> rem.DispatchReport:
        calls.append(limit)
        return rem.DispatchReport()

    async def daily() -> None:
        return None

    summaries: list[str] = []

    async def weekly() -> None:
        summaries.append("run")
        raise RuntimeError("one failed run")

    jobs = ReminderScheduler(
        Jobs(dispatch_due=dispatch, daily=daily, weekly_summaries=weekly), per_tick=25
    )
    jobs.add_jobs()
    jobs.add_jobs()  # a restart replaces, never duplicates
    listed = {job.id: job for job in jobs.scheduler.get_jobs()}
    assert set(listed) == {TICK_JOB_ID, SESSION_JOB_ID, DAILY_JOB_ID, WEEKLY_SUMMARY_JOB_ID}
    await jobs.weekly_summaries()  # a failing run is logged, not raised
    assert summaries == ["run"]
    tick = listed[TICK_JOB_ID]
    # Two ticks overlap at most: a tick's 30 spread sends take a little over a second.
    assert (tick.coalesce, tick.max_instances) == (True, 2)
    assert listed[DAILY_JOB_ID].max_instances == 1
    assert tick.misfire_grace_time >= 10
    assert listed[DAILY_JOB_ID].misfire_grace_time >= 3600
    await jobs.tick()
    assert calls == [25]
    await jobs.shutdown()
    await jobs.tick()
    assert calls == [25]  # stopped: no more dispatching


async def test_a_tap_while_the_batch_is_being_confirmed_counts(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock
) -> None:
    (due,) = await onboard(uow, service, 1)
    assert due is not None
    clock.set(due)
    async with uow() as work:  # claimed and sent, not yet confirmed
        await work.reminders.claim_due(due, due + rem.DEFAULT_LEASE, 30)
        await work.commit()
    stamp = int(due.timestamp())
    assert await service.act(1, "done", stamp + 3600) == [rem.Expired()]  # from the future
    clock.set(due + timedelta(seconds=1))
    taken = rem.BreakTaken(60, at=clock.now(), timezone="Europe/Berlin")
    assert await service.act(1, "done", stamp) == [taken]
    assert await service.act(1, "done", stamp) == [rem.Expired()]  # answered
