"""The dispatcher of sit-break and session reminders: claim, send, settle, safely.

One pipeline for every kind of reminder; what differs is a small ``ReminderKind`` strategy
(how rows are claimed, whether and with which message a row is reminded, how it is settled,
which lease it holds). The settle is a typed ``Settle``; storage maps it to its columns.

Safe under restarts, faults and replicas:

* **Fenced leases.** A claim leases its rows with a fresh token; every write that settles
  them is a compare-and-set on that token, so a claim whose lease ran out (and was taken
  over by another replica) changes nothing, and ``last_reminder_at`` never moves backwards.
* **Sends never outlive the lease.** Each message carries a deadline, the earlier of "due
  plus grace" and "claim plus lease minus ``SETTLE_MARGIN``"; the outbound queue does not
  call Telegram after it (``Delivery.NOT_SENT``). So a send held back (a RetryAfter pause)
  cannot reach the user after another replica may have claimed the row.
* **Claim order.** Rows already past the grace window are skipped first, in bounded
  batches outside the send budget (moved to their next due time, counted as MISSED); only
  then is the tick's budget spent on rows that are on time, oldest first.
* **Per-row isolation.** Each row's new state is computed on its own; a row that raises is
  never sent, the rest of its batch settles, and the bad row is retried with backoff, then
  parked (``parked_at``) and logged with its user id. A failed batch write is retried row by
  row; a row whose failure cannot be recorded either (the database is away) keeps what is
  known about its send, and the settle is tried again with backoff while the lease holds,
  so a database blip between send and confirm sends nothing twice.
* **Settle reads the present.** Profile and row are read again when settling, so a settings
  change or a button tap during the send is kept.
"""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Final, Generic, TypeVar

from coach.activity import BreakEvent, BreakKind
from coach.catalogue import Catalogue as ExerciseCatalogue
from coach.clock import Clock
from coach.ports import Notifier, UnitOfWork, UnitOfWorkFactory
from coach.profile import Profile
from coach.progression import current_level
from coach.reminder_state import (
    RELEASE,
    Delivery,
    Lease,
    ReminderState,
    SessionItem,
    SessionReminder,
    Settle,
    SitBreakReminder,
)
from coach.reminders import is_too_late, local_date
from coach.row_isolation import backoff, log_broken, log_parked, should_park
from coach.screening import AccessReason, exercise_access
from coach.services.reminder_views import DispatchReport
from coach.session_reminder import goal_met
from coach.zones import is_unknown, served_zone

log = logging.getLogger(__name__)


SETTLE_MARGIN: Final = timedelta(seconds=30)
"""Lease time kept free after a send's deadline: the HTTP call (PTB's timeouts are 5 s each)
and the settle transaction fit in it, so a settle normally finds its lease still its own."""
CONFIRM_EVERY: Final = timedelta(seconds=5)
"""While a batch is held, its finished sends are confirmed this often (far inside a lease)."""
CONFIRM_RETRY_FIRST: Final = timedelta(milliseconds=500)
CONFIRM_RETRY_MAX: Final = timedelta(seconds=10)
"""A settle the database did not take is tried again after 0.5 s, 1 s, 2 s … up to 10 s
apart, while the claim's lease holds."""
SKIP_BATCH: Final = 500
"""Expired rows skipped per tick, before and outside the send budget."""

DueFor = Callable[[Profile, ReminderState, datetime], datetime | None]
Prepare = Callable[[UnitOfWork, Iterable[Profile], datetime], Awaitable[None]]
"""Reads what ``due_for`` needs from the database (the spread counts) before it runs."""
M = TypeVar("M")


async def _nothing_to_prepare(work: UnitOfWork, profiles: Iterable[Profile], now: datetime) -> None:
    return None


def local_day(profile: Profile, instant: datetime) -> date:
    """The user's calendar day of ``instant``; a zone the tz database lacks counts in UTC."""
    return local_date(served_zone(profile.timezone), instant)


@dataclass(frozen=True)
class Plan:
    """One row's settle, computed before anything is written."""

    settle: Settle
    event: BreakEvent | None = None
    deactivate: Profile | None = None


@dataclass
class _Tally:
    missed: int = 0
    errors: int = 0
    parked: int = 0
    released: int = 0
    lost: int = 0
    events: list[BreakEvent] = field(default_factory=list)
    unsettled: set[int] = field(default_factory=set)
    """Rows whose settle the database never took: they keep their lease, which expires."""


