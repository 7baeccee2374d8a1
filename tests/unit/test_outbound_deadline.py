"""Send deadlines in the outbound queue, on fake clocks: a late send never reaches Telegram."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.outbound import OutboundLimiter, SendExpired
from coach.rate_limit import Priority

T0 = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


class FakeTime:
    """The monotonic clock the limiter measures pauses and rates on."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeWall:
    """The wall clock deadlines are compared with (the bot's Clock in production)."""

    def __init__(self) -> None:
        self.now = T0
        self.failures = 0

    def __call__(self) -> datetime:
        if self.failures:
            self.failures -= 1
            raise OSError("clock unreadable")
        return self.now


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def wall() -> FakeWall:
    return FakeWall()


@pytest.fixture
async def limiter(fake_time: FakeTime, wall: FakeWall) -> AsyncIterator[OutboundLimiter]:
    limiter = OutboundLimiter(
        per_second=3, per_chat_interval=1.0, max_retries=3, clock=fake_time, now=wall
    )
    await limiter.initialize()
    yield limiter
    await limiter.shutdown()


async def settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


async def advance(
    limiter: OutboundLimiter, fake_time: FakeTime, wall: FakeWall, seconds: float
) -> None:
    fake_time.now += seconds
    wall.now += timedelta(seconds=seconds)
    limiter._wake()
    await settle()


class Telegram:
    """A sendMessage callback that counts calls and can refuse them with RetryAfter."""

    def __init__(self, refusals: int = 0, retry_after: int = 2) -> None:
        self.calls = 0
        self.refusals = refusals
        self.retry_after = retry_after

    async def __call__(self) -> dict[str, Any]:
        self.calls += 1
        if self.refusals:
            self.refusals -= 1
            raise RetryAfter(self.retry_after)
        return {"ok": True}


def send(
    limiter: OutboundLimiter, telegram: Telegram, chat: int, deadline: datetime | None
) -> asyncio.Task[Any]:
    limits: dict[str, Any] = {"priority": Priority.REMINDER}
    if deadline is not None:
        limits["deadline"] = deadline
    return asyncio.ensure_future(
        limiter.process_request(telegram, (), {}, "sendMessage", {"chat_id": chat}, limits)
    )


async def test_a_send_past_its_deadline_before_its_turn_never_calls_telegram(
    limiter: OutboundLimiter, fake_time: FakeTime, wall: FakeWall
) -> None:
    telegram = Telegram()
    first = send(limiter, telegram, 1, None)  # takes chat 1's slot for this second
    late = send(limiter, telegram, 1, T0 + timedelta(seconds=0.5))
    await settle()
    assert first.done() and not late.done()
    await advance(limiter, fake_time, wall, 1.0)  # its turn comes after the deadline
    with pytest.raises(SendExpired):
        await late
    assert telegram.calls == 1


async def test_a_send_inside_its_deadline_goes_out(
    limiter: OutboundLimiter, fake_time: FakeTime, wall: FakeWall
) -> None:
    telegram = Telegram()
    first = send(limiter, telegram, 1, None)
    on_time = send(limiter, telegram, 1, T0 + timedelta(seconds=1))
    await settle()
    assert first.done() and not on_time.done()
    await advance(limiter, fake_time, wall, 1.0)  # granted exactly at the deadline: allowed
    assert first.done()
    assert await on_time == {"ok": True}
    assert telegram.calls == 2


async def test_a_send_held_by_retry_after_past_its_deadline_is_not_retried(
    limiter: OutboundLimiter, fake_time: FakeTime, wall: FakeWall
) -> None:
    telegram = Telegram(refusals=1, retry_after=30)
    request = send(limiter, telegram, 1, T0 + timedelta(seconds=10))
    await settle()
    assert telegram.calls == 1 and not request.done()  # refused once, held by the pause
    await advance(limiter, fake_time, wall, 10.5)
    with pytest.raises(SendExpired):
        await request
    assert telegram.calls == 1  # never retried after the deadline


async def test_a_held_send_wakes_the_queue_at_its_deadline_not_at_the_pause_end(
    limiter: OutboundLimiter, wall: FakeWall
) -> None:
    limiter.pause(300)
    waiter = asyncio.ensure_future(
        limiter.acquire(1, Priority.REMINDER, T0 + timedelta(seconds=10))
    )
    await settle()
    wake = limiter._grant_ready()
    assert wake is not None and 10 <= wake < 11  # not 300: the row is released in time
    waiter.cancel()


async def test_stop_deadlined_refuses_queued_and_new_deadline_sends_only(
    limiter: OutboundLimiter, fake_time: FakeTime, wall: FakeWall
) -> None:
    telegram = Telegram()
    limiter.pause(5)
    queued = send(limiter, telegram, 1, T0 + timedelta(minutes=5))
    reply = send(limiter, telegram, 2, None)
    await settle()
    assert not queued.done() and not reply.done()
    limiter.stop_deadlined()
    await settle()
    with pytest.raises(SendExpired):
        await queued
    later = send(limiter, telegram, 3, T0 + timedelta(minutes=5))
    await settle()
    with pytest.raises(SendExpired):
        await later
    assert not reply.done()  # a reply has no deadline: it still waits for the pause, then goes
    await advance(limiter, fake_time, wall, 5.0)
    assert await reply == {"ok": True}
    assert telegram.calls == 1


async def test_the_worker_survives_a_failing_grant(
    limiter: OutboundLimiter, fake_time: FakeTime, wall: FakeWall
) -> None:
    telegram = Telegram()
    wall.failures = 1  # the wall clock cannot be read once
    request = send(limiter, telegram, 1, T0 + timedelta(minutes=1))
    await settle()
    assert not request.done()
    await advance(limiter, fake_time, wall, 0.0)  # any change makes the worker try again
    assert await asyncio.wait_for(request, 1) == {"ok": True}
