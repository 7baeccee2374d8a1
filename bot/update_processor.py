"""Updates of different people are handled concurrently; one person's stay in order.

PTB hands every update to ``do_process_update`` in its own task, in arrival order. The
first update of a key (the sending user, else the chat, else one shared key) handles it and
then every update of that key queued behind it; a later update of a busy key is queued and
its task returns at once, so a person waiting for their chat's send slot holds one of the
``max_concurrent_updates`` places, never more, and never delays anyone else. A key's queue
is dropped as soon as it is empty: nothing is kept per user.

Each update is handled inside ``transaction()`` when one is set (the composition root sets
the storage's per-update transaction): every use case the update runs joins it, and it is
committed before the update's first Bot API call and at the end (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Hashable
from contextlib import AbstractAsyncContextManager
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.metrics import UpdateTimer

log = logging.getLogger(__name__)

MAX_CONCURRENT_UPDATES = 64
SHARED_KEY = ("none", 0)


def update_key(update: object) -> Hashable:
    """Whose updates must stay in order: the sender's, else the chat's, else everyone's."""
    if isinstance(update, Update):
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
    return SHARED_KEY


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """At most ``max_concurrent_updates`` people's updates at once, each person's in order."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._queues: dict[Hashable, deque[Awaitable[Any]]] = {}
        self.transaction: Callable[[], AbstractAsyncContextManager[object]] | None = None
        """Opens one update's transaction (set once the database is ready)."""

    @property
    def busy_keys(self) -> int:
        """People (or chats) with an update in hand; 0 when idle."""
        return len(self._queues)

    async def initialize(self) -> None:
        """Nothing to set up: queues exist only while a key has updates."""

    async def shutdown(self) -> None:
        """PTB waits for every update task before this; anything left was cancelled."""
        for queue in self._queues.values():
            while queue:
                _discard(queue.popleft())
        self._queues.clear()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = update_key(update)
        queue = self._queues.get(key)
        if queue is not None:  # an earlier update of this key is in hand: it takes this one too
            queue.append(coroutine)
            return
        queue = deque([coroutine])
        self._queues[key] = queue
        try:
            while queue:
                await self._handle(queue.popleft())
        finally:
            # No await between the empty check and here, so nothing can be queued unseen.
            if self._queues.get(key) is queue:
                del self._queues[key]
            while queue:  # only when cancelled: these updates will not be handled
                log.warning("an update was dropped at shutdown before it was handled")
                _discard(queue.popleft())

    async def _handle(self, coroutine: Awaitable[Any]) -> None:
        """Run one update in its transaction; a failure must not stop the updates queued
        behind it.

        Handler errors never get here (PTB gives them to the error handlers, which roll
        the transaction back), only PTB's own and a failed final commit.
        """
        timer = UpdateTimer()
        try:
            if self.transaction is None:
                await coroutine
            else:
                async with self.transaction():
                    await coroutine
        except Exception:
            log.exception("handling an update failed")
        timer.done()


def _discard(coroutine: Awaitable[Any]) -> None:
    if isinstance(coroutine, Coroutine):
        coroutine.close()