@dataclass(frozen=True)
class DispatchConfig:
    grace: timedelta
    lease: timedelta
    minutes: Callable[[Profile, ReminderState, datetime], int]
    """How many minutes the person has been sitting when a reminder goes out now."""
    due_for: DueFor
    """The next sit-break due time of a row (pure; raises for a broken row)."""
    session_due_for: DueFor
    prepare: Prepare = _nothing_to_prepare


class ReminderKind(ABC, Generic[M]):
    """What one kind of reminder adds to the shared pipeline; ``M`` is its message."""

    lease: Lease
    """The row's lease this kind claims with (storage knows where it is kept)."""
    name: str
    """For logs: "sit-break", "session"."""

    def __init__(self, config: DispatchConfig) -> None:
        self.config = config

    @abstractmethod
    def due(self, state: ReminderState) -> datetime | None:
        """The due time the claimed row was claimed for."""

    @abstractmethod
    async def claim(self, work: UnitOfWork, now: datetime, limit: int) -> list[ReminderState]:
        """Lease at most ``limit`` due rows (inside the caller's transaction)."""

    async def claim_expired(self, work: UnitOfWork, now: datetime) -> list[ReminderState]:
        """Lease rows already too late to send, settled as missed before the claim."""
        return []

    async def prepare(self, work: UnitOfWork, profiles: Iterable[Profile], now: datetime) -> None:
        """Read what ``message`` and ``plan`` need from the database, once a batch."""
        await self.config.prepare(work, profiles, now)

    @abstractmethod
    async def message(
        self, state: ReminderState, profile: Profile | None, now: datetime, deadline: datetime
    ) -> M | None:
        """The message for a claimed row, or None when no reminder is wanted (dropped).

        Raises for a row that cannot be dispatched: it is never sent, and counted as failed.
        """

    @abstractmethod
    async def send(self, notifier: Notifier, message: M) -> Delivery: ...

    @abstractmethod
    def plan(
        self,
        state: ReminderState,
        profile: Profile | None,
        delivery: Delivery | None,
        claimed_at: datetime,
        now: datetime,
    ) -> Plan:
        """The settle of one claimed row (``delivery`` None: not sent, dropped or skipped),
        from the row and profile as they are at settle time."""

    def token(self, state: ReminderState) -> str | None:
        return state.session_lease_token if self.lease is Lease.SESSION else state.lease_token

    def on_time(self, state: ReminderState, now: datetime) -> bool:
        due = self.due(state)
        return due is not None and not is_too_late(due, now, self.config.grace)


class SitBreaks(ReminderKind[SitBreakReminder]):
    lease = Lease.SIT_BREAK
    name = "sit-break"

    def due(self, state: ReminderState) -> datetime | None:
        return state.next_due_at

    async def claim(self, work: UnitOfWork, now: datetime, limit: int) -> list[ReminderState]:
        grace, lease = self.config.grace, self.config.lease
        return await work.reminders.claim_due(now, now + lease, limit, since=now - grace)

    async def claim_expired(self, work: UnitOfWork, now: datetime) -> list[ReminderState]:
        grace, lease = self.config.grace, self.config.lease
        return await work.reminders.claim_expired(now - grace, now, now + lease, SKIP_BATCH)

    async def message(
        self, state: ReminderState, profile: Profile | None, now: datetime, deadline: datetime
    ) -> SitBreakReminder | None:
        if profile is None:
            return None
        # The state this row will have once sent: computed now, so a row that cannot be
        # settled is never sent.
        if self.config.due_for(profile, state.with_changes(last_reminder_at=now), now) is None:
            return None
        return SitBreakReminder(
            user_id=profile.user_id,
            chat_id=profile.chat_id,
            language=profile.language,
            minutes=self.config.minutes(profile, state, now),
            stamp=int(now.timestamp()),
            deadline=deadline,
            zone_unknown=is_unknown(profile.timezone),
        )

    async def send(self, notifier: Notifier, message: SitBreakReminder) -> Delivery:
        return await notifier.send_reminder(message)

    def plan(
        self,
        state: ReminderState,
        profile: Profile | None,
        delivery: Delivery | None,
        claimed_at: datetime,
        now: datetime,
    ) -> Plan:
        if profile is None:
            return Plan(Settle(next_due_at=None))
        if delivery is Delivery.BLOCKED:
            return Plan(Settle(next_due_at=None, session_due_at=None), deactivate=profile)
        if delivery is Delivery.NOT_SENT and self.on_time(state, now):
            return Plan(RELEASE)  # the next tick offers it again
        if delivery in (Delivery.SENT, Delivery.FAILED):
            # Sent, or maybe sent (timed out): never resend this one.
            sent = state.with_changes(last_reminder_at=claimed_at)
            due = self.config.due_for(profile, sent, claimed_at)
            event = None
            if delivery is Delivery.SENT and profile.timezone:
                day = local_day(profile, claimed_at)
                event = BreakEvent(profile.user_id, BreakKind.PROMPTED, day, claimed_at)
            settle = Settle(last_reminder_at=claimed_at, next_due_at=due, reset_attempts=True)
            return Plan(settle, event)
        # Too late (claimed late, or held back past the grace), or no longer deliverable.
        # The series goes on one interval after the missed slot, so a backlog keeps its
        # spacing instead of falling due all at once (or after now, for a long outage).
        due = None
        for missed_at in (state.next_due_at, claimed_at):
            if missed_at is not None:
                due = self.config.due_for(
                    profile, state.with_changes(last_reminder_at=missed_at), claimed_at
                )
                if due is None or due > claimed_at:
                    break
        event = None
        if due is not None and profile.timezone and profile.active:
            day = local_day(profile, claimed_at)
            event = BreakEvent(profile.user_id, BreakKind.MISSED, day, claimed_at)
        return Plan(Settle(next_due_at=due, reset_attempts=True), event)


