"""`python -m bench.startup`: how fast the bot starts and how much memory it holds idle.

Starts the real ``python -m bot`` (``tests.support.bot_process.BotProcess``) against the
local fake Bot API with an empty SQLite database, times it from the process's spawn to its
first ``getUpdates`` call, then lets it sit idle and reads its resident memory (``VmRSS``
from ``/proc``). Runs ``BENCH_STARTS`` times (default 3) and prints each run and the median.
Three cases: a restart (the database already at head and the city index built: what every
deploy does), a new database with the city index already built (``BotProcess`` hands the bot
the tests' shared file, ``CITY_INDEX_PATH``), and a first start with neither, which builds the
index in the background.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.support.bot_process import BotProcess
from tests.support.fake_bot_api import FakeBotApi

IDLE_SECONDS = 8.0
"""Long enough for the start's background work (a first index build, the first jobs)."""


def _cpu_seconds(pid: int) -> float:
    """CPU time the process has used (user + system): unlike wall time, it hardly depends on
    how busy the shared machine is."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


async def one_start(
    folder: Path, env: dict[str, str], idle_seconds: float = IDLE_SECONDS
) -> tuple[float, float, float]:
    """Seconds from spawn to the first getUpdates (wall and CPU), and idle RSS in MB."""
    async with FakeBotApi() as api:
        bot = BotProcess(api, folder, extra_env=env)
        mark = api.mark()
        started = time.monotonic()
        await bot.start(wait_for_polling=False)
        call = await api.wait_for_call("getUpdates", timeout=60, since=mark, completed=False)
        ready = call.at - started
        pid = bot.pid
        assert pid is not None
        cpu = _cpu_seconds(pid)
        await asyncio.sleep(idle_seconds)
        rss = _rss_mb(pid)
        await bot.stop()
        return ready, cpu, rss


CASES = ("restart", "index built", "first start")


async def measure(
    runs: int, idle_seconds: float = IDLE_SECONDS, cases: tuple[str, ...] = CASES
) -> list[str]:
    """Each case `runs` times: a line per start and a table of the medians."""
    lines: list[str] = []
    rows = [
        "| case | first getUpdates (wall, median) | CPU used by then | idle RSS |",
        "|---|---|---|---|",
    ]
    for case in cases:
        results = []
        for number in range(runs):
            with tempfile.TemporaryDirectory(prefix="bench-start-") as name:
                folder = Path(name)
                fresh = folder / "data" / "cities.sqlite3"
                env = {"CITY_INDEX_PATH": str(fresh)} if case == "first start" else {}
                if case == "restart":
                    await one_start(folder, env, idle_seconds=0)  # migrates; not counted
                ready, cpu, rss = await one_start(folder, env, idle_seconds)
            results.append((ready, cpu, rss))
            lines.append(
                f"{case} {number + 1}: first getUpdates after {ready:.2f} s "
                f"({cpu:.2f} s CPU), idle RSS {rss:.0f} MB"
            )
        rows.append(
            f"| {case} | {statistics.median(r[0] for r in results):.2f} s "
            f"| {statistics.median(r[1] for r in results):.2f} s "
            f"| {statistics.median(r[2] for r in results):.0f} MB |"
        )
    return [*rows, "", f"load average {os.getloadavg()[0]:.1f}; each start:", "", *lines]


async def main() -> int:
    runs = int(os.environ.get("BENCH_STARTS", "3"))
    print("\n".join(await measure(runs)))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
