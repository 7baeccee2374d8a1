"""The real bot in a thread of the test process: what ``python -m bot`` runs, minus the process.

``InProcessBot`` has ``BotProcess``'s interface (start, stop, restart, output, running,
masked_output, check_token_not_leaked, ...) and builds the bot from the environment a
process would get: ``bot.__main__.load_settings`` reads it, ``bot.__main__.serve`` prepares
the data directory, builds the application with ``build_application``, holds the run lock and
long-polls the fake Bot API, on an event loop of its own in a thread. So handlers, services,
storage, the outbound queue and the scheduler are the ones in production, and the HTTP
between bot and ``FakeBotApi`` is real; only the interpreter's start, the imports and the
migration of an empty database (the file starts as a copy of a migrated one:
``tests.support.migrated``) are saved.

``stop()`` does what SIGTERM does: it calls ``bot.app.on_stop_signal`` on the bot's loop. Its
log records (from its thread and its worker threads) go to its log file with the bot's
format and masking, so ``output`` reads as a process's does.

What needs a process is refused here with a pointer to ``@pytest.mark.process``: SIGKILL, a
pid, a second bot at the same time, and settings in ``PROCESS_ONLY`` (a webhook, metrics on a
port, JSON logs on stdout, a ``TMPDIR``, languages of its own); ``bot_factory`` hands a
process to a test that passes such settings. Process-wide state the start touches (log
levels, the umask, the installed city index and vocabularies) is put back after the stop.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import threading
import traceback
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, ClassVar

from bot import logging_setup
from bot.__main__ import load_settings, serve
from bot.app import CoachApplication, on_stop_signal
from bot.config import TOKEN_REJECTED, Settings
from coach import timezones, vocabulary
from storage.backup import sqlite_file
from tests.support.bot_process import START_TIMEOUT, BotRunner
from tests.support.city_index import shared_index
from tests.support.fake_bot_api import FakeBotApi
from tests.support.migrated import migrated_copy

PROCESS_ONLY = {
    "WEBHOOK_URL": "a webhook",
    "METRICS_PORT": "metrics on a port (the Prometheus registry is one per process)",
    "TMPDIR": "a temporary folder of its own",
    "LOG_FORMAT": "its own stdout",
    "LOCALES_DIR": "languages of its own (the installed vocabularies are one per process)",
    "INPUT_DIR": "languages of its own (the installed vocabularies are one per process)",
}
"""Settings an in-process bot cannot honour as a process does."""
_HARMLESS = {"METRICS_PORT": ("", "0"), "LOG_FORMAT": ("", "text")}
"""Values of those settings that ask nothing of a process (by default: none given)."""


def needs_process(env: Mapping[str, str]) -> str | None:
    """What in ``env`` only a process can honour, or None."""
    for key, what in PROCESS_ONLY.items():
        if env.get(key, "") not in _HARMLESS.get(key, ("",)):
            return f"{what} ({key})"
    return None


_LEVELS_KEPT = ("", "httpx", "httpcore", "apscheduler.executors.default", "aiosqlite", "telegram")
_ENVIRON_LOCK = threading.Lock()


class NeedsProcess(AssertionError):
    """The test asked an in-process bot for something only a process has."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} needs a bot process: mark the test (or module) @pytest.mark.process"
        )


@contextlib.contextmanager
def _environment(env: Mapping[str, str]) -> Iterator[None]:
    """``os.environ`` is ``env`` while the settings are read, exactly as a child's would be."""
    with _ENVIRON_LOCK:
        saved = dict(os.environ)
        os.environ.clear()
        os.environ.update(env)
        try:
            yield
        finally:
            os.environ.clear()
            os.environ.update(saved)


def read_settings(env: Mapping[str, str]) -> Settings:
    """The bot's settings from ``env``, as ``python -m bot`` reads them."""
    with _environment(env):
        settings = load_settings()
    if settings is None:
        raise NeedsProcess("a bot with invalid settings (exit code 2, one line on stderr)")
    return settings


