"""`python -m bench` (`make bench`): reminder fan-out, update handling, tick cost and the
weekly summary picture's drawing time, one run.

The parent process hosts the local fake Bot API (``tests.support.fake_bot_api``; one
instance enforcing Telegram's send limits for the fan-out, one without limits for update
handling), seeds the databases and drives the load; every measured design runs in a child
process of its own (``bench.worker``), so its memory and event loop are its own.
``BENCH_QUICK=1`` runs the same code at small sizes in about a minute (CI runs it so the
benchmark cannot rot; its numbers mean little). Sizes: see ``bench.sizes``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import platform
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, text, update
from sqlalchemy.ext.asyncio import create_async_engine

from bench import startup, summary_render, ticks
from bench.child import Worker
from bench.seed import EXERCISE_MESSAGE_ID, Plan, seed
from bench.sizes import SIZES, Sizes
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.models import ReminderStateRow
from tests.support.city_index import shared_index_path
from tests.support.fake_bot_api import FakeBotApi, LimitStats, TelegramLimits
from tests.support.models import RecordedCall

TELEGRAM_PEAK_PER_MINUTE = 20_000
"""The brief's peak: 20,000 users due in the same minute. Scaled runs keep this rate."""


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


class Replies:
    """Counts the bot's successful sendMessage calls since a mark, scanning only new calls;
    with ``chats_from``, only those to that chat id or a higher one."""

    def __init__(self, api: FakeBotApi, chats_from: int | None = None) -> None:
        self._api = api
        self._seen = api.mark()
        self._chats_from = chats_from
        self.calls: list[RecordedCall] = []

    def count(self) -> int:
        calls = self._api.calls
        while self._seen < len(calls):
            call = calls[self._seen]
            if call.status == 0:  # still in progress; look again later
                break
            wanted = self._chats_from is None or (call.chat_id or 0) >= self._chats_from
            if call.is_method("sendMessage") and call.ok and wanted:
                self.calls.append(call)
            self._seen += 1
        return len(self.calls)

    async def wait_for(self, count: int, timeout: float) -> bool:  # noqa: ASYNC109
        found = await self._api.wait_until(lambda: True if self.count() >= count else None, timeout)
        return found is not None


async def _database(folder: Path, name: str, plan: Plan | None) -> str:
    url = f"sqlite+aiosqlite:///{folder / name}"
    engine = create_engine(url)
    try:
        await upgrade(engine)
        if plan is not None:
            await seed(engine, plan)
    finally:
        await engine.dispose()
    return url


# ---- fan-out ---------------------------------------------------------------------------


async def fanout(
    api: FakeBotApi, folder: Path, design: str, users: int, due: int
) -> dict[str, Any]:
    """One design sends ``due`` reminders of ``users`` to the limit-enforcing server."""
    window = round(60 * due / TELEGRAM_PEAK_PER_MINUTE)
    # Time for the child to start before the first reminder is due: the job design loads
    # every user and files a job each (about 25 s for 100,000 on a busy 2-core machine).
    lead = 5 + users / (4_000 if design == "jobqueue" else 50_000)
    due_start = int(time.time() + lead) + 1
    plan = Plan(users, due, due_start, window, later_start=due_start + 3600)
    url = await _database(folder, f"fanout-{design}-{users}-{due}.db", plan)
    stats = api.limit_stats
    accepted_before, rejected_before = len(stats.accepted), stats.rejected
    replies = Replies(api)
    args = {
        "token": api.token,
        "api_url": api.base_url,
        "database_url": url,
        "due": due,
        "deadline": due_start + window + due / 20 + 120,
    }
    async with Worker(f"fanout-{design}", args) as worker:
        await worker.ready()
        result = await worker.result()
    replies.count()
    offset = time.time() - time.monotonic()
    sends = [call for call in replies.calls if call.chat_id is not None and call.chat_id <= due]
    lateness = [call.at + offset - (plan.due_at(call.chat_id or 0) or 0) for call in sends]
    times = sorted(call.at for call in sends)
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    delivered = len({call.chat_id for call in sends})
    return {
        **result,
        "design": design,
        "users": users,
        "due": due,
        "window_s": window,
        "ready_before_due": result["ready_at"] <= due_start,
        "delivered": delivered,
        "duplicates": len(sends) - delivered,
        "not_delivered": due - delivered,
        "rate": (len(times) - 1) / span if span else float("nan"),
        "most_in_a_second": LimitStats(stats.accepted[accepted_before:]).most_in_any_second(),
        "http_429": stats.rejected - rejected_before,
        "late_p50_s": percentile(lateness, 0.50),
        "late_p99_s": percentile(lateness, 0.99),
        "late_max_s": max(lateness, default=float("nan")),
    }


