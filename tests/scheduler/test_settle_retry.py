"""The database goes away between a batch's sends and their confirmation.

The process knows what it sent: it keeps trying to confirm (with backoff) while the lease
holds, so the rows are not sent again once the lease has run out; and the tick reports what
was confirmed, never a batch "sent" that the database did not take.
"""

from __future__ import annotations

import asyncio
from contextlib import AbstractAsyncContextManager
from datetime import datetime, timedelta

from coach.clock import FixedClock
from coach.reminder_state import SitBreakReminder
from coach.services.reminders import DEFAULT_LEASE, ReminderService
from storage.uow import SqlUnitOfWorkFactory
from tests.scheduler.conftest import GRACE, FakeNotifier
from tests.scheduler.test_dispatch_safety import add_rows, row

USERS = [1, 2, 3]
DUE = datetime.fromisoformat("2026-11-25T08:00:00+00:00")


class FlakyDatabase:
    """The real storage, until ``away``: then every transaction is refused (a restart)."""

    def __init__(self, inner: SqlUnitOfWorkFactory) -> None:
        self.inner = inner
        self.away = False
        self.refused = asyncio.Event()

    def __call__(self, *, read_only: bool = False) -> AbstractAsyncContextManager[object]:
        if self.away:
            self.refused.set()
            raise ConnectionRefusedError("the database is restarting")
        return self.inner(read_only=read_only)  # type: ignore[return-value]


class GoneAfterSending(FakeNotifier):
    """Each send is made; the database goes away once it is."""

    def __init__(self, database: FlakyDatabase) -> None:
        super().__init__()
        self.database = database

    async def send_reminder(self, reminder: SitBreakReminder) -> object:
        delivery = await super().send_reminder(reminder)
        self.database.away = True
        return delivery


def setup(
    uow: SqlUnitOfWorkFactory, clock: FixedClock
) -> tuple[FlakyDatabase, GoneAfterSending, ReminderService]:
    database = FlakyDatabase(uow)
    notifier = GoneAfterSending(database)
    service = ReminderService(
        database,  # type: ignore[arg-type]
        clock,
        grace=GRACE,
        min_interval=timedelta(minutes=1),
        notifier=notifier,
    )
    return database, notifier, service


async def test_a_confirm_refused_by_the_database_is_retried_until_it_is_back(
    uow: SqlUnitOfWorkFactory, clock: FixedClock
) -> None:
    await add_rows(uow, dict.fromkeys(USERS, DUE))
    clock.set(DUE)
    database, notifier, service = setup(uow, clock)
    tick = asyncio.create_task(service.dispatch_due(30))
    await asyncio.wait_for(database.refused.wait(), timeout=30)  # the confirm met the outage
    assert not tick.done(), "the tick keeps trying to confirm"
    database.away = False  # the database is back
    report = await asyncio.wait_for(tick, timeout=30)

    assert (report.sent, report.unconfirmed, report.errors) == (3, 0, 0)
    for user_id in USERS:
        state = await row(uow, user_id)
        assert state.last_reminder_at == DUE and state.lease_until is None
        assert state.attempts == 0
    # Past the claim's lease nothing is left to send again.
    clock.set(DUE + DEFAULT_LEASE + timedelta(seconds=1))
    notifier.database = FlakyDatabase(uow)  # the database stays up from now on
    await service.dispatch_due(30)
    assert sorted(notifier.chats()) == USERS


async def test_a_confirm_still_refused_when_the_lease_ends_is_reported_unconfirmed(
    uow: SqlUnitOfWorkFactory, clock: FixedClock
) -> None:
    await add_rows(uow, dict.fromkeys(USERS, DUE))
    clock.set(DUE)
    database, _, service = setup(uow, clock)
    tick = asyncio.create_task(service.dispatch_due(30))
    await asyncio.wait_for(database.refused.wait(), timeout=30)
    clock.set(DUE + DEFAULT_LEASE)  # the lease runs out during the outage
    report = await asyncio.wait_for(tick, timeout=30)
    database.away = False

    assert (report.claimed, report.sent, report.unconfirmed) == (3, 0, 3)
    for user_id in USERS:
        assert (await row(uow, user_id)).lease_until == DUE + DEFAULT_LEASE
