"""The APScheduler adapter: a few fixed jobs that turn time into calls of core services.

No job per user and no persistent job store: the database is the schedule, and one interval
job about every second asks the reminder service to dispatch what is due. Calendar jobs
(the daily maintenance) have stable ids and ``replace_existing``, so a restart never
duplicates them, and a generous misfire grace, so a busy moment does not drop them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.base import STATE_RUNNING
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from coach.services.reminders import DispatchReport

log = logging.getLogger(__name__)

TICK_JOB_ID = "reminders-tick"
SESSION_JOB_ID = "session-reminders"
DAILY_JOB_ID = "daily-maintenance"
WEEKLY_SUMMARY_JOB_ID = "weekly-summaries"
WEEKLY_SUMMARY_EVERY_SECONDS = 60
WEEKLY_SUMMARY_FIRST_RUN_SECONDS = 2
SESSION_EVERY_SECONDS = 5
SESSION_BATCHES = 20
TICK_MISFIRE_GRACE_SECONDS = 30
DAILY_MISFIRE_GRACE_SECONDS = 6 * 60 * 60
TICK_INSTANCES = 2
"""Two ticks may overlap: the outbound queue spreads a tick's 30 sends over 1.05 s, so one
tick lasts a little over a second, and with one instance the next second's run was skipped
(15 a second). The second tick claims its own rows and queues them behind the first's."""
DRAIN_SECONDS = 7.0
"""How long a shutdown waits for running jobs: inside the 10 s a deploy gives a process."""


@dataclass(frozen=True)
class Jobs:
    """The callables the scheduler drives; the composition root binds them to services."""

    dispatch_due: Callable[[int], Awaitable[DispatchReport]]
    daily: Callable[[], Awaitable[object]]
    dispatch_sessions: Callable[[int], Awaitable[DispatchReport]] | None = None
    weekly_summaries: Callable[[], Awaitable[object]] | None = None


class ReminderScheduler:
    """Owns the ``AsyncIOScheduler``: ``start()`` in the running loop, ``shutdown()`` at exit."""

    def __init__(self, jobs: Jobs, *, per_tick: int = 30, tick_seconds: float = 1.0) -> None:
        self._jobs = jobs
        self.per_tick = per_tick
        self._tick_seconds = tick_seconds
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self._running: set[asyncio.Task[object]] = set()
        self._stopping = False

    def add_jobs(self) -> None:
        self._add(
            self.tick,
            IntervalTrigger(seconds=self._tick_seconds, timezone=UTC),
            TICK_JOB_ID,
            "dispatch due sit-break reminders",
            TICK_MISFIRE_GRACE_SECONDS,
            instances=TICK_INSTANCES,
        )
        self._add(
            self.sessions,
            IntervalTrigger(seconds=SESSION_EVERY_SECONDS, timezone=UTC),
            SESSION_JOB_ID,
            "daily session reminders whose time has come",
            TICK_MISFIRE_GRACE_SECONDS,
        )
        self._add(
            self.daily,
            CronTrigger(hour=3, minute=17, timezone=UTC),
            DAILY_JOB_ID,
            "daily maintenance",
            DAILY_MISFIRE_GRACE_SECONDS,
        )
        if self._jobs.weekly_summaries is not None:
            self._add(
                self.weekly_summaries,
                IntervalTrigger(seconds=WEEKLY_SUMMARY_EVERY_SECONDS, timezone=UTC),
                WEEKLY_SUMMARY_JOB_ID,
                "weekly summaries whose local time has come",
                TICK_MISFIRE_GRACE_SECONDS,
                # Summaries that fell due while the bot was down go out right after start,
                # not a minute later.
                first_run=datetime.now(UTC) + timedelta(seconds=WEEKLY_SUMMARY_FIRST_RUN_SECONDS),
            )

    def _add(
        self,
        job: Callable[[], Awaitable[object]],
        trigger: IntervalTrigger | CronTrigger,
        job_id: str,
        name: str,
        misfire_grace_seconds: int,
        first_run: datetime | None = None,
        instances: int = 1,
    ) -> None:
        """A job with a stable id that a restart replaces, never duplicates; it overlaps
        itself only if ``instances`` says so.

        The misfire grace is never APScheduler's 1-second default: a slow run must delay the
        next one, not drop it.
        """
        self.scheduler.add_job(
            job,
            trigger,
            id=job_id,
            name=name,
            replace_existing=True,
            coalesce=True,
            max_instances=instances,
            misfire_grace_time=misfire_grace_seconds,
            **({} if first_run is None else {"next_run_time": first_run}),
        )

    def start(self) -> None:
        self.add_jobs()
        self.scheduler.start()

    async def shutdown(self, timeout: float = DRAIN_SECONDS) -> None:  # noqa: ASYNC109
        """Drain: start no job, let the running ones settle, then stop the scheduler.

        ``AsyncIOScheduler.shutdown`` cancels running jobs, which would leave a tick's batch
        leased (and its delivered reminders sent again after a restart), so it comes last.
        The caller first makes the outbound queue refuse sends with a deadline, so a tick
        held back (a RetryAfter pause) releases its unsent rows at once instead of waiting.
        """
        self._stopping = True
        if self.scheduler.state == STATE_RUNNING:
            self.scheduler.pause()
        running = [task for task in self._running if not task.done()]
        if running:
            log.info("waiting for %s running scheduled jobs to finish", len(running))
            _, pending = await asyncio.wait(running, timeout=timeout)
            if pending:
                log.warning("%s scheduled jobs did not finish in %.0f s", len(pending), timeout)
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    @contextlib.contextmanager
    def _tracked(self) -> Iterator[None]:
        task = asyncio.current_task()
        if task is not None:
            self._running.add(task)
        try:
            yield
        finally:
            if task is not None:
                self._running.discard(task)

    async def tick(self) -> DispatchReport:
        """One dispatcher round: at most what the send rate allows in a second."""
        if self._stopping:
            return DispatchReport()
        with self._tracked():
            try:
                report = await self._jobs.dispatch_due(self.per_tick)
            except Exception:  # a failing tick must not stop the next one
                log.exception("reminder tick failed")
                return DispatchReport()
        if report.claimed:
            log.info("reminder tick: %s", report)
        return report

    async def sessions(self) -> int:
        """Daily session reminders due now, a tick's worth per batch, a few batches a run."""
        dispatch = self._jobs.dispatch_sessions
        handled = 0
        if dispatch is None or self._stopping:
            return handled
        with self._tracked():
            try:
                for _ in range(SESSION_BATCHES):
                    report = await dispatch(self.per_tick)
                    handled += report.claimed
                    if report.claimed < self.per_tick or self._stopping:
                        break
            except Exception:
                log.exception("session reminder run failed")
        return handled

    async def weekly_summaries(self) -> None:
        send = self._jobs.weekly_summaries
        if send is None or self._stopping:
            return
        with self._tracked():
            try:
                await send()
            except Exception:  # one failed run must not stop the next
                log.exception("weekly summary run failed")

    async def daily(self) -> None:
        with self._tracked():
            try:
                await self._jobs.daily()
            except Exception:
                log.exception("daily maintenance failed")
