"""What a benchmark process watches in itself: event-loop stalls and resident memory."""

from __future__ import annotations

import asyncio
import contextlib
import resource
import time
from pathlib import Path

TICK_SECONDS = 0.010


def rss_mb() -> float:
    """Resident memory now, in MB (Linux ``/proc``; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * resource.getpagesize() / 1e6


def peak_rss_mb() -> float:
    """The most resident memory this process ever had, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


class StallMonitor:
    """Sleeps 10 ms over and over; how much later than asked it wakes is the loop's stall.

    ``mark()`` starts a new phase, so set-up (loading, scheduling) and steady running are
    told apart: ``worst`` is the longest stall since the last mark, ``worst_overall`` ever.
    """

    def __init__(self) -> None:
        self.worst = 0.0
        self.worst_overall = 0.0
        self.samples: list[float] = []
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="stall-monitor")

    def mark(self) -> None:
        self.worst = 0.0
        self.samples = []

    def summary(self) -> dict[str, float]:
        """Since the last mark: longest stall, 99th percentile, how many passed 100 ms."""
        ordered = sorted(self.samples)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0
        return {
            "run_stall_ms": self.worst * 1000,
            "stall_p99_ms": p99 * 1000,
            "stalls_over_100ms": sum(1 for late in ordered if late > 0.1),
        }

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(TICK_SECONDS)
            late = time.perf_counter() - started - TICK_SECONDS
            self.samples.append(late)
            self.worst = max(self.worst, late)
            self.worst_overall = max(self.worst_overall, late)
