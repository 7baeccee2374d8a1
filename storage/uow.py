"""The unit of work: one session and one transaction per use case, or per update.

Outside an update (the scheduler's jobs, start-up) every ``async with uow() as work`` is a
transaction of its own. Inside an update the bot opens one ``UpdateTransaction``
(``SqlUnitOfWorkFactory.update_transaction``), and every unit of work the update's use
cases open joins it: the update-id claim, the flow lookup, the change and what the reply
needs are read and written in one transaction, each row read once (one session, so its
identity map). A use case's ``commit()`` there only says its work is complete; the
transaction commits once, before the first Bot API call made for the update
(``commit_update``, called by the bot) or when the update is done, so a reply never shows
what could still be rolled back. ``rollback_update`` (the error handler) drops the whole
update's work: a failing handler stores nothing half.

SQLite lets one connection write at a time. Its busy handler makes waiting writers poll and
sleep, so with many updates at once most of their time went into waiting (108 ms a
``BEGIN`` on average, docs/PERFORMANCE.md). Here the writers of this process queue in Python
instead (``WriteGate``), one after another, the scheduler's transactions before any
update's: a reminder tick never waits behind a crowd of replies.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar, Token
from enum import IntEnum
from types import TracebackType
from typing import Any, Self

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from storage.engine import READ_ONLY, is_sqlite_engine
from storage.export import SqlUserDataExport
from storage.operator_stats import SqlOperatorStats
from storage.progress_repositories import (
    SqlFrozenDayRepository,
    SqlMessageExerciseRepository,
    SqlWeeklySummaryRepository,
)
from storage.reminders import SqlReminderRepository
from storage.repositories import (
    Absent,
    ScreeningRows,
    SqlBreakRepository,
    SqlDialogRepository,
    SqlPainRepository,
    SqlRepEntryRepository,
    SqlScreeningRepository,
    SqlUpdateLog,
    SqlUserRepository,
)
from storage.sqlite_driver import InlineWriter, inline_statements, threaded_statements
from storage.workouts import SqlPictureFileRepository, SqlWorkoutSessionRepository

log = logging.getLogger(__name__)


class Turn(IntEnum):
    """Who writes first when several wait for SQLite's one writer: the lower value."""

    SCHEDULE = 0
    """The scheduler's jobs (reminder ticks, summaries) and anything else outside an update."""
    UPDATE = 1


class WriteGate:
    """One writer at a time, queued in Python: lowest ``Turn`` first, then first come.

    Re-entrant within the task holding it: a unit of work opened while its caller's is still
    open does not wait for itself (it would wait forever).
    """

    def __init__(self) -> None:
        self._held = False
        self._holder: asyncio.Task[Any] | None = None
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    @property
    def queued(self) -> int:
        """Writers waiting now."""
        return sum(1 for _, _, future in self._waiting if not future.done())

    async def enter(self, turn: Turn) -> Held | None:
        """Wait for the gate; what to ``leave`` it with (None: this task held it already)."""
        task = asyncio.current_task()
        if self._held and task is not None and self._holder is task:
            return None
        await self._acquire(turn)
        self._holder = task
        return Held()

    def leave(self, held: Held | None) -> None:
        if held is None or held.left:
            return
        held.left = True
        self._holder = None
        self._release()

    async def _acquire(self, turn: Turn) -> None:
        if not self._held:
            self._held = True
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (int(turn), next(self._order), future))
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self._release()  # handed over in the moment the waiter gave up
            raise

    def _release(self) -> None:
        while self._waiting:
            _, _, future = heapq.heappop(self._waiting)
            if not future.done():
                future.set_result(None)  # the gate passes on, still held
                return
        self._held = False


class Held:
    """One holding of the write gate, left once."""

    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = False


_GATES: weakref.WeakKeyDictionary[Engine, WriteGate] = weakref.WeakKeyDictionary()


def write_gate(engine: AsyncEngine) -> WriteGate | None:
    """The gate of a SQLite engine, shared by every factory on it; None for PostgreSQL,
    whose writers lock rows, not the database."""
    if not is_sqlite_engine(engine):
        return None
    gate = _GATES.get(engine.sync_engine)
    if gate is None:
        gate = _GATES[engine.sync_engine] = WriteGate()
    return gate


