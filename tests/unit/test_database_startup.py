"""Start-up waits, with growing pauses and for a bounded time, for a database not up yet only.

No real waiting: the pauses go to a fake sleep that advances a fake clock.
"""

from __future__ import annotations

import socket
from collections.abc import Awaitable, Callable

import pytest

from storage.startup import DatabaseProblem, wait_until_up

URL = "postgresql+asyncpg://sb:Pw-secret-77@db.internal:5432/strongback"


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


def failing(errors: list[BaseException]) -> tuple[Callable[[], Awaitable[None]], list[int]]:
    """An attempt that raises the given errors in turn, then succeeds."""
    calls: list[int] = []

    async def attempt() -> None:
        calls.append(1)
        if errors:
            raise errors.pop(0)

    return attempt, calls


async def test_a_refused_connection_is_retried_with_growing_pauses_until_it_works() -> None:
    time = FakeTime()
    attempt, calls = failing([ConnectionRefusedError(111, "refused")] * 4)
    await wait_until_up(attempt, URL, wait_seconds=60, sleep=time.sleep, monotonic=time.monotonic)
    assert len(calls) == 5
    assert time.pauses == [0.5, 1.0, 2.0, 4.0]


async def test_a_database_that_stays_down_ends_in_one_line_within_the_bound() -> None:
    time = FakeTime()
    attempt, _calls = failing([ConnectionRefusedError(111, "refused")] * 1000)
    with pytest.raises(DatabaseProblem) as raised:
        await wait_until_up(
            attempt, URL, wait_seconds=20, sleep=time.sleep, monotonic=time.monotonic
        )
    assert time.now == 20
    assert max(time.pauses) == 5.0  # the pause stops growing
    problem = raised.value
    assert not problem.configuration
    assert "\n" not in problem.line and "Pw-secret-77" not in problem.line
    assert "'strongback' at db.internal:5432" in problem.line


async def test_an_unknown_host_is_not_waited_for() -> None:
    time = FakeTime()
    attempt, calls = failing([socket.gaierror(-2, "Name or service not known")])
    with pytest.raises(DatabaseProblem) as raised:
        await wait_until_up(
            attempt, URL, wait_seconds=60, sleep=time.sleep, monotonic=time.monotonic
        )
    assert raised.value.configuration and time.pauses == [] and len(calls) == 1
    assert "db.internal" in raised.value.line and "Pw-secret-77" not in raised.value.line
