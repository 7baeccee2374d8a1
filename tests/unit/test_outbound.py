"""The outbound queue on a fake monotonic clock: who may send when, in which order."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram.error import RetryAfter, TimedOut

from bot.outbound import OutboundLimiter
from coach.rate_limit import Priority


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
async def limiter(fake_time: FakeTime) -> AsyncIterator[OutboundLimiter]:
    # The plain 1-second window, granted at once, so the steps below read in whole seconds
    # (the spreading of the grants has tests of its own below).
    limiter = OutboundLimiter(
        per_second=3, per_chat_interval=1.0, clock=fake_time, window=1.0, spread=False
    )
    await limiter.initialize()
    yield limiter
    await limiter.shutdown()


async def settle() -> None:
    """Let the queue's worker and the waiting tasks run (no time passes on the fake clock)."""
    for _ in range(20):
        await asyncio.sleep(0)


async def advance(limiter: OutboundLimiter, fake_time: FakeTime, seconds: float) -> None:
    fake_time.now += seconds
    limiter._wake()  # the worker would wake by itself after the real delay
    await settle()


def waiters(
    limiter: OutboundLimiter, chats: list[int], priority: int = Priority.REPLY
) -> list[asyncio.Task[None]]:
    return [asyncio.ensure_future(limiter.acquire(chat, priority)) for chat in chats]


def done(tasks: list[asyncio.Task[None]]) -> list[bool]:
    return [task.done() for task in tasks]


async def test_never_more_than_the_limit_in_any_second(
    limiter: OutboundLimiter, fake_time: FakeTime
) -> None:
    tasks = waiters(limiter, [1, 2, 3, 4, 5, 6, 7])
    await settle()
    assert done(tasks) == [True] * 3 + [False] * 4
    await advance(limiter, fake_time, 0.99)
    assert sum(done(tasks)) == 3
    await advance(limiter, fake_time, 0.01)
    assert sum(done(tasks)) == 6
    await advance(limiter, fake_time, 1.0)
    assert all(done(tasks))


async def test_reminders_go_one_per_second_per_chat(
    limiter: OutboundLimiter, fake_time: FakeTime
) -> None:
    tasks = waiters(limiter, [1, 1, 2], Priority.REMINDER)
    await settle()
    assert done(tasks) == [True, False, True]
    await advance(limiter, fake_time, 0.5)
    assert done(tasks) == [True, False, True]
    await advance(limiter, fake_time, 0.5)
    assert all(done(tasks))


async def test_replies_burst_three_then_one_per_second(fake_time: FakeTime) -> None:
    # Granted at once (spread=False): the per-chat bucket, not the bot-wide spacing.
    limiter = OutboundLimiter(per_second=30, per_chat_interval=1.0, clock=fake_time, spread=False)
    await limiter.initialize()
    try:
        tasks = waiters(limiter, [1, 1, 1, 1, 1, 2])
        await settle()
        assert done(tasks) == [True, True, True, False, False, True]
        await advance(limiter, fake_time, 0.99)
        assert done(tasks) == [True, True, True, False, False, True]
        await advance(limiter, fake_time, 0.01)
        assert done(tasks) == [True, True, True, True, False, True]
        await advance(limiter, fake_time, 1.0)
        assert all(done(tasks))
    finally:
        await limiter.shutdown()


async def test_replies_go_ahead_of_reminders(limiter: OutboundLimiter, fake_time: FakeTime) -> None:
    first = waiters(limiter, [1, 2, 3])  # fill this second
    await settle()
    reminders = waiters(limiter, [10, 11, 12], Priority.REMINDER)
    replies = waiters(limiter, [20, 21], Priority.REPLY)
    await settle()
    assert all(done(first)) and not any(done(reminders + replies))
    await advance(limiter, fake_time, 1.0)
    assert done(replies) == [True, True]
    assert done(reminders) == [True, False, False]  # oldest reminder takes the last slot


async def test_retry_after_holds_everything_then_retries(
    limiter: OutboundLimiter, fake_time: FakeTime
) -> None:
    calls: list[float] = []

    async def refuse_once() -> dict[str, Any]:
        calls.append(fake_time.now)
        if len(calls) == 1:
            raise RetryAfter(2)
        return {"ok": True}

    request = asyncio.ensure_future(
        limiter.process_request(refuse_once, (), {}, "sendMessage", {"chat_id": 1}, None)
    )
    await settle()
    assert calls == [1000.0] and not request.done()
    others = waiters(limiter, [2, 3])
    await advance(limiter, fake_time, 1.99)
    assert not request.done() and not any(done(others))
    await advance(limiter, fake_time, 0.01)
    assert await request == {"ok": True}
    assert calls == [1000.0, 1002.0]
    assert all(done(others))