class _Repositories:
    """The repositories of one session."""

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
    user_data: SqlUserDataExport
    operator: SqlOperatorStats

    def _bind(self, session: AsyncSession) -> None:
        absent = Absent()
        self.users = SqlUserRepository(session, absent)
        self.dialogs = SqlDialogRepository(session, absent)
        self.updates = SqlUpdateLog(session, absent)
        screenings: ScreeningRows = {}
        self.screenings = SqlScreeningRepository(session, screenings)
        self.reps = SqlRepEntryRepository(session)
        self.pains = SqlPainRepository(session)
        self.breaks = SqlBreakRepository(session)
        self.workouts = SqlWorkoutSessionRepository(session)
        self.pictures = SqlPictureFileRepository(session)
        self.frozen_days = SqlFrozenDayRepository(session)
        self.message_exercises = SqlMessageExerciseRepository(session, screenings)
        self.summaries = SqlWeeklySummaryRepository(session)
        self.reminders = SqlReminderRepository(session)
        self.user_data = SqlUserDataExport(session)
        self.operator = SqlOperatorStats(session)

    def _share(self, other: _Repositories) -> None:
        """Use ``other``'s repositories (and so its session and what it has read)."""
        for name in _Repositories.__annotations__:
            setattr(self, name, getattr(other, name))


class SqlUnitOfWork(_Repositories):
    """Opens a session on enter; rolls back on exit unless `commit()` was called."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        gate: WriteGate | None = None,
        turn: Turn = Turn.SCHEDULE,
    ) -> None:
        self._sessions = sessions
        self._gate = gate
        self._turn = turn
        self._session: AsyncSession | None = None
        self._token: Held | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("unit of work used outside 'async with'")
        return self._session

    async def __aenter__(self) -> Self:
        if self._gate is not None:
            self._token = await self._gate.enter(self._turn)
        self._session = self._sessions()
        self._bind(self._session)
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
            if self._gate is not None:
                token, self._token = self._token, None
                self._gate.leave(token)

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()


class UpdateTransaction(_Repositories):
    """The one transaction of one update, which every unit of work of the update joins.

    Opened lazily by the first unit of work (on SQLite it waits for the write gate first,
    at ``Turn.UPDATE``); ended by ``commit`` (before a Bot API call, and at the end of the
    update) or ``rollback`` (a failure). A unit of work opened after that starts the next
    transaction of the same update: what was sent is already stored.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], gate: WriteGate | None) -> None:
        self._sessions = sessions
        self._gate = gate
        self._session: AsyncSession | None = None
        self._token: Held | None = None
        self._inline: Token[InlineWriter | None] | None = None
        self._open = False
        self.closed = False
        """The update is done: units of work no longer join (a task it started lives on)."""

    async def join(self) -> None:
        if self._open:
            return
        if self._gate is not None:
            self._token = await self._gate.enter(Turn.UPDATE)
        try:
            if self._session is None:
                self._session = self._sessions()
            self._bind(self._session)
            self._open = True
            if self._gate is not None:
                # SQLite: this task holds the gate, so its statements run inline.
                self._inline = inline_statements()
        except BaseException:
            await self._end(failed=True)
            raise

    async def commit(self) -> None:
        """Store the update's work so far (nothing happens when nothing was opened)."""
        if not self._open or self._session is None:
            return
        try:
            await self._session.flush()  # inline still; the commit itself flushes to disk
            self._threaded()
            await self._session.commit()
        except BaseException:
            await self._end(failed=True)
            raise
        await self._end(failed=False)

    async def rollback(self) -> None:
        """Drop the update's work since the last commit."""
        if self._open and self._session is not None:
            await self._end(failed=True)

    def _threaded(self) -> None:
        token, self._inline = self._inline, None
        if token is not None:
            threaded_statements(token)

    async def _end(self, *, failed: bool) -> None:
        session = self._session
        self._threaded()
        try:
            if failed and session is not None:
                await session.rollback()
        finally:
            # A later transaction of the update reads afresh: others may write in between.
            if session is not None:
                session.expunge_all()
            self._open = False
            self._leave()

    def _leave(self) -> None:
        if self._gate is not None:
            token, self._token = self._token, None
            self._gate.leave(token)

    async def close(self) -> None:
        self.closed = True
        try:
            await self.rollback()
        finally:
            if self._session is not None:
                await self._session.close()
                self._session = None


