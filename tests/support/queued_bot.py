"""A stand-in for ExtBot whose sends go through the real outbound queue, as PTB's do."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, cast

from bot.outbound import OutboundLimiter

Answer = Callable[[], Coroutine[Any, Any, dict[str, Any]]]
"""What "Telegram" answers each call that leaves the queue (or raises)."""


class QueuedBot:
    """``send_message`` and ``send_photo`` pass the limiter; counts the calls that left it."""

    def __init__(self, limiter: OutboundLimiter, answer: Answer) -> None:
        self._limiter = limiter
        self._answer = answer
        self.calls = 0
        self.limits: list[dict[str, Any]] = []

    async def send_message(
        self, chat_id: int, text: str, *, reply_markup: object, rate_limit_args: dict[str, Any]
    ) -> dict[str, Any]:
        return await self._send("sendMessage", {"chat_id": chat_id, "text": text}, rate_limit_args)

    async def send_photo(
        self, chat_id: int, photo: bytes, *, caption: str, rate_limit_args: dict[str, Any]
    ) -> dict[str, Any]:
        data = {"chat_id": chat_id, "caption": caption}
        return await self._send("sendPhoto", data, rate_limit_args)

    async def _send(
        self, endpoint: str, data: dict[str, Any], rate_limit_args: dict[str, Any]
    ) -> dict[str, Any]:
        self.limits.append(rate_limit_args)

        async def call() -> dict[str, Any]:
            self.calls += 1
            return await self._answer()

        result = await self._limiter.process_request(call, (), {}, endpoint, data, rate_limit_args)
        return cast(dict[str, Any], result)