async def test_a_timed_out_call_is_not_retried(limiter: OutboundLimiter) -> None:
    calls = 0

    async def time_out() -> bool:
        nonlocal calls
        calls += 1
        raise TimedOut()

    with pytest.raises(TimedOut):
        await limiter.process_request(time_out, (), {}, "sendMessage", {"chat_id": 1}, None)
    assert calls == 1


async def test_calls_without_a_chat_pass_straight_through(
    limiter: OutboundLimiter, fake_time: FakeTime
) -> None:
    limiter.pause(60)

    async def answer() -> bool:
        return True

    result = await limiter.process_request(answer, (), {}, "getUpdates", {"timeout": 10}, None)
    assert result is True


async def test_a_cancelled_waiter_frees_its_place(
    limiter: OutboundLimiter, fake_time: FakeTime
) -> None:
    tasks = waiters(limiter, [1, 2, 3, 4, 5])
    await settle()
    tasks[3].cancel()
    await advance(limiter, fake_time, 1.0)
    assert tasks[4].done() and not tasks[4].cancelled()
    assert limiter.queued == 0


class FakePermit:
    """A shared budget that refuses the first ``refusals`` asks, then grants."""

    def __init__(self, refusals: int = 0, error: Exception | None = None) -> None:
        self.refusals = refusals
        self.error = error
        self.asked: list[tuple[int, bool]] = []
        self.paused: list[float] = []
        self.closed = False

    async def take(self, chat_id: int, *, strict: bool) -> float:
        self.asked.append((chat_id, strict))
        if self.error is not None:
            raise self.error
        if len(self.asked) <= self.refusals:
            return 0.25
        return 0.0

    async def pause(self, seconds: float) -> None:
        self.paused.append(seconds)

    async def forget(self, chat_id: int) -> None:
        return None

    async def close(self) -> None:
        self.closed = True


async def test_the_shared_budget_is_asked_until_it_grants(fake_time: FakeTime) -> None:
    permit = FakePermit(refusals=2)
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    limiter = OutboundLimiter(clock=fake_time, shared=permit, sleep=sleep, spread=False)
    await limiter.initialize()
    calls = 0

    async def send() -> bool:
        nonlocal calls
        calls += 1
        return True

    await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": 7}, None)
    reminder = {"priority": Priority.REMINDER}
    await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": 8}, reminder)
    await limiter.shutdown()
    assert calls == 2
    assert slept == [0.25, 0.25]
    assert permit.asked == [(7, False), (7, False), (7, False), (8, True)]
    assert permit.closed


async def test_a_failing_shared_budget_falls_back_to_the_local_limit(
    fake_time: FakeTime,
) -> None:
    permit = FakePermit(error=OSError("database gone"))
    limiter = OutboundLimiter(clock=fake_time, shared=permit)
    await limiter.initialize()

    async def send() -> bool:
        return True

    try:
        assert await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": 7}, None)
    finally:
        await limiter.shutdown()
    assert permit.asked == [(7, False)]


async def test_calls_without_a_chat_never_ask_the_shared_budget(fake_time: FakeTime) -> None:
    permit = FakePermit()
    limiter = OutboundLimiter(clock=fake_time, shared=permit)

    async def answer() -> bool:
        return True

    assert await limiter.process_request(answer, (), {}, "getUpdates", {}, None)
    assert permit.asked == []


async def test_a_retry_after_pauses_the_other_replicas_too(fake_time: FakeTime) -> None:
    permit = FakePermit()
    limiter = OutboundLimiter(clock=fake_time, shared=permit)
    await limiter.initialize()
    calls = 0

    async def refuse_once() -> bool:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RetryAfter(3)
        return True

    request = asyncio.ensure_future(
        limiter.process_request(refuse_once, (), {}, "sendMessage", {"chat_id": 1}, None)
    )
    await settle()
    assert permit.paused == [3.0]
    await advance(limiter, fake_time, 3.0)
    assert await request is True
    await limiter.shutdown()


async def at(limiter: OutboundLimiter, fake_time: FakeTime, millis: float) -> None:
    """Set the fake clock to ``millis`` after the start (exact, no summed float steps)."""
    fake_time.now = 1000.0 + millis / 1000
    limiter._wake()
    await settle()


async def send_now(limiter: OutboundLimiter, chat: int) -> None:
    """A call that returns the instant it is granted."""
    limiter.returned(await limiter.acquire(chat))


