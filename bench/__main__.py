"""`python -m bench` (`make bench`): how the reminder schedule scales; figures go to PERFORMANCE.md.

For each backend (SQLite file; PostgreSQL when reachable) it fills 100,000 set-up users with a
schedule row each, a share of them due, and measures:

* due-select latency: the indexed select of the next 30 due rows (what a tick reads);
* claim latency: one ``claim_due`` transaction (UPDATE … RETURNING with the lease) of 30 / 500;
* dispatch throughput: ``ReminderService.dispatch_due`` end to end with a notifier that returns
  at once — claim, compute each next due time, confirm, log the PROMPTED event.

Set ``BENCH_USERS`` / ``BENCH_DUE`` to change the sizes, ``BENCH_POSTGRES_URL`` to point at
another server (``none`` skips PostgreSQL).
"""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from coach.clock import FixedClock
from coach.reminder_state import Delivery, SessionReminder, SitBreakReminder
from coach.services.reminders import ReminderService
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.models import ReminderStateRow, UserRow
from storage.uow import SqlUnitOfWorkFactory

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday, inside everyone's work hours
USERS = int(os.environ.get("BENCH_USERS", "100000"))
DUE = int(os.environ.get("BENCH_DUE", "5000"))
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
CHUNK = 5000


class NullNotifier:
    async def send_reminder(self, reminder: SitBreakReminder) -> Delivery:
        return Delivery.SENT

    async def send_session_reminder(self, reminder: SessionReminder) -> Delivery:
        return Delivery.SENT


async def fill(engine: AsyncEngine, users: int, due: int) -> None:
    """``users`` set-up users; the first ``due`` are due now, the rest later today."""
    for start in range(0, users, CHUNK):
        ids = range(start + 1, min(start + CHUNK, users) + 1)
        user_rows = [
            {
                "id": i,
                "chat_id": i,
                "language": "en",
                "timezone": "Europe/Berlin",
                "work_days": 0b0011111,
                "work_start_min": 8 * 60,
                "work_end_min": 18 * 60,
                "sit_interval_min": 60,
                "goal_days_per_week": 7,
                "active": True,
                "onboarded_at": NOW - timedelta(days=1),
                "created_at": NOW - timedelta(days=1),
                "updated_at": NOW - timedelta(days=1),
            }
            for i in ids
        ]
        state_rows = [
            {
                "user_id": i,
                "next_due_at": (
                    NOW - timedelta(seconds=i % 60)
                    if i <= due
                    else NOW + timedelta(seconds=1 + i % (4 * 3600))
                ),
            }
            for i in ids
        ]
        async with engine.begin() as connection:
            await connection.execute(insert(UserRow), user_rows)
            await connection.execute(insert(ReminderStateRow), state_rows)


async def timed(action: Callable[[], Awaitable[object]], runs: int) -> list[float]:
    """Milliseconds per run."""
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        await action()
        out.append((time.perf_counter() - started) * 1000)
    return out


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms"


async def measure(name: str, engine: AsyncEngine) -> list[str]:
    lines = [f"### {name}: {USERS:,} users, {DUE:,} due"]
    started = time.perf_counter()
    await fill(engine, USERS, DUE)
    lines.append(f"- fill: {time.perf_counter() - started:.1f} s")
    uow = SqlUnitOfWorkFactory(engine)

    select_due = text(
        "SELECT user_id FROM reminder_state WHERE next_due_at IS NOT NULL "
        "AND next_due_at <= :now AND (lease_until IS NULL OR lease_until <= :now) "
        "ORDER BY next_due_at LIMIT 30"
    )
    now_param = NOW.replace(tzinfo=None) if engine.dialect.name == "sqlite" else NOW

    async def due_select() -> None:
        async with engine.connect() as connection:
            await connection.execute(select_due, {"now": now_param})

    lines.append(f"- due-select of 30: {summary(await timed(due_select, 200))}")
    if engine.dialect.name == "sqlite":
        async with engine.connect() as connection:
            plan = await connection.execute(
                text("EXPLAIN QUERY PLAN " + str(select_due)), {"now": now_param}
            )
            details = "; ".join(str(row[-1]) for row in plan)
        lines.append(f"- plan: `{details}`")

    for size in (30, 500):

        async def claim(size: int = size) -> None:
            async with uow() as work:
                await work.reminders.claim_due(NOW, NOW + timedelta(minutes=2), size)
                await work.rollback()  # measure the claim, keep the rows due

        lines.append(f"- claim of {size}: {summary(await timed(claim, 50))}")

    service = ReminderService(
        uow, FixedClock(NOW), grace=timedelta(minutes=10), notifier=NullNotifier()
    )
    started = time.perf_counter()
    handled = 0
    ticks = 0
    while True:
        report = await service.dispatch_due(30)
        if report.claimed == 0:
            break
        handled += report.sent
        ticks += 1
    seconds = time.perf_counter() - started
    lines.append(
        f"- dispatch (claim + next due + confirm + event), 30 per tick: {handled:,} reminders "
        f"in {seconds:.1f} s = {handled / seconds:,.0f} reminders/s, "
        f"{seconds / max(ticks, 1) * 1000:.1f} ms per tick"
    )
    return lines


@asynccontextmanager
async def sqlite_engine() -> AsyncIterator[AsyncEngine]:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}")
        await upgrade(engine)
        try:
            yield engine
        finally:
            await engine.dispose()


@asynccontextmanager
async def postgres_engine() -> AsyncIterator[AsyncEngine]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_async_engine(
        POSTGRES_URL, connect_args={"server_settings": {"search_path": schema}}
    )
    try:
        await upgrade(engine)
        yield engine
    finally:
        await engine.dispose()
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


async def main() -> int:
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    async with sqlite_engine() as engine:
        print("\n".join(await measure("SQLite (WAL, file)", engine)))
    if POSTGRES_URL.lower() == "none":
        return 0
    try:
        async with postgres_engine() as engine:
            print("\n".join(await measure("PostgreSQL", engine)))
    except (OSError, ConnectionError) as error:
        print(f"PostgreSQL skipped: {error}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
