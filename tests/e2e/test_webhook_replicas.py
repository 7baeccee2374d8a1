"""Two webhook replicas on one PostgreSQL database handle a redelivered update once.

Telegram re-sends an update it saw no answer to in time, and behind a load balancer the
second delivery may reach the other replica while the first is still being handled. The
update id is claimed in the database before any handler runs, so only one replica answers.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import aiohttp
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from tests.e2e.people import seed_cleared_user
from tests.e2e.test_groups import person
from tests.e2e.test_webhook import SECRET, free_port
from tests.support.fake_bot_api import BOT_USERNAME, FakeBotApi

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.process]
BotFactory = Callable[..., Any]
USER = 130
REPS_USER = 131
WITNESS = "nothing to undo"
GROUP = -100500
NOTE = "I coach one person at a time"
PATH = f"/telegram/{hashlib.sha256(SECRET.encode()).hexdigest()[:32]}"


def message(update_id: int, text: str, user: int = USER) -> dict[str, Any]:
    body: dict[str, Any] = {
        "message_id": update_id,
        "date": 0,
        "from": {"id": user, "is_bot": False, "first_name": "Wen"},
        "chat": {"id": user, "type": "private"},
        "text": text,
    }
    if text.startswith("/"):
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": body}


async def listening(port: int, timeout: float = 30.0) -> None:  # noqa: ASYNC109
    """Until the replica's webhook server accepts connections (it may come up after
    ``setWebhook``)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if loop.time() > deadline:
                raise
            await asyncio.sleep(0.05)
        else:
            writer.close()
            await writer.wait_closed()
            return


async def post(session: aiohttp.ClientSession, url: str, update: dict[str, Any]) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with session.post(f"{url}{PATH}", json=update, headers=headers) as response:
        return response.status


async def start_replicas(
    fake_api: FakeBotApi, bot_factory: BotFactory, postgres_url: str
) -> tuple[list[Any], list[str]]:
    """Two webhook replicas on one PostgreSQL database, listening; their processes and URLs."""
    urls = []
    ports = []
    replicas = []
    for name in ("a", "b"):
        port = free_port()
        ports.append(port)
        url = f"http://127.0.0.1:{port}"
        env = {"WEBHOOK_URL": url, "WEBHOOK_SECRET": SECRET, "PORT": str(port)}
        env["SEND_PER_CHAT_SECONDS"] = "1"  # the real pace
        replicas.append(bot_factory(env, database_url=postgres_url, name=f"webhook-{name}"))
        urls.append(url)
    for replica in replicas:
        mark = fake_api.mark()
        await replica.start(wait_for_polling=False)
        await fake_api.wait_for_call("setWebhook", timeout=30, since=mark)
    for port in ports:
        await listening(port)
    return replicas, urls


async def test_an_update_delivered_to_both_replicas_is_answered_once(
    postgres_url: str, fake_api: FakeBotApi, bot_factory: BotFactory
) -> None:
    replicas, urls = await start_replicas(fake_api, bot_factory, postgres_url)
    user = fake_api.user(USER, first_name="Wen")

    def answers(part: str) -> int:
        return sum(part in m.text for m in user.bot_messages)

    async def answered(part: str, count: int) -> None:
        await fake_api.wait_until(lambda: answers(part) >= count or None, timeout=30)

    async with aiohttp.ClientSession() as session:
        # The same /start reaches both replicas at once, as a redelivery may.
        statuses = await asyncio.gather(
            *(post(session, url, message(9000, "/start")) for url in urls)
        )
        assert statuses == [200, 200]
        # A /help answered by replica a, then delivered again to replica b.
        assert await post(session, urls[0], message(9001, "/help")) == 200
        await answered("/workout", 1)
        assert await post(session, urls[1], message(9001, "/help")) == 200
        # Each replica handles one person's updates in order, so b's answer to a new update
        # means it is done with the redelivered ones (answered or dropped); a's answer to
        # 9001 meant the same for its /start.
        assert await post(session, urls[1], message(9002, "/undo")) == 200
        await answered(WITNESS, 1)
    assert answers("/workout") == 1, "the redelivered /help must be answered once"
    assert answers("Hi Wen") == 1, "the /start sent to both replicas must be answered once"
    assert all(replica.running for replica in replicas)
    for replica in replicas:
        assert await replica.stop() == 0


async def test_a_rep_reply_at_both_replicas_is_logged_and_answered_once(
    postgres_url: str, fake_api: FakeBotApi, bot_factory: BotFactory
) -> None:
    """The update's claim, the entry and the reset sitting timer are one transaction on
    each replica: the second waits for the first's claim and then drops the update, so the
    reps are stored once and the reply comes once."""
    await seed_cleared_user(postgres_url, REPS_USER, datetime.now(UTC))
    replicas, urls = await start_replicas(fake_api, bot_factory, postgres_url)
    user = fake_api.user(REPS_USER, first_name="Wen")

    def answers(part: str) -> int:
        return sum(part in m.text for m in user.bot_messages)

    async with aiohttp.ClientSession() as session:
        reps = message(9100, "10 bridges", REPS_USER)
        statuses = await asyncio.gather(*(post(session, url, reps) for url in urls))
        assert statuses == [200, 200]
        await fake_api.wait_until(lambda: answers("Logged: 10 bridges") or None, timeout=30)
        # Each replica handles one person's updates in order: an answer to a later update
        # from each means both are done with the reps.
        for update_id, url in zip((9101, 9102), urls, strict=True):
            assert await post(session, url, message(update_id, "/help", REPS_USER)) == 200
        await fake_api.wait_until(lambda: answers("/workout") >= 2 or None, timeout=30)
    assert answers("Logged: 10 bridges") == 1
    engine = create_async_engine(postgres_url)
    try:
        async with engine.connect() as connection:
            stored = await connection.execute(
                text("SELECT reps FROM rep_entries WHERE user_id = :user"), {"user": REPS_USER}
            )
            assert list(stored.scalars()) == [10]
    finally:
        await engine.dispose()
    for replica in replicas:
        assert await replica.stop() == 0


async def test_a_group_gets_one_note_a_minute_across_replicas(
    postgres_url: str, fake_api: FakeBotApi, bot_factory: BotFactory
) -> None:
    """Two people in one group type /start@bot; a load balancer hands one to each replica.
    The pace lives in the database, so the group gets one note, not one per replica."""
    replicas, urls = await start_replicas(fake_api, bot_factory, postgres_url)
    group = fake_api.group(GROUP, kind="supergroup")
    text = f"/start@{BOT_USERNAME}"
    # Posted in the group (so the note can reply to it), delivered by the test to one replica.
    first, second = (
        fake_api.update(group.send(text, sender=person(sender))) for sender in (901, 902)
    )

    def notes() -> int:
        calls = fake_api.calls_of("sendMessage", ok=True)
        return sum(call.chat_id == GROUP and NOTE in str(call.params["text"]) for call in calls)

    async with aiohttp.ClientSession() as session:
        assert await post(session, urls[0], first) == 200
        assert await fake_api.wait_until(lambda: notes() >= 1 or None, timeout=30)
        assert await post(session, urls[1], second) == 200
        skipped = f"no note for update {second['update_id']}"
        assert await fake_api.wait_until(lambda: skipped in replicas[1].output or None, timeout=30)
    assert notes() == 1
    for replica in replicas:
        assert await replica.stop() == 0