async def test_the_grants_are_spread_one_every_window_over_thirty(fake_time: FakeTime) -> None:
    """40 waiting sends are not granted 30 at once but one every 1.02 s / 30 = 34 ms (two
    at once after an idle moment), and never more than 30 in any 1.02 s. (The default
    window is 1.005 s; 1.02 s keeps the steps in whole milliseconds.)"""
    limiter = OutboundLimiter(clock=fake_time, window=1.02)
    await limiter.initialize()
    try:
        tasks = [asyncio.ensure_future(send_now(limiter, chat)) for chat in range(40)]
        granted_at: list[int] = []
        for millis in range(1100):
            await at(limiter, fake_time, millis)
            granted_at += [millis] * (sum(done(tasks)) - len(granted_at))
        assert granted_at[:5] == [0, 0, 34, 68, 102]
        gaps = [b - a for a, b in itertools.pairwise(granted_at)]
        assert set(gaps[1:29]) == {34}
        assert len([t for t in granted_at if t < 1000]) == 30
        assert granted_at[30] == 1020  # the 30-in-1.02-s window holds the 31st
    finally:
        await limiter.shutdown()


async def test_spread_grants_catch_up_a_late_wake_but_never_burst(fake_time: FakeTime) -> None:
    """Woken 16 ms late, the next grant is still due on the 34 ms grid (lateness does not
    add up over a backlog); woken a whole second late, it grants two, not the backlog."""
    limiter = OutboundLimiter(clock=fake_time, window=1.02)
    await limiter.initialize()
    try:
        tasks = [asyncio.ensure_future(send_now(limiter, chat)) for chat in range(8)]
        await at(limiter, fake_time, 0)
        assert sum(done(tasks)) == 2
        await at(limiter, fake_time, 50)  # the third was due at 34
        assert sum(done(tasks)) == 3
        await at(limiter, fake_time, 67.9)
        assert sum(done(tasks)) == 3
        await at(limiter, fake_time, 68)  # back on the grid
        assert sum(done(tasks)) == 4
        await at(limiter, fake_time, 1500)
        assert sum(done(tasks)) == 6
        await at(limiter, fake_time, 1533.9)
        assert sum(done(tasks)) == 6
        await at(limiter, fake_time, 1534)
        assert sum(done(tasks)) == 7
    finally:
        await limiter.shutdown()


async def test_a_slot_is_free_again_a_window_after_its_call_returned(fake_time: FakeTime) -> None:
    """Telegram counts arrivals, which come between grant and return: the 31st send waits
    until 1.02 s after the 1st call *returned*, however late that was."""
    limiter = OutboundLimiter(clock=fake_time, window=1.02)
    await limiter.initialize()
    try:
        tasks = [asyncio.ensure_future(limiter.acquire(chat)) for chat in range(31)]
        for millis in range(0, 1400, 2):
            await at(limiter, fake_time, millis)
        assert done(tasks) == [True] * 30 + [False]
        for task in tasks[1:30]:
            limiter.returned(task.result())
        await at(limiter, fake_time, 1500)
        limiter.returned(tasks[0].result())  # the first call took 1.5 s
        await at(limiter, fake_time, 2519.9)
        assert not tasks[30].done()
        await at(limiter, fake_time, 2520)
        assert tasks[30].done()
    finally:
        await limiter.shutdown()


async def test_a_send_that_goes_back_to_the_queue_frees_its_slot(fake_time: FakeTime) -> None:
    """Granted, then held by a pause and re-queued: its call was never made, so it does not
    hold a slot of the window; every real call returns its slot, failed or not."""
    limiter = OutboundLimiter(clock=fake_time, per_second=2)
    await limiter.initialize()
    calls = 0

    async def send() -> bool:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise TimedOut()
        return True

    try:
        with pytest.raises(TimedOut):
            await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": 1}, None)
        await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": 2}, None)
        assert limiter._limiter.in_flight == 0
    finally:
        await limiter.shutdown()


async def test_edits_wait_in_the_queue_like_sends_and_callback_answers_do_not(
    limiter: OutboundLimiter, fake_time: FakeTime
) -> None:
    """PTB hands every call to the limiter; an edit names its chat, an answer to a press
    does not. So a press's edit is paced (and held by a pause) like a message."""
    limiter.pause(60)

    async def call() -> bool:
        return True

    edit = asyncio.ensure_future(
        limiter.process_request(
            call, (), {}, "editMessageText", {"chat_id": 1, "message_id": 5, "text": "x"}, None
        )
    )
    toast = await limiter.process_request(
        call, (), {}, "answerCallbackQuery", {"callback_query_id": "q"}, None
    )
    await settle()
    assert toast is True and not edit.done()
    await advance(limiter, fake_time, 60.0)
    assert await edit is True