def fanout_table(runs: list[dict[str, Any]], grace_minutes: int = 10) -> list[str]:
    ours, jobs = runs
    lines = [
        f"| {ours['users']:,} users, {ours['due']:,} due within {ours['window_s']} s "
        "| ours (database schedule, one tick job) | common (JobQueue job per user) |",
        "|---|---|---|",
    ]

    def row(label: str, key: str, fmt: str) -> None:
        lines.append(f"| {label} | {format(ours[key], fmt)} | {format(jobs[key], fmt)} |")

    row("delivered", "delivered", ",")
    row(f"not delivered (grace {grace_minutes} min)", "not_delivered", ",")
    row("delivered twice", "duplicates", ",")
    row("sustained sends/s (first to last delivery)", "rate", ".1f")
    row("most accepted in any 1 s window", "most_in_a_second", "d")
    row("429 answers received", "http_429", ",")
    row("lateness p50 (s)", "late_p50_s", ".1f")
    row("lateness p99 (s)", "late_p99_s", ".1f")
    lines.append(
        "| event-loop stall while sending: longest / p99 (ms), count over 100 ms | "
        + " | ".join(
            f"{run['run_stall_ms']:.0f} / {run['stall_p99_ms']:.0f}, {run['stalls_over_100ms']}"
            for run in runs
        )
        + " |"
    )
    row("longest stall while setting up (ms)", "setup_stall_ms", ".0f")
    row("RSS when ready / peak (MB)", "rss_ready_mb", ".0f")
    lines[-1] = (
        f"| RSS when ready / peak (MB) | {ours['rss_ready_mb']:.0f} / {ours['rss_peak_mb']:.0f} "
        f"| {jobs['rss_ready_mb']:.0f} / {jobs['rss_peak_mb']:.0f} |"
    )
    ratio = ours["delivered"] / jobs["delivered"] if jobs["delivered"] else float("inf")
    lines.append(f"| delivered, ours / common | {ratio:.1f}× | |")
    for run in runs:
        if not run["ready_before_due"] or not run["finished"]:
            lines.append(
                f"\n{run['design']}: ready before the first due time: {run['ready_before_due']}, "
                f"finished before the deadline: {run['finished']}"
            )
    return lines


