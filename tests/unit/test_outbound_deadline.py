"""Send deadlines in the outbound queue, on fake clocks: a late send never reaches Telegram."""

from __future__ import annotations

import asyncio
import logging
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
        per_second=3,
        per_chat_interval=1.0,
        max_retries=3,
        clock=fake_time,
        now=wall,
        spread=False,  # granted at once: these tests are about deadlines and pauses
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


class PausedPermit:
    """A shared budget that reports a pause (another replica's RetryAfter), then grants.

    ``gate`` holds ``take`` open, like a slow database, until the test sets it.
    """

    def __init__(self, pause: float = 0.0) -> None:
        self.pause_left = pause
        self.asked = 0
        self.gate = asyncio.Event()
        self.gate.set()

    async def take(self, chat_id: int, *, strict: bool) -> float:
        self.asked += 1
        await self.gate.wait()
        wait, self.pause_left = self.pause_left, 0.0
        return wait

    async def pause(self, seconds: float) -> None:
        return None

    async def forget(self, chat_id: int) -> None:
        return None

    async def close(self) -> None:
        return None


async def shared_limiter(
    fake_time: FakeTime, wall: FakeWall, permit: PausedPermit
) -> OutboundLimiter:
    limiter = OutboundLimiter(clock=fake_time, now=wall, shared=permit)
    await limiter.initialize()
    return limiter


async def test_a_pause_another_replica_got_holds_sends_here_until_their_deadline(
    fake_time: FakeTime, wall: FakeWall
) -> None:
    permit = PausedPermit(pause=20.0)
    limiter = await shared_limiter(fake_time, wall, permit)
    telegram = Telegram()
    try:
        reminder = send(limiter, telegram, 1, T0 + timedelta(seconds=5))
        await settle()
        assert permit.asked == 1 and not reminder.done()
        assert limiter.paused_until == fake_time.now + 20.0  # held here too, in the queue
        assert limiter._grant_ready() == pytest.approx(5.05)  # woken at its deadline
        reply = send(limiter, telegram, 2, None)
        await advance(limiter, fake_time, wall, 5.5)
        with pytest.raises(SendExpired):
            await reminder
        assert not reply.done() and telegram.calls == 0
        await advance(limiter, fake_time, wall, 14.5)
        assert await reply == {"ok": True}
        assert telegram.calls == 1
    finally:
        await limiter.shutdown()


async def test_a_send_granted_just_before_a_pause_waits_for_its_end(
    fake_time: FakeTime, wall: FakeWall
) -> None:
    """Granted locally, still asking the shared budget when another send got a RetryAfter:
    it queues again instead of reaching Telegram during the pause."""
    permit = PausedPermit()
    permit.gate.clear()
    limiter = await shared_limiter(fake_time, wall, permit)
    telegram = Telegram()
    try:
        request = send(limiter, telegram, 1, None)
        await settle()
        assert permit.asked == 1  # granted locally, waiting for the database
        limiter.pause(10)
        permit.gate.set()
        await settle()
        assert telegram.calls == 0 and not request.done()
        await advance(limiter, fake_time, wall, 10.0)
        assert await request == {"ok": True}
        assert telegram.calls == 1 and permit.asked == 2
    finally:
        await limiter.shutdown()


async def test_none_in_flight_is_logged_once_when_the_last_call_of_a_pause_returns(
    limiter: OutboundLimiter, fake_time: FakeTime, wall: FakeWall, caplog: pytest.LogCaptureFixture
) -> None:
    answer = asyncio.Event()
    calls = 0

    async def slow_answer() -> dict[str, Any]:
        nonlocal calls
        calls += 1
        await answer.wait()  # still on its way when the other one is refused
        return {"ok": True}

    async def refuse_once() -> dict[str, Any]:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RetryAfter(5)
        return {"ok": True}

    def quiet() -> int:
        return sum("none in flight" in record.getMessage() for record in caplog.records)

    caplog.set_level(logging.INFO, logger="bot.outbound")
    slow = asyncio.ensure_future(
        limiter.process_request(slow_answer, (), {}, "sendMessage", {"chat_id": 2}, None)
    )
    await settle()
    refused = asyncio.ensure_future(
        limiter.process_request(refuse_once, (), {}, "sendMessage", {"chat_id": 1}, None)
    )
    await settle()
    assert calls == 2 and not refused.done()
    assert quiet() == 0  # the slow call is still in flight
    answer.set()
    assert await slow == {"ok": True}
    await settle()
    assert quiet() == 1
    limiter.pause(8)  # a pause extended while it lasts is not announced again
    assert quiet() == 1
    await advance(limiter, fake_time, wall, 8.0)
    assert await refused == {"ok": True}
    limiter.pause(3)  # the next pause is
    assert quiet() == 2


async def test_stop_held_refuses_every_send_a_pause_holds_and_lets_quick_ones_go(
    limiter: OutboundLimiter, fake_time: FakeTime, wall: FakeWall, caplog: pytest.LogCaptureFixture
) -> None:
    telegram = Telegram()
    limiter.pause(60)
    reply = send(limiter, telegram, 2, None)
    await settle()
    assert not reply.done()
    limiter.stop_held()
    await settle()
    with pytest.raises(SendExpired):
        await reply  # a reply, no deadline: still dropped rather than held past the exit
    assert "a send to chat 2 was dropped" in caplog.text
    await advance(limiter, fake_time, wall, 60.0)
    quick = send(limiter, telegram, 3, None)  # nothing holds it: it goes
    assert await asyncio.wait_for(quick, 1) == {"ok": True}
    assert telegram.calls == 1
