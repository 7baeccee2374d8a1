"""Back up the SQLite database while the bot runs; put a backup back while it is stopped.

A backup is taken with SQLite's online backup API in one step: it reads one consistent
snapshot (WAL mode lets the bot keep writing meanwhile), so it holds every transaction
committed before it began and none half. It is written to a private temporary file next to
the target, checked, and only then renamed to the name asked for.

A restore must never happen under a running bot: the bot would keep writing to the file that
was replaced, or overwrite it from its own WAL. Every process that opens the SQLite file
holds a shared lock on `<file>.run-lock` for as long as it runs (`hold_run_lock`); a restore
takes that lock exclusively without waiting and refuses when it cannot.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from sqlalchemy.engine import make_url

PRIVATE_FILE_MODE = 0o600
RUN_LOCK_SUFFIX = ".run-lock"
# How long a backup waits for the bot's write lock (it only needs a read snapshot).
BUSY_TIMEOUT_SECONDS = 15.0
_SIDE_FILES = ("-wal", "-shm", "-journal")
# The bot's schema always has Alembic's version table; a file without it is not a backup.
_SCHEMA_MARK = "alembic_version"


class BackupError(Exception):
    """Why a backup or restore cannot be done, in one line for the operator."""


def run_lock_path(database: Path) -> Path:
    return database.with_name(database.name + RUN_LOCK_SUFFIX)


def _open_private(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)


def hold_run_lock(database: Path) -> IO[bytes]:
    """Take the shared "a process uses this file" lock; keep the returned file open.

    Waits while a restore holds the lock exclusively (a restore takes seconds). The lock
    ends with the process, however it ends, so a crash never leaves it behind.
    """
    handle = os.fdopen(_open_private(run_lock_path(database)), "r+b")
    fcntl.flock(handle.fileno(), fcntl.LOCK_SH)
    return handle


def sqlite_file(url: str) -> Path | None:
    """The SQLite file a database URL names, or None for PostgreSQL (or in-memory)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:" or parsed.database.startswith("file:"):
        return None
    return Path(parsed.database).expanduser().resolve()


def run_lock(url: str) -> contextlib.AbstractContextManager[IO[bytes] | None]:
    """Held while the bot (or a migration) uses the SQLite file, so a restore refuses.

    A folder the lock cannot be made in (a read-only disk) is left to the database's own
    check at start, which explains it in one line; no restore can lock there either.
    """
    database = sqlite_file(url)
    if database is None:
        return contextlib.nullcontext()
    try:
        database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return hold_run_lock(database)
    except OSError:
        return contextlib.nullcontext()


@contextlib.contextmanager
def _exclusive_run_lock(database: Path) -> Iterator[None]:
    with os.fdopen(_open_private(run_lock_path(database)), "r+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BackupError(
                f"The bot is running on {database}: stop it first, then restore"
            ) from None
        yield


def _check(path: Path) -> None:
    """The file opens as SQLite, passes integrity_check and has the bot's schema."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (result,) = connection.execute("PRAGMA integrity_check").fetchone()
            found = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                (_SCHEMA_MARK,),
            ).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a usable SQLite database: {error}") from None
    if result != "ok":
        raise BackupError(f"{path} failed SQLite's integrity check: {result}")
    if not found:
        raise BackupError(f"{path} is not a StrongBack database (no {_SCHEMA_MARK} table)")


def _copy(source: Path, target: Path) -> None:
    """Copy `source` into a new private file `target` in one backup step, as one plain file."""
    _open_private_new(target)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # pages=-1: the whole database in one step, one snapshot
            # The copy inherits WAL mode; a backup is easier to move as one file.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _open_private_new(path: Path) -> None:
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))


def _temporary_next_to(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _remove(path: Path) -> None:
    for name in (path, *(path.with_name(path.name + side) for side in _SIDE_FILES)):
        name.unlink(missing_ok=True)


def backup(database: Path, target: Path) -> None:
    """Write a consistent copy of `database` (in use or not) to the new file `target`."""
    if not database.is_file():
        raise BackupError(f"There is no database at {database} to back up")
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name")
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist")
    temporary = _temporary_next_to(target)
    try:
        _copy(database, temporary)
        _check(temporary)
        os.link(temporary, target)  # fails rather than replace a file made meanwhile
    except FileExistsError:
        raise BackupError(f"{target} exists already; choose a new file name") from None
    except sqlite3.Error as error:
        raise BackupError(f"Cannot back up {database}: {error}") from None
    finally:
        _remove(temporary)


def restore(source: Path, database: Path) -> None:
    """Replace `database` by the backup `source`; BackupError while the bot is running."""
    if not source.is_file():
        raise BackupError(f"There is no backup at {source}")
    _check(source)
    database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with _exclusive_run_lock(database):
        temporary = _temporary_next_to(database)
        try:
            _copy(source, temporary)
            _check(temporary)
            if database.exists():
                # Fold a crashed bot's WAL into the old file and empty it: a WAL left next
                # to the new file would be replayed onto it.
                connection = sqlite3.connect(database, timeout=BUSY_TIMEOUT_SECONDS)
                try:
                    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    connection.close()
            for side in _SIDE_FILES:
                database.with_name(database.name + side).unlink(missing_ok=True)
            os.replace(temporary, database)
        except sqlite3.Error as error:
            raise BackupError(f"Cannot restore into {database}: {error}") from None
        finally:
            _remove(temporary)
