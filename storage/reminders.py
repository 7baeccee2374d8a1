"""The sit-break schedule in SQL: rows keyed by user, claimed with a lease.

``claim_due`` is one statement: ``UPDATE … WHERE user_id IN (SELECT … LIMIT n) RETURNING``.
On SQLite the surrounding transaction is ``BEGIN IMMEDIATE`` (storage.engine), so two
dispatchers cannot claim the same row; on PostgreSQL the inner select takes
``FOR UPDATE SKIP LOCKED``, so replicas share the due rows instead of waiting for each other.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from coach.profile import Profile
from coach.reminder_state import ReminderState
from storage.models import ReminderStateRow, UserRow
from storage.repositories import _profile

_FIELDS = (
    "next_due_at",
    "lease_until",
    "last_reminder_at",
    "last_break_at",
    "sitting_since",
    "snoozed_until",
    "paused_until",
    "manual_sit_started_at",
    "answered_at",
    "session_due_at",
    "last_session_at",
    "spread_minute",
)


def _state(row: ReminderStateRow) -> ReminderState:
    return ReminderState(user_id=row.user_id, **{name: getattr(row, name) for name in _FIELDS})


class SqlReminderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _row(self, user_id: int, *, lock: bool) -> ReminderStateRow | None:
        statement = select(ReminderStateRow).where(ReminderStateRow.user_id == user_id)
        if lock:
            statement = statement.with_for_update()
        return (
            await self._session.scalars(statement.execution_options(populate_existing=True))
        ).first()

    async def get(self, user_id: int, *, lock: bool = False) -> ReminderState | None:
        row = await self._row(user_id, lock=lock)
        return None if row is None else _state(row)

    async def get_many(
        self, user_ids: list[int], *, lock: bool = False
    ) -> dict[int, ReminderState]:
        if not user_ids:
            return {}
        statement = select(ReminderStateRow).where(ReminderStateRow.user_id.in_(user_ids))
        if lock:
            statement = statement.with_for_update()
        rows = await self._session.scalars(statement.execution_options(populate_existing=True))
        return {row.user_id: _state(row) for row in rows}

    async def profiles(self, user_ids: list[int]) -> dict[int, Profile]:
        if not user_ids:
            return {}
        rows = await self._session.scalars(select(UserRow).where(UserRow.id.in_(user_ids)))
        return {row.id: _profile(row) for row in rows}

    async def put(self, state: ReminderState) -> None:
        # Usually already in the session (read just before): no second query.
        row = await self._session.get(ReminderStateRow, state.user_id)
        if row is None:
            row = ReminderStateRow(user_id=state.user_id)
            self._session.add(row)
        for name in _FIELDS:
            setattr(row, name, getattr(state, name))
        # No flush here: a tick's batch goes out as one executemany at commit.

    async def claim_due(
        self, now: datetime, lease_until: datetime, limit: int, *, session: bool = False
    ) -> list[ReminderState]:
        if limit <= 0:
            return []
        table = ReminderStateRow
        column = table.session_due_at if session else table.next_due_at
        due = (
            select(table.user_id)
            .where(
                column.is_not(None),
                column <= now,
                or_(table.lease_until.is_(None), table.lease_until <= now),
            )
            .order_by(column)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        statement = (
            update(table)
            .where(table.user_id.in_(due))
            .values(lease_until=lease_until)
            .returning(table)
            .execution_options(synchronize_session=False, populate_existing=True)
        )
        rows = (await self._session.scalars(statement)).all()
        claimed = [_state(row) for row in rows]
        claimed.sort(
            key=lambda state: (
                (state.session_due_at if session else state.next_due_at) or now,
                state.user_id,
            )
        )
        return claimed

    async def count_sharing(self, minute: int) -> int:
        """Users with a scheduled reminder whose first-reminder boundary is at ``minute``.

        One range count on ``ix_reminder_state_spread`` (partial, like the due index): no
        row is loaded, and it reads only the index entries of that minute.
        """
        table = ReminderStateRow
        statement = select(func.count()).where(
            table.spread_minute == minute, table.next_due_at.is_not(None)
        )
        # No autoflush: inside a tick's confirmation the batch's rows wait for one executemany
        # at commit; a count that misses a row or two of them is just as good.
        with self._session.no_autoflush:
            return int((await self._session.scalar(statement)) or 0)

    async def without_spread(self, after: int, limit: int) -> list[int]:
        table = ReminderStateRow
        statement = (
            select(table.user_id)
            .where(
                table.spread_minute.is_(None),
                table.next_due_at.is_not(None),
                table.user_id > after,
            )
            .order_by(table.user_id)
            .limit(limit)
        )
        return list((await self._session.scalars(statement)).all())

    async def without_state(self, limit: int) -> list[int]:
        statement = (
            select(UserRow.id)
            .outerjoin(ReminderStateRow, ReminderStateRow.user_id == UserRow.id)
            .where(
                and_(
                    ReminderStateRow.user_id.is_(None),
                    UserRow.onboarded_at.is_not(None),
                    UserRow.active.is_(True),
                )
            )
            .order_by(UserRow.id)
            .limit(limit)
        )
        return list((await self._session.scalars(statement)).all())
