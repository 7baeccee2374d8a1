"""Tick cost against the number of users: find the due rows, and claim them.

Each size gets a fresh database (a SQLite file; a PostgreSQL schema) seeded with
``bench.seed``; the same number of users is due at every size, so a flat line means the
tick costs what is due, not how many users there are.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import or_, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bench.seed import Plan, seed
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.models import ReminderStateRow
from storage.uow import SqlUnitOfWorkFactory

DUE = 500
PER_TICK = 30
FIND_RUNS = 200
CLAIM_RUNS = 50


@dataclass(frozen=True)
class TickCost:
    backend: str
    users: int
    seed_seconds: float
    find_ms: tuple[float, float]
    claim_ms: tuple[float, float]
    plan: str = ""


def _median_p95(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


async def _timed(action: Callable[[], Awaitable[object]], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await action()
        samples.append((time.perf_counter() - started) * 1000)
    return _median_p95(samples)


@asynccontextmanager
async def sqlite_engine() -> AsyncIterator[AsyncEngine]:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(folder) / 'ticks.db'}")
        try:
            await upgrade(engine)
            yield engine
        finally:
            await engine.dispose()


@asynccontextmanager
async def postgres_engine(url: str) -> AsyncIterator[AsyncEngine]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine = create_async_engine(url, connect_args={"server_settings": {"search_path": schema}})
        try:
            await upgrade(engine)
            yield engine
        finally:
            await engine.dispose()
            async with admin.connect() as connection:
                await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        await admin.dispose()


async def measure(backend: str, engine: AsyncEngine, users: int) -> TickCost:
    now = datetime.now(UTC).replace(microsecond=0)
    plan = Plan(
        users=users,
        due=min(DUE, users),
        due_start=int(now.timestamp()) - 60,
        due_window=60,
        later_start=int(now.timestamp()) + 3600,
    )
    started = time.perf_counter()
    await seed(engine, plan)
    seeded = time.perf_counter() - started
    async with engine.connect() as connection:
        await connection.execute(text("ANALYZE"))
        await connection.commit()

    table = ReminderStateRow
    find = (
        select(table.user_id)
        .where(
            table.next_due_at.is_not(None),
            table.next_due_at <= now,
            or_(table.lease_until.is_(None), table.lease_until <= now),
        )
        .order_by(table.next_due_at)
        .limit(PER_TICK)
    )

    async def find_due() -> None:
        async with engine.connect() as connection:
            found = (await connection.execute(find)).all()
        if len(found) != PER_TICK:
            raise AssertionError(f"found {len(found)} due rows, not {PER_TICK}")

    uow = SqlUnitOfWorkFactory(engine)

    async def claim() -> None:
        async with uow() as work:
            claimed = await work.reminders.claim_due(now, now + timedelta(minutes=2), PER_TICK)
            await work.rollback()  # keep the rows due for the next run
        if len(claimed) != PER_TICK:
            raise AssertionError(f"claimed {len(claimed)} rows, not {PER_TICK}")

    find_ms = await _timed(find_due, FIND_RUNS)
    claim_ms = await _timed(claim, CLAIM_RUNS)
    query_plan = ""
    if engine.dialect.name == "sqlite":
        compiled = find.compile(dialect=engine.dialect)
        names = compiled.positiontup or []
        params = tuple(
            now.replace(tzinfo=None)
            if name.startswith(("next", "lease"))
            else compiled.params[name]
            for name in names
        )
        async with engine.connect() as connection:
            rows = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params)
            query_plan = "; ".join(str(row[-1]) for row in rows)
    return TickCost(backend, users, seeded, find_ms, claim_ms, query_plan)
