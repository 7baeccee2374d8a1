"""The weekly summary picture, sent at each user's local weekday and time (default Sunday 18:00).

`WeeklySummaryService.send_weekly_summaries()` is meant for a calendar job that runs every
few minutes; it does work proportional to the users due, never to all users. Replicas may run
it at the same time: due users are claimed with a lease and a token (as reminders are), so
each summary is sent by one of them. Every send carries a deadline inside its claim's lease,
so a send held back (a RetryAfter pause) never leaves after another replica may have taken
the user over; and a shutdown (`stop()`) releases the claimed users not yet sent at once,
for the next process, instead of leaving them leased for the whole lease.

One user's row never harms another's: each user is scheduled, moved on and built on their
own, everything that can fail (the next instant, the stats) before the picture is sent. A row
that raises is counted and held back with a backoff, then parked (`summary_parked_at`) after
`MAX_ATTEMPTS` tries in a row, logged with its user id only; a settings change that moves the
summary offers it again. A zone the tz database lacks is no such failure: that user's summary
is computed in UTC (`tz_of`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Protocol

from coach.clock import Clock
from coach.ports import UnitOfWork, UnitOfWorkFactory
from coach.profile import Profile
from coach.progress import SUMMARY_GRACE, next_summary_at
from coach.reminder_state import Delivery
from coach.row_isolation import backoff, log_broken, log_parked, should_park
from coach.services.progress import ProgressService, StatsView, tz_of

log = logging.getLogger(__name__)


class SummarySender(Protocol):
    """Sends the weekly summary picture; the bot implements it."""

    async def send_weekly_summary(
        self, profile: Profile, stats: StatsView, *, deadline: datetime
    ) -> Delivery:
        """SENT, BLOCKED (403: the user blocked the bot), FAILED (not retried: it may have
        arrived) or NOT_SENT (certainly not sent: held past ``deadline``, stopping, or still
        rate limited after the last retry)."""
        ...


Deactivate = Callable[[int], Awaitable[None]]
"""What to do with a user who blocked the bot (the reminder service's `deactivate`)."""


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


@dataclass
class SummaryReport:
    """What one run did: summaries sent, rows that failed (held back), rows parked."""

    sent: int = 0
    errors: int = 0
    parked: int = 0

    def add(self, other: SummaryReport) -> None:
        self.sent += other.sent
        self.errors += other.errors
        self.parked += other.parked


def _log_broken(user_id: int, error: Exception) -> None:
    log_broken(log, "weekly summary", user_id, error)


def _should_send(profile: Profile, due_at: datetime, now: datetime) -> bool:
    """Active users who want a summary get one that is not stale; the rest are only
    rescheduled (so turning it on again starts at the next summary day)."""
    return profile.active and profile.summary_enabled and now - due_at <= SUMMARY_GRACE


class WeeklySummaryService:
    """Sends each user's weekly summary picture at their local weekday and time.

    Claim, send, confirm: one short transaction leases a batch of due users (lease and token
    on the user's row), each summary is sent, and a transaction per user then moves that
    user's next instant a week on, only if the token still holds the claim. A crash between
    claim and confirm re-offers just the users in flight once the lease has run out (at least
    once; the window is one send). Confirmed users are never sent again that week.
    """

    BATCH: Final = 50
    LEASE: Final = timedelta(minutes=30)
    """Far longer than a batch of sends takes, so a live replica never loses its claim."""
    SEND_MARGIN: Final = timedelta(minutes=1)
    """A send must leave this long before its lease ends, so its confirmation is in time."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        progress: ProgressService,
        sender: SummarySender,
        *,
        on_blocked: Deactivate | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._uow = uow
        self._progress = progress
        self._sender = sender
        self._on_blocked = on_blocked
        self._clock = clock
        self._stopping = False

    def stop(self) -> None:
        """Shutting down: claim nothing more, release what is claimed and not yet sent."""
        self._stopping = True

    async def send_weekly_summaries(self, now: datetime | None = None) -> int:
        """Send the summaries that fell due; returns how many were sent (see `run`)."""
        return (await self.run(now)).sent

    async def run(self, now: datetime | None = None) -> SummaryReport:
        """Send the summaries that fell due; what was sent, failed and parked.

        Call every few minutes. Work is proportional to users due (an indexed
        `summary_next_at <= now` claim). Due longer ago than `SUMMARY_GRACE` (the bot was
        down), or for an inactive user: moved on without a send. A failed send is not
        retried (it may have arrived); a blocked bot deactivates the user; a send that
        certainly did not leave is released for the next run. A user whose summary cannot
        be built is retried with a backoff, then parked; the others go on.

        Without ``now``, each batch reads the clock: a long run (a whole time zone due at
        once) leases every batch from the time it is claimed, not from the run's start.
        """
        report = await self._schedule_new(now if now is not None else self._now())
        while not self._stopping:
            batch_now = now if now is not None else self._now()
            claimed, token, moved = await self._claim(batch_now)
            report.add(moved)
            report.add(await self._send_batch(claimed, token, batch_now))
            if len(claimed) < self.BATCH:
                break
        if report.errors:
            log.warning(
                "weekly summaries: %s sent, %s could not be built, %s parked",
                report.sent,
                report.errors,
                report.parked,
            )
        return report

    async def parked_count(self) -> int:
        """Users whose summary failed too often in a row and is offered no more."""
        async with self._uow(read_only=True) as work:
            return await work.summaries.count_parked()

    def _now(self) -> datetime:
        if self._clock is None:
            raise ValueError("send_weekly_summaries needs `now` or a clock")
        return self._clock.now()

    async def _claim(
        self, now: datetime
    ) -> tuple[list[tuple[Profile, datetime]], str, SummaryReport]:
        """Lease a batch; users not to be sent (stale, inactive) are moved on at once."""
        token = uuid.uuid4().hex
        broken: list[int] = []
        async with self._uow() as work:
            claimed = await work.summaries.claim_due(now, now + self.LEASE, token, self.BATCH)
            for profile, at in claimed:
                if not _should_send(profile, at, now):
                    try:
                        next_at = next_summary_of(profile, now)
                    except Exception as error:  # one broken row must not stop its batch
                        _log_broken(profile.user_id, error)
                        broken.append(profile.user_id)
                        continue
                    await work.summaries.confirm(profile.user_id, token, next_at, None)
            await work.commit()
        report = SummaryReport()
        for user_id in broken:
            report.add(await self._fail(user_id, token, now))
        return claimed, token, report

    async def _send_batch(
        self, claimed: list[tuple[Profile, datetime]], token: str, now: datetime
    ) -> SummaryReport:
        report = SummaryReport()
        unsent: list[int] = []
        deadline = now + self.LEASE - self.SEND_MARGIN
        for profile, at in claimed:
            if not _should_send(profile, at, now):
                continue  # moved on (or held back) when claimed
            if self._stopping:
                unsent.append(profile.user_id)
                continue
            try:  # everything that can fail, before the picture leaves
                next_at = next_summary_of(profile, now)
                stats = await self._progress.stats_for(profile, now)
            except Exception as error:  # one broken row must not stop its batch
                _log_broken(profile.user_id, error)
                report.add(await self._fail(profile.user_id, token, now))
                continue
            send_by = min(deadline, at + SUMMARY_GRACE)
            delivery = await self._send_one(profile, stats, next_at, token, now, send_by)
            if delivery is Delivery.SENT:
                report.sent += 1
            elif delivery is Delivery.NOT_SENT:
                unsent.append(profile.user_id)
        if unsent:
            async with self._uow() as work:
                released = await work.summaries.release(unsent, token)
                await work.commit()
            log.info("released %s weekly summaries not sent, for the next run", released)
        return report

    async def _send_one(
        self,
        profile: Profile,
        stats: StatsView,
        next_at: datetime,
        token: str,
        now: datetime,
        deadline: datetime,
    ) -> Delivery:
        """Send one claimed summary and confirm it unless it certainly did not leave."""
        try:
            delivery = await self._sender.send_weekly_summary(profile, stats, deadline=deadline)
        except Exception:  # one user's failure must not stop the rest
            log.exception("weekly summary for user %s failed", profile.user_id)
            delivery = Delivery.FAILED
        if delivery is Delivery.NOT_SENT:
            return delivery
        sent_at = now if delivery is Delivery.SENT else None
        async with self._uow() as work:
            kept = await work.summaries.confirm(profile.user_id, token, next_at, sent_at)
            await work.commit()
        if not kept:
            log.warning("weekly summary claim of user %s was lost", profile.user_id)
        if delivery is Delivery.BLOCKED and self._on_blocked is not None:
            await self._on_blocked(profile.user_id)
        return delivery

    async def _fail(self, user_id: int, token: str | None, now: datetime) -> SummaryReport:
        """Count one failed try of a user's summary: held back with a backoff, or parked.

        With the claim's ``token`` (a claimed user) or without one (a user being scheduled).
        If even this write fails, the lease runs out and the user is offered again: never stuck.
        """
        report = SummaryReport(errors=1)
        try:
            async with self._uow() as work:
                attempts = await work.summaries.fail(user_id, token)
                if should_park(attempts):
                    await work.summaries.park(user_id, now)
                    report.parked = 1
                elif attempts is not None:
                    await work.summaries.hold(user_id, now + backoff(attempts))
                await work.commit()
        except Exception:
            log.exception("recording the failure of user %s's weekly summary failed", user_id)
            return report
        if report.parked and attempts is not None:
            log_parked(log, "weekly summary", user_id, attempts)
        return report

    async def _schedule_new(self, now: datetime) -> SummaryReport:
        """Give newly onboarded users their first summary instant, each on their own."""
        report = SummaryReport()
        while True:
            broken: list[int] = []
            async with self._uow() as work:
                new = await work.summaries.unscheduled(now, self.BATCH)
                for profile in new:
                    try:
                        next_at = next_summary_of(profile, now)
                    except Exception as error:  # one broken row must not stop the rest
                        _log_broken(profile.user_id, error)
                        broken.append(profile.user_id)
                        continue
                    await work.summaries.schedule(profile.user_id, next_at, None)
                await work.commit()
            for user_id in broken:  # held back or parked: not offered again in this run
                report.add(await self._fail(user_id, None, now))
            if len(new) < self.BATCH:
                return report
