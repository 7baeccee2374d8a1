"""Engine setup: the SQLite pragmas and transaction mode that make an async bot safe.

Measured (docs/ARCHITECTURE.md): with several coroutines writing, SQLite's default deferred
transactions lose updates or fail with "database is locked"; `BEGIN IMMEDIATE` takes the write
lock up front, so writers queue on the busy timeout instead.

Statement parameters are never put into error messages (`hide_parameters`): they hold what
users typed and answered, and error messages end up in the log.

`synchronous=FULL`: in WAL mode NORMAL survives a process crash but may lose the last
commits on power loss or an OS crash; FULL syncs the WAL on every commit. The data is
health data (pain scores, screening answers) and the measured cost is small (see
docs/PERFORMANCE.md), so FULL.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.util.concurrency import await_

from storage.sqlite_driver import mark_threaded, one_trip_dbapi

SQLITE_BUSY_TIMEOUT_MS = 15_000
READ_ONLY = "strongback_read_only"
"""Execution option of a connection that only reads: on SQLite it begins without the lock."""
SQLITE_SYNCHRONOUS = "FULL"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def is_sqlite_engine(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "sqlite"


def ensure_sqlite_directory(url: str) -> None:
    """Create the folder of a SQLite file so a fresh checkout runs without set-up."""
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)


def create_engine(url: str, *, echo: bool = False, pool_size: int | None = None) -> AsyncEngine:
    """An async engine for `url`, configured for concurrent use by one bot process.

    ``pool_size`` (PostgreSQL): connections kept open, as many again when busy.
    """
    if not is_sqlite(url):
        sizes = {} if pool_size is None else {"pool_size": pool_size, "max_overflow": pool_size}
        engine = create_async_engine(url, echo=echo, hide_parameters=True, **sizes)
        ping_when_idle(engine)
        return engine
    ensure_sqlite_directory(url)
    engine = create_async_engine(
        url,
        echo=echo,
        hide_parameters=True,
        # check_same_thread off: an update's statements may run on the event loop's thread
        # (storage/sqlite_driver.py), never at the same time as the connection's own thread.
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        # One trip to the connection's thread per statement (storage/sqlite_driver.py).
        module=one_trip_dbapi(),
    )
    _configure_sqlite(engine)
    return engine


IDLE_PING_SECONDS = 1.0
"""A pooled PostgreSQL connection idle this long is checked before it is handed out."""


def ping_when_idle(engine: AsyncEngine, idle: float = IDLE_PING_SECONDS) -> None:
    """Check a pooled connection before use only if it sat idle (a database restart in
    between leaves it dead), with one round trip.

    SQLAlchemy's ``pool_pre_ping`` checks every checkout, and on asyncpg with three round
    trips (``BEGIN``, ``;``, ``ROLLBACK``): with one transaction per update that was as many
    trips as the update's own statements. A dead connection found here is replaced at once,
    as with the pre-ping; one that dies while in use fails that use, as before.
    """

    @event.listens_for(engine.sync_engine, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get(_IDLE_SINCE)
        if since is None or time.monotonic() - since < idle:
            return
        try:
            await_(dbapi_connection.driver_connection.fetchrow(";"))
        except Exception as error:
            raise DisconnectionError() from error


_IDLE_SINCE = "idle_since"


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself (below) instead of the driver's lazy BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA synchronous={SQLITE_SYNCHRONOUS}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")  # a reader: no write lock, never waits
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _threaded(
        _connection: Any,
        cursor: Any,
        _statement: str,
        _parameters: Any,
        context: Any,
        _executemany: bool,
    ) -> None:
        options = context.execution_options if context is not None else {}
        mark_threaded(cursor, bool(options.get("threaded", False)))