def rss_table(series: list[dict[str, Any]]) -> list[str]:
    sizes = sorted({run["users"] for run in series})
    lines = [
        "| peak RSS (MB), "
        + f"{series[0]['due']:,} due | "
        + " | ".join(f"{size:,} users" for size in sizes)
        + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for design, label in (("ours", "ours"), ("jobqueue", "common (JobQueue)")):
        cells = []
        for size in sizes:
            run = next(r for r in series if r["design"] == design and r["users"] == size)
            cells.append(
                f"{run['rss_peak_mb']:.0f} (delivered {run['delivered']}, set-up stall "
                f"{run['setup_stall_ms']:.0f} ms, sending stall {run['run_stall_ms']:.0f} ms)"
            )
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


# ---- update handling -------------------------------------------------------------------


def _ensure_chats(api: FakeBotApi, users: int) -> None:
    """Private chats 1..users; message id 1 in each is the seeded exercise message."""
    for user_id in range(1, users + 1):
        api.user(user_id)
        state = api.chat_state(user_id)
        if state.next_message_id == EXERCISE_MESSAGE_ID:
            state.take_message_id()


def _rep_reply(api: FakeBotApi, user_id: int) -> None:
    chat = api.chat_state(user_id).chat
    about = {
        "message_id": EXERCISE_MESSAGE_ID,
        "from": api.bot_user(),
        "chat": chat,
        "date": api.now(),
        "text": "Bridge",
    }
    api.user(user_id).send_raw({"text": "10", "reply_to_message": about})


UPDATE_REMINDERS_LEAD_S = 2
"""The first reminder of the update run falls due this long after the child is ready."""
UPDATE_BURST_GUESS_S = 5
"""About how long the burst takes: the reminders fall due over it and the paced part."""


@contextlib.asynccontextmanager
async def _update_database(
    folder: Path, backend: str, name: str, plan: Plan | None, postgres_url: str
) -> AsyncIterator[str]:
    """A seeded database for one update run: a SQLite file, or a PostgreSQL database of its
    own (dropped afterwards)."""
    if backend == "sqlite":
        yield await _database(folder, f"{name}.db", plan)
        return
    database = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(postgres_url, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{database}"'))
        url = postgres_url.rsplit("/", 1)[0] + f"/{database}"
        engine = create_engine(url)
        try:
            await upgrade(engine)
            if plan is not None:
                await seed(engine, plan)
        finally:
            await engine.dispose()
        yield url
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        await admin.dispose()


async def updates(
    api: FakeBotApi, folder: Path, design: str, users: int, sizes: Sizes, backend: str = "sqlite"
) -> dict[str, Any]:
    """Burst (throughput) then paced (latency) rep replies from ``users`` people.

    Meanwhile ``sizes.update_reminders`` sit-break reminders of other users fall due, spread
    over the run, so the reminder tick works while updates are handled: how late they arrive
    and how many tick runs the scheduler skipped say whether updates starve it.
    """
    reminders = sizes.update_reminders if design == "ours" else 0
    # Due users are 1..reminders (bench.seed's plan); the people replying come after them.
    first = reminders + 1
    paced_seconds = sizes.update_paced / sizes.update_rate
    due_window = int(UPDATE_BURST_GUESS_S + paced_seconds)
    due_start = int(time.time()) + 3600  # moved to the real start once the child is ready
    plan = Plan(
        users + reminders,
        reminders,
        due_start,
        due_window,
        later_start=due_start + 3600,
        exercise_messages=True,
    )
    _ensure_chats(api, users + reminders)
    async with _update_database(
        folder,
        backend,
        f"updates-{design}-{backend}-{users}",
        plan if design == "ours" else None,
        sizes.postgres_url,
    ) as url:
        # A built city index, as after any first start: the measurement is not to include a build.
        args = {
            "token": api.token,
            "api_url": api.base_url,
            "database_url": url,
            "city_index": str(shared_index_path()),
        }
        async with Worker(f"updates-{design}", args) as worker:
            await worker.ready()
            shift = int(time.time()) + UPDATE_REMINDERS_LEAD_S - plan.due_start
            if reminders:
                await _move_due(url, plan.due, shift)
            reminder_calls = Replies(api)
            # Throughput: everything queued at once; the rate the replies come back at.
            replies = Replies(api, chats_from=first)
            started = time.monotonic()
            for index in range(sizes.update_burst):
                _rep_reply(api, first + index % users)
            finished = await replies.wait_for(sizes.update_burst, timeout=600)
            last = max(call.at for call in replies.calls)
            throughput = sizes.update_burst / (last - started)
            extra_burst = len(replies.calls) - sizes.update_burst

            # Latency at a steady offered rate: each update's first reply in its chat, in order.
            await asyncio.sleep(0.5)
            replies = Replies(api, chats_from=first)
            queued: dict[int, list[float]] = {}
            started = time.monotonic()
            for index in range(sizes.update_paced):
                target = started + index / sizes.update_rate
                delay = target - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                user_id = first + index % users
                queued.setdefault(user_id, []).append(time.monotonic())
                _rep_reply(api, user_id)
            offered_for = time.monotonic() - started
            finished = await replies.wait_for(sizes.update_paced, timeout=600) and finished
            by_chat: dict[int, list[float]] = {}
            for call in replies.calls:
                by_chat.setdefault(call.chat_id or 0, []).append(call.at)
            latencies = [
                (answer - asked) * 1000
                for chat, asked_times in queued.items()
                for asked, answer in zip(asked_times, sorted(by_chat.get(chat, [])), strict=False)
            ]
            # Every reminder due by now has had its tick.
            last_due = plan.due_start + shift + due_window
            await asyncio.sleep(max(0.0, last_due + 2 - time.time()))
            await worker.stop()
            result = await worker.result()
    reminder_calls.count()
    offset = time.time() - time.monotonic()
    sent = [call for call in reminder_calls.calls if (call.chat_id or 0) < first]
    lateness = [call.at + offset - ((plan.due_at(call.chat_id or 0) or 0) + shift) for call in sent]
    handled = sizes.update_burst + sizes.update_paced
    return {
        **result,
        "cpu_ms_per_update": result["cpu_seconds"] * 1000 / handled,
        "design": design,
        "backend": backend,
        "users": users,
        "throughput": throughput,
        "offered_rate": sizes.update_paced / offered_for,
        "p50_ms": percentile(latencies, 0.50),
        "p99_ms": percentile(latencies, 0.99),
        "replies_per_update": (len(replies.calls) + extra_burst) / sizes.update_paced,
        "finished": finished,
        "reminders_due": reminders,
        "reminders_sent": len({call.chat_id for call in sent}),
        "reminder_late_p99_s": percentile(lateness, 0.99),
        "reminder_late_max_s": max(lateness, default=float("nan")),
    }


async def _move_due(url: str, due: int, shift: int) -> None:
    """Move the reminders of users ``1..due`` by ``shift`` seconds: seeded an hour ahead,
    they fall due once the child is ready."""
    table = cast(Table, ReminderStateRow.__table__)
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            rows = (
                await connection.execute(
                    select(table.c.user_id, table.c.next_due_at).where(table.c.user_id <= due)
                )
            ).all()
            await connection.execute(
                update(table)
                .where(table.c.user_id == bindparam("uid"))
                .values(next_due_at=bindparam("due")),
                [{"uid": user_id, "due": at + timedelta(seconds=shift)} for user_id, at in rows],
            )
    finally:
        await engine.dispose()


def updates_table(runs: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| users sending | bot | database | updates/s (burst) | ratio to echo | p50 / p99 ms at "
        f"{runs[0]['offered_rate']:.0f}/s | CPU ms per update | reminders on time: sent / due, "
        "latest (s) | ticks run / skipped runs | RSS peak (MB) | stall longest / p99 (ms) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for users in sorted({run["users"] for run in runs}):
        echo = next(r for r in runs if r["users"] == users and r["design"] == "echo")
        ours = [r for r in runs if r["users"] == users and r["design"] == "ours"]
        for run in (*ours, echo):
            ratio = run["throughput"] / echo["throughput"]
            reminders = (
                f"{run['reminders_sent']} / {run['reminders_due']}, "
                f"{run['reminder_late_max_s']:.1f}"
                if run["reminders_due"]
                else "-"
            )
            ours_run = run["design"] == "ours"
            ticks = f"{run['tick_runs']} / {run['skipped_job_runs']}" if ours_run else "-"
            database = run["backend"] if ours_run else "-"
            lines.append(
                f"| {users:,} | {run['design']} | {database} | {run['throughput']:.0f} | "
                f"{ratio:.2f} | {run['p50_ms']:.0f} / {run['p99_ms']:.0f} | "
                f"{run['cpu_ms_per_update']:.1f} | {reminders} | "
                f"{ticks} | {run['rss_peak_mb']:.0f} | "
                f"{run['run_stall_ms']:.0f} / {run['stall_p99_ms']:.0f} |"
            )
    odd = [run for run in runs if abs(run["replies_per_update"] - 1) > 0.01 or not run["finished"]]
    for run in odd:
        lines.append(
            f"\n{run['design']} ({run['backend']}) with {run['users']} users: "
            f"{run['replies_per_update']:.2f} replies per update, finished: {run['finished']}"
        )
    return lines


# ---- tick cost -------------------------------------------------------------------------


async def tick_costs(sizes: Sizes) -> list[ticks.TickCost]:
    results = []
    for users in sizes.tick_users:
        async with ticks.sqlite_engine() as engine:
            results.append(await ticks.measure("SQLite", engine, users))
    if sizes.postgres_url.lower() != "none":
        try:
            for users in sizes.tick_users:
                async with ticks.postgres_engine(sizes.postgres_url) as engine:
                    results.append(await ticks.measure("PostgreSQL", engine, users))
        except (OSError, ConnectionError) as error:
            print(f"PostgreSQL skipped: {error}", file=sys.stderr)
    return results


def ticks_table(results: list[ticks.TickCost]) -> list[str]:
    lines = [
        f"| backend | users ({ticks.DUE} due) | seed (s) | find next {ticks.PER_TICK} due: "
        f"median / p95 ms | claim {ticks.PER_TICK}: median / p95 ms |",
        "|---|---|---|---|---|",
    ]
    for cost in results:
        lines.append(
            f"| {cost.backend} | {cost.users:,} | {cost.seed_seconds:.1f} | "
            f"{cost.find_ms[0]:.2f} / {cost.find_ms[1]:.2f} | "
            f"{cost.claim_ms[0]:.2f} / {cost.claim_ms[1]:.2f} |"
        )
    plans = {cost.plan for cost in results if cost.plan}
    lines.extend(f"\nSQLite plan: `{plan}`" for plan in plans)
    return lines


# ---- the run ---------------------------------------------------------------------------


_STARTED = time.monotonic()


def section(title: str, lines: list[str]) -> None:
    print(f"\n### {title}\n")
    print("\n".join(lines))
    print(f"\n(at {time.monotonic() - _STARTED:.0f} s)", flush=True)


async def main(sizes: Sizes) -> int:
    started = time.monotonic()
    load = os.getloadavg()
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at start"
        + (" (BENCH_QUICK: small sizes, numbers not meaningful)" if sizes.quick else "")
    )
    section(
        "Start and idle memory: the real python -m bot",
        # Quick: the restart only (its code path is every case's), briefly idle.
        await startup.measure(sizes.starts, idle_seconds=8.0)
        if not sizes.quick
        else await startup.measure(1, idle_seconds=1.0, cases=startup.CASES[:1]),
    )
    section("Tick cost against users", ticks_table(await tick_costs(sizes)))
    section(
        "Weekly summary pictures: matplotlib (before) and Pillow (now)",
        summary_render.table(sizes.summary_pictures),
    )

    with tempfile.TemporaryDirectory(prefix="bench-") as name:
        folder = Path(name)
        limited = FakeBotApi(limits=TelegramLimits())
        async with limited:
            _ensure_chats(limited, max(sizes.fanout_due, sizes.rss_due))
            main_runs = [
                await fanout(limited, folder, design, sizes.fanout_users, sizes.fanout_due)
                for design in ("ours", "jobqueue")
            ]
            title = "Fan-out: reminders due at once, Telegram's limits enforced"
            section(title, fanout_table(main_runs))
            series = [
                await fanout(limited, folder, design, users, sizes.rss_due)
                for users in sizes.rss_users
                for design in ("ours", "jobqueue")
            ]
            if series:
                # The largest size is the main run's (more due, the same design and users).
                section("Memory against users", rss_table([*series, *main_runs]))
            assert not limited.internal_errors, limited.internal_errors

        open_api = FakeBotApi()
        async with open_api:
            runs = [
                await updates(open_api, folder, design, users, sizes, backend)
                for users in sizes.update_users
                for design, backend in (
                    *(("ours", backend) for backend in sizes.update_backends),
                    ("echo", "none"),
                )
            ]
            section("Update handling: rep replies through the real handlers", updates_table(runs))
            assert not open_api.internal_errors, open_api.internal_errors
    print(f"\nbench finished in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(SIZES)))
