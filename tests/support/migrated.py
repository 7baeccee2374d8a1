"""A database at the newest schema in milliseconds: one migrated SQLite file per test process.

Alembic takes most of a second to build the schema from nothing (several seconds on a busy
machine), and most tests only need the schema, not the migration. So each pytest worker
migrates one template file, with the project's own ``storage.migrate.upgrade``, the first
time a test asks, and every test gets a copy of it. The bot's own start (and any
``upgrade`` a test calls) then finds the schema at head and only checks it. The migrations
themselves are tested from nothing, revision by revision, in ``tests/storage/test_migrations.py``.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import tempfile
import threading
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import create_engine
from storage.migrate import upgrade

PRIVATE_FILE_MODE = 0o600
"""As the bot's data directory makes it (umask 077)."""

_lock = threading.Lock()
_template: Path | None = None


async def _migrate(path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


def _build() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="strongback-migrated-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "template.db"
    # Its own thread, so this works from inside a running event loop as well.
    worker = threading.Thread(target=asyncio.run, args=(_migrate(path),), name="migrate")
    worker.start()
    worker.join()
    if not path.is_file() or any(folder.glob("template.db-*")):
        raise RuntimeError(f"migrating the template database {path} failed")
    return path


def template() -> Path:
    """The migrated file of this process (built on first use)."""
    global _template
    with _lock:
        if _template is None:
            _template = _build()
        return _template


def migrated_copy(path: Path) -> Path:
    """A new SQLite file at ``path`` holding the newest schema and no rows; returns ``path``.

    Refuses to overwrite: a test that already has a database keeps it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    with template().open("rb") as source, os.fdopen(descriptor, "wb") as target:
        shutil.copyfileobj(source, target)
    return path


_postgres_statements: list[tuple[str, object]] | None = None


async def migrate_postgres_schema(engine: AsyncEngine) -> None:
    """Bring an empty PostgreSQL schema (the engine's ``search_path``) to the newest one.

    The first call of a process runs the project's ``upgrade`` and records every statement it
    sent (DDL, the version row); later calls send those statements again in one
    transaction, without Alembic's machinery (its scripts and operations cost a quarter of a
    second per test). Names are unqualified, so each lands in the engine's own schema.
    """
    global _postgres_statements
    if _postgres_statements is not None:
        async with engine.begin() as connection:
            for statement, parameters in _postgres_statements:
                await connection.exec_driver_sql(statement, parameters)
        return
    recorded: list[tuple[str, object]] = []

    def record(
        conn: object, cursor: object, statement: str, parameters: object, *args: object
    ) -> None:
        if not statement.lstrip().upper().startswith(("SELECT", "SHOW")):
            recorded.append((statement, parameters))

    sync_engine = engine.sync_engine
    event.listen(sync_engine, "before_cursor_execute", record)
    try:
        await upgrade(engine)
    finally:
        event.remove(sync_engine, "before_cursor_execute", record)
    _postgres_statements = recorded
