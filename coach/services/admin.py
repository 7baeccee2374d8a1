"""The operator's view: counts for `/admin` and the one action it offers (un-park rows).

Who is an operator is configuration (``ADMIN_CHAT_IDS``), checked here so no handler can
forget it; everyone else is answered as if the command did not exist.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from coach.clock import Clock
from coach.operator import Overview
from coach.ports import UnitOfWorkFactory
from coach.services.reminders import ReminderService

UNPARK_BATCH = 500


@dataclass(frozen=True, slots=True)
class Unparked:
    rows: int


class AdminService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        reminders: ReminderService,
        admins: Collection[int],
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._reminders = reminders
        self._admins = frozenset(admins)

    def is_admin(self, user_id: int) -> bool:
        return user_id in self._admins

    async def overview(self) -> Overview:
        async with self._uow(read_only=True) as work:
            return await work.operator.overview(self._clock.now())

    async def due_backlog(self) -> int:
        async with self._uow(read_only=True) as work:
            return await work.operator.due_backlog(self._clock.now())

    async def unpark(self) -> Unparked:
        """Give every parked reminder row a fresh start (as a change by its user would)."""
        total = 0
        while True:
            async with self._uow() as work:
                ids = await work.reminders.parked(UNPARK_BATCH)
                for user_id in ids:
                    await self._reminders.refresh_in(work, user_id, self._clock.now())
                await work.commit()
            total += len(ids)
            if len(ids) < UNPARK_BATCH:
                return Unparked(total)
