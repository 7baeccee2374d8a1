"""Run the real bot (``python -m bot``) as a subprocess against the fake Bot API.

Only the process boundary is real here: the bot reads its settings from the environment,
talks HTTP to ``FakeBotApi`` and stops on SIGTERM, exactly as in production. ``BotRunner``
is what every way of running the bot shares (its environment, its output, the token check);
``tests.support.in_process_bot.InProcessBot`` runs the same start in a thread instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import signal
import sys
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from tests.support.city_index import shared_index_path
from tests.support.fake_bot_api import FakeBotApi

REPO_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 90.0
"""Only a bound for failing: a start took over 30 s once at load 7 on two cores."""
_MASK = "<bot-token>"
# Settings that would steer the bot away from the fake server if inherited.
_DROPPED_PREFIXES = ("TELEGRAM_", "WEBHOOK_")
_DROPPED = frozenset(
    {
        "DATABASE_URL",
        "DATA_DIR",
        "LOG_LEVEL",
        "TEST_CLOCK_FILE",
        "CITY_INDEX_PATH",
        "ADMIN_CHAT_IDS",
        "PORT",
        "METRICS_PORT",
        "METRICS_HOST",
        "SEND_PER_CHAT_SECONDS",
        "SEND_PER_SECOND",
        "REMINDER_MIN_INTERVAL_MINUTES",
        "REMINDER_GRACE_MINUTES",
        "LOCALES_DIR",
        "INPUT_DIR",
    }
)


class BotRunner(ABC):
    """What a bot run by a test has, whether a process or a thread: its settings (the
    environment a process would get), its log file and the checks on its output."""

    _numbers = itertools.count(1)

    def __init__(
        self,
        api: FakeBotApi,
        work_dir: Path,
        *,
        extra_env: Mapping[str, str] | None = None,
        database_url: str | None = None,
        name: str | None = None,
    ) -> None:
        self.api = api
        self.work_dir = work_dir
        self.name = name or f"bot{next(self._numbers)}"
        self.database_url = database_url or f"sqlite+aiosqlite:///{work_dir / 'bot.db'}"
        self.extra_env = dict(extra_env or {})
        self.log_path = work_dir / f"{self.name}.log"
        self.exit_codes: list[int] = []
        api.diagnostics.append(self._log_tail)

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"{type(self).__name__}({self.name}, {state}, log={self.log_path})"

    # ----------------------------------------------------------------- environment

    def environment(self) -> dict[str, str]:
        """What the child gets: this process's environment without stray bot settings."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(_DROPPED_PREFIXES) and key not in _DROPPED
        }
        env.update(
            {
                "TELEGRAM_BOT_TOKEN": self.api.token,
                "TELEGRAM_API_BASE_URL": self.api.base_url,
                "DATABASE_URL": self.database_url,
                # The picture cache and anything else the bot keeps on disk, per test.
                "DATA_DIR": str(self.work_dir / "data"),
                # Built once for the run (a bot builds its own on a first start, seconds).
                "CITY_INDEX_PATH": str(shared_index_path()),
                "LOG_LEVEL": "DEBUG",
                "PYTHONUNBUFFERED": "1",
                # The fake server has no per-chat limit; the limiter's rule itself is tested
                # on a fake clock (tests/unit/test_outbound.py). Pass 1 to test the real pace.
                "SEND_PER_CHAT_SECONDS": "0.05",
                # Many bots run side by side: health and metrics only where a test asks.
                "METRICS_PORT": "0",
            }
        )
        env.update(self.extra_env)
        return env

    # ----------------------------------------------------------------- lifecycle

    @property
    @abstractmethod
    def running(self) -> bool: ...

    @abstractmethod
    async def start(self, wait_for_polling: bool = True) -> None:
        """Start the bot; by default wait until it long-polls (so it is ready for updates)."""

    @abstractmethod
    async def stop(self, timeout: float = 10.0) -> int:  # noqa: ASYNC109
        """Stop as SIGTERM does and wait for the end; returns the exit code."""

    @abstractmethod
    async def wait_exit(self, timeout: float = 10.0) -> int:  # noqa: ASYNC109
        """Wait for the bot to end on its own (e.g. bad settings); returns the exit code."""

    @abstractmethod
    async def stop_quietly(self) -> None:
        """Teardown: stop if running, never raise for the exit itself."""

    async def _until_polling(
        self,
        exited: Awaitable[object],
        *,
        since: int,
        timeout: float,  # noqa: ASYNC109
    ) -> None:
        """Wait for a getUpdates call after ``since``; fail early if the bot ends instead."""
        polling = asyncio.ensure_future(
            self.api.wait_for_call("getUpdates", timeout=timeout, since=since, completed=False)
        )
        ended = asyncio.ensure_future(exited)
        try:
            done, _ = await asyncio.wait({polling, ended}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (polling, ended):
                task.cancel()
        if polling in done and not polling.cancelled() and polling.exception() is None:
            return
        if ended in done:
            raise AssertionError(
                f"{self.name} exited with code {self._exit_code()} before polling\n"
                + self._log_tail()
            )
        await self.stop_quietly()
        raise AssertionError(
            f"{self.name} did not start polling within {timeout}s\n" + self._log_tail()
        )

    @abstractmethod
    def _exit_code(self) -> int | None: ...

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop_quietly()
        self.check_token_not_leaked()

    # ----------------------------------------------------------------- output

    @property
    def output(self) -> str:
        """Everything the bot wrote to stdout and stderr, unmasked (so tests can check it)."""
        if not self.log_path.exists():
            return ""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def _secrets(self) -> list[str]:
        # The part after the colon alone is secret too (a URL may encode the colon).
        token = self.api.token
        return [token, token.split(":", 1)[-1]]

    @property
    def masked_output(self) -> str:
        text = self.output
        for secret in self._secrets():
            text = text.replace(secret, _MASK)
        return text

    def _log_tail(self, lines: int = 40) -> str:
        tail = self.masked_output.splitlines()[-lines:]
        return f"--- last lines of {self.log_path.name}:\n" + "\n".join(tail)

    def check_token_not_leaked(self) -> None:
        """Fail loudly if the bot ever wrote its token; the message itself masks it."""
        secret = self._secrets()[-1]
        output = self.output
        if secret in output:
            lines = [
                number for number, line in enumerate(output.splitlines(), start=1) if secret in line
            ]
            raise AssertionError(
                f"{self.name} wrote the bot token to its output (lines {lines[:10]} of "
                f"{self.log_path}); it must be masked"
            )


class BotProcess(BotRunner):
    """The bot as a child process; ``async with BotProcess(api, tmp_path) as bot:``."""

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
        self._process: asyncio.subprocess.Process | None = None
        self._log_file: IO[bytes] | None = None

    # ----------------------------------------------------------------- lifecycle

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.returncode is None

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    async def start(self, wait_for_polling: bool = True) -> None:
        """Launch the bot; by default wait until it long-polls (so it is ready for updates)."""
        if self.running:
            raise RuntimeError(f"{self.name} is already running")
        self.work_dir.mkdir(parents=True, exist_ok=True)
        mark = self.api.mark()
        self._log_file = self.log_path.open("ab")
        self._log_file.write(f"----- {self.name} starting\n".encode())
        self._log_file.flush()
        self._process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=REPO_ROOT,
            env=self.environment(),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=asyncio.subprocess.STDOUT,
        )
        if wait_for_polling:
            await self.wait_until_polling(since=mark)

    async def wait_until_polling(self, *, since: int = 0, timeout: float = START_TIMEOUT) -> None:  # noqa: ASYNC109
        """Wait for a getUpdates call after ``since``; fail early if the bot exits instead."""
        process = self._process
        if process is None:
            raise RuntimeError(f"{self.name} was never started")
        try:
            await self._until_polling(process.wait(), since=since, timeout=timeout)
        finally:
            if process.returncode is not None:
                self._close_log()

    def _exit_code(self) -> int | None:
        return None if self._process is None else self._process.returncode

    async def stop(self, timeout: float = 10.0) -> int:  # noqa: ASYNC109
        """SIGTERM, then wait for a clean exit; returns the exit code."""
        process = self._process
        if process is None:
            raise RuntimeError(f"{self.name} was never started")
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), timeout)
            except TimeoutError:
                self.kill()
                await process.wait()
                self._finish(process)
                raise AssertionError(
                    f"{self.name} did not stop within {timeout}s of SIGTERM\n" + self._log_tail()
                ) from None
        return self._finish(process)

    def kill(self) -> None:
        """SIGKILL: a crash, with no chance to clean up."""
        if self._process is not None and self._process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self._process.kill()

    async def wait_exit(self, timeout: float = 10.0) -> int:  # noqa: ASYNC109
        """Wait for the bot to exit on its own (e.g. bad settings); returns the exit code."""
        process = self._process
        if process is None:
            raise RuntimeError(f"{self.name} was never started")
        try:
            await asyncio.wait_for(process.wait(), timeout)
        except TimeoutError:
            raise AssertionError(f"{self.name} still runs after {timeout}s") from None
        return self._finish(process)

    async def stop_quietly(self) -> None:
        """Teardown: stop if running, never raise for the exit itself."""
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            with contextlib.suppress(AssertionError):
                await self.stop()
        else:
            self._finish(process)

    def _finish(self, process: asyncio.subprocess.Process) -> int:
        code = process.returncode
        if code is None:
            raise RuntimeError("process has not exited")
        if self._log_file is not None:
            self.exit_codes.append(code)
        self._close_log()
        return code

    def _close_log(self) -> None:
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
