"""Opening the database at start: wait a while for one that is not up yet, explain the rest.

A database started together with the bot (a container, a platform's add-on) may refuse
connections for some seconds: that is retried with a growing pause for a bounded time. A
wrong URL, an unknown database, a refused user or a file that cannot be written will not
mend itself: that ends the start at once. Either way the operator gets one line naming the
database (never its password) and the problem, instead of a traceback.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
import sqlite3
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import create_engine
from storage.migrate import current_revision, head_revision, stored_revision, upgrade

log = logging.getLogger(__name__)

FIRST_PAUSE_SECONDS = 0.5
LONGEST_PAUSE_SECONDS = 5.0
_NOT_UP_ERRNOS = {errno.ECONNREFUSED, errno.ECONNRESET, errno.EHOSTUNREACH, errno.ENETUNREACH}

POSTGRES_DRIVER = "postgresql+asyncpg"
SQLITE_DRIVER = "sqlite+aiosqlite"
# How platforms (a Procfile's DATABASE_URL) and people write them, and what SQLAlchemy needs.
_SCHEMES = {
    "postgres": POSTGRES_DRIVER,
    "postgresql": POSTGRES_DRIVER,
    POSTGRES_DRIVER: POSTGRES_DRIVER,
    "sqlite": SQLITE_DRIVER,
    SQLITE_DRIVER: SQLITE_DRIVER,
}
URL_HELP = (
    "DATABASE_URL must look like postgresql://user:password@host:5432/name (postgres:// "
    "and postgresql+asyncpg:// work too) or sqlite+aiosqlite:///path/to/file.db"
)


def normalise_url(url: str) -> str:
    """`url` with the driver the bot uses; ValueError (without the URL) for anything else."""
    scheme, separator, rest = url.strip().partition("://")
    driver = _SCHEMES.get(scheme.lower())
    if not separator or driver is None:
        raise ValueError(URL_HELP)
    normalised = f"{driver}://{rest}"
    try:
        parsed = make_url(normalised)
    except (ArgumentError, ValueError):
        raise ValueError(URL_HELP) from None
    if driver == POSTGRES_DRIVER and not (parsed.host and parsed.database):
        raise ValueError(URL_HELP)
    if driver == SQLITE_DRIVER and not parsed.database:
        raise ValueError(URL_HELP)
    return normalised


def describe(url: str) -> str:
    """The database as an operator knows it: never the password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"the SQLite database {parsed.database}"
    where = f"{parsed.host}:{parsed.port or 5432}"
    return f"the PostgreSQL database {parsed.database!r} at {where}"


class DatabaseProblem(Exception):
    """Why the database cannot be used, in one line; `configuration` when waiting won't help."""

    def __init__(self, line: str, *, configuration: bool) -> None:
        super().__init__(line)
        self.line = line
        self.configuration = configuration


