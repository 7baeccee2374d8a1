"""The one outbound queue every Bot API call to a chat passes through.

Given to ``ApplicationBuilder().rate_limiter(...)``, so handler replies and scheduled
reminders share it: at most 30 messages in any 1.005 s counted from when each call returned
(so never 31 arriving in a second, however late a call reaches Telegram), granted one every
33.5 ms rather than 30 at once; per chat a burst of 3 replies, then
one a second, and reminders strictly one a second; replies ahead of reminders
(``rate_limit_args={"priority": Priority.REMINDER}``); and a ``RetryAfter`` holds *all*
sending for the time Telegram asked, then the call is retried; a ``RetryAfter`` for a group,
supergroup or channel (a negative chat id) holds that chat alone, and is not shared with other
replicas: a crowd in one group never silences the bot for everyone. Once a pause begins, no call
to a chat leaves until it ends, not even one granted just before it (it queues again); when
the last call in flight has returned, that is logged ("none in flight"). A timed-out call is not
retried: it may have arrived, and Telegram has no idempotency key.
A call may carry ``rate_limit_args={"deadline": <aware datetime>}``: if it would be granted
after that instant, or after ``stop_deadlined()`` (shutdown), Telegram is not called and
``SendExpired`` is raised, so the caller knows for certain the message did not leave.
After ``stop_held()`` (SIGTERM) every call, reply or not, that would wait more than
``SHUTDOWN_HOLD_SECONDS`` (a RetryAfter pause holds it) is refused the same way and logged by
chat id, so a pause never keeps the process alive past the platform's kill timeout.
Calls without a chat (getUpdates, answerCallbackQuery, setMyCommands) pass straight through.

The rules themselves are the pure ``coach.rate_limit.SendLimiter``; this module only waits.
With several replicas, a ``SendPermit`` (the budget shared in PostgreSQL) is asked after the
local rules granted a send, so the limits hold across processes too; a pause it reports (a
RetryAfter another replica got) is held in the local queue like one of this process's own.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import math
import time
import warnings
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

from bot.metrics import PAUSED_SECONDS, RETRY_AFTER, TELEGRAM_CALLS
from bot.telegram_reach import TelegramReach
from coach.rate_limit import (
    REPLY_BURST,
    SAFE_WINDOW_SECONDS,
    SPREAD_WINDOW_SECONDS,
    Priority,
    SendLimiter,
    SendPermit,
    is_strict,
    pauses_only_its_chat,
)

log = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]
_EXPIRY_SLACK = 0.05
"""How long after a deadline the worker wakes to refuse a send still waiting then."""
SHUTDOWN_HOLD_SECONDS = 2.0
"""After ``stop_held()`` (a stop signal), a send that would wait longer than this is dropped."""


@dataclass(order=True)
class _Waiter:
    priority: int
    sequence: int
    chat: int = field(compare=False)
    granted: asyncio.Future[int] = field(compare=False)
    deadline: datetime | None = field(compare=False, default=None)


class SendExpired(Exception):
    """Not sent, certainly: the call's deadline passed (or sending stopped) before its turn."""


def _chat_key(chat_id: object) -> int | None:
    if isinstance(chat_id, bool) or chat_id is None:
        return None
    if isinstance(chat_id, int):
        return chat_id
    return hash(str(chat_id))  # "@channelname": stable within the process, which is enough


