"""The send budget replicas share in PostgreSQL: 30 a second bot-wide, per-chat pace.

Two budgets on separate engines stand for two replicas. Stamps are the database's clock,
which the budget decides on; arrival times are when the fake send ran in this process.
"""

from __future__ import annotations

import asyncio
import bisect
import itertools
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.outbound import OutboundLimiter
from coach.rate_limit import SAFE_WINDOW_SECONDS, Priority
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.send_budget import HOLD_SECONDS, PostgresSendBudget

pytestmark = pytest.mark.postgres

# The arrival of a send trails its permit by a delay that varies with the load of the
# machine (a second's 30 permits come back within milliseconds, their sends run one after
# another); the arrival checks allow this much of it. The permit stamps are checked exactly.
JITTER = 0.5


def max_in_any_window(times: list[float], width: float) -> int:
    ordered = sorted(times)
    return max(
        (bisect.bisect_left(ordered, t + width) - i for i, t in enumerate(ordered)), default=0
    )


def min_gap_per_chat(sends: list[tuple[int, float]]) -> float:
    by_chat: dict[int, list[float]] = defaultdict(list)
    for chat, t in sends:
        by_chat[chat].append(t)
    gaps = [b - a for ts in by_chat.values() for a, b in itertools.pairwise(sorted(ts))]
    return min(gaps, default=float("inf"))


class Stamps:
    def __init__(self) -> None:
        self.chat: list[tuple[int, float]] = []
        self.slot: list[float] = []

    def __call__(self, chat_id: int, chat_at: float, slot_at: float) -> None:
        self.chat.append((chat_id, chat_at))
        self.slot.append(slot_at)


@pytest.fixture
async def engines(postgres_url: str) -> AsyncIterator[list[AsyncEngine]]:
    engines = [create_engine(postgres_url), create_engine(postgres_url)]
    await upgrade(engines[0])
    yield engines
    for engine in engines:
        await engine.dispose()


async def test_the_thirty_first_permit_in_a_second_is_refused(
    engines: list[AsyncEngine],
) -> None:
    # One slot a batch, as a replica sending little takes them: all 30 of a second are
    # used however the two replicas take turns.
    first, second = (PostgresSendBudget(engine, max_batch=1) for engine in engines)
    waits = [await (first if i % 2 else second).take(i, strict=True) for i in range(30)]
    assert waits == [0.0] * 30
    wait = await first.take(99, strict=True)
    assert 0.0 < wait <= SAFE_WINDOW_SECONDS
    assert 0.0 < await second.take(98, strict=False) <= SAFE_WINDOW_SECONDS
    # A refused send counts nowhere: the chat's bucket was not touched.
    async with engines[0].connect() as connection:
        rows = await connection.execute(text("SELECT count(*) FROM chat_sends WHERE chat_id > 97"))
        assert rows.scalar_one() == 0


async def test_a_busy_replica_takes_its_slots_in_batches(engines: list[AsyncEngine]) -> None:
    """Thirty sends in a row: a few writes of the slot rows, not thirty; still 30 at most."""
    stamps = Stamps()
    budget = PostgresSendBudget(engines[0], on_grant=stamps)
    writes: list[str] = []

    def record(*args: Any) -> None:
        if "UPDATE send_budget" in str(args[2]):
            writes.append(str(args[2]))

    event.listen(engines[0].sync_engine, "before_cursor_execute", record)
    try:
        waits = [await budget.take(chat, strict=True) for chat in range(30)]
    finally:
        event.remove(engines[0].sync_engine, "before_cursor_execute", record)
    assert waits == [0.0] * 30
    # One slot at a time at first, then in batches as its rate shows (up to six at a time).
    assert len(writes) <= 15, len(writes)
    assert max_in_any_window(stamps.slot, 1.0) <= 30
    assert 0.0 < await budget.take(99, strict=True) <= SAFE_WINDOW_SECONDS + HOLD_SECONDS
    assert await PostgresSendBudget(engines[1]).take(98, strict=True) > 0.0


async def test_a_refused_chat_leaves_its_slot_to_the_next_send(engines: list[AsyncEngine]) -> None:
    budget = PostgresSendBudget(engines[0], max_batch=1)
    assert await budget.take(1, strict=True) == 0.0
    for chat in range(2, 30):
        assert await budget.take(chat, strict=True) == 0.0
    assert await budget.take(1, strict=True) > 0.0  # chat 1: a second has not passed
    # The slot that send had was not spent: the 30th of the second still goes.
    assert await budget.take(30, strict=True) == 0.0


async def test_slots_a_replica_did_not_use_are_free_again_after_their_hold(
    engines: list[AsyncEngine],
) -> None:
    """A replica that took a batch and then fell silent keeps those slots from the others
    for its hold and a window, no longer."""
    now = [0.0]
    busy = PostgresSendBudget(engines[0], clock=lambda: now[0], max_batch=6)
    busy._granted.extend([-0.5] * 30)  # as if it had sent 30 in the last second
    assert await busy.take(1, strict=True) == 0.0  # a batch of 6, one used
    other = PostgresSendBudget(engines[1], max_batch=1)
    granted = [await other.take(chat, strict=True) for chat in range(100, 125)]
    assert granted == [0.0] * 24 + [granted[24]] and granted[24] > 0.0
    await asyncio.sleep(SAFE_WINDOW_SECONDS + HOLD_SECONDS)
    assert await other.take(200, strict=True) == 0.0


