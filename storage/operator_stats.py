"""Counts for operators: one aggregate query per figure, no row about a person leaves here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Select

from coach.activity import BreakKind
from coach.operator import ACTIVE_WINDOW, REMINDER_WINDOW, Overview
from storage.models import (
    BreakEventRow,
    ReminderStateRow,
    RepEntryRow,
    ScreeningRow,
    UserRow,
)


class SqlOperatorStats:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _count(self, statement: Select[Any]) -> int:
        # Counts over every user: in the SQLite connection's own thread, never inline on the
        # event loop (storage/sqlite_driver.py), even inside an update's transaction.
        return int((await self._session.scalar(statement.execution_options(threaded=True))) or 0)

    async def overview(self, now: datetime) -> Overview:
        users, breaks, state = UserRow, BreakEventRow, ReminderStateRow
        since_active, since_day = now - ACTIVE_WINDOW, now - REMINDER_WINDOW
        movers = union(
            select(RepEntryRow.user_id).where(RepEntryRow.recorded_at >= since_active),
            select(breaks.user_id).where(
                breaks.recorded_at >= since_active, breaks.kind == BreakKind.TAKEN.value
            ),
        ).subquery()
        later = aliased(ScreeningRow)
        newer = exists().where(
            later.user_id == ScreeningRow.user_id,
            or_(
                later.completed_at > ScreeningRow.completed_at,
                and_(later.completed_at == ScreeningRow.completed_at, later.id > ScreeningRow.id),
            ),
        )

        def reminders(kind: BreakKind) -> Select[Any]:
            return select(func.count()).where(
                breaks.kind == kind.value, breaks.recorded_at >= since_day
            )

        return Overview(
            users=await self._count(select(func.count()).select_from(users)),
            onboarded=await self._count(
                select(func.count()).where(users.onboarded_at.is_not(None))
            ),
            active_7d=await self._count(select(func.count()).select_from(movers)),
            on_hold=await self._count(
                select(func.count()).where(ScreeningRow.hold_reason.is_not(None), ~newer)
            ),
            paused=await self._count(select(func.count()).where(state.paused_until > now)),
            blocked=await self._count(select(func.count()).where(users.active.is_(False))),
            reminders_sent_24h=await self._count(reminders(BreakKind.PROMPTED)),
            reminders_missed_24h=await self._count(reminders(BreakKind.MISSED)),
            reminders_parked=await self._count(
                select(func.count()).where(state.parked_at.is_not(None))
            ),
            summaries_parked=await self._count(
                select(func.count()).where(users.summary_parked_at.is_not(None))
            ),
            due_backlog=await self.due_backlog(now),
        )

    async def due_backlog(self, now: datetime) -> int:
        state = ReminderStateRow
        return await self._count(
            select(func.count()).where(
                state.next_due_at <= now,
                state.parked_at.is_(None),
                or_(state.lease_until.is_(None), state.lease_until <= now),
            )
        )
