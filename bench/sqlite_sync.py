"""`python -m bench.sqlite_sync`: what `synchronous=FULL` costs per commit compared to NORMAL.

Both in WAL mode, through the bot's own engine set-up: one small write transaction after the
other (a processed update and a dialog row, what one handled message writes), then the same
number all at once (they queue on the write lock). ``BENCH_COMMITS`` sets the count (default
400), ``BENCH_DIR`` the folder of the database file (default: a temp folder in data/, the
disk the bot's data lives on).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from storage import engine as engine_module
from storage.migrate import upgrade

COMMITS = int(os.environ.get("BENCH_COMMITS", "400"))


async def measure(mode: str, database: Path) -> tuple[float, float, float]:
    """Median and p95 ms per sequential commit, and commits/s with all writers at once."""
    engine_module.SQLITE_SYNCHRONOUS = mode
    url = f"sqlite+aiosqlite:///{database}"
    engine = engine_module.create_engine(url)
    await upgrade(engine)
    now = datetime.now(UTC)
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO users (id, chat_id, language, work_days, work_start_min,"
                " work_end_min, sit_interval_min, goal_days_per_week, active, created_at,"
                " updated_at, summary_weekday, summary_time_min)"
                " VALUES (1, 1, 'en', 31, 540, 1020, 60, 7, 1, :now, :now, 6, 1080)"
            ),
            {"now": now},
        )

    async def one(update_id: int) -> None:
        async with engine.begin() as connection:
            await connection.execute(
                text("INSERT INTO processed_updates (update_id, processed_at) VALUES (:u, :n)"),
                {"u": update_id, "n": now},
            )
            await connection.execute(
                text(
                    "INSERT INTO dialogs (user_id, flow, step, data, updated_at)"
                    " VALUES (1, 'setup', 'x', '{}', :n) ON CONFLICT (user_id) DO UPDATE"
                    " SET step = :s, updated_at = :n"
                ),
                {"n": now, "s": str(update_id)},
            )

    timings = []
    for n in range(COMMITS):
        start = time.perf_counter()
        await one(n)
        timings.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    await asyncio.gather(*(one(COMMITS + n) for n in range(COMMITS)))
    rate = COMMITS / (time.perf_counter() - start)
    await engine.dispose()
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95)], rate


async def main(base: Path) -> None:
    with tempfile.TemporaryDirectory(dir=base) as folder:
        for run, mode in enumerate(("NORMAL", "FULL", "NORMAL", "FULL")):
            database = Path(folder) / f"sync-{run}-{mode.lower()}.db"
            median, p95, rate = await measure(mode, database)
            print(
                f"synchronous={mode:<6} {COMMITS} commits: {median:.2f} ms median, "
                f"{p95:.2f} ms p95 one after another; {rate:.0f} commits/s "
                f"with all {COMMITS} writing at once"
            )


if __name__ == "__main__":
    folder = Path(os.environ.get("BENCH_DIR", "data"))
    folder.mkdir(parents=True, exist_ok=True)
    asyncio.run(main(folder))
