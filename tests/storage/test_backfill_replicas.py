"""Replicas starting together back-fill the same users' schedules without failing.

Each start creates the reminder row of every set-up user who has none; two processes doing
that at once used to collide on the primary key and one of them died at start.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import delete, func, select

from coach.clock import FixedClock
from coach.services.reminders import ReminderService
from storage.models import ReminderStateRow
from storage.uow import SqlUnitOfWorkFactory
from tests.scheduler.conftest import GRACE, START
from tests.scheduler.test_dispatch_safety import add_rows

USERS = range(1, 401)


async def test_two_replicas_back_filling_the_same_users_both_succeed(
    uow: SqlUnitOfWorkFactory,
) -> None:
    await add_rows(uow, {user_id: START for user_id in USERS})
    async with uow() as work:
        await work.session.execute(delete(ReminderStateRow))
        await work.commit()
    replicas = [ReminderService(uow, FixedClock(START), grace=GRACE) for _ in range(2)]

    created = await asyncio.gather(*(replica.backfill(batch=50) for replica in replicas))

    assert sum(created) >= len(USERS)
    async with uow() as work:
        count = await work.session.scalar(select(func.count()).select_from(ReminderStateRow))
        due = await work.session.scalar(
            select(func.count()).where(ReminderStateRow.next_due_at.is_not(None))
        )
    assert count == due == len(USERS)
