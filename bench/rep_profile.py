"""`python -m bench.rep_profile`: what one rep reply costs the database, on SQLite and PostgreSQL.

The real Application (as ``bench.updates`` runs it, outbound budget lifted) in this process,
long-polling the fake Bot API; one person at a time sends a rep reply ("10" answering the
seeded exercise message) and waits for its answer, so each reply's work stands alone.
SQLAlchemy engine events count, per reply: the statements of the update's transaction,
its BEGINs and COMMITs (each one round trip on PostgreSQL, as is every statement), the
statements of the shared send budget (PostgreSQL), and the time spent inside statements;
the wall time from queueing the update to its answer reaching the server; and the CPU time
of this process per reply (the bot and the fake server: the server's share is the same for
any version of the bot), which depends far less on the machine's load than rates do, and
on PostgreSQL that of the server processes serving the database.

``BENCH_PROFILE_REPLIES`` (default 200) replies per backend; ``BENCH_UPDATE_BACKENDS`` and
``BENCH_POSTGRES_URL`` as for ``make bench``. ``BENCH_PROFILE_SQL=1`` prints one reply's
statements.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import create_async_engine
from telegram import Update

from bench.__main__ import _ensure_chats, _rep_reply, _update_database
from bench.seed import Plan
from bench.sizes import SIZES, Sizes
from bench.updates import _our_application
from storage import uow as uow_module
from tests.support.city_index import shared_index_path
from tests.support.fake_bot_api import FakeBotApi
from tests.support.models import RecordedCall

REPLIES = int(os.environ.get("BENCH_PROFILE_REPLIES", "200"))
USERS = 50
WARM_UP = 20


@dataclass
class Tally:
    """What the engines did since the last ``take``."""

    statements: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)
    sql: list[str] = field(default_factory=list)

    def take(self) -> Tally:
        taken = Tally(self.statements, self.seconds, self.sql)
        self.statements, self.seconds, self.sql = Counter(), {}, []
        return taken


class Watch:
    """Engine events, labelled: ``update`` (inside an update's transaction), ``budget`` (the
    shared send budget's engine), ``other`` (the scheduler's jobs and start-up)."""

    def __init__(self, budget_engine: Engine | None) -> None:
        self.tally = Tally()
        self._budget = budget_engine
        self._started: dict[int, float] = {}
        event.listen(Engine, "before_cursor_execute", self._before)
        event.listen(Engine, "after_cursor_execute", self._after)
        event.listen(Engine, "begin", self._begin)
        event.listen(Engine, "commit", self._commit)
        event.listen(Engine, "rollback", self._rollback)

    def close(self) -> None:
        event.remove(Engine, "before_cursor_execute", self._before)
        event.remove(Engine, "after_cursor_execute", self._after)
        event.remove(Engine, "begin", self._begin)
        event.remove(Engine, "commit", self._commit)
        event.remove(Engine, "rollback", self._rollback)

    def _label(self, connection: Any) -> str:
        if self._budget is not None and connection.engine is self._budget:
            return "budget"
        transaction = uow_module._UPDATE.get()
        return "update" if transaction is not None and not transaction.closed else "other"

    def _before(self, connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self._started[id(connection)] = time.perf_counter()

    def _after(self, connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        label = self._label(connection)
        elapsed = time.perf_counter() - self._started.pop(id(connection), time.perf_counter())
        self.tally.statements[label] += 1
        self.tally.seconds[label] = self.tally.seconds.get(label, 0.0) + elapsed
        self.tally.sql.append(f"{label}: {' '.join(statement.split())[:110]}")

    def _begin(self, connection: Any) -> None:
        self.tally.statements[self._label(connection) + " BEGIN"] += 1

    def _commit(self, connection: Any) -> None:
        self.tally.statements[self._label(connection) + " COMMIT"] += 1

    def _rollback(self, connection: Any) -> None:
        self.tally.statements[self._label(connection) + " ROLLBACK"] += 1


def _cpu_of(pids: set[int]) -> dict[int, float]:
    """CPU seconds (user and system) each of ``pids`` used so far (Linux ``/proc``)."""
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used


async def _server_pids(url: str) -> set[int]:
    """The PostgreSQL server processes serving ``url``'s database now."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                text(
                    "SELECT pid FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
            return {int(pid) for (pid,) in rows}
    finally:
        await engine.dispose()


