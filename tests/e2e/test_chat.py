"""`make chat`: a person types into the terminal chat and sees the real bot answer."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from tests.support.bot_process import REPO_ROOT

pytestmark = pytest.mark.e2e


class Terminal:
    """The terminal chat as a child process: type lines, read until a text appears."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.screen = ""

    def type(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{line}\n".encode())

    async def read_until(self, fragment: str, timeout: float = 30.0) -> str:  # noqa: ASYNC109
        assert self.process.stdout is not None
        async with asyncio.timeout(timeout):
            while fragment not in self.screen:
                chunk = await self.process.stdout.read(4096)
                if not chunk:
                    break
                self.screen += chunk.decode()
        assert fragment in self.screen, self.screen
        return self.screen


async def test_terminal_chat_shows_buttons_as_numbered_choices(tmp_path: Path) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.support.chat",
        str(tmp_path),
        cwd=REPO_ROOT,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    terminal = Terminal(process)
    try:
        await terminal.read_until("type the number")
        terminal.type("/start")
        await terminal.read_until("1) Let's begin")
        terminal.type("1")
        await terminal.read_until("spread from your back down into a leg")
        assert "1) Yes" in terminal.screen.rsplit("spread from your back", 1)[1]
        terminal.type("/quit")
        assert await asyncio.wait_for(process.wait(), 20) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
