"""The sit-break schedule in SQL: rows keyed by user, claimed with a fenced lease.

``claim_due`` is one statement: ``UPDATE … WHERE user_id IN (SELECT … LIMIT n) RETURNING``.
It writes a lease and a fresh random token; every later write of that claim (confirm,
release, failure) is a compare-and-set ``UPDATE … WHERE user_id = ? AND lease_token = ?``,
so a claim whose lease expired and was taken over by another dispatcher changes nothing.
On SQLite the surrounding transaction is ``BEGIN IMMEDIATE`` (storage.engine), so two
dispatchers cannot claim the same row; on PostgreSQL the inner select takes
``FOR UPDATE SKIP LOCKED``, so replicas share the due rows instead of waiting for each other.
Sit-break and session reminders lease a row independently (``lease_*`` and
``session_lease_*``), so one claim never blocks or clobbers the other.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, and_, bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from coach.profile import Profile
from coach.reminder_state import KEEP, Lease, ReminderState, Settle
from storage.models import ReminderStateRow, UserRow
from storage.progress_repositories import _insert
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
    "lease_token",
    "session_lease_until",
    "session_lease_token",
    "attempts",
    "parked_at",
    "spread_minute",
)


def _state(row: ReminderStateRow) -> ReminderState:
    return ReminderState(user_id=row.user_id, **{name: getattr(row, name) for name in _FIELDS})


def new_token() -> str:
    return uuid.uuid4().hex


def _lease(lease: Lease) -> tuple[InstrumentedAttribute[Any], InstrumentedAttribute[Any]]:
    """The columns that hold ``lease``: (until, token)."""
    table = ReminderStateRow
    if lease is Lease.SESSION:
        return table.session_lease_until, table.session_lease_token
    return table.lease_until, table.lease_token


_SETTLED = ("next_due_at", "session_due_at", "last_reminder_at", "last_session_at")
"""The ``Settle`` fields, each written to the column of the same name unless ``KEEP``."""


def _settle_values(settle: Settle, lease: Lease) -> dict[str, object]:
    until, token = _lease(lease)
    values: dict[str, object] = {until.key: None, token.key: None}
    for name in _SETTLED:
        value = getattr(settle, name)
        if value is not KEEP:
            values[name] = value
    if settle.reset_attempts:
        values["attempts"] = 0
    return values


# One row, read fresh (another transaction, a tick's settle, may have written it), built once.
_ROW = (
    select(ReminderStateRow)
    .where(ReminderStateRow.user_id == bindparam("user_id"))
    .execution_options(populate_existing=True)
)
_ROW_LOCKED = _ROW.with_for_update()


class SqlReminderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _row(self, user_id: int, *, lock: bool) -> ReminderStateRow | None:
        statement = _ROW_LOCKED if lock else _ROW
        return (await self._session.scalars(statement, {"user_id": user_id})).first()

    async def get(self, user_id: int, *, lock: bool = False) -> ReminderState | None:
        row = await self._row(user_id, lock=lock)
        return None if row is None else _state(row)

    async def get_many(
        self,
        user_ids: list[int],
        *,
        lock: bool = False,
        token: str | None = None,
        lease: Lease = Lease.SIT_BREAK,
    ) -> dict[int, ReminderState]:
        """The rows of ``user_ids``; with ``token`` only those that claim still holds."""
        if not user_ids:
            return {}
        statement = select(ReminderStateRow).where(ReminderStateRow.user_id.in_(user_ids))
        if token is not None:
            statement = statement.where(_lease(lease)[1] == token)
        if lock:
            statement = statement.with_for_update()
        rows = await self._session.scalars(statement.execution_options(populate_existing=True))
        return {row.user_id: _state(row) for row in rows}

    async def profiles(self, user_ids: list[int]) -> dict[int, Profile]:
        if not user_ids:
            return {}
        rows = await self._session.scalars(
            select(UserRow)
            .where(UserRow.id.in_(user_ids))
            .execution_options(populate_existing=True)
        )
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
        self,
        now: datetime,
        lease_until: datetime,
        limit: int,
        *,
        lease: Lease = Lease.SIT_BREAK,
        since: datetime | None = None,
    ) -> list[ReminderState]:
        """Lease up to ``limit`` rows due in ``[since, now]``, oldest first, with one new token."""
        session = lease is Lease.SESSION
        column = ReminderStateRow.session_due_at if session else ReminderStateRow.next_due_at
        window = [column.is_not(None), column <= now]
        if since is not None:
            window.append(column >= since)
        return await self._claim(and_(*window), column, now, lease_until, limit, lease)

    async def claim_expired(
        self, before: datetime, now: datetime, lease_until: datetime, limit: int
    ) -> list[ReminderState]:
        """Lease up to ``limit`` sit-break rows due before ``before`` (too late to send)."""
        column = ReminderStateRow.next_due_at
        condition = and_(column.is_not(None), column < before)
        return await self._claim(condition, column, now, lease_until, limit, Lease.SIT_BREAK)

    async def _claim(
        self,
        condition: ColumnElement[bool],
        column: InstrumentedAttribute[datetime | None],
        now: datetime,
        lease_until: datetime,
        limit: int,
        kind: Lease,
    ) -> list[ReminderState]:
        if limit <= 0:
            return []
        table = ReminderStateRow
        lease, token_column = _lease(kind)
        due = (
            select(table.user_id)
            .where(
                condition,
                table.parked_at.is_(None),
                or_(lease.is_(None), lease <= now),
            )
            .order_by(column)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        token = new_token()
        statement = (
            update(table)
            .where(table.user_id.in_(due))
            .values({lease.key: lease_until, token_column.key: token})
            .returning(table)
            .execution_options(synchronize_session=False, populate_existing=True)
        )
        rows = (await self._session.scalars(statement)).all()
        claimed = [_state(row) for row in rows]
        claimed.sort(
            key=lambda state: (
                (state.session_due_at if kind is Lease.SESSION else state.next_due_at) or now,
                state.user_id,
            )
        )
        return claimed

    async def settle_claimed(
        self, settles: Sequence[tuple[int, Settle]], token: str, *, lease: Lease
    ) -> None:
        """Release ``lease`` and write each row's settle, only while ``token`` holds it."""
        changes = [(user_id, _settle_values(settle, lease)) for user_id, settle in settles]
        await self.write_claimed(changes, token, lease=lease)

    async def write_claimed(
        self,
        changes: Sequence[tuple[int, Mapping[str, object]]],
        token: str,
        *,
        lease: Lease = Lease.SIT_BREAK,
    ) -> None:
        """Compare-and-set: write each row's ``changes`` only while ``token`` holds its lease.

        Rows with the same changed columns go out as one executemany.
        """
        # The Core table, not the ORM entity: a plain executemany with the token in WHERE
        # (an ORM bulk UPDATE would match by primary key only).
        table = cast(Table, ReminderStateRow.__table__)
        token_column = table.c[_lease(lease)[1].key]
        groups: dict[tuple[str, ...], list[dict[str, object]]] = {}
        for user_id, values in changes:
            keys = tuple(sorted(values))
            params: dict[str, object] = {f"v_{key}": value for key, value in values.items()}
            params.update(b_user_id=user_id, b_token=token)
            groups.setdefault(keys, []).append(params)
        for keys, rows in groups.items():
            statement = (
                update(table)
                .where(
                    table.c.user_id == bindparam("b_user_id"),
                    token_column == bindparam("b_token"),
                )
                .values({key: bindparam(f"v_{key}", type_=table.c[key].type) for key in keys})
            )
            await self._session.execute(statement, rows)

    async def fail_claimed(
        self, user_id: int, token: str, retry_at: datetime, *, lease: Lease = Lease.SIT_BREAK
    ) -> int | None:
        """Count one failed dispatch and hold the row until ``retry_at``; the new count.

        None when the claim no longer holds the row (nothing changed).
        """
        until, token_column = _lease(lease)
        table = ReminderStateRow
        statement = (
            update(table)
            .where(table.user_id == user_id, token_column == token)
            .values({"attempts": table.attempts + 1, until.key: retry_at, token_column.key: None})
            .returning(table.attempts)
            .execution_options(synchronize_session=False)
        )
        return (await self._session.execute(statement)).scalar_one_or_none()

    async def park(self, user_id: int, now: datetime) -> None:
        """Stop offering the row: nothing is due until the user changes something."""
        table = ReminderStateRow
        await self._session.execute(
            update(table)
            .where(table.user_id == user_id)
            .values(
                parked_at=now,
                next_due_at=None,
                session_due_at=None,
                lease_until=None,
                lease_token=None,
                session_lease_until=None,
                session_lease_token=None,
            )
            .execution_options(synchronize_session=False)
        )

    async def parked(self, limit: int) -> list[int]:
        table = ReminderStateRow
        statement = (
            select(table.user_id)
            .where(table.parked_at.is_not(None))
            .order_by(table.user_id)
            .limit(limit)
        )
        return list((await self._session.scalars(statement)).all())

    async def count_parked(self) -> int:
        statement = select(func.count()).where(ReminderStateRow.parked_at.is_not(None))
        return int((await self._session.execute(statement)).scalar_one())

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

    async def create_missing(self, user_ids: Sequence[int]) -> None:
        if not user_ids:
            return
        statement = (
            _insert(self._session)(ReminderStateRow)
            .values([{"user_id": user_id} for user_id in user_ids])
            .on_conflict_do_nothing()
        )
        await self._session.execute(statement)

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