@pytest.mark.parametrize(
    ("strict", "granted_at_once"),
    [(True, 1), (False, 3)],
    ids=["reminders: one a second", "replies: a burst of three"],
)
async def test_one_chat_across_replicas(
    engines: list[AsyncEngine], strict: bool, granted_at_once: int
) -> None:
    budgets = [PostgresSendBudget(engine) for engine in engines]
    waits = [await budgets[i % 2].take(7, strict=strict) for i in range(5)]
    assert waits[:granted_at_once] == [0.0] * granted_at_once
    assert all(0.0 < wait <= 1.0 for wait in waits[granted_at_once:])


async def send_all(
    limiter: OutboundLimiter,
    chats: list[int],
    arrivals: list[tuple[int, float]],
    priority: Priority,
) -> None:
    async def send(chat: int) -> bool:
        arrivals.append((chat, time.monotonic()))
        return True

    args: dict[str, Any] = {"priority": priority}
    await asyncio.gather(
        *(
            limiter.process_request(send, (chat,), {}, "sendMessage", {"chat_id": chat}, args)
            for chat in chats
        )
    )


async def test_two_replicas_sending_120_keep_both_limits(engines: list[AsyncEngine]) -> None:
    stamps = Stamps()
    limiters = [
        OutboundLimiter(shared=PostgresSendBudget(engine, on_grant=stamps)) for engine in engines
    ]
    for limiter in limiters:
        await limiter.initialize()
    # Each replica sends 60 reminders: 20 chats, 3 each, the same chats on both replicas.
    chats = [chat for _ in range(3) for chat in range(100, 120)]
    arrivals: list[tuple[int, float]] = []
    try:
        await asyncio.gather(
            *(send_all(limiter, chats, arrivals, Priority.REMINDER) for limiter in limiters)
        )
    finally:
        for limiter in limiters:
            await limiter.shutdown()
    assert len(arrivals) == len(stamps.slot) == 120
    assert max_in_any_window(stamps.slot, 1.0) <= 30
    assert min_gap_per_chat(stamps.chat) >= 1.0
    assert max_in_any_window([t for _, t in arrivals], 1.0 - JITTER) <= 30
    assert min_gap_per_chat(arrivals) >= 1.0 - JITTER
    # Not needlessly slow: six reminders per chat, one a second, take about five seconds.
    span = max(t for _, t in arrivals) - min(t for _, t in arrivals)
    assert 5.0 - JITTER <= span < 5.0 + 3.0, span


async def test_two_replicas_replying_to_one_chat_burst_only_three(
    engines: list[AsyncEngine],
) -> None:
    stamps = Stamps()
    limiters = [
        OutboundLimiter(shared=PostgresSendBudget(engine, on_grant=stamps)) for engine in engines
    ]
    for limiter in limiters:
        await limiter.initialize()
    arrivals: list[tuple[int, float]] = []
    try:
        await asyncio.gather(
            *(send_all(limiter, [5] * 4, arrivals, Priority.REPLY) for limiter in limiters)
        )
    finally:
        for limiter in limiters:
            await limiter.shutdown()
    assert len(arrivals) == 8
    assert max_in_any_window([t for _, t in stamps.chat], 1.0) <= 3
    assert max_in_any_window([t for _, t in arrivals], 1.0 - JITTER) <= 3


async def test_old_chat_rows_are_pruned(engines: list[AsyncEngine]) -> None:
    budget = PostgresSendBudget(engines[0])
    assert await budget.take(1, strict=True) == 0.0
    async with engines[0].begin() as connection:
        await connection.execute(text("UPDATE chat_sends SET sent_at = sent_at - 3600"))
    budget._pruned_at -= 3600  # as if the last pruning was an hour ago
    assert await budget.take(2, strict=True) == 0.0
    async with engines[0].connect() as connection:
        chats = (await connection.execute(text("SELECT chat_id FROM chat_sends"))).scalars()
        assert list(chats) == [2]


async def test_a_pause_holds_every_replica(engines: list[AsyncEngine]) -> None:
    first, second = (PostgresSendBudget(engine) for engine in engines)
    assert await second.take(1, strict=True) == 0.0
    await first.pause(2.0)
    wait = await second.take(2, strict=True)
    assert 1.5 < wait <= 2.0


async def test_deleted_slots_are_recreated_and_the_next_send_is_granted(
    engines: list[AsyncEngine], caplog: pytest.LogCaptureFixture
) -> None:
    """Rows gone under a running process (failover, an operator's DELETE, a crash of a fresh
    database before its first commit reached the disk): the budget heals, it never spins."""
    budget = PostgresSendBudget(engines[0])
    assert await budget.take(1, strict=False) == 0.0
    async with engines[0].begin() as connection:
        await connection.execute(text("DELETE FROM send_budget"))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 5
    waits = []
    while (wait := await budget.take(2, strict=False)) > 0:
        waits.append(wait)
        assert loop.time() < deadline, f"no permit within 5 s: {len(waits)} refusals"
        await asyncio.sleep(wait)
    assert len(waits) <= 2, waits  # at most the re-created slots' window, never a spin
    async with engines[0].connect() as connection:
        slots = (await connection.execute(text("SELECT count(*) FROM send_budget"))).scalar()
    assert slots == 30
    assert "send_budget had 0 of 30 slots" in caplog.text


async def test_a_pause_recreates_missing_slots_too(engines: list[AsyncEngine]) -> None:
    budget = PostgresSendBudget(engines[0])
    assert await budget.take(1, strict=False) == 0.0
    async with engines[0].begin() as connection:
        await connection.execute(text("DELETE FROM send_budget WHERE slot >= 10"))
    await budget.pause(30)
    wait = await budget.take(2, strict=False)
    assert 25 < wait <= 30, wait  # every slot, the re-created ones too, holds the pause
