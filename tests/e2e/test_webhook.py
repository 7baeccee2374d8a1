"""Webhook mode: Telegram pushes updates to the bot, which checks the secret-token header."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import aiohttp
import pytest

from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_webhook_mode_answers_start_and_refuses_a_wrong_secret(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str]
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    bot = bot_factory(
        extra_env={
            **db_env,
            "WEBHOOK_URL": url,
            "WEBHOOK_SECRET": "s3cret-value",
            "PORT": str(port),
        }
    )
    await bot.start(wait_for_polling=False)
    registered = await fake_api.wait_for_call("setWebhook", timeout=30)
    assert registered.params["url"] == f"{url}/telegram"
    assert fake_api.webhook is not None and fake_api.webhook["secret_token"] == "s3cret-value"

    user = fake_api.user(120, first_name="Wen")
    user.send("/start")
    assert "Hi Wen" in (await user.next_message()).text
    await user.next_message()

    forged = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 120}}}
    async with aiohttp.ClientSession() as session:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
            async with session.post(f"{url}/telegram", json=forged, headers=headers) as response:
                assert response.status == 403
    assert fake_api.calls_of("getUpdates") == []
    assert await bot.stop() == 0
    assert "s3cret-value" not in bot.output
