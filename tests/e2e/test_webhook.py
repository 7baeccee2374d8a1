"""Webhook mode: Telegram pushes updates to a secret path, with the secret-token header.

A webhook that accepts updates from anyone hands out every user's data (a forged /export
with the attacker's chat id), so the bot refuses to run one without a strong secret.
"""

from __future__ import annotations

import hashlib
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.e2e.conftest import query
from tests.support.fake_bot_api import FakeBotApi

pytestmark = [pytest.mark.e2e, pytest.mark.process]
BotFactory = Callable[..., Any]
SECRET = "Wh-secret_0123456789abcdefghijklmnopqrstuv"
ATTACKER_CHAT = 666
FORGED_UPDATE_ID = 424242


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def forged_export(victim: int) -> dict[str, Any]:
    """/export as `victim`, answered to the attacker's chat."""
    return {
        "update_id": FORGED_UPDATE_ID,
        "message": {
            "message_id": 1,
            "date": 0,
            "from": {"id": victim, "is_bot": False, "first_name": "Wen"},
            "chat": {"id": ATTACKER_CHAT, "type": "private"},
            "text": "/export",
            "entities": [{"type": "bot_command", "offset": 0, "length": 7}],
        },
    }


def printed_lines(output: str) -> list[str]:
    """What the bot wrote, without the harness's own start marker."""
    return [line for line in output.splitlines() if line.strip() and not line.startswith("-----")]


async def test_webhook_on_the_secret_path_answers_and_refuses_forged_updates(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    bot = bot_factory(
        extra_env={**db_env, "WEBHOOK_URL": url, "WEBHOOK_SECRET": SECRET, "PORT": str(port)}
    )
    await bot.start(wait_for_polling=False)
    registered = await fake_api.wait_for_call("setWebhook", timeout=30)
    digest = hashlib.sha256(SECRET.encode()).hexdigest()[:32]
    path = f"/telegram/{digest}"
    assert registered.params["url"] == f"{url}{path}"
    assert fake_api.webhook is not None and fake_api.webhook["secret_token"] == SECRET

    user = fake_api.user(120, first_name="Wen")
    user.send("/start")
    assert "Hi Wen" in (await user.next_message()).text
    await user.next_message()
    sent_before = len(fake_api.calls)

    async with aiohttp.ClientSession() as session:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
            async with session.post(
                f"{url}{path}", json=forged_export(120), headers=headers
            ) as response:
                assert response.status == 403
        # The old, guessable path serves nothing, with or without the secret.
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": SECRET}):
            async with session.post(
                f"{url}/telegram", json=forged_export(120), headers=headers
            ) as response:
                assert response.status in (403, 404)

    # The real secret still works, and the forged updates changed nothing in between.
    user.send("/help")
    assert "/workout" in (await user.next_message()).text
    later = fake_api.calls[sent_before:]
    assert [call for call in later if call.chat_id == ATTACKER_CHAT] == []
    assert not [call for call in later if call.method.lower() == "senddocument"]
    stored = query(db_path, "SELECT update_id FROM processed_updates WHERE update_id = ?", 424242)
    assert stored == []
    assert fake_api.calls_of("getUpdates") == []
    assert await bot.stop() == 0
    assert SECRET not in bot.output and digest not in bot.output


@pytest.mark.parametrize(
    "secret",
    [
        None,
        "",
        "s3cret-value",  # Telegram would take it, but it is far too short to be secret
        "x" * 31,
        "has spaces and a long enough length 0123456789",
    ],
)
async def test_webhook_mode_without_a_strong_secret_exits_2_with_one_line(
    secret: str | None, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    env = {**db_env, "WEBHOOK_URL": "https://bot.example.org", "PORT": str(free_port())}
    if secret is not None:
        env["WEBHOOK_SECRET"] = secret
    bot = bot_factory(extra_env=env)
    await bot.start(wait_for_polling=False)
    assert await bot.wait_exit(timeout=30) == 2
    lines = printed_lines(bot.output)
    assert len(lines) == 1, lines
    assert "WEBHOOK_SECRET" in lines[0] and "32" in lines[0]
    if secret:
        assert secret not in bot.output
    assert not db_path.exists()  # noqa: ASYNC240 - the bot has exited


async def test_webhook_with_a_32_character_secret_starts(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str]
) -> None:
    port = free_port()
    secret = "A" * 16 + "_-" * 8
    bot = bot_factory(
        extra_env={
            **db_env,
            "WEBHOOK_URL": f"http://127.0.0.1:{port}",
            "WEBHOOK_SECRET": secret,
            "PORT": str(port),
        }
    )
    await bot.start(wait_for_polling=False)
    await fake_api.wait_for_call("setWebhook", timeout=30)
    user = fake_api.user(121)
    user.send("/help")
    assert "/workout" in (await user.next_message()).text
    assert await bot.stop() == 0
    assert secret not in bot.output
