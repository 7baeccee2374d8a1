"""How many users share a first-reminder boundary, for the load-following spread.

The count is one indexed SQL count per boundary minute (``count_sharing``), kept for a few
minutes per process: a schedule computation then costs a dictionary lookup, and a busy
minute at most one range count of the index every ``COUNT_TTL``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from coach.ports import UnitOfWork
from coach.reminders import WorkSchedule, boundary_minute, first_boundary

COUNT_TTL: Final = timedelta(minutes=5)


class SpreadCounts:
    """Cached counts per UTC minute; one instance per process, shared by every computation."""

    def __init__(self, ttl: timedelta = COUNT_TTL) -> None:
        self._ttl = ttl
        self._counts: dict[int, tuple[datetime, int]] = {}

    async def sharing(self, work: UnitOfWork, minute: int, now: datetime) -> int:
        cached = self._counts.get(minute)
        if cached is not None and timedelta(0) <= now - cached[0] < self._ttl:
            return cached[1]
        count = await work.reminders.count_sharing(minute)
        self._counts[minute] = (now, count)
        return count

    def known(self, minute: int) -> int:
        """The last count read for ``minute`` (1 if never read), for synchronous callers that
        read it with ``sharing`` first."""
        cached = self._counts.get(minute)
        return 1 if cached is None else max(1, cached[1])


async def spread_of(
    work: UnitOfWork, schedule: WorkSchedule, now: datetime, counts: SpreadCounts
) -> tuple[int | None, int]:
    """The user's boundary minute (None if no reminder fits) and how many share it (≥ 1)."""
    boundary = first_boundary(schedule, now)
    if boundary is None:
        return None, 1
    minute = boundary_minute(boundary)
    return minute, max(1, await counts.sharing(work, minute, now))
