"""The update processor: different people at once, one person's updates in order."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import pytest
from telegram import Update

from bot.update_processor import SHARED_KEY, PerUserUpdateProcessor, update_key

_ids = itertools.count(1)


def message_from(user_id: int, chat_id: int | None = None) -> Update:
    chat = chat_id if chat_id is not None else user_id
    return Update.de_json(
        {
            "update_id": next(_ids),
            "message": {
                "message_id": next(_ids),
                "date": 0,
                "chat": {"id": chat, "type": "private"},
                "from": {"id": user_id, "is_bot": False, "first_name": "A"},
                "text": "hi",
            },
        },
        None,
    )


def channel_post(chat_id: int) -> Update:
    return Update.de_json(
        {
            "update_id": next(_ids),
            "channel_post": {
                "message_id": next(_ids),
                "date": 0,
                "chat": {"id": chat_id, "type": "channel"},
                "text": "news",
            },
        },
        None,
    )


class Handlers:
    """Handler coroutines that record their start and end and wait to be released."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.gates: dict[str, asyncio.Event] = {}

    def gate(self, name: str) -> asyncio.Event:
        return self.gates.setdefault(name, asyncio.Event())

    async def handle(self, name: str, *, fail: bool = False) -> None:
        self.log.append(f"start {name}")
        await self.gate(name).wait()
        self.log.append(f"end {name}")
        if fail:
            raise RuntimeError(name)


def feed(
    processor: PerUserUpdateProcessor, handlers: Handlers, items: list[tuple[Update, str]]
) -> list[asyncio.Task[None]]:
    """Like PTB's update fetcher: one task per update, created in arrival order."""
    return [
        asyncio.ensure_future(processor.process_update(update, handlers.handle(name)))
        for update, name in items
    ]


async def settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


@pytest.fixture
async def processor() -> Any:
    processor = PerUserUpdateProcessor(max_concurrent_updates=4)
    await processor.initialize()
    yield processor
    await processor.shutdown()


async def test_a_waiting_user_never_holds_up_another(processor: PerUserUpdateProcessor) -> None:
    handlers = Handlers()
    tasks = feed(processor, handlers, [(message_from(1), "a1"), (message_from(2), "b1")])
    await settle()
    assert handlers.log == ["start a1", "start b1"]
    handlers.gate("b1").set()
    await settle()
    assert handlers.log == ["start a1", "start b1", "end b1"]
    handlers.gate("a1").set()
    await asyncio.gather(*tasks)
    assert processor.busy_keys == 0


async def test_one_users_updates_run_one_after_another_in_order(
    processor: PerUserUpdateProcessor,
) -> None:
    handlers = Handlers()
    tasks = feed(processor, handlers, [(message_from(1), f"a{i}") for i in range(1, 6)])
    await settle()
    assert handlers.log == ["start a1"]
    for i in (1, 2, 3, 4, 5):
        handlers.gate(f"a{i}").set()
        await settle()
    await asyncio.gather(*tasks)
    assert handlers.log == [f"{step} a{i}" for i in range(1, 6) for step in ("start", "end")]
    assert processor.busy_keys == 0


async def test_a_long_queue_of_one_user_takes_one_place(
    processor: PerUserUpdateProcessor,
) -> None:
    handlers = Handlers()
    items = [(message_from(1), f"a{i}") for i in range(10)]
    items += [(message_from(user), f"u{user}") for user in (2, 3, 4)]
    tasks = feed(processor, handlers, items)
    await settle()
    # Four places: user 1 holds one however many updates it queued; 2, 3 and 4 run.
    assert sorted(handlers.log) == ["start a0", "start u2", "start u3", "start u4"]
    for gate in ["u2", "u3", "u4"] + [f"a{i}" for i in range(10)]:
        handlers.gate(gate).set()
    await asyncio.gather(*tasks)
    assert processor.busy_keys == 0


async def test_concurrency_is_bounded(processor: PerUserUpdateProcessor) -> None:
    handlers = Handlers()
    tasks = feed(processor, handlers, [(message_from(user), f"u{user}") for user in range(6)])
    await settle()
    assert len(handlers.log) == 4
    assert processor.current_concurrent_updates == 4
    handlers.gate("u0").set()
    await settle()
    assert "start u4" in handlers.log and "start u5" not in handlers.log
    for user in range(6):
        handlers.gate(f"u{user}").set()
    await asyncio.gather(*tasks)
    assert processor.current_concurrent_updates == 0


async def test_a_failed_update_does_not_stop_the_next(processor: PerUserUpdateProcessor) -> None:
    handlers = Handlers()
    first = asyncio.ensure_future(
        processor.process_update(message_from(1), handlers.handle("a1", fail=True))
    )
    second = asyncio.ensure_future(processor.process_update(message_from(1), handlers.handle("a2")))
    await settle()
    handlers.gate("a1").set()
    handlers.gate("a2").set()
    await asyncio.gather(first, second)
    assert handlers.log == ["start a1", "end a1", "start a2", "end a2"]
    assert processor.busy_keys == 0


async def test_memory_holds_only_busy_keys(processor: PerUserUpdateProcessor) -> None:
    handlers = Handlers()
    for user in range(1000):
        handlers.gate(f"u{user}").set()
    tasks = feed(processor, handlers, [(message_from(user), f"u{user}") for user in range(1000)])
    await asyncio.gather(*tasks)
    assert len(handlers.log) == 2000
    assert processor.busy_keys == 0


def test_keys() -> None:
    assert update_key(message_from(5)) == ("user", 5)
    assert update_key(message_from(5, chat_id=-100)) == ("user", 5)
    assert update_key(channel_post(-200)) == ("chat", -200)
    assert update_key(Update(update_id=1)) == SHARED_KEY
    assert update_key("not an update") == SHARED_KEY


async def test_updates_without_a_sender_share_one_key(
    processor: PerUserUpdateProcessor,
) -> None:
    handlers = Handlers()
    tasks = feed(processor, handlers, [(Update(update_id=1), "x1"), (Update(update_id=2), "x2")])
    await settle()
    assert handlers.log == ["start x1"]
    handlers.gate("x1").set()
    handlers.gate("x2").set()
    await asyncio.gather(*tasks)
    assert handlers.log == ["start x1", "end x1", "start x2", "end x2"]


async def test_shutdown_closes_what_was_never_handled() -> None:
    processor = PerUserUpdateProcessor(max_concurrent_updates=2)
    handlers = Handlers()
    tasks = feed(processor, handlers, [(message_from(1), "a1"), (message_from(1), "a2")])
    await settle()
    tasks[0].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await processor.shutdown()
    assert handlers.log == ["start a1"]
    assert processor.busy_keys == 0
