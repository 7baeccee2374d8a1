"""Install the city index at start: open the built file, or build it in a child process.

The index (``storage.city_index``) is static data kept in a file so that the bot's memory
does not hold it. A first start (no file yet, or one of an older format) must not wait for
the build (several seconds and, while it runs, the whole JSON data set in memory), so it is
built by ``python -m storage.city_index`` in a child process while the bot already answers.
Until it is ready a typed place finds zone names ("Europe/Berlin", "UTC", "CET") and a
shared location works; a city name gets the usual "not found" answer with its examples.
Build ahead with ``python -m storage.city_index DATA_DIR/cities.sqlite3`` to avoid even that.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from pathlib import Path

from coach import timezones
from storage.city_index import SqliteCityIndex, open_index

log = logging.getLogger(__name__)

_KEPT_OUT = ("TELEGRAM_", "WEBHOOK_", "DATABASE_URL")
"""The child builds a file from package data; it needs none of the bot's secrets."""


class CityIndexLoader:
    """Owns the installed index and, on a first start, the build that makes it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._index: SqliteCityIndex | None = None
        self._build: asyncio.Task[None] | None = None

    @property
    def building(self) -> asyncio.Task[None] | None:
        return self._build

    async def start(self) -> None:
        """Install the index now if it is built; otherwise start building it."""
        index = open_index(self.path)
        if index is not None:
            self._install(index)
            return
        log.info(
            "building the city index in the background (first start); until it is ready"
            " typed places find only zone names"
        )
        self._build = asyncio.create_task(self._run_build(), name="city-index-build")

    def _install(self, index: SqliteCityIndex) -> None:
        self._index = index
        timezones.use_index(index)

    async def _run_build(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(_KEPT_OUT)}
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "storage.city_index",
            str(self.path),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            env=env,
        )
        try:
            code = await process.wait()
        except asyncio.CancelledError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
            raise
        index = open_index(self.path) if code == 0 else None
        if index is None:
            log.error(
                "the city index could not be built (exit code %s); typed places find only"
                " zone names until the next start",
                code,
            )
            return
        self._install(index)
        log.info("the city index is ready")

    async def close(self) -> None:
        build, self._build = self._build, None
        if build is not None:
            build.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await build
        index, self._index = self._index, None
        if index is not None:
            timezones.use_index(None)
            index.close()