class Sessions(ReminderKind[SessionReminder]):
    """The daily "today's session is still open" reminder."""

    lease = Lease.SESSION
    name = "session"

    def __init__(
        self, config: DispatchConfig, uow: UnitOfWorkFactory, catalogue: ExerciseCatalogue
    ) -> None:
        super().__init__(config)
        self._uow = uow
        self._catalogue = catalogue

    def due(self, state: ReminderState) -> datetime | None:
        return state.session_due_at

    async def claim(self, work: UnitOfWork, now: datetime, limit: int) -> list[ReminderState]:
        return await work.reminders.claim_due(
            now, now + self.config.lease, limit, lease=Lease.SESSION
        )

    async def prepare(self, work: UnitOfWork, profiles: Iterable[Profile], now: datetime) -> None:
        return None  # the claim needs no spread counts

    async def message(
        self, state: ReminderState, profile: Profile | None, now: datetime, deadline: datetime
    ) -> SessionReminder | None:
        """None when no reminder is wanted.

        A user on a safety hold is reminded with the hold's reason instead of the session;
        one whose screening itself said "see a doctor" is not reminded at all.
        """
        if profile is None or profile.timezone is None or not profile.active:
            return None
        today = local_day(profile, now)
        self.config.session_due_for(profile, state.with_changes(last_session_at=now), now)
        if not self.on_time(state, now) and state.session_due_at is not None:
            return None
        async with self._uow() as work:
            entries = await work.reps.between(profile.user_id, today, today)
            latest = await work.screenings.latest(profile.user_id)
            history = await work.workouts.history(profile.user_id)
        access = exercise_access(latest, now)
        if goal_met(entries, self._catalogue):
            return None
        if not (access.allowed or access.reason is AccessReason.HELD):
            return None
        level = current_level(history, self._catalogue.progression).level
        items = tuple(
            SessionItem(exercise.id, exercise.reps, bool(exercise.sides))
            for exercise in self._catalogue.session(level)
        )
        return SessionReminder(
            profile.user_id,
            profile.chat_id,
            profile.language,
            deadline=deadline,
            hold=access.hold,
            zone_unknown=is_unknown(profile.timezone),
            exercises=() if access.hold is not None else items,
        )

    async def send(self, notifier: Notifier, message: SessionReminder) -> Delivery:
        return await notifier.send_session_reminder(message)

    def plan(
        self,
        state: ReminderState,
        profile: Profile | None,
        delivery: Delivery | None,
        claimed_at: datetime,
        now: datetime,
    ) -> Plan:
        if profile is None or delivery is Delivery.BLOCKED:
            return Plan(Settle(next_due_at=None, session_due_at=None), deactivate=profile)
        if delivery is Delivery.NOT_SENT and self.on_time(state, now):
            return Plan(RELEASE)
        # Only the session slot moves on; the sit-break schedule is left as it is.
        handled = state.with_changes(last_session_at=claimed_at)
        session = self.config.session_due_for(profile, handled, claimed_at)
        return Plan(Settle(last_session_at=claimed_at, session_due_at=session))


