"""SQLite's one writer, queued in Python: the scheduler before updates, else first come."""

from __future__ import annotations

import asyncio

import pytest

from storage.uow import Turn, WriteGate


async def hold(gate: WriteGate, name: str, turn: Turn, log: list[str]) -> None:
    token = await gate.enter(turn)
    log.append(name)
    await asyncio.sleep(0)
    gate.leave(token)


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


@pytest.mark.parametrize(
    ("arrivals", "served"),
    [
        ([("u1", Turn.UPDATE), ("u2", Turn.UPDATE)], ["u1", "u2"]),
        ([("u1", Turn.UPDATE), ("tick", Turn.SCHEDULE)], ["tick", "u1"]),
        (
            [
                ("u1", Turn.UPDATE),
                ("u2", Turn.UPDATE),
                ("tick", Turn.SCHEDULE),
                ("u3", Turn.UPDATE),
            ],
            ["tick", "u1", "u2", "u3"],
        ),
    ],
)
async def test_waiting_writers_go_by_turn_then_arrival(
    arrivals: list[tuple[str, Turn]], served: list[str]
) -> None:
    gate = WriteGate()
    first = await gate.enter(Turn.UPDATE)  # an update holds the writer meanwhile
    log: list[str] = []
    tasks = []
    for name, turn in arrivals:
        tasks.append(asyncio.create_task(hold(gate, name, turn, log)))
        await settle()  # each is queued before the next arrives
    assert gate.queued == len(arrivals)
    gate.leave(first)
    await asyncio.gather(*tasks)
    assert log == served
    assert gate.queued == 0


async def test_a_unit_of_work_inside_another_does_not_wait_for_itself() -> None:
    gate = WriteGate()
    outer = await gate.enter(Turn.SCHEDULE)
    inner = await gate.enter(Turn.SCHEDULE)  # would wait forever if it were not re-entrant
    assert inner is None  # already held by this task
    gate.leave(inner)
    other = asyncio.create_task(gate.enter(Turn.UPDATE))  # another task does wait
    await settle()
    assert not other.done()
    gate.leave(outer)
    assert await asyncio.wait_for(other, timeout=1) is not None


async def test_a_waiter_that_gives_up_does_not_keep_the_gate() -> None:
    gate = WriteGate()
    first = await gate.enter(Turn.UPDATE)
    waiter = asyncio.create_task(gate.enter(Turn.UPDATE))
    await settle()
    waiter.cancel()
    await settle()
    gate.leave(first)
    assert await asyncio.wait_for(gate.enter(Turn.UPDATE), timeout=1) is not None
