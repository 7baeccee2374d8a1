"""A batch held by one send: the rest is confirmed meanwhile, so a take-over never resends it.

Two dispatchers on one database (SQLite and PostgreSQL), the real ``CONFIRM_EVERY``.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from coach.activity import BreakKind
from coach.clock import FixedClock
from coach.reminder_state import Delivery, ReminderState, SessionReminder, SitBreakReminder
from coach.services.reminder_dispatch import CONFIRM_EVERY
from coach.services.reminders import DEFAULT_LEASE, ReminderService
from storage.uow import SqlUnitOfWorkFactory
from tests.scheduler.conftest import GRACE, START
from tests.scheduler.test_dispatch_safety import add_rows

USERS = [1, 2, 3]
HELD = 2


class HoldOne:
    """Answers at once, except for one chat, whose send waits until ``release`` is set."""

    def __init__(self, held: int | None) -> None:
        self.held = held
        self.sent: list[SitBreakReminder] = []
        self.holding = asyncio.Event()
        self.release = asyncio.Event()

    async def send_reminder(self, reminder: SitBreakReminder) -> Delivery:
        self.sent.append(reminder)
        if reminder.chat_id == self.held:
            self.holding.set()
            await self.release.wait()
            return Delivery.NOT_SENT  # its deadline passed while it was held
        return Delivery.SENT

    async def send_session_reminder(self, reminder: SessionReminder) -> Delivery:
        return Delivery.SENT


async def rows(uow: SqlUnitOfWorkFactory) -> dict[int, ReminderState]:
    async with uow() as work:
        return await work.reminders.get_many(USERS)


async def until_confirmed_but_held(uow: SqlUnitOfWorkFactory) -> dict[int, ReminderState]:
    """Poll the rows: the delivered ones confirmed, the held one still leased."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CONFIRM_EVERY.total_seconds() * 4
    while True:
        current = await rows(uow)
        delivered = [current[u] for u in USERS if u != HELD]
        if all(state.last_reminder_at is not None for state in delivered):
            return current
        if loop.time() > deadline:
            raise AssertionError("the delivered reminders were not confirmed while one was held")
        await asyncio.sleep(0.05)


async def test_a_held_send_never_holds_the_confirmation_of_its_batch(
    uow: SqlUnitOfWorkFactory,
) -> None:
    clock = FixedClock(START + timedelta(minutes=1))
    await add_rows(uow, dict.fromkeys(USERS, START))
    slow, quick = HoldOne(HELD), HoldOne(None)
    first = ReminderService(uow, clock, grace=GRACE, notifier=slow)
    second = ReminderService(uow, clock, grace=GRACE, notifier=quick)
    tick = asyncio.create_task(first.dispatch_due(30))
    await slow.holding.wait()
    held = await until_confirmed_but_held(uow)
    assert held[HELD].lease_until is not None and held[HELD].last_reminder_at is None
    assert all(held[u].lease_until is None for u in USERS if u != HELD)

    clock.set(START + timedelta(minutes=1) + DEFAULT_LEASE + timedelta(seconds=1))
    report = await second.dispatch_due(30)  # only the held row's lease ran out
    assert [reminder.chat_id for reminder in quick.sent] == [HELD] and report.sent == 1
    taken = await rows(uow)

    slow.release.set()
    late = await tick
    assert late.sent == len(USERS) - 1 and late.not_sent == 1
    assert await rows(uow) == taken  # the late settle finds another claim's token
    async with uow() as work:
        prompted = [
            event.user_id
            for user_id in USERS
            for event in await work.breaks.all_for(user_id)
            if event.kind is BreakKind.PROMPTED
        ]
    assert sorted(prompted) == USERS  # each reminder confirmed exactly once
