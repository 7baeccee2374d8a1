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


async def start_terminal(data: Path) -> Terminal:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.support.chat",
        str(data),
        cwd=REPO_ROOT,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    terminal = Terminal(process)
    await terminal.read_until("type #N")
    return terminal


async def quit_terminal(terminal: Terminal) -> None:
    try:
        terminal.type("/quit")
        assert await asyncio.wait_for(terminal.process.wait(), 20) == 0
    finally:
        if terminal.process.returncode is None:
            terminal.process.kill()
            await terminal.process.wait()


async def test_terminal_chat_presses_by_marker_and_sends_numbers_as_text(tmp_path: Path) -> None:
    terminal = await start_terminal(tmp_path)
    try:
        terminal.type("/start")
        await terminal.read_until("#1) Let's begin")
        terminal.type("1")  # a typed number is text, as on a phone: no button is pressed
        terminal.type("/help")  # answered after the "1" (one person's updates are in order)
        assert "spread from your back" not in await terminal.read_until("/workout")
        terminal.type("#1")
        await terminal.read_until("spread from your back down into a leg")
        assert "#1) Yes" in terminal.screen.rsplit("spread from your back", 1)[1]
    finally:
        await quit_terminal(terminal)


async def test_terminal_chat_answers_after_a_restart_with_its_kept_database(
    tmp_path: Path,
) -> None:
    """The local server numbers updates anew each run; the chat continues after the last
    update the kept database handled, so the bot never takes a new message for an old one."""
    first = await start_terminal(tmp_path)
    try:
        for _ in range(3):
            first.type("/help")
        await first.read_until("/workout")
    finally:
        await quit_terminal(first)
    again = await start_terminal(tmp_path)
    try:
        again.type("/help")
        await again.read_until("/workout")
    finally:
        await quit_terminal(again)
