"""The weekly summary picture, sent at each user's local weekday and time (default Sunday 18:00).

`WeeklySummaryService.send_weekly_summaries(now)` is meant for a calendar job that runs every
few minutes; it does work proportional to the users due, never to all users.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Final, Protocol

from coach.ports import UnitOfWork, UnitOfWorkFactory
from coach.profile import Profile
from coach.progress import SUMMARY_GRACE, next_summary_at
from coach.services.progress import ProgressService, StatsView, tz_of

log = logging.getLogger(__name__)


class SummarySender(Protocol):
    """Sends the weekly summary picture; the bot implements it."""

    async def send_weekly_summary(self, profile: Profile, stats: StatsView) -> None: ...


def next_summary_of(profile: Profile, now: datetime) -> datetime:
    """The user's next summary instant after `now`, from their weekday, time and zone."""
    return next_summary_at(profile.summary_weekday, profile.summary_time, tz_of(profile), now)


async def reschedule_summary(
    work: UnitOfWork, before: Profile, after: Profile, now: datetime
) -> None:
    """A settings listener: a new summary day, time or time zone moves the next summary.

    Users not yet onboarded (or without a zone) are left to `_schedule_new`, as before.
    """
    when = (after.summary_weekday, after.summary_time, after.timezone)
    if when == (before.summary_weekday, before.summary_time, before.timezone):
        return
    if after.onboarded and after.timezone:
        await work.summaries.schedule(after.user_id, next_summary_of(after, now), None)


def _should_send(profile: Profile, due_at: datetime, now: datetime) -> bool:
    """Active users get a summary that is not stale; everyone else is only rescheduled."""
    return profile.active and now - due_at <= SUMMARY_GRACE


class WeeklySummaryService:
    """Sends each user's weekly summary picture at their local weekday and time."""

    BATCH: Final = 200

    def __init__(
        self, uow: UnitOfWorkFactory, progress: ProgressService, sender: SummarySender
    ) -> None:
        self._uow = uow
        self._progress = progress
        self._sender = sender

    async def send_weekly_summaries(self, now: datetime) -> int:
        """Send the summaries that fell due; returns how many were sent.

        Call every few minutes. Work is proportional to users due: an indexed
        `summary_next_at <= now` claim, which moves each claimed user's next instant a week on
        before anything is sent (at most once per week; a crash loses one summary, never
        doubles it). Due longer ago than `SUMMARY_GRACE` (the bot was down): skipped.
        """
        await self._schedule_new(now)
        sent = 0
        while True:
            async with self._uow() as work:
                due = await work.summaries.due(now, self.BATCH)
                for profile, at in due:
                    next_at = next_summary_of(profile, now)
                    sending = _should_send(profile, at, now)
                    await work.summaries.schedule(
                        profile.user_id, next_at, now if sending else None
                    )
                await work.commit()
            for profile, at in due:
                if not _should_send(profile, at, now):
                    continue
                try:
                    stats = await self._progress.stats_for(profile, now)
                    await self._sender.send_weekly_summary(profile, stats)
                except Exception:  # one user's failure (blocked bot…) must not stop the rest
                    log.exception("weekly summary for user %s failed", profile.user_id)
                    continue
                sent += 1
            if len(due) < self.BATCH:
                return sent

    async def _schedule_new(self, now: datetime) -> None:
        """Give newly onboarded users their first summary instant."""
        while True:
            async with self._uow() as work:
                new = await work.summaries.unscheduled(self.BATCH)
                for profile in new:
                    next_at = next_summary_of(profile, now)
                    await work.summaries.schedule(profile.user_id, next_at, None)
                await work.commit()
            if len(new) < self.BATCH:
                return
