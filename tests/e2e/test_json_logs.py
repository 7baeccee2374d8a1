"""LOG_FORMAT=json: the real bot's whole log is JSON lines, as masked as the text log."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from tests.support.fake_bot_api import TEST_TOKEN, FakeBotApi

pytestmark = [pytest.mark.e2e, pytest.mark.process]
BotFactory = Callable[..., Any]
TYPED = "quartz-heron-5521 my lower back aches"
FIELDS = {"time", "level", "logger", "message"}


async def test_every_log_line_is_json_without_the_token_or_what_the_user_typed(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str]
) -> None:
    bot = bot_factory(extra_env={**db_env, "LOG_FORMAT": "json"})
    await bot.start()
    user = fake_api.user(7800)
    user.send("/start")
    await user.next_messages(2)
    user.send(TYPED)
    await user.next_message()
    assert await bot.stop() == 0

    lines = [line for line in bot.output.splitlines() if not line.startswith("----- ")]
    assert len(lines) > 5
    entries = [json.loads(line) for line in lines]  # every line parses
    for entry in entries:
        assert set(entry) >= FIELDS, entry
        stamp = datetime.fromisoformat(entry["time"].replace("Z", "+00:00"))
        offset = stamp.utcoffset()
        assert offset is not None and offset.total_seconds() == 0
    assert {entry["logger"] for entry in entries} >= {"telegram.ext.Application"}
    secret = TEST_TOKEN.split(":", 1)[1]
    assert secret not in bot.output
    assert "quartz-heron" not in bot.output
