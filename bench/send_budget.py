"""`python -m bench.send_budget`: what the send budget shared by replicas costs.

On a fresh PostgreSQL database of its own (``BENCH_POSTGRES_URL``, the server's ``test``
database by default) it measures:

* permit latency: one ``PostgresSendBudget.take`` that is granted, and one that is refused
  (the second is full), in one process with nothing else running;
* two processes asking as fast as they can (8 at a time each) for ``BENCH_SECONDS`` (5):
  with the real budget (30 a second), how many permits were granted per second in total;
  and with the budget raised to 1,000 a second, how many permits the database can grant.

Every ask goes to a chat of its own, so only the bot-wide slots limit.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import platform
import statistics
import sys
import time
import uuid
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from coach.rate_limit import SAFE_WINDOW_SECONDS
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.send_budget import PostgresSendBudget, budget_engine

ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
CONCURRENCY = 8


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms"


class Statements:
    """Counts the statements an engine sends, and those that write the slot rows."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.all = self.slot_writes = 0
        event.listen(engine.sync_engine, "before_cursor_execute", self._count)

    def _count(self, *args: Any) -> None:
        self.all += 1
        self.slot_writes += "UPDATE send_budget" in str(args[2])


PACED_PER_SECOND = 25
"""Below the budget's 30 per 1.1 s (27 a second), so no send is refused."""


async def paced(url: str) -> list[str]:
    """One replica sending at about Telegram's rate, one chat each: what a send costs in
    statements (round trips) and writes of the hot slot rows."""
    engine = budget_engine(url)
    budget = PostgresSendBudget(engine)
    await budget.take(0, strict=True)  # seeds the slots, warms the pool
    await asyncio.sleep(SAFE_WINDOW_SECONDS)
    counted = Statements(engine)
    granted = 0
    started = time.monotonic()
    refused = 0
    for index in range(int(PACED_PER_SECOND * SECONDS)):
        await asyncio.sleep(max(0.0, started + index / PACED_PER_SECOND - time.monotonic()))
        if await budget.take(index + 1, strict=True) > 0:
            refused += 1
        else:
            granted += 1
    await engine.dispose()
    return [
        f"- one replica at {PACED_PER_SECOND} sends/s for {SECONDS:.0f} s ({refused} refused): "
        f"{counted.all / granted:.2f} "
        f"statements per send, {counted.slot_writes / granted:.2f} writes of the slot rows "
        "per send"
    ]


async def latency(url: str) -> list[str]:
    engine = budget_engine(url)
    budget = PostgresSendBudget(engine)
    granted: list[float] = []
    refused: list[float] = []
    chats = itertools.count(1)
    await budget.take(next(chats), strict=True)  # seeds the slots, warms the pool
    for _ in range(5):
        await asyncio.sleep(1.0)
        while True:
            started = time.perf_counter()
            wait = await budget.take(next(chats), strict=True)
            elapsed = (time.perf_counter() - started) * 1000
            if wait > 0:
                refused.append(elapsed)
                if len(refused) % 10 == 0:
                    break
                continue
            granted.append(elapsed)
    await engine.dispose()
    return [
        f"- granted permit: {summary(granted)} ({len(granted)} samples)",
        f"- refused permit (second full): {summary(refused)} ({len(refused)} samples)",
    ]


async def worker(url: str, per_second: int, offset: int) -> dict[str, Any]:
    """One replica: CONCURRENCY askers, each asking again as soon as it is told it may."""
    engine = budget_engine(url, pool_size=CONCURRENCY)
    budget = PostgresSendBudget(engine, per_second=per_second)
    chats = itertools.count(offset)
    stop_at = time.monotonic() + SECONDS
    granted = refused = 0

    async def ask() -> None:
        nonlocal granted, refused
        while time.monotonic() < stop_at:
            wait = await budget.take(next(chats), strict=True)
            if wait > 0:
                refused += 1
                await asyncio.sleep(min(wait, max(0.0, stop_at - time.monotonic())))
            else:
                granted += 1

    await budget.take(next(chats), strict=True)
    granted = 0
    await asyncio.gather(*(ask() for _ in range(CONCURRENCY)))
    await engine.dispose()
    return {"granted": granted, "refused": refused}


async def two_processes(url: str, per_second: int) -> str:
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.send_budget",
            "worker",
            url,
            str(per_second),
            str(offset),
            stdout=asyncio.subprocess.PIPE,
        )
        for offset in (1_000_000, 2_000_000)
    ]
    outputs = [json.loads((await p.communicate())[0]) for p in processes]
    granted = sum(o["granted"] for o in outputs)
    refused = sum(o["refused"] for o in outputs)
    split = " + ".join(str(o["granted"]) for o in outputs)
    return (
        f"- budget {per_second}/s, two processes for {SECONDS:.0f} s: {granted / SECONDS:.1f}"
        f" permits/s granted in total ({split}), {refused / SECONDS:.1f} refusals/s"
    )


async def main() -> int:
    name = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        engine = create_engine(url)
        await upgrade(engine)
        await engine.dispose()
        lines = [f"## Shared send budget ({platform.python_version()}, PostgreSQL on localhost)"]
        lines += await latency(url)
        lines += await paced(url)
        lines.append(await two_processes(url, 30))
        lines.append(await two_processes(url, 1000))
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "worker":
        result = asyncio.run(worker(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
        print(json.dumps(result))
        sys.exit(0)
    sys.exit(asyncio.run(main()))