class _NotUpYet(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error, what SQLAlchemy wrapped (``orig``) and every cause, each once."""
    seen: list[BaseException] = []
    pending = [error]
    while pending:
        item = pending.pop(0)
        if any(item is known for known in seen):
            continue
        seen.append(item)
        yield item
        for linked in (getattr(item, "orig", None), item.__cause__, item.__context__):
            if isinstance(linked, BaseException):
                pending.append(linked)


def problem_of(error: BaseException, url: str) -> DatabaseProblem | _NotUpYet:
    """What went wrong, in words that never quote a stored value or the password."""
    where = describe(url)
    parsed = make_url(url)
    # Not imported here: asyncpg's errors exist only once it is loaded, which a bot on SQLite
    # never does (a tenth of a second of its start).
    asyncpg: Any = sys.modules.get("asyncpg")
    for item in _causes(error):
        if asyncpg is not None and isinstance(item, asyncpg.CannotConnectNowError):
            return _NotUpYet("it is starting up")
        if isinstance(item, (TimeoutError, asyncio.TimeoutError)):
            return _NotUpYet("the connection timed out")
        if isinstance(item, socket.gaierror):
            return DatabaseProblem(
                f"Cannot reach {where}: the host name {parsed.host!r} is unknown; "
                "check DATABASE_URL",
                configuration=True,
            )
        if isinstance(item, OSError) and item.errno in _NOT_UP_ERRNOS:
            return _NotUpYet(f"the connection was refused ({errno.errorcode[item.errno]})")
        if asyncpg is not None and isinstance(item, asyncpg.InvalidCatalogNameError):
            return DatabaseProblem(
                f"Cannot use {where}: it does not exist; create it or fix DATABASE_URL",
                configuration=True,
            )
        if asyncpg is not None and isinstance(
            item, (asyncpg.InvalidAuthorizationSpecificationError, asyncpg.InvalidPasswordError)
        ):
            return DatabaseProblem(
                f"Cannot use {where}: it refused the user {parsed.username!r} or the "
                "password; check DATABASE_URL",
                configuration=True,
            )
        if isinstance(item, sqlite3.OperationalError) and "locked" in str(item):
            return _NotUpYet("another process holds its lock")
        if isinstance(item, sqlite3.DatabaseError) and not isinstance(item, sqlite3.IntegrityError):
            # SQLite's own short messages ("unable to open database file", "attempt to write
            # a readonly database", "file is not a database"): they never quote a value.
            return DatabaseProblem(
                f"Cannot use {where}: {item}; check that its folder exists and is writable "
                "and that the disk is not read-only (or fix DATABASE_URL / DATA_DIR)",
                configuration=True,
            )
        if isinstance(item, OSError) and item.strerror:
            return DatabaseProblem(
                f"Cannot use {where}: {item.strerror}; check DATABASE_URL / DATA_DIR",
                configuration=True,
            )
    return DatabaseProblem(
        f"Cannot use {where}: {type(error).__qualname__} (see the database's own log)",
        configuration=False,
    )


async def wait_until_up(
    attempt: Callable[[], Awaitable[None]],
    url: str,
    *,
    wait_seconds: float,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    monotonic: Callable[[], float] = time.monotonic,
) -> None:
    """Run `attempt` until it succeeds, retrying a database not up yet for `wait_seconds`."""
    deadline = monotonic() + wait_seconds
    pause = FIRST_PAUSE_SECONDS
    while True:
        try:
            await attempt()
            return
        except Exception as error:
            problem = problem_of(error, url)
        if isinstance(problem, DatabaseProblem):
            raise problem from None
        left = deadline - monotonic()
        if left <= 0:
            raise DatabaseProblem(
                f"Cannot reach {describe(url)}: {problem.reason}, and it still was after "
                f"{wait_seconds:g} s (DATABASE_WAIT_SECONDS); is it running?",
                configuration=False,
            ) from None
        log.warning(
            "%s is not up yet (%s); trying again in %.1f s",
            describe(url),
            problem.reason,
            min(pause, left),
        )
        await sleep(min(pause, left))
        pause = min(pause * 2, LONGEST_PAUSE_SECONDS)


async def _ping(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


async def prepare(url: str, *, wait_seconds: float) -> str | None:
    """Wait for the database, bring its schema to head (under the migration lock) and
    return the revision; DatabaseProblem (one line) when that cannot be done."""
    try:
        engine = create_engine(url)
    except Exception as error:
        found = problem_of(error, url)
        if isinstance(found, DatabaseProblem):
            raise found from None
        raise DatabaseProblem(
            f"Cannot use {describe(url)}: {found.reason}", configuration=True
        ) from None
    try:
        await wait_until_up(lambda: _ping(engine), url, wait_seconds=wait_seconds)
        try:
            # A restart finds the schema at head and leaves Alembic unloaded; anything else
            # goes through the locked upgrade, which checks again under the lock.
            if await stored_revision(engine) == head_revision():
                return head_revision()
            await upgrade(engine)
        except Exception as error:
            found = problem_of(error, url)
            if isinstance(found, DatabaseProblem):
                raise found from None
            raise DatabaseProblem(
                f"Cannot use {describe(url)}: it went away during the migration ({found.reason})",
                configuration=False,
            ) from None
        return await current_revision(engine)
    finally:
        await engine.dispose()