def _answer(api: FakeBotApi, mark: int) -> RecordedCall | None:
    """The first reply sent since ``mark``, once it has reached the server."""
    return next((c for c in api.calls[mark:] if c.is_method("sendMessage") and c.ok), None)


async def profile(api: FakeBotApi, folder: Path, backend: str, sizes: Sizes) -> list[str]:
    plan = Plan(USERS, 0, int(time.time()), 0, int(time.time()) + 3600, exercise_messages=True)
    _ensure_chats(api, USERS)
    name = f"profile-{backend}"
    async with _update_database(folder, backend, name, plan, sizes.postgres_url) as url:
        application = _our_application(
            {
                "token": api.token,
                "api_url": api.base_url,
                "database_url": url,
                "city_index": str(shared_index_path()),
            }
        )
        await application.initialize()
        if application.post_init is not None:
            await application.post_init(application)
        updater = application.updater
        assert updater is not None
        await updater.start_polling(allowed_updates=Update.ALL_TYPES)
        await application.start()
        shared = getattr(application.bot.rate_limiter, "_shared", None)
        budget = getattr(shared, "_engine", None)
        watch = Watch(budget.sync_engine if budget is not None else None)
        tallies: list[Tally] = []
        walls: list[float] = []
        cpu_started = cpu_ms = server_ms = 0.0
        server_started: dict[int, float] = {}
        try:
            for index in range(WARM_UP + REPLIES):
                mark = api.mark()
                watch.tally.take()
                started = time.perf_counter()
                _rep_reply(api, 1 + index % USERS)
                found = await api.wait_until(partial(_answer, api, mark), timeout=30)
                if found is None:
                    raise RuntimeError("no reply")
                walls.append((time.perf_counter() - started) * 1000)
                await asyncio.sleep(0.02)  # the update's end (its last commit) is counted too
                tallies.append(watch.tally.take())
                if index == WARM_UP - 1:
                    cpu_started = time.process_time()
                    if backend == "postgresql":
                        server_started = _cpu_of(await _server_pids(url))
            cpu_ms = (time.process_time() - cpu_started) * 1000 / REPLIES
            if backend == "postgresql":
                server_now = _cpu_of(await _server_pids(url))
                server_ms = sum(
                    used - server_started.get(pid, 0.0) for pid, used in server_now.items()
                )
                server_ms = server_ms * 1000 / REPLIES
        finally:
            watch.close()
            await updater.stop()
            await application.stop()
            await application.shutdown()
            if application.post_shutdown is not None:
                await application.post_shutdown(application)
    measured = tallies[WARM_UP:]
    walls = walls[WARM_UP:]
    labels = sorted({label for tally in measured for label in tally.statements})
    lines = [f"#### {backend}: {REPLIES} rep replies, one at a time", ""]
    lines.append("| per reply | mean | max |")
    lines.append("|---|---|---|")
    for label in labels:
        counts = [tally.statements[label] for tally in measured]
        lines.append(f"| {label} | {statistics.mean(counts):.2f} | {max(counts)} |")
    for label in ("update", "budget"):
        spent = [tally.seconds.get(label, 0.0) * 1000 for tally in measured]
        lines.append(
            f"| ms inside {label} statements | {statistics.mean(spent):.2f} | {max(spent):.2f} |"
        )
    lines.append(f"| CPU ms (this process: the bot and the fake Bot API) | {cpu_ms:.2f} | |")
    if backend == "postgresql":
        lines.append(f"| CPU ms of the PostgreSQL server processes | {server_ms:.2f} | |")
    lines.append(
        f"| wall ms, queued to answered (median / p90) | {statistics.median(walls):.1f} | "
        f"{sorted(walls)[int(len(walls) * 0.9)]:.1f} |"
    )
    if os.environ.get("BENCH_PROFILE_SQL"):
        lines.extend(["", "One reply's statements:", ""])
        lines.extend(f"    {line}" for line in measured[-1].sql)
    return lines


async def main(sizes: Sizes) -> int:
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="bench-") as name:
        async with FakeBotApi() as api:
            for backend in sizes.update_backends:
                print("\n".join(await profile(api, Path(name), backend, sizes)), flush=True)
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(SIZES)))
