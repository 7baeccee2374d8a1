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
