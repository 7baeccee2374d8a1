"""SQLite through aiosqlite with one trip to its thread per statement.

aiosqlite runs each connection in a thread of its own, and every call is a round trip to it:
a handoff to the thread and a wake-up of the event loop. SQLAlchemy's cursor adapter makes
four of them per statement (open a cursor, execute, fetch, close), so a rep reply's dozen
statements cost about 47 trips; on a busy event loop each trip waits for its turn, and a
write transaction holds SQLite's single write lock all that time (docs/PERFORMANCE.md).

Here a statement is one function run in the connection's thread: execute, fetch every row,
note the description, row count and last row id, close. Results are small (a user's rows),
so fetching them all at once costs nothing extra. Everything else (connections, the pool,
transactions, errors) stays SQLAlchemy's aiosqlite dialect; only the cursor differs.
Server-side cursors (``stream()``) keep the library's own.

**Inline, within an update's write transaction.** Once ``BEGIN IMMEDIATE`` has given a
connection SQLite's write lock, no statement of it can wait for a lock any more (readers
never block a writer in WAL mode), and an update's statements read and write a handful of
one person's rows by index: tens of microseconds each. ``inline(connection)`` (storage/uow.py,
for an update's transaction) runs them right on the event loop's thread instead of a trip
each: a trip on a busy loop waits for every callback queued before its answer, about a
millisecond each, and the whole time the write lock is held and every other writer waits.
``BEGIN IMMEDIATE`` runs inline without waiting (another process holding the lock, an
operator's backup, sends it to the thread, where it waits as usual); ``COMMIT`` (the disk
flush) always goes to the thread, and so does a statement marked
``execution_options(threaded=True)`` (the operator's counts over every user).
"""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Sequence
from contextvars import ContextVar, Token
from typing import Any, cast

import aiosqlite
from sqlalchemy.connectors.asyncio import AsyncAdapt_dbapi_connection
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_

_Outcome = tuple[Any, list[Any], int, int | None]
_BEGIN = "BEGIN IMMEDIATE"


class InlineWriter:
    """The connection whose statements run inline: the one that began the write
    transaction after ``inline_statements()`` (the update's)."""

    __slots__ = ("connection",)

    def __init__(self) -> None:
        self.connection: sqlite3.Connection | None = None


_INLINE: ContextVar[InlineWriter | None] = ContextVar("sqlite_inline", default=None)


def inline_statements() -> Token[InlineWriter | None]:
    """From now on, in this task, the next write transaction runs its statements inline;
    hand the token to ``threaded_statements`` when it has ended."""
    return _INLINE.set(InlineWriter())


def threaded_statements(token: Token[InlineWriter | None]) -> None:
    """Back to one trip to the connection's thread per statement."""
    _INLINE.reset(token)


def _begin_at_once(connection: sqlite3.Connection) -> bool:
    """``BEGIN IMMEDIATE`` without waiting for the lock; False when another holds it."""
    timeout = connection.execute("PRAGMA busy_timeout").fetchone()[0]
    connection.execute("PRAGMA busy_timeout = 0")
    try:
        connection.execute(_BEGIN)
    except sqlite3.OperationalError:
        if connection.in_transaction:
            raise
        return False
    finally:
        connection.execute(f"PRAGMA busy_timeout = {int(timeout)}")
    return True


def _run(connection: sqlite3.Connection, operation: str, parameters: Any, many: bool) -> _Outcome:
    """One statement, start to end, in the connection's own thread."""
    cursor = connection.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        description = cursor.description
        rows = cursor.fetchall() if description else []
        return description, rows, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


class OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    """A cursor whose statement runs in one trip to the connection's thread."""

    __slots__ = ("_description", "_lastrowid", "_rowcount", "threaded")

    def __init__(self, adapt_connection: AsyncAdapt_dbapi_connection) -> None:
        # Deliberately not the parent's __init__: it opens an aiosqlite cursor (a trip).
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._soft_closed_memoized = EMPTY_DICT
        self._rows: collections.deque[Any] = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None
        self.threaded = False
        """Set per statement (``execution_options(threaded=True)``): never inline."""

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int:
        return self._lastrowid or 0

    @property
    def arraysize(self) -> int:
        return 1

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        """Every row is fetched at once; nothing to size."""

    async def _async_soft_close(self) -> None:
        """Closed in its own trip already."""

    def close(self) -> None:
        self._rows.clear()

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        self._go(operation, parameters, many=False)

    def executemany(self, operation: Any, seq_of_parameters: Sequence[Any]) -> Any:
        self._go(operation, seq_of_parameters, many=True)

    def _go(self, operation: Any, parameters: Any, *, many: bool) -> None:
        connection = self._connection
        adapted = self._adapt_connection
        raw = cast(sqlite3.Connection, connection._conn)
        inline = _INLINE.get()
        try:
            outcome: _Outcome | None = None
            if inline is not None and not self.threaded:
                if operation == _BEGIN and inline.connection is None:
                    if _begin_at_once(raw):
                        outcome = (None, [], -1, None)
                    inline.connection = raw  # inline from here on, whoever began it
                elif inline.connection is raw:
                    outcome = _run(raw, operation, parameters, many)
            if outcome is None:
                outcome = await_(connection._execute(_run, raw, operation, parameters, many))
        except Exception as error:
            if inline is not None and operation == _BEGIN and inline.connection is raw:
                inline.connection = None
            adapted._handle_exception(error)
        self._description, rows, self._rowcount, self._lastrowid = outcome
        self._rows = collections.deque(rows)


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()
    _cursor_cls = OneTripCursor


class OneTripDbapi(AsyncAdapt_aiosqlite_dbapi):
    """SQLAlchemy's aiosqlite DBAPI shim, handing out connections with the cursor above."""

    def connect(self, *arg: Any, **kw: Any) -> OneTripConnection:
        adapted = super().connect(*arg, **kw)
        return OneTripConnection(self, adapted._connection)


def one_trip_dbapi() -> OneTripDbapi:
    """The DBAPI module to pass to ``create_async_engine(..., module=...)``."""
    return OneTripDbapi(aiosqlite, sqlite3)


def mark_threaded(cursor: object, threaded: bool) -> None:
    if isinstance(cursor, OneTripCursor):
        cursor.threaded = threaded
