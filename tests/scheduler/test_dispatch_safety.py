"""The dispatcher under faults, on a fixed clock: backlog, bad rows, held sends, accounting."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import func, insert, select, update

from coach.activity import BreakKind
from coach.clock import FixedClock
from coach.profile import Profile
from coach.reminder_state import Delivery, ReminderState, SitBreakReminder
from coach.row_isolation import MAX_ATTEMPTS
from coach.services import reminder_dispatch as dispatch
from coach.services import reminders
from coach.services.reminders import DEFAULT_LEASE, ReminderService
from storage.models import BreakEventRow, ReminderStateRow, UserRow
from storage.uow import SqlUnitOfWorkFactory
from tests.scheduler.conftest import GRACE, START, FakeNotifier, onboard

SECOND = timedelta(seconds=1)
BAD_ZONE = "Mars/Olympus_Mons"  # not in any tz database
BROKEN = 99
"""The user whose row no schedule can be computed for (see ``break_row``)."""


def break_row(monkeypatch: pytest.MonkeyPatch, user_id: int = BROKEN) -> None:
    """Make every schedule computation of one user's row raise, as a corrupt row would.

    The core serves every stored value it can (an unknown zone in UTC), so the fault is
    injected where the dispatcher computes the row's next times.
    """
    due_for, session_due_for = reminders.due_for, reminders.session_due_for

    def broken_due_for(profile: Profile, *args: Any, **kwargs: Any) -> datetime | None:
        if profile.user_id == user_id:
            raise ValueError("corrupt row")
        return due_for(profile, *args, **kwargs)

    def broken_session_due_for(profile: Profile, *args: Any, **kwargs: Any) -> datetime | None:
        if profile.user_id == user_id:
            raise ValueError("corrupt row")
        return session_due_for(profile, *args, **kwargs)

    monkeypatch.setattr(reminders, "due_for", broken_due_for)
    monkeypatch.setattr(reminders, "session_due_for", broken_session_due_for)


async def add_rows(
    uow: SqlUnitOfWorkFactory,
    dues: dict[int, datetime],
    *,
    zone: str = "UTC",
    exercise_time: time | None = None,
) -> None:
    """Set-up users (every day 00:00-23:59 UTC, hourly) with a stored due time, in bulk."""
    users = [
        {
            "id": user_id,
            "chat_id": user_id,
            "language": "en",
            "timezone": zone,
            "work_days": 0b1111111,
            "work_start_min": 0,
            "work_end_min": 23 * 60 + 59,
            "sit_interval_min": 60,
            "exercise_time_min": None
            if exercise_time is None
            else exercise_time.hour * 60 + exercise_time.minute,
            "goal_days_per_week": 7,
            "active": True,
            "onboarded_at": START,
            "created_at": START,
            "updated_at": START,
        }
        for user_id in dues
    ]
    rows = [{"user_id": user_id, "next_due_at": due} for user_id, due in dues.items()]
    async with uow() as work:
        await work.session.execute(insert(UserRow), users)
        await work.session.execute(insert(ReminderStateRow), rows)
        await work.commit()


async def row(uow: SqlUnitOfWorkFactory, user_id: int) -> ReminderState:
    async with uow() as work:
        found = await work.reminders.get(user_id)
    assert found is not None
    return found


async def kinds(uow: SqlUnitOfWorkFactory, user_id: int) -> list[BreakKind]:
    async with uow() as work:
        return [event.kind for event in await work.breaks.all_for(user_id)]


async def count_kind(uow: SqlUnitOfWorkFactory, kind: BreakKind) -> int:
    async with uow() as work:
        statement = select(func.count()).where(BreakEventRow.kind == kind.value)
        return int((await work.session.execute(statement)).scalar_one())


# ---- 5. a backlog after an outage never starves on-time reminders -----------------------


@pytest.mark.long
async def test_a_backlog_after_an_outage_never_delays_the_reminders_due_after_it(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock, notifier: FakeNotifier
) -> None:
    restart = START + timedelta(hours=1)
    # A 30-minute outage: 2,400 reminders fell due in its first 14 minutes and are now
    # later than the 10-minute grace window.
    expired = {
        user_id: restart - timedelta(minutes=30) + timedelta(seconds=user_id // 3)
        for user_id in range(1, 2401)
    }
    # 2,400 more fall due after the restart, 20 a second (below the 30 a second budget).
    on_time = {10_000 + n: restart + timedelta(seconds=n // 20) for n in range(2400)}
    assert max(expired.values()) < restart - GRACE
    await add_rows(uow, expired | on_time)
    for second in range(125):
        clock.set(restart + second * SECOND)
        await service.dispatch_due(30)
    sent_at = {reminder.chat_id: reminder.stamp for reminder in notifier.sent}
    late = {
        user_id: sent_at.get(user_id, -1) - int(due.timestamp())
        for user_id, due in on_time.items()
        if sent_at.get(user_id) != int(due.timestamp())
    }
    assert late == {}, f"{len(late)} of 2,400 on-time reminders were not sent in their tick"
    assert await count_kind(uow, BreakKind.MISSED) == 2400
    for user_id in (1, 1200, 2400):
        skipped = await row(uow, user_id)
        assert skipped.lease_until is None and skipped.lease_token is None
        assert skipped.next_due_at is not None and skipped.next_due_at > restart


# ---- 4. a bad row never blocks its batch -------------------------------------------------


async def test_a_bad_row_never_blocks_its_batch_and_is_parked_after_retries(
    uow: SqlUnitOfWorkFactory,
    service: ReminderService,
    clock: FixedClock,
    notifier: FakeNotifier,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    due = START + timedelta(hours=1)
    await add_rows(uow, {user_id: due for user_id in range(1, 30)}, exercise_time=time(12))
    await add_rows(uow, {99: due}, exercise_time=time(12))
    break_row(monkeypatch)
    clock.set(due)
    caplog.set_level(logging.WARNING)
    report = await service.dispatch_due(30)
    assert (report.claimed, report.sent, report.errors) == (30, 29, 1)
    assert sorted(notifier.chats()) == list(range(1, 30))
    for user_id in range(1, 30):
        good = await row(uow, user_id)
        assert good.lease_until is None and good.last_reminder_at == due
        assert good.next_due_at == due + timedelta(hours=1)
    bad = await row(uow, 99)
    assert bad.attempts == 1 and bad.parked_at is None and bad.lease_token is None
    assert bad.lease_until == due + dispatch.backoff(1)  # retried after a backoff
    clock.set(due + dispatch.backoff(1) - SECOND)
    assert (await service.dispatch_due(30)).claimed == 0  # still backing off
    for _ in range(MAX_ATTEMPTS - 1):
        clock.set((await row(uow, 99)).lease_until or clock.now())
        await service.dispatch_due(30)
    bad = await row(uow, 99)
    assert bad.parked_at is not None and bad.next_due_at is None and bad.lease_until is None
    assert bad.attempts == MAX_ATTEMPTS
    assert await service.parked_count() == 1
    assert 99 not in notifier.chats()  # never sent: its settle could never have been written
    assert sorted(notifier.chats()) == list(range(1, 30))  # and nobody got a second one
    parked = [r.getMessage() for r in caplog.records if "parked" in r.getMessage()]
    assert parked == [f"the reminder row of user 99 failed {MAX_ATTEMPTS} times and is parked"]
    assert "corrupt row" not in caplog.text  # the user id, never the row's content
    clock.set(clock.now() + timedelta(days=1))
    await service.dispatch_due(30)  # parked: offered no more
    assert 99 not in notifier.chats()
    assert (await row(uow, 99)).attempts == MAX_ATTEMPTS


async def test_a_bad_row_never_blocks_the_session_batch(
    uow: SqlUnitOfWorkFactory,
    service: ReminderService,
    clock: FixedClock,
    notifier: FakeNotifier,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    later = START + timedelta(days=2)
    await add_rows(uow, {1: later, 2: later}, exercise_time=time(12))
    await add_rows(uow, {3: later}, exercise_time=time(12))
    break_row(monkeypatch, 3)
    noon = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    async with uow() as work:
        await work.session.execute(update(ReminderStateRow).values(session_due_at=noon))
        await work.commit()
    clock.set(noon)
    report = await service.dispatch_sessions(30)
    # Users 1 and 2 are not screened, so nothing is sent; what matters: their slots move on.
    assert (report.claimed, report.errors) == (3, 1)
    for user_id in (1, 2):
        good = await row(uow, user_id)
        assert good.session_lease_until is None and good.last_session_at == noon
        assert good.session_due_at == noon + timedelta(days=1)
    bad = await row(uow, 3)
    assert bad.attempts == 1 and bad.session_lease_until == noon + dispatch.backoff(1)


async def test_an_unknown_zone_is_reminded_in_utc_and_told_why(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock, notifier: FakeNotifier
) -> None:
    """Not parked, not silent: the schedule runs in UTC and each reminder says so."""
    due = START + timedelta(hours=1)
    noon = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    await add_rows(uow, {1: due}, exercise_time=time(12))
    await add_rows(uow, {2: due}, zone=BAD_ZONE, exercise_time=time(12))
    clock.set(due)
    report = await service.dispatch_due(30)
    assert (report.claimed, report.sent, report.errors) == (2, 2, 0)
    assert [(r.chat_id, r.zone_unknown) for r in notifier.sent] == [(1, False), (2, True)]
    stranded = await row(uow, 2)
    assert stranded.next_due_at == due + timedelta(hours=1) and stranded.parked_at is None
    assert await kinds(uow, 2) == [BreakKind.PROMPTED]
    async with uow() as work:
        await work.session.execute(update(ReminderStateRow).values(session_due_at=noon))
        await work.commit()
    clock.set(noon)
    assert (await service.dispatch_sessions(30)).errors == 0
    assert (await row(uow, 2)).session_due_at == noon + timedelta(days=1)  # 12:00 UTC


# ---- 2. fenced leases: a late settle changes nothing ------------------------------------


class HeldNotifier(FakeNotifier):
    """Holds every send until released: a send slower than its lease."""

    def __init__(self) -> None:
        super().__init__()
        self.release = asyncio.Event()
        self.holding = asyncio.Event()

    async def send_reminder(self, reminder: SitBreakReminder) -> Delivery:
        self.sent.append(reminder)
        self.holding.set()
        await self.release.wait()
        return self.answers.get(reminder.chat_id, Delivery.SENT)


async def test_settle_reads_the_profile_as_it_is_after_the_send(
    uow: SqlUnitOfWorkFactory, clock: FixedClock
) -> None:
    held = HeldNotifier()
    service = ReminderService(
        uow, clock, grace=GRACE, min_interval=timedelta(minutes=1), notifier=held
    )
    (due,) = await onboard(uow, service, 1)
    assert due is not None
    clock.set(due)
    tick = asyncio.create_task(service.dispatch_due(30))
    await held.holding.wait()
    async with uow() as work:  # the user picks a 30-minute interval while the send is held
        profile = await work.users.get(1)
        assert profile is not None
        await work.users.save(profile.with_changes(sit_interval_min=30), due)
        await work.commit()
    held.release.set()
    assert (await tick).sent == 1
    assert (await row(uow, 1)).next_due_at == due + timedelta(minutes=30)


@pytest.mark.parametrize(
    ("held_for", "sent_later"), [(GRACE - SECOND, True), (GRACE + SECOND, False)]
)
async def test_not_sent_is_released_while_on_time_and_missed_after(
    uow: SqlUnitOfWorkFactory,
    service: ReminderService,
    clock: FixedClock,
    notifier: FakeNotifier,
    held_for: timedelta,
    sent_later: bool,
) -> None:
    (due,) = await onboard(uow, service, 1)
    assert due is not None
    notifier.answers[1] = Delivery.NOT_SENT
    clock.set(due)
    report = await service.dispatch_due(30)
    assert (report.sent, report.not_sent, report.missed) == (0, 1, 0)
    released = await row(uow, 1)
    assert released.lease_until is None and released.next_due_at == due  # offered again
    assert released.last_reminder_at is None and await kinds(uow, 1) == []
    del notifier.answers[1]
    clock.set(due + held_for)
    report = await service.dispatch_due(30)
    assert report.sent == (1 if sent_later else 0)
    assert report.missed == (0 if sent_later else 1)
    assert await kinds(uow, 1) == [BreakKind.PROMPTED if sent_later else BreakKind.MISSED]


async def test_every_send_carries_a_deadline_inside_its_lease_and_grace(
    uow: SqlUnitOfWorkFactory, service: ReminderService, clock: FixedClock, notifier: FakeNotifier
) -> None:
    (due,) = await onboard(uow, service, 1)
    assert due is not None
    clock.set(due + GRACE - timedelta(seconds=5))  # nearly too late: the grace decides
    await service.dispatch_due(30)
    assert notifier.sent[-1].deadline == due + GRACE
    async with uow() as work:
        await work.session.execute(update(ReminderStateRow).values(next_due_at=clock.now()))
        await work.commit()
    await service.dispatch_due(30)  # on time: the lease decides
    assert notifier.sent[-1].deadline == clock.now() + DEFAULT_LEASE - dispatch.SETTLE_MARGIN
