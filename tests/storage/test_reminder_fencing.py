"""Fenced leases with two dispatchers on one database (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta

from coach.activity import BreakKind
from coach.clock import FixedClock
from coach.profile import Profile
from coach.reminder_state import Delivery, Lease, ReminderState, SitBreakReminder
from coach.services.reminders import DEFAULT_LEASE, ReminderService
from storage.uow import SqlUnitOfWorkFactory

START = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
GRACE = timedelta(minutes=10)


class Notifier:
    """Records sends; with ``hold`` set, every send waits for ``release``."""

    def __init__(self, *, hold: bool = False) -> None:
        self.sent: list[SitBreakReminder] = []
        self.hold = hold
        self.holding = asyncio.Event()
        self.release = asyncio.Event()

    async def send_reminder(self, reminder: SitBreakReminder) -> Delivery:
        self.sent.append(reminder)
        if self.hold:
            self.holding.set()
            await self.release.wait()
        return Delivery.SENT

    async def send_session_reminder(self, reminder: object) -> Delivery:
        return Delivery.SENT


async def onboarded(uow: SqlUnitOfWorkFactory, service: ReminderService) -> datetime:
    async with uow() as work:
        await work.users.add(
            Profile(
                user_id=1,
                chat_id=1,
                created_at=START,
                timezone="Europe/Berlin",
                work_start=time(9),
                work_end=time(17),
                onboarded_at=START,
            )
        )
        await work.commit()
    due = await service.reschedule(1)
    assert due is not None
    return due


async def state_of(uow: SqlUnitOfWorkFactory) -> ReminderState:
    async with uow() as work:
        state = await work.reminders.get(1)
    assert state is not None
    return state


async def test_a_settle_after_the_lease_was_taken_over_changes_nothing(
    uow: SqlUnitOfWorkFactory,
) -> None:
    clock = FixedClock(START)
    slow, quick = Notifier(hold=True), Notifier()
    first = ReminderService(uow, clock, grace=GRACE, notifier=slow)
    second = ReminderService(uow, clock, grace=GRACE, notifier=quick)
    due = await onboarded(uow, first)
    clock.set(due)
    held = asyncio.create_task(first.dispatch_due(30))
    await slow.holding.wait()
    (late,) = slow.sent
    taken_over = due + DEFAULT_LEASE + timedelta(seconds=1)
    # The held message could not have left after this: the outbound queue refuses it.
    assert late.deadline is not None and late.deadline < taken_over
    clock.set(taken_over)
    assert (await second.dispatch_due(30)).sent == 1  # the lease ran out: re-claimed
    after_second = await state_of(uow)
    assert after_second.last_reminder_at == taken_over and after_second.lease_until is None
    slow.release.set()
    await held  # its settle finds another claim's token: nothing is written
    final = await state_of(uow)
    assert final == after_second
    assert final.last_reminder_at == taken_over  # never moved backwards
    async with uow() as work:
        kinds = [event.kind for event in await work.breaks.all_for(1)]
    assert kinds == [BreakKind.PROMPTED]


async def test_sit_break_and_session_claims_never_block_each_other(
    uow: SqlUnitOfWorkFactory,
) -> None:
    clock = FixedClock(START)
    service = ReminderService(uow, clock, grace=GRACE, notifier=Notifier())
    await onboarded(uow, service)
    async with uow() as work:
        state = await work.reminders.get(1, lock=True)
        assert state is not None
        await work.reminders.put(state.with_changes(next_due_at=START, session_due_at=START))
        await work.commit()
    async with uow() as work:
        sit = await work.reminders.claim_due(START, START + DEFAULT_LEASE, 30)
        session = await work.reminders.claim_due(
            START, START + DEFAULT_LEASE, 30, lease=Lease.SESSION
        )
        await work.commit()
    assert [s.user_id for s in sit] == [1] and [s.user_id for s in session] == [1]
    sit_token, session_token = sit[0].lease_token, session[0].session_lease_token
    assert sit_token is not None and session_token is not None and sit_token != session_token
    async with uow() as work:  # settling one leaves the other's lease alone
        await work.reminders.write_claimed(
            [(1, {"lease_until": None, "lease_token": None})], sit_token
        )
        await work.commit()
    state = await state_of(uow)
    assert state.lease_until is None and state.session_lease_token == session_token