class Dispatcher:
    """Runs one tick of a kind of reminder; holds no per-user memory between ticks."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, config: DispatchConfig) -> None:
        self._uow = uow
        self._clock = clock
        self._config = config

    async def dispatch_due(self, notifier: Notifier, limit: int) -> DispatchReport:
        return await self.dispatch(SitBreaks(self._config), notifier, limit)

    async def dispatch_sessions(
        self, notifier: Notifier, catalogue: ExerciseCatalogue, limit: int
    ) -> DispatchReport:
        return await self.dispatch(Sessions(self._config, self._uow, catalogue), notifier, limit)

    async def dispatch(
        self, kind: ReminderKind[M], notifier: Notifier, limit: int
    ) -> DispatchReport:
        """Skip what is too late, claim what is due, send it, settle every claimed row."""
        now = self._clock.now()
        skipped = await self._skip_expired(kind, now)
        async with self._uow() as work:
            claimed = await kind.claim(work, now, limit)
            profiles = await work.reminders.profiles([state.user_id for state in claimed])
            await kind.prepare(work, profiles.values(), now)
            await work.commit()
        if not claimed:
            return skipped
        # Said before any send: a process that never says it holds no claim of its own.
        log.debug("claimed %s %s reminders", len(claimed), kind.name)
        token = _token_of(kind, claimed)
        messages: list[tuple[int, M]] = []
        outcomes: dict[int, Delivery | None] = {}
        broken: list[int] = []
        for state in claimed:
            deadline = self._deadline(kind.due(state), now)
            try:
                message = await kind.message(state, profiles.get(state.user_id), now, deadline)
            except Exception as error:  # one broken row must not stop its batch
                _log_broken(state.user_id, error)
                broken.append(state.user_id)
                continue
            if message is None:
                outcomes[state.user_id] = None  # dropped: settled without a send
            else:
                messages.append((state.user_id, message))
        user_ids = [user_id for user_id, _ in messages]
        deliveries, early = await self._send_all(
            [self._send(kind, notifier, user_id, message) for user_id, message in messages],
            user_ids,
            outcomes,
            self._settler(kind, token, outcomes, broken, now),
        )
        tally = await self._settle(kind, token, outcomes, broken, now)
        _merge(tally, early)
        # Count what was confirmed: a send whose row could not be settled is reported as
        # unconfirmed (its lease expires and it may be sent again), not as sent.
        confirmed = [
            delivery
            for user_id, delivery in zip(user_ids, deliveries, strict=True)
            if user_id not in tally.unsettled
        ]
        return DispatchReport(
            claimed=len(claimed) + skipped.claimed,
            sent=confirmed.count(Delivery.SENT),
            missed=tally.missed + skipped.missed,
            blocked=confirmed.count(Delivery.BLOCKED),
            failed=confirmed.count(Delivery.FAILED),
            dropped=len(claimed) - len(messages) - len(broken),
            not_sent=confirmed.count(Delivery.NOT_SENT),
            errors=tally.errors + skipped.errors,
            parked=tally.parked + skipped.parked,
            unconfirmed=len(tally.unsettled) + skipped.unconfirmed,
        )

    async def _skip_expired(self, kind: ReminderKind[M], now: datetime) -> DispatchReport:
        """Move rows already past the grace window to their next due time, as MISSED.

        Bounded (``SKIP_BATCH`` a tick) and outside the send budget: a backlog after an
        outage is worked off alongside the on-time reminders instead of in front of them.
        """
        async with self._uow() as work:
            claimed = await kind.claim_expired(work, now)
            await work.commit()
        if not claimed:
            return DispatchReport()
        token = _token_of(kind, claimed)
        outcomes: dict[int, Delivery | None] = {state.user_id: None for state in claimed}
        tally = await self._settle(kind, token, outcomes, [], now)
        if tally.missed:
            log.info("skipped %s %s reminders that were already too late", tally.missed, kind.name)
        return DispatchReport(
            claimed=len(claimed),
            missed=tally.missed,
            errors=tally.errors,
            parked=tally.parked,
            unconfirmed=len(tally.unsettled),
        )

    def _deadline(self, due: datetime | None, now: datetime) -> datetime:
        """The last instant a claimed reminder may leave (see the module docstring)."""
        lease_end = now + max(self._config.lease - SETTLE_MARGIN, timedelta(0))
        if due is None:
            return lease_end
        return min(due + self._config.grace, lease_end)

    async def _send(
        self, kind: ReminderKind[M], notifier: Notifier, user_id: int, message: M
    ) -> Delivery:
        try:
            return await kind.send(notifier, message)
        except Exception:  # one broken send must not stop the others
            log.exception("sending the %s reminder to user %s failed", kind.name, user_id)
            return Delivery.FAILED

    def _settler(
        self,
        kind: ReminderKind[M],
        token: str,
        outcomes: dict[int, Delivery | None],
        broken: list[int],
        claimed_at: datetime,
    ) -> Callable[[], Awaitable[_Tally]]:
        """Settle what is known so far and take it out of ``outcomes`` and ``broken``, so
        the final settle of the tick only handles the rest."""

        async def settle_known() -> _Tally:
            known, failed = dict(outcomes), list(broken)
            for user_id in known:  # before awaiting: sends finishing meanwhile stay
                del outcomes[user_id]
            broken.clear()
            return await self._settle(kind, token, known, failed, claimed_at)

        return settle_known

    async def _send_all(
        self,
        sends: Sequence[Coroutine[Any, Any, Delivery]],
        user_ids: list[int],
        outcomes: dict[int, Delivery | None],
        settle_known: Callable[[], Awaitable[_Tally]],
    ) -> tuple[list[Delivery], _Tally]:
        """Run the sends concurrently; record each outcome as it ends.

        While some sends are still held (a RetryAfter pause), what already went out is
        confirmed every ``CONFIRM_EVERY``: a delivered reminder is never left unconfirmed
        behind a held one, where a take-over after the lease would send it again.
        If the tick itself is cancelled, what finished is settled (shielded) and the rest
        keeps its lease, which expires: at-least-once, never stuck.
        """
        tasks: list[asyncio.Future[Delivery]] = [asyncio.ensure_future(send) for send in sends]
        owner = dict(zip(tasks, user_ids, strict=True))
        early = _Tally()
        recorded: set[asyncio.Future[Delivery]] = set()
        pending: set[asyncio.Future[Delivery]] = set(tasks)
        try:
            while pending:
                done, pending = await asyncio.wait(pending, timeout=CONFIRM_EVERY.total_seconds())
                for task in done:
                    outcomes[owner[task]] = task.result()
                    recorded.add(task)
                if pending and outcomes:
                    _merge(early, await settle_known())
        except BaseException:
            for task in tasks:
                if task in recorded or not task.done() or task.cancelled():
                    continue
                if task.exception() is None:
                    outcomes[owner[task]] = task.result()
            await asyncio.shield(settle_known())
            raise
        return [task.result() for task in tasks], early

    async def _settle(
        self,
        kind: ReminderKind[M],
        token: str,
        outcomes: dict[int, Delivery | None],
        broken: list[int],
        claimed_at: datetime,
    ) -> _Tally:
        """Confirm, release or fail every row of one claim.

        What the database does not take (it is restarting: not even a row's failure could
        be recorded) is tried again with backoff while the claim's lease holds: the process
        knows what it sent, and a row left leased would be sent again once the lease ends.
        """
        items, failed = list(outcomes.items()), list(broken)
        tally = _Tally()
        lease_end = claimed_at + self._config.lease
        loop = asyncio.get_running_loop()
        give_up_at = loop.time() + self._config.lease.total_seconds()  # if the clock stands
        delay = CONFIRM_RETRY_FIRST.total_seconds()
        first = True
        while True:
            one, items, failed = await self._settle_pass(
                kind, token, items, failed, claimed_at, first=first
            )
            first = False
            _merge(tally, one)
            left = [user_id for user_id, _ in items] + failed
            if not left:
                return tally
            if self._clock.now() + timedelta(seconds=delay) >= lease_end or (
                loop.time() + delay >= give_up_at
            ):
                tally.unsettled.update(left)
                log.error(
                    "the settle of %s %s reminder rows was never written; they stay leased"
                    " until their lease ends and may be sent again",
                    len(left),
                    kind.name,
                )
                return tally
            log.warning(
                "the database did not take the settle of %s %s reminder rows; trying again"
                " in %.1f s",
                len(left),
                kind.name,
                delay,
            )
            await asyncio.sleep(delay)
            delay = min(delay * 2, CONFIRM_RETRY_MAX.total_seconds())

    async def _settle_pass(
        self,
        kind: ReminderKind[M],
        token: str,
        items: list[tuple[int, Delivery | None]],
        broken: list[int],
        claimed_at: datetime,
        *,
        first: bool,
    ) -> tuple[_Tally, list[tuple[int, Delivery | None]], list[int]]:
        """One try at settling: the batch in one transaction, else row by row, where a row
        that fails on its own has its failure recorded. Once not even that can be written,
        the database is away: that row and the rest are returned (items with their
        delivery, broken rows), to be tried again."""
        times = (claimed_at, self._clock.now())
        try:
            return await self._settle_in_one(kind, token, items, broken, times), [], []
        except Exception as error:
            if first:
                log.exception("settling a reminder batch failed; settling its rows one by one")
            else:
                log.warning("settling a reminder batch failed again (%s)", type(error).__name__)
        tally = _Tally()
        for index, item in enumerate(items):
            try:
                _merge(tally, await self._settle_in_one(kind, token, [item], [], times))
                continue
            except Exception as error:
                _log_broken(item[0], error)
            try:
                _merge(tally, await self._settle_in_one(kind, token, [], [item[0]], times))
            except Exception as error:  # the database is away: try the rest again later
                self._log_unrecorded(item[0], error, first=first)
                return tally, items[index:], list(broken)
        for index, user_id in enumerate(broken):
            try:
                _merge(tally, await self._settle_in_one(kind, token, [], [user_id], times))
            except Exception as error:
                self._log_unrecorded(user_id, error, first=first)
                return tally, [], broken[index:]
        return tally, [], []

    @staticmethod
    def _log_unrecorded(user_id: int, error: Exception, *, first: bool) -> None:
        if first:
            log.exception("recording the failure of user %s's reminder failed", user_id)
        else:
            log.warning(
                "recording the failure of user %s's reminder failed (%s)",
                user_id,
                type(error).__name__,
            )

    async def _settle_in_one(
        self,
        kind: ReminderKind[M],
        token: str,
        items: list[tuple[int, Delivery | None]],
        broken: list[int],
        times: tuple[datetime, datetime],
    ) -> _Tally:
        tally = _Tally()
        claimed_at, now = times
        ids = [user_id for user_id, _ in items] + broken
        async with self._uow() as work:
            states = await work.reminders.get_many(ids, lock=True, token=token, lease=kind.lease)
            profiles = await work.reminders.profiles(ids)
            await self._config.prepare(work, profiles.values(), now)
            settles: list[tuple[int, Settle]] = []
            failed = list(broken)
            for user_id, delivery in items:
                state = states.get(user_id)
                if state is None:
                    tally.lost += 1  # another claim holds the row now: change nothing
                    continue
                try:
                    plan = kind.plan(state, profiles.get(user_id), delivery, claimed_at, now)
                except Exception as error:
                    _log_broken(user_id, error)
                    failed.append(user_id)
                    continue
                settles.append((user_id, plan.settle))
                if plan.event is not None:
                    tally.events.append(plan.event)
                    tally.missed += plan.event.kind is BreakKind.MISSED
                if plan.deactivate is not None:
                    await _deactivate(work, plan.deactivate, now)
                if plan.settle.releases_only:
                    tally.released += 1
            await work.reminders.settle_claimed(settles, token, lease=kind.lease)
            for user_id in failed:
                if user_id not in states:
                    continue
                tally.errors += 1
                attempts = states[user_id].attempts + 1
                retry_at = now + backoff(attempts)
                count = await work.reminders.fail_claimed(
                    user_id, token, retry_at, lease=kind.lease
                )
                if count is not None and should_park(count):
                    await work.reminders.park(user_id, now)
                    tally.parked += 1
                    log_parked(log, "reminder row", user_id, count)
            await work.breaks.add_many(tally.events)
            await work.commit()
        if tally.lost:
            log.warning("%s reminder rows were claimed by another dispatcher meanwhile", tally.lost)
        return tally


def _merge(into: _Tally, one: _Tally) -> None:
    into.missed += one.missed
    into.errors += one.errors
    into.parked += one.parked
    into.released += one.released
    into.lost += one.lost
    into.events.extend(one.events)
    into.unsettled |= one.unsettled


def _token_of(kind: ReminderKind[M], claimed: list[ReminderState]) -> str:
    token = kind.token(claimed[0])
    if token is None:
        raise RuntimeError("a claim returned rows without its token")
    return token


def _log_broken(user_id: int, error: Exception) -> None:
    log_broken(log, "reminder row", user_id, error)


async def _deactivate(work: UnitOfWork, profile: Profile, now: datetime) -> None:
    await work.users.save(profile.with_changes(active=False), now)
    log.info("user %s blocked the bot; deactivated", profile.user_id)
