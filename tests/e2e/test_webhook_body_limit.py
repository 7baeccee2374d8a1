"""The webhook reads at most 1 MB of a request body: a large POST costs the bot nothing.

PTB's server buffered bodies up to 100 MB before it checked the secret: three 90 MB POSTs
from anyone took the process from 231 to 540 MB. Now a body over the limit is refused by
its length, before it is read, and Telegram's updates go on being handled.
"""

from __future__ import annotations

import hashlib
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.support.fake_bot_api import FakeBotApi

pytestmark = [pytest.mark.e2e, pytest.mark.process]
BotFactory = Callable[..., Any]
SECRET = "Body-limit_0123456789abcdefghijklmnopq"
BODY_BYTES = 24 * 1024 * 1024
POSTS = 3


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def memory_kb(pid: int, field: str) -> int:
    """VmRSS (now) or VmHWM (the peak so far) of a process, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} for {pid}")


async def post_large(session: aiohttp.ClientSession, url: str, headers: dict[str, str]) -> str:
    """POST a large JSON body; the status, or "closed" when the server hung up first."""
    body = b'{"update_id": 1, "message": {"text": "' + b"x" * BODY_BYTES + b'"}}'
    try:
        async with session.post(
            url, data=body, headers={"Content-Type": "application/json", **headers}
        ) as response:
            await response.read()
            return str(response.status)
    except aiohttp.ClientError:
        return "closed"


async def test_webhook_refuses_large_bodies_unread_and_goes_on(
    fake_api: FakeBotApi, bot_factory: BotFactory
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    bot = bot_factory(extra_env={"WEBHOOK_URL": url, "WEBHOOK_SECRET": SECRET, "PORT": str(port)})
    await bot.start(wait_for_polling=False)
    await fake_api.wait_for_call("setWebhook", timeout=30)
    user = fake_api.user(130)
    user.send("/help")
    await user.next_messages(2)  # the command list and the safety note

    # The texts and zone names load in a worker thread after start: measure after them.
    assert await fake_api.wait_until(
        lambda: "the texts and zone names are loaded" in bot.output or None, timeout=60
    )
    pid = bot.pid
    assert pid is not None
    before = memory_kb(pid, "VmRSS")
    path = f"/telegram/{hashlib.sha256(SECRET.encode()).hexdigest()[:32]}"
    async with aiohttp.ClientSession() as session:
        outcomes = [
            await post_large(session, f"{url}{path}", headers)
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": SECRET}, {})
        ]
    assert set(outcomes) <= {"400", "413", "closed"}, outcomes
    # Not one body was held: the peak stays below the size of a single one.
    grown = memory_kb(pid, "VmHWM") - before
    assert grown < BODY_BYTES // 1024 // 2, f"{grown} kB more after {POSTS} large POSTs"

    user.send("/help")
    assert sum("/workout" in message.text for message in await user.next_messages(2)) == 1
    assert await bot.stop() == 0
