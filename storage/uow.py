"""The unit of work: one session and one transaction per use case."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.export import SqlUserDataExport
from storage.operator_stats import SqlOperatorStats
from storage.progress_repositories import (
    SqlFrozenDayRepository,
    SqlMessageExerciseRepository,
    SqlWeeklySummaryRepository,
)
from storage.reminders import SqlReminderRepository
from storage.repositories import (
    SqlBreakRepository,
    SqlDialogRepository,
    SqlPainRepository,
    SqlRepEntryRepository,
    SqlScreeningRepository,
    SqlUpdateLog,
    SqlUserRepository,
)
from storage.workouts import SqlPictureFileRepository, SqlWorkoutSessionRepository


class SqlUnitOfWork:
    """Opens a session on enter; rolls back on exit unless `commit()` was called."""

    users: SqlUserRepository
    dialogs: SqlDialogRepository
    updates: SqlUpdateLog
    screenings: SqlScreeningRepository
    reps: SqlRepEntryRepository
    pains: SqlPainRepository
    breaks: SqlBreakRepository
    workouts: SqlWorkoutSessionRepository
    pictures: SqlPictureFileRepository
    frozen_days: SqlFrozenDayRepository
    message_exercises: SqlMessageExerciseRepository
    summaries: SqlWeeklySummaryRepository
    reminders: SqlReminderRepository
    operator: SqlOperatorStats

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("unit of work used outside 'async with'")
        return self._session

    async def __aenter__(self) -> Self:
        self._session = self._sessions()
        self.users = SqlUserRepository(self._session)
        self.dialogs = SqlDialogRepository(self._session)
        self.updates = SqlUpdateLog(self._session)
        self.screenings = SqlScreeningRepository(self._session)
        self.reps = SqlRepEntryRepository(self._session)
        self.pains = SqlPainRepository(self._session)
        self.breaks = SqlBreakRepository(self._session)
        self.workouts = SqlWorkoutSessionRepository(self._session)
        self.pictures = SqlPictureFileRepository(self._session)
        self.frozen_days = SqlFrozenDayRepository(self._session)
        self.message_exercises = SqlMessageExerciseRepository(self._session)
        self.summaries = SqlWeeklySummaryRepository(self._session)
        self.reminders = SqlReminderRepository(self._session)
        self.user_data = SqlUserDataExport(self._session)
        self.operator = SqlOperatorStats(self._session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            await session.rollback()
        finally:
            await session.close()
            self._session = None

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()


class SqlUnitOfWorkFactory:
    """Creates units of work bound to one engine."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False, autoflush=False)

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._sessions)
