"""Storage of walkthrough outcomes (for the progression ladder) and uploaded picture ids."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from coach.progression import SessionOutcome
from storage.models import PictureFileRow, WorkoutSessionRow


class SqlWorkoutSessionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self, user_id: int, session_id: str, kind: str, outcome: SessionOutcome, now: datetime
    ) -> None:
        self._session.add(
            WorkoutSessionRow(
                user_id=user_id,
                session_id=session_id,
                kind=kind,
                local_date=outcome.local_date,
                completed=outcome.completed,
                new_symptom=outcome.new_symptom,
                max_pain=outcome.max_pain,
                exercise_pains=dict(outcome.exercise_pains),
                finished_at=now,
            )
        )
        await self._session.flush()

    async def history(self, user_id: int) -> list[SessionOutcome]:
        rows = await self._session.scalars(
            select(WorkoutSessionRow)
            .where(WorkoutSessionRow.user_id == user_id)
            .order_by(WorkoutSessionRow.local_date, WorkoutSessionRow.id)
        )
        return [
            SessionOutcome(
                local_date=row.local_date,
                exercise_pains={
                    str(k): (None if v is None else int(v)) for k, v in row.exercise_pains.items()
                },
                max_pain=row.max_pain,
                completed=row.completed,
                new_symptom=row.new_symptom,
            )
            for row in rows
        ]


class SqlPictureFileRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, key: str) -> str | None:
        row = await self._session.get(PictureFileRow, key)
        return None if row is None else row.file_id

    async def put(self, key: str, file_id: str, now: datetime) -> None:
        row = await self._session.get(PictureFileRow, key)
        if row is None:
            row = PictureFileRow(key=key)
            self._session.add(row)
        row.file_id, row.updated_at = file_id, now
        await self._session.flush()