class _OwnRecords(logging.Filter):
    """Records of one bot: from its thread or its worker threads, not the test's or another
    bot's."""

    running: ClassVar[frozenset[str]] = frozenset()
    """Bots whose threads run now; replaced, never changed, as other threads read it."""

    def __init__(self, name: str, test_thread: int) -> None:
        super().__init__()
        self._name = name
        self._test_thread = test_thread

    def filter(self, record: logging.LogRecord) -> bool:
        if record.thread == self._test_thread:
            return False
        thread = record.threadName or ""
        owner = next(
            (
                name
                for name in _OwnRecords.running
                if thread == name or thread.startswith(f"{name}-")
            ),
            None,
        )
        return owner in (None, self._name)


class InProcessBot(BotRunner):
    """The bot on its own event loop in a thread of the test process."""

    def __init__(
        self,
        api: FakeBotApi,
        work_dir: Path,
        *,
        extra_env: Mapping[str, str] | None = None,
        database_url: str | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(api, work_dir, extra_env=extra_env, database_url=database_url, name=name)
        self._thread: threading.Thread | None = None
        self._ended: asyncio.Future[int] | None = None
        self._app: CoachApplication | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._log_file: IO[str] | None = None
        self._handler: logging.Handler | None = None
        self._levels: dict[str, int] = {}
        self._umask: int | None = None
        self._started: asyncio.Future[None] | None = None

    # ----------------------------------------------------------------- what a process has

    @property
    def pid(self) -> int:
        raise NeedsProcess("a pid")

    def kill(self) -> None:
        raise NeedsProcess("SIGKILL")

    # ----------------------------------------------------------------- lifecycle

    @property
    def running(self) -> bool:
        return self._ended is not None and not self._ended.done()

    async def start(self, wait_for_polling: bool = True) -> None:
        """Start the bot's thread; by default wait until it long-polls."""
        if self.running:
            raise RuntimeError(f"{self.name} is already running")
        if _OwnRecords.running:
            # Module-level state (Alembic's context, the installed city index, log levels)
            # is one per process, so are a replica's own caches.
            raise NeedsProcess("a second bot running at the same time (replicas)")
        env = self.environment()
        needed = needs_process(env)
        if needed is not None:
            raise NeedsProcess(needed)
        settings = read_settings(env)
        self.work_dir.mkdir(parents=True, exist_ok=True)
        database = sqlite_file(settings.database_url)
        if database is not None and not database.exists():
            migrated_copy(database)
        mark = self.api.mark()
        self._open_log(settings)
        loop = asyncio.get_running_loop()
        self._ended = loop.create_future()
        self._umask = os.umask(0o077)
        os.umask(self._umask)
        self._started = loop.create_future()
        self._thread = threading.Thread(
            target=self._run, args=(settings, loop), name=self.name, daemon=True
        )
        _OwnRecords.running = _OwnRecords.running | {self.name}
        self._thread.start()
        if wait_for_polling:
            await self.wait_until_polling(since=mark)

    def _open_log(self, settings: Settings) -> None:
        self._log_file = self.log_path.open("a", encoding="utf-8")
        self._log_file.write(f"----- {self.name} starting\n")
        self._log_file.flush()
        handler = logging.StreamHandler(self._log_file)
        logging_setup.masked(
            handler,
            settings.secrets(),
            token_rejected=TOKEN_REJECTED,
            log_format=settings.log_format,
        )
        handler.addFilter(_OwnRecords(self.name, threading.get_ident()))
        self._handler = handler
        self._levels = {name: logging.getLogger(name).level for name in _LEVELS_KEPT}
        logging.getLogger().addHandler(handler)
        logging_setup.set_levels(settings.log_level)

    def _run(self, settings: Settings, test_loop: asyncio.AbstractEventLoop) -> None:
        """The bot's thread: ``serve`` as ``python -m bot`` runs it; the exit code goes back
        to the test's loop."""

        def running(application: CoachApplication, loop: asyncio.AbstractEventLoop) -> None:
            # Worker threads named after the bot, so its log records are told from others'.
            loop.set_default_executor(ThreadPoolExecutor(thread_name_prefix=f"{self.name}-"))
            self._app, self._loop = application, loop
            test_loop.call_soon_threadsafe(self._mark_started)

        try:
            code = serve(settings, started=running)
        except BaseException as error:  # an uncaught exception ends a process with 1
            self._write(
                logging_setup.Masker(settings.secrets())("".join(traceback.format_exception(error)))
            )
            code = 1
        finally:
            self._loop = None
        with contextlib.suppress(RuntimeError):  # the test's loop is already closed
            test_loop.call_soon_threadsafe(self._end, code)

    def _write(self, text: str) -> None:
        if self._log_file is not None and not self._log_file.closed:
            self._log_file.write(text)
            self._log_file.flush()

    def _mark_started(self) -> None:
        if self._started is not None and not self._started.done():
            self._started.set_result(None)

    def _end(self, code: int) -> None:
        if self._ended is not None and not self._ended.done():
            self._ended.set_result(code)

    async def wait_until_polling(self, *, since: int = 0, timeout: float = START_TIMEOUT) -> None:  # noqa: ASYNC109
        """Wait for a getUpdates call after ``since``; fail early if the bot ends instead."""
        ended = self._ended
        if ended is None:
            raise RuntimeError(f"{self.name} was never started")
        await self._until_polling(asyncio.shield(ended), since=since, timeout=timeout)

    def _exit_code(self) -> int | None:
        ended = self._ended
        return ended.result() if ended is not None and ended.done() else None

    async def stop(self, timeout: float = 10.0) -> int:  # noqa: ASYNC109
        """What SIGTERM does to the process, then wait for the end; returns the exit code."""
        ended = self._ended
        if ended is None:
            raise RuntimeError(f"{self.name} was never started")
        if not ended.done():
            try:
                async with asyncio.timeout(timeout):
                    if self._started is not None:  # a signal before the loop runs is lost
                        await asyncio.wait(
                            {self._started, ended}, return_when=asyncio.FIRST_COMPLETED
                        )
                    self._signal()
                    await asyncio.shield(ended)
            except TimeoutError:
                raise AssertionError(
                    f"{self.name} did not stop within {timeout}s of the stop signal\n"
                    + self._log_tail()
                ) from None
        return self._finish()

    def _signal(self) -> None:
        """``on_stop_signal`` on the bot's loop, where the signal handler would run it."""
        loop, application = self._loop, self._app
        if loop is None or application is None:
            return  # not running yet (or any more); a start that fails ends by itself
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(functools.partial(on_stop_signal, application))

    async def wait_exit(self, timeout: float = 10.0) -> int:  # noqa: ASYNC109
        """Wait for the bot to end on its own; returns the exit code."""
        ended = self._ended
        if ended is None:
            raise RuntimeError(f"{self.name} was never started")
        try:
            await asyncio.wait_for(asyncio.shield(ended), timeout)
        except TimeoutError:
            raise AssertionError(f"{self.name} still runs after {timeout}s") from None
        return self._finish()

    async def stop_quietly(self) -> None:
        """Teardown: stop if running, never raise for the end itself."""
        if self._ended is None:
            return
        if not self._ended.done():
            with contextlib.suppress(AssertionError):
                await self.stop()
        if self._ended.done():
            self._finish()
        else:  # a thread cannot be killed: at least stop writing its log into later tests'
            self._detach()

    def _finish(self) -> int:
        """Put back what the start changed in the process; returns the exit code once."""
        ended = self._ended
        if ended is None or not ended.done():
            raise RuntimeError(f"{self.name} has not ended")
        code = ended.result()
        if self._handler is not None:
            self.exit_codes.append(code)
        self._detach()
        self._app = None
        return code

    def _detach(self) -> None:
        """Give the process back what the start took: the root logger's handler and levels,
        the umask, the installed city index and vocabularies."""
        if self._handler is not None:
            logging.getLogger().removeHandler(self._handler)
            self._handler = None
            for name, level in self._levels.items():
                logging.getLogger(name).setLevel(level)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
        if self._umask is not None:
            os.umask(self._umask)
            self._umask = None
        _OwnRecords.running = _OwnRecords.running - {self.name}
        timezones.use_index(shared_index())
        vocabulary.use()  # every shipped one, as before any bot narrowed them to its texts
