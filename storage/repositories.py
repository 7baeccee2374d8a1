"""SQLAlchemy implementations of the core's repositories. None of them commits."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from coach.dialog import Dialog
from coach.profile import Profile, mask_to_work_days, work_days_to_mask
from coach.screening import Outcome, ScreeningRecord, ScreeningResult
from storage.models import DialogRow, ProcessedUpdateRow, ScreeningRow, UserRow


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def _time(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


def _profile(row: UserRow) -> Profile:
    return Profile(
        user_id=row.id,
        chat_id=row.chat_id,
        created_at=row.created_at,
        language=row.language,
        timezone=row.timezone,
        work_days=mask_to_work_days(row.work_days),
        work_start=_time(row.work_start_min),
        work_end=_time(row.work_end_min),
        sit_interval_min=row.sit_interval_min,
        exercise_time=None if row.exercise_time_min is None else _time(row.exercise_time_min),
        goal_days_per_week=row.goal_days_per_week,
        active=row.active,
        onboarded_at=row.onboarded_at,
    )


def _fill(row: UserRow, profile: Profile) -> None:
    row.chat_id = profile.chat_id
    row.language = profile.language
    row.timezone = profile.timezone
    row.work_days = work_days_to_mask(profile.work_days)
    row.work_start_min = _minutes(profile.work_start)
    row.work_end_min = _minutes(profile.work_end)
    row.sit_interval_min = profile.sit_interval_min
    row.exercise_time_min = (
        None if profile.exercise_time is None else _minutes(profile.exercise_time)
    )
    row.goal_days_per_week = profile.goal_days_per_week
    row.active = profile.active
    row.onboarded_at = profile.onboarded_at


class SqlUserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: int) -> Profile | None:
        row = await self._session.get(UserRow, user_id)
        return None if row is None else _profile(row)

    async def add(self, profile: Profile) -> None:
        row = UserRow(
            id=profile.user_id, created_at=profile.created_at, updated_at=profile.created_at
        )
        _fill(row, profile)
        self._session.add(row)
        await self._session.flush()

    async def save(self, profile: Profile, now: datetime) -> None:
        row = await self._session.get(UserRow, profile.user_id)
        if row is None:
            raise LookupError(f"user {profile.user_id} does not exist")
        _fill(row, profile)
        row.updated_at = now
        await self._session.flush()

    async def count(self) -> int:
        return int(await self._session.scalar(select(func.count()).select_from(UserRow)) or 0)


class SqlDialogRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: int) -> Dialog | None:
        row = await self._session.get(DialogRow, user_id)
        return None if row is None else Dialog(row.flow, row.step, dict(row.data))

    async def put(self, user_id: int, dialog: Dialog, now: datetime) -> None:
        row = await self._session.get(DialogRow, user_id)
        if row is None:
            row = DialogRow(user_id=user_id)
            self._session.add(row)
        row.flow, row.step, row.data, row.updated_at = (
            dialog.flow,
            dialog.step,
            dict(dialog.data),
            now,
        )
        await self._session.flush()

    async def clear(self, user_id: int) -> None:
        await self._session.execute(delete(DialogRow).where(DialogRow.user_id == user_id))


class SqlUpdateLog:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, update_id: int, now: datetime) -> bool:
        values = {"update_id": update_id, "processed_at": now}
        insert = pg_insert if _dialect(self._session) == "postgresql" else sqlite_insert
        statement = insert(ProcessedUpdateRow).values(values).on_conflict_do_nothing()
        result = await self._session.execute(statement)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def prune(self, before: datetime) -> int:
        result = await self._session.execute(
            delete(ProcessedUpdateRow).where(ProcessedUpdateRow.processed_at < before)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


class SqlScreeningRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _latest_row(self, user_id: int) -> ScreeningRow | None:
        statement = (
            select(ScreeningRow)
            .where(ScreeningRow.user_id == user_id)
            .order_by(ScreeningRow.completed_at.desc(), ScreeningRow.id.desc())
            .limit(1)
        )
        return (await self._session.scalars(statement)).first()

    async def latest(self, user_id: int) -> ScreeningRecord | None:
        row = await self._latest_row(user_id)
        if row is None:
            return None
        return ScreeningRecord(
            outcome=Outcome(row.outcome),
            completed_at=row.completed_at,
            pain_baseline=row.pain_now,
            flagged_before=row.flagged_before,
            doctor_cleared=row.doctor_cleared,
        )

    async def add(self, user_id: int, result: ScreeningResult, record: ScreeningRecord) -> None:
        self._session.add(
            ScreeningRow(
                user_id=user_id,
                questionnaire_version=result.version,
                outcome=record.outcome.value,
                answers=dict(result.answers),
                pain_now=result.pain_now,
                duration=result.duration,
                flagged_before=record.flagged_before,
                doctor_cleared=record.doctor_cleared,
                completed_at=record.completed_at,
            )
        )
        await self._session.flush()

    async def confirm_doctor_clearance(self, user_id: int) -> None:
        row = await self._latest_row(user_id)
        if row is not None:
            row.doctor_cleared = True
            await self._session.flush()
