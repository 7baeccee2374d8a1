"""Repositories of the progress area: frozen days, messages about one exercise, weekly summaries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, literal_column, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.util import identity_key

from coach.profile import Profile
from coach.progress import FrozenKind, MessageExercise
from storage.models import FrozenDayRow, MessageExerciseRow, ScreeningRow, UserRow
from storage.repositories import ScreeningRows, _profile


def _insert(session: AsyncSession) -> Callable[..., Any]:
    """The dialect's INSERT, for ON CONFLICT (both dialects spell it the same way)."""
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


# A bot message's exercise and the user's screenings (oldest first), one statement: one
# row per screening, or one row of NULLs on the side that has none.
_EXERCISE_AND_SCREENINGS = (
    select(MessageExerciseRow, ScreeningRow)
    .select_from(
        select(literal_column("1").label("one"))
        .subquery("one_row")
        .outerjoin(
            MessageExerciseRow,
            and_(
                MessageExerciseRow.user_id == bindparam("user_id"),
                MessageExerciseRow.message_id == bindparam("message_id"),
            ),
        )
        .outerjoin(ScreeningRow, ScreeningRow.user_id == bindparam("user_id"))
    )
    .order_by(ScreeningRow.completed_at, ScreeningRow.id)
)

# Built once: a statement made anew for every call costs more than running it (hot paths).
_FROZEN_BETWEEN = select(FrozenDayRow.local_date, FrozenDayRow.kind).where(
    FrozenDayRow.user_id == bindparam("user_id"),
    FrozenDayRow.local_date >= bindparam("first"),
    FrozenDayRow.local_date <= bindparam("last"),
)


class SqlFrozenDayRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, user_id: int, day: date, kind: FrozenKind) -> None:
        statement = (
            _insert(self._session)(FrozenDayRow)
            .values(user_id=user_id, local_date=day, kind=kind.value)
            .on_conflict_do_nothing()
        )
        await self._session.execute(statement)

    async def between(self, user_id: int, first: date, last: date) -> dict[date, FrozenKind]:
        params = {"user_id": user_id, "first": first, "last": last}
        rows = await self._session.execute(_FROZEN_BETWEEN, params)
        return {row.local_date: FrozenKind(row.kind) for row in rows}

    async def remove_from(self, user_id: int, first: date, kind: FrozenKind) -> None:
        await self._session.execute(
            delete(FrozenDayRow).where(
                FrozenDayRow.user_id == user_id,
                FrozenDayRow.local_date >= first,
                FrozenDayRow.kind == kind.value,
            )
        )


