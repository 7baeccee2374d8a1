"""The parent's side of ``bench.protocol``: start a worker, wait for READY, read its RESULT."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

from bench.protocol import ARGS_VARIABLE, READY, RESULT, STOP

ROOT = Path(__file__).resolve().parent.parent


class WorkerFailed(RuntimeError):
    pass


class Worker:
    """A running ``bench.worker``: ``async with Worker(role, args) as worker: ...``."""

    def __init__(self, role: str, args: dict[str, Any]) -> None:
        self._role = role
        self._args = args
        self._process: asyncio.subprocess.Process | None = None
        self._log: IO[bytes] | None = None

    async def __aenter__(self) -> Worker:
        # BENCH_LOG_DIR keeps the children's logs; by default they go when the child does.
        keep = os.environ.get("BENCH_LOG_DIR")
        self._log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            prefix=f"bench-{self._role}-", suffix=".log", dir=keep, delete=not keep
        )
        self._process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.worker",
            self._role,
            cwd=ROOT,
            # In the environment, not the command line: the arguments hold the (test) token.
            env={**os.environ, ARGS_VARIABLE: json.dumps(self._args)},
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=self._log,
        )
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        process = self._process
        if process is not None and process.returncode is None:
            process.kill()
            await process.wait()
        if self._log is not None:
            self._log.close()

    async def _line(self) -> str:
        process = self._process
        if process is None or process.stdout is None:
            raise WorkerFailed("not started")
        raw = await process.stdout.readline()
        if not raw:
            await process.wait()
            raise WorkerFailed(f"{self._role} exited ({process.returncode}):\n{self.log_tail()}")
        return raw.decode().rstrip("\n")

    async def ready(self) -> None:
        while (line := await self._line()) != READY:
            if line.startswith(RESULT):
                raise WorkerFailed(f"{self._role} finished before it was ready")

    async def stop(self) -> None:
        process = self._process
        if process is not None and process.stdin is not None:
            process.stdin.write((STOP + "\n").encode())
            await process.stdin.drain()

    async def result(self) -> dict[str, Any]:
        while not (line := await self._line()).startswith(RESULT):
            pass
        process = self._process
        if process is not None:
            await process.wait()
        result: dict[str, Any] = json.loads(line.removeprefix(RESULT))
        return result

    def log_tail(self, lines: int = 30) -> str:
        if self._log is None:
            return ""
        text = Path(self._log.name).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])
