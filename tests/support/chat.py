"""`make chat`: talk to the real bot in a terminal, no Telegram account needed.

The real `python -m bot` runs against the local fake Bot API server, exactly as in the
end-to-end tests; this module is the phone. Inline buttons show as numbered choices: type
#N to press one. Everything else you type is sent as a message, numbers too (on a 0-10
scale "8" is the text 8, as a person would type it; "#8" presses the 8th button).

    #1..#N            press button N of the newest message with buttons
    /location LAT LON share a location
    /time ISO         move the bot's clock (e.g. /time 2026-11-27T09:30:00+01:00)
    /quit             stop (Ctrl-D works too)

Data lives in `data/chat.db` (kept between runs; delete it to start fresh); another folder can
be given as the first argument. A restart with a kept database goes on numbering updates
after the last one the bot handled, as Telegram does, and the pictures the bot uploaded to
the previous server are uploaded again when this one rejects their file ids.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import sqlite3
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from tests.support.bot_process import REPO_ROOT, BotProcess
from tests.support.fake_bot_api import FIRST_UPDATE_ID, FakeBotApi
from tests.support.models import BotMessage, ChatEvent, WaitTimeout
from tests.support.user import FakeUser

CHAT_USER_ID = 4242
BUTTON = re.compile(r"#\s*(\d{1,2})")
"""A button press: "#3" presses the third button."""
DATA_DIR = REPO_ROOT / "data"
USAGE = """Buttons show as numbered choices: type #N to press one (#1, #2 ...).
  anything else      is sent as a message, numbers too ("8" on a pain scale is 8)
  /location LAT LON  share a location
  /time ISO          move the bot's clock, e.g. /time 2026-11-27T09:30:00+01:00
  /quit              stop (Ctrl-D works too)"""


class TerminalChat:
    """Reads lines, turns them into a person's actions, prints what the phone would show."""

    def __init__(self, user: FakeUser, clock_file: Path, out: TextIO) -> None:
        self._user = user
        self._clock_file = clock_file
        self._out = out
        self._choices: list[str] = []

    def show(self, event: ChatEvent) -> None:
        message = event.message
        if event.kind == "deleted":
            self._print(f"(message #{message.message_id} was deleted)")
            return
        prefix = "(edited) " if event.kind == "edited" else ""
        self._print(prefix + self._render(message))
        if message.buttons:
            self._choices = message.labels

    def _render(self, message: BotMessage) -> str:
        lines: list[str] = []
        if message.photo is not None:
            lines.append(f"[picture, {message.photo.size} bytes]")
        if message.animation is not None:
            lines.append(f"[animation, {message.animation.size} bytes]")
        if message.document is not None:
            lines.append(f"[file {message.document.file_name}, {message.document.size} bytes]")
        text = message.caption if message.caption else message.text
        if text:
            lines.extend(text.splitlines())
        for number, label in enumerate(message.labels, start=1):
            lines.append(f"  #{number}) {label}")
        if message.reply_keyboard:
            keys = ", ".join(label for row in message.reply_keyboard for label in row)
            lines.append(f"  keyboard: {keys}")
        return "bot> " + "\n     ".join(lines)

    def _print(self, text: str) -> None:
        print(text, file=self._out, flush=True)

    def act(self, line: str) -> bool:
        """Carry out one typed line; False when the person wants to stop."""
        line = line.strip()
        if not line:
            return True
        if line in ("/quit", "/exit"):
            return False
        if line.startswith("/location"):
            parts = line.split()
            try:
                self._user.send_location(float(parts[1]), float(parts[2]))
            except (IndexError, ValueError):
                self._print("usage: /location 52.52 13.40")
            return True
        if line.startswith("/time"):
            self._set_time(line.removeprefix("/time").strip())
            return True
        choice = BUTTON.fullmatch(line)
        if choice is not None:
            number = int(choice.group(1))
            if self._choices and 1 <= number <= len(self._choices):
                self._user.press(self._choices[number - 1])
            elif self._choices:
                self._print(f"pick #1 to #{len(self._choices)}, or type text")
            else:
                self._print("no buttons to press yet")
            return True
        self._user.send(line)
        return True

    def _set_time(self, value: str) -> None:
        try:
            instant = datetime.fromisoformat(value)
        except ValueError:
            self._print("usage: /time 2026-11-27T09:30:00+01:00")
            return
        if instant.tzinfo is None:
            self._print("add a UTC offset, e.g. +01:00")
            return
        write_clock(self._clock_file, instant)
        self._print(f"(bot clock is now {instant.isoformat()})")


def write_clock(path: Path, instant: datetime) -> None:
    path.write_text(instant.astimezone(UTC).isoformat(), encoding="utf-8")


def prepare(data_dir: Path) -> Path:
    """Create the data folder and a clock file set to now; returns the clock file."""
    data_dir.mkdir(parents=True, exist_ok=True)
    clock_file = data_dir / "chat-clock.txt"
    write_clock(clock_file, datetime.now(UTC))
    return clock_file


def next_update_id(database: Path) -> int:
    """The first update id of this run: after the last one the bot handled in ``database``.

    The local server starts counting anew on each run; without this a kept database would
    take the first updates of a new run for ones it handled already and stay silent.
    """
    if not database.exists():
        return FIRST_UPDATE_ID
    with contextlib.closing(sqlite3.connect(database)) as connection:
        try:
            (last,) = connection.execute("SELECT max(update_id) FROM processed_updates").fetchone()
        except sqlite3.OperationalError:  # not migrated yet
            return FIRST_UPDATE_ID
    return FIRST_UPDATE_ID if last is None else max(FIRST_UPDATE_ID, int(last) + 1)


def _read_lines_in_background(lines: TextIO) -> asyncio.Queue[str]:
    """Typed lines, read by a daemon thread so a blocked read never delays exit ("" = EOF)."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str] = asyncio.Queue()

    def read() -> None:
        while True:
            line = lines.readline()
            try:
                loop.call_soon_threadsafe(queue.put_nowait, line)
            except RuntimeError:  # the chat has ended and its loop is closed
                return
            if not line:
                return

    threading.Thread(target=read, name="terminal-input", daemon=True).start()
    return queue


async def _pump(chat: TerminalChat, user: FakeUser) -> None:
    while True:
        with contextlib.suppress(WaitTimeout):
            chat.show(await user.next_event(timeout=3600))


async def run(
    data_dir: Path = DATA_DIR, lines: TextIO = sys.stdin, out: TextIO = sys.stdout
) -> int:
    clock_file = prepare(data_dir)
    database = data_dir / "chat.db"
    async with FakeBotApi(first_update_id=next_update_id(database)) as api:
        bot = BotProcess(
            api,
            data_dir,
            name="chat-bot",
            database_url=f"sqlite+aiosqlite:///{database}",
            extra_env={"LOG_LEVEL": "WARNING", "TEST_CLOCK_FILE": str(clock_file)},
        )
        await bot.start()
        user = api.user(CHAT_USER_ID, first_name="You")
        chat = TerminalChat(user, clock_file, out)
        print(f"StrongBack terminal chat (bot log: {bot.log_path}).\n{USAGE}", file=out)
        pump = asyncio.create_task(_pump(chat, user))
        typed = _read_lines_in_background(lines)
        try:
            while True:
                line = await typed.get()
                if not line or not chat.act(line):
                    break
                await asyncio.sleep(0.5)  # let the answer print before the next prompt
        finally:
            pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pump
            await bot.stop_quietly()
    return 0


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA_DIR
    sys.exit(asyncio.run(run(folder)))