class SqlMessageExerciseRepository:
    def __init__(self, session: AsyncSession, screenings: ScreeningRows | None = None) -> None:
        self._session = session
        self._screenings: ScreeningRows = screenings if screenings is not None else {}
        self._absent: set[tuple[int, int]] = set()
        """Messages known to be about no exercise in this transaction."""

    async def remember(
        self, user_id: int, message_id: int, about: MessageExercise, now: datetime
    ) -> None:
        values = {
            "user_id": user_id,
            "message_id": message_id,
            "exercise_id": about.exercise_id,
            "side": about.side,
            "created_at": now,
        }
        statement = (
            _insert(self._session)(MessageExerciseRow)
            .values(values)
            .on_conflict_do_update(
                index_elements=["user_id", "message_id"],
                set_={"exercise_id": about.exercise_id, "side": about.side, "created_at": now},
            )
        )
        await self._session.execute(statement)
        self._absent.discard((user_id, message_id))

    async def get(self, user_id: int, message_id: int) -> MessageExercise | None:
        """The exercise a bot message was about. A reply about an exercise logs reps, which
        the safety rule must allow next: the user's screenings come in the same statement."""
        key = (user_id, message_id)
        if key in self._absent:
            return None
        known = self._session.sync_session.identity_map.get(identity_key(MessageExerciseRow, key))
        if known is None and user_id not in self._screenings:
            rows = (
                await self._session.execute(
                    _EXERCISE_AND_SCREENINGS, {"user_id": user_id, "message_id": message_id}
                )
            ).all()
            self._screenings[user_id] = [s for _, s in rows if s is not None]
            row = rows[0][0] if rows else None
        else:
            row = await self._session.get(MessageExerciseRow, key)
        if row is None:
            self._absent.add(key)
            return None
        return MessageExercise(row.exercise_id, row.side)

    async def prune(self, before: datetime) -> int:
        result = await self._session.execute(
            delete(MessageExerciseRow).where(MessageExerciseRow.created_at < before)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


class SqlWeeklySummaryRepository:
    """The weekly summary schedule on `users`, claimed like reminders (storage.reminders).

    ``claim_due`` is one statement: ``UPDATE … WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP
    LOCKED) RETURNING``. On SQLite the transaction is ``BEGIN IMMEDIATE`` (storage.engine), so
    two claims queue; on PostgreSQL replicas skip each other's rows instead of waiting.
    """

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim_due(
        self, now: datetime, lease_until: datetime, token: str, limit: int
    ) -> list[tuple[Profile, datetime]]:
        if limit <= 0:
            return []
        due = (
            select(UserRow.id)
            .where(
                UserRow.summary_next_at <= now,
                or_(UserRow.summary_lease_until.is_(None), UserRow.summary_lease_until <= now),
                UserRow.summary_parked_at.is_(None),
            )
            .order_by(UserRow.summary_next_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        statement = (
            update(UserRow)
            .where(UserRow.id.in_(due))
            .values(summary_lease_until=lease_until, summary_lease_token=token)
            .returning(UserRow)
            .execution_options(synchronize_session=False, populate_existing=True)
        )
        rows = (await self._session.scalars(statement)).all()
        claimed = [(_profile(row), row.summary_next_at) for row in rows if row.summary_next_at]
        claimed.sort(key=lambda item: (item[1], item[0].user_id))
        return claimed

    async def confirm(
        self, user_id: int, token: str, next_at: datetime, sent_at: datetime | None
    ) -> bool:
        values: dict[str, datetime | int | None] = {
            "summary_next_at": next_at,
            "summary_lease_until": None,
            "summary_lease_token": None,
            "summary_attempts": 0,
        }
        if sent_at is not None:
            values["summary_sent_at"] = sent_at
        result = await self._session.execute(
            update(UserRow)
            .where(UserRow.id == user_id, UserRow.summary_lease_token == token)
            .values(values)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount) == 1  # type: ignore[attr-defined]

    async def release(self, user_ids: Sequence[int], token: str) -> int:
        if not user_ids:
            return 0
        result = await self._session.execute(
            update(UserRow)
            .where(UserRow.id.in_(user_ids), UserRow.summary_lease_token == token)
            .values(summary_lease_until=None, summary_lease_token=None)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def unscheduled(self, now: datetime, limit: int) -> list[Profile]:
        statement = (
            select(UserRow)
            .where(
                UserRow.summary_next_at.is_(None),
                UserRow.onboarded_at.is_not(None),
                UserRow.timezone.is_not(None),
                UserRow.summary_parked_at.is_(None),
                or_(UserRow.summary_lease_until.is_(None), UserRow.summary_lease_until <= now),
            )
            .limit(limit)
        )
        return [_profile(row) for row in await self._session.scalars(statement)]

    async def schedule(self, user_id: int, next_at: datetime, sent_at: datetime | None) -> None:
        values: dict[str, datetime | int | None] = {
            "summary_next_at": next_at,
            "summary_lease_until": None,
            "summary_lease_token": None,
            "summary_attempts": 0,
            "summary_parked_at": None,
        }
        if sent_at is not None:
            values["summary_sent_at"] = sent_at
        await self._session.execute(update(UserRow).where(UserRow.id == user_id).values(values))

    async def fail(self, user_id: int, token: str | None) -> int | None:
        """Count a failed try and drop the claim; returns the failed tries in a row.

        With a ``token``, only while it holds the claim (else None); without one, for a user
        not yet scheduled.
        """
        condition = (
            UserRow.summary_lease_token == token
            if token is not None
            else UserRow.summary_next_at.is_(None)
        )
        statement = (
            update(UserRow)
            .where(UserRow.id == user_id, condition)
            .values(summary_attempts=UserRow.summary_attempts + 1, summary_lease_token=None)
            .returning(UserRow.summary_attempts)
            .execution_options(synchronize_session=False)
        )
        attempts: int | None = (await self._session.execute(statement)).scalar_one_or_none()
        return attempts

    async def hold(self, user_id: int, until: datetime) -> None:
        await self._session.execute(
            update(UserRow)
            .where(UserRow.id == user_id)
            .values(summary_lease_until=until, summary_lease_token=None)
            .execution_options(synchronize_session=False)
        )

    async def park(self, user_id: int, now: datetime) -> None:
        await self._session.execute(
            update(UserRow)
            .where(UserRow.id == user_id)
            .values(
                summary_parked_at=now,
                summary_next_at=None,
                summary_lease_until=None,
                summary_lease_token=None,
            )
            .execution_options(synchronize_session=False)
        )

    async def count_parked(self) -> int:
        statement = select(func.count()).where(UserRow.summary_parked_at.is_not(None))
        return int((await self._session.execute(statement)).scalar_one())