def _retry_seconds(error: RetryAfter) -> float:
    """Seconds Telegram asked to wait (an int today, a timedelta in a later PTB)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        retry_after: int | float | timedelta = error.retry_after
    if isinstance(retry_after, timedelta):
        return retry_after.total_seconds()
    return float(retry_after)


class OutboundLimiter(BaseRateLimiter[dict[str, Any]]):
    """A strict limiter with a priority queue, granting sends in order as the rules allow."""

    def __init__(
        self,
        *,
        per_second: int = 30,
        per_chat_interval: float = 1.0,
        reply_burst: int = REPLY_BURST,
        max_retries: int = 3,
        clock: Callable[[], float] = time.monotonic,
        shared: SendPermit | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        window: float = SPREAD_WINDOW_SECONDS,
        spread: bool = True,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._limiter = SendLimiter(
            per_second, per_chat_interval, reply_burst, window, spread=spread
        )
        self._clock = clock
        self._shared = shared
        self._sleep = sleep
        self._now = now
        self._refuse_deadlined = False
        self._refuse_held = False
        self._max_retries = max_retries
        # A shared refusal longer than the window and the per-chat interval (the longest
        # waits the budget's rules make) can only be a pause another replica was asked for.
        self._longest_refusal = max(window, SAFE_WINDOW_SECONDS, per_chat_interval)
        self._in_flight = 0
        self._said_quiet_until = -math.inf
        self._waiting: list[_Waiter] = []
        self._sequence = itertools.count()
        self._changed: asyncio.Event | None = None
        self._worker: asyncio.Task[None] | None = None
        self.reach = TelegramReach(clock)
        """Whether Telegram answered lately (for /healthz)."""

    @property
    def paused_until(self) -> float:
        return self._limiter.paused_until

    def is_paused(self) -> bool:
        """A 429 pause holds every send right now (a known pause, not an outage)."""
        return self._limiter.paused_until > self._clock()

    @property
    def queued(self) -> int:
        return len(self._waiting)

    async def initialize(self) -> None:
        self._ensure_worker()

    async def prepare(self) -> None:
        """Once the database is ready: set up the shared budget before the first send."""
        if self._shared is not None:
            try:
                await self._shared.prepare()
            except Exception:
                log.warning("the shared send budget could not be prepared", exc_info=True)

    async def shutdown(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker
        for waiter in self._waiting:
            waiter.granted.cancel()
        self._waiting.clear()
        if self._shared is not None:
            await self._shared.close()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> JSONResult:
        chat = _chat_key(data.get("chat_id"))
        if chat is None:
            return await self._observed(endpoint, callback(*args, **kwargs))
        priority = int((rate_limit_args or {}).get("priority", Priority.REPLY))
        deadline: datetime | None = (rate_limit_args or {}).get("deadline")
        for attempt in itertools.count():
            ticket = await self._wait_turn(chat, priority, deadline)
            self._in_flight += 1
            try:
                return await self._observed(endpoint, callback(*args, **kwargs))
            except RetryAfter as error:
                seconds = _retry_seconds(error)
                PAUSED_SECONDS.inc(seconds)
                if pauses_only_its_chat(data.get("chat_id")):
                    RETRY_AFTER.labels("chat").inc()
                    self.pause_chat(chat, seconds)
                    log.warning(
                        "Telegram asked to wait %.1f s for chat %s; that chat alone is paused",
                        seconds,
                        chat,
                    )
                else:
                    RETRY_AFTER.labels("bot").inc()
                    self.pause(seconds)
                    log.warning("Telegram asked to wait %.1f s; all sending is paused", seconds)
                    await self._share_pause(seconds)
                if attempt >= self._max_retries:
                    raise
            finally:
                self._in_flight -= 1
                self.returned(ticket)
                self._note_held()
        raise AssertionError("unreachable")

    async def _observed(self, endpoint: str, call: Awaitable[JSONResult]) -> JSONResult:
        """One Bot API call, counted by method and outcome; Telegram's reach noted."""
        try:
            result = await call
        except RetryAfter:
            TELEGRAM_CALLS.labels(endpoint, "retry_after").inc()
            self.reach.answered()
            raise
        except Exception as error:
            TELEGRAM_CALLS.labels(endpoint, "error").inc()
            self.reach.failed(error)
            raise
        TELEGRAM_CALLS.labels(endpoint, "ok").inc()
        self.reach.answered()
        return result

    async def _wait_turn(self, chat: int, priority: int, deadline: datetime | None) -> int:
        """Until this call may leave: the local rules, the shared budget, no pause, in time.

        A pause that began after the local grant (another call's RetryAfter here, or one the
        shared budget reports) sends the call back into the queue. So once sending is paused,
        no call to a chat leaves this process until the pause ends, and a held call gives up
        at its deadline there, on every replica alike. Returns the grant's ticket, to be
        handed back (``returned``) once the call has returned.
        """
        while True:
            ticket = await self.acquire(chat, priority, deadline)
            try:
                shared = await self._take_shared(chat, priority, deadline)
            except BaseException:
                self.returned(ticket)
                raise
            paused = (
                max(self._limiter.paused_until, self._limiter.chat_paused_until(chat))
                > self._clock()
            )
            if not shared or paused:
                self.returned(ticket)  # never sent: its slot counts from now
                continue  # wait for the pause in the queue
            if deadline is not None and self._now() > deadline:
                self.returned(ticket)
                raise SendExpired()  # held by the shared budget past its time: never sent
            return ticket

    def returned(self, ticket: int) -> None:
        """The call granted with ``ticket`` returned (or was never made): its slot in the
        window counts from now."""
        self._limiter.record_return(ticket, self._clock())
        self._wake()

    async def _take_shared(self, chat: int, priority: int, deadline: datetime | None) -> bool:
        """Wait for the budget shared with other replicas, if there is one.

        False if the budget is paused (a replica got a RetryAfter): the pause is then held
        locally too. The local slot is already spent; a refusal only makes this process
        slower, never lets more out. If the database fails, the local limits alone apply.
        """
        if self._shared is None:
            return True
        while True:
            if deadline is not None and self._now() > deadline:
                raise SendExpired()
            try:
                wait = await self._shared.take(chat, strict=is_strict(priority))
            except Exception:
                log.warning(
                    "the shared send budget failed; sending on the local limit alone",
                    exc_info=True,
                )
                return True
            if wait <= 0:
                return True
            if wait > self._longest_refusal:
                self.pause(wait)
                return False
            await self._sleep(wait)

    async def forget(self, chat: int) -> None:
        """Drop what this queue and the shared budget keep about ``chat`` (a deleted user's).

        Called after the last message to the chat, since every send records the chat anew.
        """
        self._limiter.forget(chat)
        if self._shared is None:
            return
        try:
            await self._shared.forget(chat)
        except Exception:
            log.warning(
                "the shared send budget failed; chat %s is pruned with the old rows",
                chat,
                exc_info=True,
            )

    async def _share_pause(self, seconds: float) -> None:
        """Telegram's pause holds the bot, so every replica: tell the shared budget."""
        if self._shared is None:
            return
        try:
            await self._shared.pause(seconds)
        except Exception:
            log.warning(
                "the shared send budget failed; other replicas are not paused", exc_info=True
            )

    def pause(self, seconds: float) -> None:
        """Hold every send for ``seconds`` from now (never shortens a longer pause)."""
        self._limiter.pause_until(self._clock() + seconds)
        self._wake()
        self._note_held()

    def pause_chat(self, chat: int, seconds: float) -> None:
        """Hold sends to one chat for ``seconds`` (a group's 429): nobody else waits."""
        self._limiter.pause_chat_until(chat, self._clock() + seconds)
        self._wake()

    def _note_held(self) -> None:
        """Say once per pause when no call is in flight any more.

        From then until the pause ends this process calls Telegram for no chat, so whatever
        was delivered before the pause is all there is (operators, and tests, rely on it).
        """
        now = self._clock()
        until = self._limiter.paused_until
        if self._in_flight or until <= now or self._said_quiet_until > now:
            return  # busy, not paused, or already said during this pause
        self._said_quiet_until = until
        left = until - now
        log.info(
            "sending paused for %.1f s more: %s calls queued, none in flight",
            left,
            len(self._waiting),
        )

    def stop_deadlined(self) -> None:
        """From now on, refuse every call with a deadline (queued or new): shutting down."""
        self._refuse_deadlined = True
        self._wake()

    def stop_held(self) -> None:
        """From now on, refuse every call (queued or new) that would wait longer than
        ``SHUTDOWN_HOLD_SECONDS``: a stop signal arrived, and the process must exit in time."""
        self._refuse_held = True
        self._refuse_deadlined = True
        self._wake()

    async def acquire(
        self, chat: int, priority: int = Priority.REPLY, deadline: datetime | None = None
    ) -> int:
        """Wait until a message to ``chat`` may leave; counts it as sent from then on.

        Returns the grant's ticket: hand it to ``returned`` when the call has returned.
        Raises ``SendExpired`` instead of granting after ``deadline``.
        """
        self._ensure_worker()
        granted: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._waiting.append(_Waiter(priority, next(self._sequence), chat, granted, deadline))
        self._wake()
        try:
            return await granted
        except asyncio.CancelledError:
            # Granted in the same moment the caller gave up: the slot is not held forever.
            if granted.done() and not granted.cancelled() and granted.exception() is None:
                self.returned(granted.result())
            raise

    def _ensure_worker(self) -> None:
        if self._changed is None:
            self._changed = asyncio.Event()
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._run(), name="outbound-limiter")

    def _wake(self) -> None:
        if self._changed is not None:
            self._changed.set()

    async def _run(self) -> None:
        changed = self._changed
        if changed is None:
            raise RuntimeError("limiter not initialised")
        while True:
            changed.clear()
            try:
                wait = self._grant_ready()
            except Exception:  # a dead worker would leave every queued send waiting forever
                log.exception("the outbound queue failed to grant; trying again")
                wait = 1.0
            if wait is None:
                await changed.wait()
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), wait)

    def _grant_ready(self) -> float | None:
        """Grant, best priority first, every waiter the rules let go now.

        Returns how long until the next waiter could go or expire, or None when nobody
        waits: a send held behind a long pause gives up at its deadline, not at the pause's
        end, so its reminder row is released while its lease still holds.
        """
        now = self._clock()
        wall: datetime | None = None  # read once, and only if a waiter has a deadline
        soonest: float | None = None
        remaining: list[_Waiter] = []
        for waiter in sorted(self._waiting):
            if waiter.granted.done():  # the caller gave up (cancelled)
                continue
            delay = self._limiter.delay_for(waiter.chat, now, waiter.priority)
            wake = delay
            if waiter.deadline is not None:
                wall = self._now() if wall is None else wall
                left = (waiter.deadline - wall).total_seconds()
                if self._refuse_deadlined or left < 0:
                    waiter.granted.set_exception(SendExpired())
                    continue
                wake = min(delay, left + _EXPIRY_SLACK)
            if self._refuse_held and delay > SHUTDOWN_HOLD_SECONDS:
                log.warning(
                    "a send to chat %s was dropped: stopping, and it would wait %.0f s more",
                    waiter.chat,
                    delay,
                )
                waiter.granted.set_exception(SendExpired())
                continue
            if delay <= 0:
                waiter.granted.set_result(self._limiter.record_send(waiter.chat, now))
                continue
            remaining.append(waiter)
            soonest = wake if soonest is None else min(soonest, wake)
        self._waiting = remaining
        return soonest