class JoinedUnitOfWork(_Repositories):
    """A use case's unit of work inside an update: the update's transaction, shared.

    ``commit()`` marks the use case's work as complete; it is stored with the update's
    transaction. Leaving with an exception rolls the whole update back, as the error
    handler would.
    """

    def __init__(self, transaction: UpdateTransaction) -> None:
        self._transaction = transaction

    async def __aenter__(self) -> Self:
        await self._transaction.join()
        self._share(self._transaction)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is not None:
            await self._transaction.rollback()

    async def commit(self) -> None:
        """Complete: the update's transaction stores it (before the reply leaves)."""

    async def rollback(self) -> None:
        await self._transaction.rollback()


_UPDATE: ContextVar[UpdateTransaction | None] = ContextVar("update_transaction", default=None)


async def commit_update() -> None:
    """Store the current update's work now: before a Bot API call, or slow work (a picture
    drawn in a thread) that must not hold SQLite's writer. No update, nothing to do."""
    transaction = _UPDATE.get()
    if transaction is not None and not transaction.closed:
        await transaction.commit()


async def rollback_update() -> None:
    """Drop the current update's work since its last commit (a handler failed)."""
    transaction = _UPDATE.get()
    if transaction is not None and not transaction.closed:
        await transaction.rollback()


class KeepingSession(Session):
    """A session that keeps every row it loaded or stored until its transaction ends.

    The identity map holds rows weakly: a repository turns a row into a core value and
    drops it, so the next ``get`` of the same row (another use case of the same update, or
    the write after a read) went to the database again. Kept here, each row is read once
    per transaction.
    """

    def keep(self, instance: object) -> None:
        self.info.setdefault(_KEPT, []).append(instance)

    def forget_kept(self) -> None:
        self.info.pop(_KEPT, None)


_KEPT = "kept_rows"


@event.listens_for(KeepingSession, "loaded_as_persistent")
@event.listens_for(KeepingSession, "pending_to_persistent")
def _keep(session: Session, instance: object) -> None:
    if isinstance(session, KeepingSession):
        session.keep(instance)


@event.listens_for(KeepingSession, "after_commit")
@event.listens_for(KeepingSession, "after_rollback")
def _forget(session: Session) -> None:
    if isinstance(session, KeepingSession):
        session.forget_kept()


class SqlUnitOfWorkFactory:
    """Creates units of work bound to one engine."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = async_sessionmaker(
            engine, expire_on_commit=False, autoflush=False, sync_session_class=KeepingSession
        )
        self._readers = async_sessionmaker(
            engine.execution_options(**{READ_ONLY: True}),
            expire_on_commit=False,
            autoflush=False,
            sync_session_class=KeepingSession,
        )
        self._gate = write_gate(engine)

    def __call__(self, *, read_only: bool = False) -> SqlUnitOfWork | JoinedUnitOfWork:
        transaction = _UPDATE.get()
        if transaction is not None and not transaction.closed:
            return JoinedUnitOfWork(transaction)
        if read_only and self._gate is not None:
            # SQLite: a deferred BEGIN; WAL readers neither wait for nor block the writer.
            return SqlUnitOfWork(self._readers)
        return SqlUnitOfWork(self._sessions, self._gate)

    @asynccontextmanager
    async def update_transaction(self) -> AsyncIterator[UpdateTransaction]:
        """One update's transaction: units of work opened inside join it; committed at the
        end unless the block raised."""
        transaction = UpdateTransaction(self._sessions, self._gate)
        token = _UPDATE.set(transaction)
        try:
            yield transaction
            await transaction.commit()
        finally:
            _UPDATE.reset(token)
            await transaction.close()
