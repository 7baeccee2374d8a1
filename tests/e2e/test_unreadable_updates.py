"""An update this library version cannot read is skipped, never fatal, and never logged whole.

PTB 22.8 requires ``Poll.allows_revoting`` (Bot API 9.6); an update without it made PTB
fail on the whole ``getUpdates`` batch, log it raw (the sender's name, the text) at CRITICAL
and fetch the same batch again, forever. Now it is confirmed, logged by id and kind, and
the updates around it are answered, by long polling and by webhook alike.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest

from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]
SECRET = "Unreadable_0123456789abcdefghijklmnopq"
NAME = "Zebulon-Quartz"
QUESTION = "Marmalade-question-6172"


def unreadable_poll_message(user_id: int) -> dict[str, Any]:
    """A message with a poll as an older Bot API sends it: no ``allows_revoting``."""
    return {
        "message": {
            "message_id": 77,
            "date": 0,
            "from": {"id": user_id, "is_bot": False, "first_name": NAME},
            "chat": {"id": user_id, "type": "private", "first_name": NAME},
            "poll": {
                "id": "5001",
                "question": QUESTION,
                "options": [
                    {"text": "Marmalade-yes", "voter_count": 0},
                    {"text": "Marmalade-no", "voter_count": 0},
                ],
                "total_voter_count": 0,
                "is_closed": False,
                "is_anonymous": True,
                "type": "regular",
                "allows_multiple_answers": False,
            },
        }
    }


def helps_answered(messages: list[Any]) -> int:
    """/help answers with the command list and the safety note: count the lists."""
    return sum("/workout" in message.text for message in messages)


def assert_logged_by_id_only(output: str, update_id: int) -> None:
    assert f"skipped update {update_id} (message)" in output
    for content in (NAME, QUESTION, "Marmalade"):
        assert content not in output
    assert "CRITICAL" not in output


async def test_polling_skips_an_unreadable_update_and_answers_the_ones_around_it(
    fake_api: FakeBotApi, bot_factory: BotFactory
) -> None:
    bot = bot_factory()
    await bot.start()
    user = fake_api.user(610, first_name=NAME)
    user.send("/help")
    bad = fake_api.queue_update(unreadable_poll_message(610))
    user.send("/help")
    assert helps_answered(await user.next_messages(4)) == 2

    # Last of its batch: the next getUpdates confirms it, so Telegram stops sending it.
    last = fake_api.queue_update(unreadable_poll_message(610))
    await fake_api.wait_for_call(
        "getUpdates",
        lambda call: int(call.params.get("offset") or 0) > last,
        completed=False,
    )
    assert fake_api.pending_update_count == 0
    user.send("/help")
    assert helps_answered(await user.next_messages(2)) == 1

    assert await bot.stop() == 0
    assert_logged_by_id_only(bot.output, bad)
    assert_logged_by_id_only(bot.output, last)
    assert bot.output.count(f"skipped update {last} ") == 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.process
async def test_webhook_answers_an_unreadable_update_200_and_skips_it(
    fake_api: FakeBotApi, bot_factory: BotFactory
) -> None:
    port = free_port()
    bot = bot_factory(
        extra_env={
            "WEBHOOK_URL": f"http://127.0.0.1:{port}",
            "WEBHOOK_SECRET": SECRET,
            "PORT": str(port),
        }
    )
    await bot.start(wait_for_polling=False)
    await fake_api.wait_for_call("setWebhook", timeout=30)
    user = fake_api.user(611, first_name=NAME)
    user.send("/help")
    bad = fake_api.queue_update(unreadable_poll_message(611))
    user.send("/help")
    # The fake delivers one at a time and retries until 2xx: the second needs the bad one 200.
    assert helps_answered(await user.next_messages(4)) == 2
    assert fake_api.pending_update_count == 0
    assert await bot.stop() == 0
    assert_logged_by_id_only(bot.output, bad)
