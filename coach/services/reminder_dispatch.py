"""The dispatcher of sit-break and session reminders: claim, send, settle, safely.

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
  row; whatever still fails keeps a lease that expires, never one that holds forever.
* **Settle reads the present.** Profile and row are read again when settling, so a settings
  change or a button tap during the send is kept.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Final

from coach.activity import BreakEvent, BreakKind
from coach.catalogue import Catalogue as ExerciseCatalogue
from coach.clock import Clock
from coach.hold import Hold
from coach.ports import Notifier, UnitOfWork, UnitOfWorkFactory
from coach.profile import Profile
from coach.reminder_state import Delivery, ReminderState, SessionReminder, SitBreakReminder
from coach.reminders import is_too_late, local_date
from coach.screening import Access, AccessReason, exercise_access
from coach.services.reminder_views import DispatchReport
from coach.session_reminder import goal_met

log = logging.getLogger(__name__)

SETTLE_MARGIN: Final = timedelta(seconds=30)
"""Lease time kept free after a send's deadline: the HTTP call (PTB's timeouts are 5 s each)
and the settle transaction fit in it, so a settle normally finds its lease still its own."""
CONFIRM_EVERY: Final = timedelta(seconds=5)
"""While a batch is held, its finished sends are confirmed this often (far inside a lease)."""
SKIP_BATCH: Final = 500
"""Expired rows skipped per tick, before and outside the send budget."""
MAX_ATTEMPTS: Final = 5
"""Failed dispatches of one row before it is parked."""
BACKOFF_BASE: Final = timedelta(minutes=1)
BACKOFF_MAX: Final = timedelta(hours=1)

_CLEAR_SIT = {"lease_until": None, "lease_token": None}
_CLEAR_SESSION = {"session_lease_until": None, "session_lease_token": None}

Values = dict[str, object]
DueFor = Callable[[Profile, ReminderState, datetime], datetime | None]
Prepare = Callable[[UnitOfWork, Iterable[Profile], datetime], Awaitable[None]]
"""Reads what ``due_for`` needs from the database (the spread counts) before it runs."""


async def _nothing_to_prepare(work: UnitOfWork, profiles: Iterable[Profile], now: datetime) -> None:
    return None


def backoff(attempts: int) -> timedelta:
    """How long a row that failed ``attempts`` times in a row waits before the next try."""
    doubled: timedelta = BACKOFF_BASE * (2 ** min(max(attempts - 1, 0), 10))
    return min(doubled, BACKOFF_MAX)


def require_zone(profile: Profile, now: datetime) -> None:
    """Raise for a zone the installed tz database does not know (such a row is broken)."""
    if profile.timezone:
        local_date(profile.timezone, now)


@dataclass
class _Plan:
    """One row's settle, computed before anything is written."""

    values: Values
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


RowPlanner = Callable[[ReminderState, Profile | None, "Delivery | None", datetime, datetime], _Plan]
"""(row, profile, delivery, claimed at, settling at) -> the row's settle."""


@dataclass(frozen=True)
class DispatchConfig:
    grace: timedelta
    lease: timedelta
    minutes: Callable[[Profile], int]
    due_for: DueFor
    """The next sit-break due time of a row (pure; raises for a broken row)."""
    session_due_for: DueFor
    prepare: Prepare = _nothing_to_prepare


class Dispatcher:
    """Runs one tick of either kind; holds no per-user memory between ticks."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, config: DispatchConfig) -> None:
        self._uow = uow
        self._clock = clock
        self._config = config

    # ---- sit-break reminders -----------------------------------------------------------

    async def dispatch_due(self, notifier: Notifier, limit: int) -> DispatchReport:
        now = self._clock.now()
        grace, lease = self._config.grace, self._config.lease
        skipped = await self.skip_expired(now)
        async with self._uow() as work:
            claimed = await work.reminders.claim_due(now, now + lease, limit, since=now - grace)
            profiles = await work.reminders.profiles([state.user_id for state in claimed])
            await self._config.prepare(work, profiles.values(), now)
            await work.commit()
        if not claimed:
            return skipped
        token = _token_of(claimed, session=False)
        sendable: list[tuple[ReminderState, Profile]] = []
        outcomes: dict[int, Delivery | None] = {}
        broken: list[int] = []
        dropped = 0
        for state in claimed:
            profile = profiles.get(state.user_id)
            try:
                if profile is not None:
                    require_zone(profile, now)
                    # The state this row will have once sent: computed now, so a row that
                    # cannot be settled is never sent.
                    after = self._config.due_for(
                        profile, state.with_changes(last_reminder_at=now), now
                    )
                else:
                    after = None
            except Exception as error:  # one broken row must not stop its batch
                _log_broken(state.user_id, error)
                broken.append(state.user_id)
                continue
            if profile is None or after is None:
                dropped += 1
                outcomes[state.user_id] = None
            else:
                sendable.append((state, profile))
        deliveries, early = await self._send_all(
            [
                self._send_reminder(notifier, state, profile, now, token)
                for state, profile in sendable
            ],
            [state.user_id for state, _ in sendable],
            outcomes,
            self._settler(token, False, outcomes, broken, now, self._plan_sit),
        )
        tally = await self._settle(token, False, outcomes, broken, now, self._plan_sit)
        _merge(tally, early)
        return DispatchReport(
            claimed=len(claimed) + skipped.claimed,
            sent=deliveries.count(Delivery.SENT),
            missed=tally.missed + skipped.missed,
            blocked=deliveries.count(Delivery.BLOCKED),
            failed=deliveries.count(Delivery.FAILED),
            dropped=dropped,
            not_sent=deliveries.count(Delivery.NOT_SENT),
            errors=tally.errors + skipped.errors,
            parked=tally.parked + skipped.parked,
        )

    async def skip_expired(self, now: datetime) -> DispatchReport:
        """Move rows already past the grace window to their next due time, as MISSED.

        Bounded (``SKIP_BATCH`` a tick) and outside the send budget: a backlog after an
        outage is worked off alongside the on-time reminders instead of in front of them.
        """
        grace, lease = self._config.grace, self._config.lease
        async with self._uow() as work:
            claimed = await work.reminders.claim_expired(now - grace, now, now + lease, SKIP_BATCH)
            await work.commit()
        if not claimed:
            return DispatchReport()
        token = _token_of(claimed, session=False)
        outcomes: dict[int, Delivery | None] = {state.user_id: None for state in claimed}
        tally = await self._settle(token, False, outcomes, [], now, self._plan_sit)
        if tally.missed:
            log.info("skipped %s sit-break reminders that were already too late", tally.missed)
        return DispatchReport(
            claimed=len(claimed), missed=tally.missed, errors=tally.errors, parked=tally.parked
        )

    def _deadline(self, due: datetime | None, now: datetime) -> datetime:
        """The last instant a claimed reminder may leave (see the module docstring)."""
        lease_end = now + max(self._config.lease - SETTLE_MARGIN, timedelta(0))
        if due is None:
            return lease_end
        return min(due + self._config.grace, lease_end)

    async def _send_reminder(
        self,
        notifier: Notifier,
        state: ReminderState,
        profile: Profile,
        now: datetime,
        token: str,
    ) -> Delivery:
        reminder = SitBreakReminder(
            user_id=profile.user_id,
            chat_id=profile.chat_id,
            language=profile.language,
            minutes=self._config.minutes(profile),
            stamp=int(now.timestamp()),
            deadline=self._deadline(state.next_due_at, now),
        )
        try:
            return await notifier.send_reminder(reminder)
        except Exception:  # one broken send must not stop the others
            log.exception("sending the reminder to user %s failed", profile.user_id)
            return Delivery.FAILED

    def _plan_sit(
        self,
        state: ReminderState,
        profile: Profile | None,
        delivery: Delivery | None,
        claimed_at: datetime,
        now: datetime,
    ) -> _Plan:
        """The settle of one claimed sit-break row, from the row and profile as they are now."""
        if profile is None:
            return _Plan({**_CLEAR_SIT, "next_due_at": None})
        if delivery is Delivery.BLOCKED:
            return _Plan(
                {**_CLEAR_SIT, "next_due_at": None, "session_due_at": None},
                deactivate=profile,
            )
        if delivery is Delivery.NOT_SENT and (
            state.next_due_at is not None
            and not is_too_late(state.next_due_at, now, self._config.grace)
        ):
            return _Plan(dict(_CLEAR_SIT))  # released: the next tick offers it again
        require_zone(profile, claimed_at)
        if delivery in (Delivery.SENT, Delivery.FAILED):
            # Sent, or maybe sent (timed out): never resend this one.
            sent = state.with_changes(last_reminder_at=claimed_at)
            due = self._config.due_for(profile, sent, claimed_at)
            event = None
            if delivery is Delivery.SENT and profile.timezone:
                day = local_date(profile.timezone, claimed_at)
                event = BreakEvent(profile.user_id, BreakKind.PROMPTED, day, claimed_at)
            values: Values = {
                **_CLEAR_SIT,
                "last_reminder_at": claimed_at,
                "next_due_at": due,
                "attempts": 0,
            }
            return _Plan(values, event)
        # Too late (claimed late, or held back past the grace), or no longer deliverable.
        # The series goes on one interval after the missed slot, so a backlog keeps its
        # spacing instead of falling due all at once (or after now, for a long outage).
        due = None
        for missed_at in (state.next_due_at, claimed_at):
            if missed_at is not None:
                due = self._config.due_for(
                    profile, state.with_changes(last_reminder_at=missed_at), claimed_at
                )
                if due is None or due > claimed_at:
                    break
        event = None
        if due is not None and profile.timezone and profile.active:
            day = local_date(profile.timezone, claimed_at)
            event = BreakEvent(profile.user_id, BreakKind.MISSED, day, claimed_at)
        return _Plan({**_CLEAR_SIT, "next_due_at": due, "attempts": 0}, event)

    # ---- session reminders -------------------------------------------------------------

    async def dispatch_sessions(
        self, notifier: Notifier, catalogue: ExerciseCatalogue, limit: int
    ) -> DispatchReport:
        now = self._clock.now()
        lease = self._config.lease
        async with self._uow() as work:
            claimed = await work.reminders.claim_due(now, now + lease, limit, session=True)
            profiles = await work.reminders.profiles([state.user_id for state in claimed])
            await work.commit()
        if not claimed:
            return DispatchReport()
        token = _token_of(claimed, session=True)
        sendable: list[tuple[ReminderState, Profile]] = []
        holds: dict[int, Hold | None] = {}
        outcomes: dict[int, Delivery | None] = {}
        broken: list[int] = []
        for state in claimed:
            profile = profiles.get(state.user_id)
            outcomes[state.user_id] = None
            try:
                wanted = await self._session_wanted(state, profile, catalogue, now)
                if wanted is None:
                    continue
            except Exception as error:
                _log_broken(state.user_id, error)
                del outcomes[state.user_id]
                broken.append(state.user_id)
                continue
            assert profile is not None
            sendable.append((state, profile))
            holds[state.user_id] = wanted.hold
        deliveries, early = await self._send_all(
            [
                self._send_session(notifier, state, profile, now, holds[state.user_id])
                for state, profile in sendable
            ],
            [state.user_id for state, _ in sendable],
            outcomes,
            self._settler(token, True, outcomes, broken, now, self._plan_session),
        )
        tally = await self._settle(token, True, outcomes, broken, now, self._plan_session)
        _merge(tally, early)
        return DispatchReport(
            claimed=len(claimed),
            sent=deliveries.count(Delivery.SENT),
            blocked=deliveries.count(Delivery.BLOCKED),
            failed=deliveries.count(Delivery.FAILED),
            dropped=len(claimed) - len(sendable) - len(broken),
            not_sent=deliveries.count(Delivery.NOT_SENT),
            errors=tally.errors,
            parked=tally.parked,
        )

    async def _session_wanted(
        self,
        state: ReminderState,
        profile: Profile | None,
        catalogue: ExerciseCatalogue,
        now: datetime,
    ) -> Access | None:
        """The exercise access to remind with, or None when no reminder is wanted.

        A user on a safety hold is reminded with the hold's reason instead of the session;
        one whose screening itself said "see a doctor" is not reminded at all.
        """
        if profile is None or profile.timezone is None or not profile.active:
            return None
        today = local_date(profile.timezone, now)  # raises for an unknown zone
        self._config.session_due_for(profile, state.with_changes(last_session_at=now), now)
        if state.session_due_at is not None and is_too_late(
            state.session_due_at, now, self._config.grace
        ):
            return None
        async with self._uow() as work:
            entries = await work.reps.between(profile.user_id, today, today)
            latest = await work.screenings.latest(profile.user_id)
        access = exercise_access(latest, now)
        if goal_met(entries, catalogue):
            return None
        if access.allowed or access.reason is AccessReason.HELD:
            return access
        return None

    async def _send_session(
        self,
        notifier: Notifier,
        state: ReminderState,
        profile: Profile,
        now: datetime,
        hold: Hold | None,
    ) -> Delivery:
        reminder = SessionReminder(
            profile.user_id,
            profile.chat_id,
            profile.language,
            deadline=self._deadline(state.session_due_at, now),
            hold=hold,
        )
        try:
            return await notifier.send_session_reminder(reminder)
        except Exception:
            log.exception("sending the session reminder to user %s failed", profile.user_id)
            return Delivery.FAILED

    def _plan_session(
        self,
        state: ReminderState,
        profile: Profile | None,
        delivery: Delivery | None,
        claimed_at: datetime,
        now: datetime,
    ) -> _Plan:
        if profile is None or delivery is Delivery.BLOCKED:
            values: Values = {**_CLEAR_SESSION, "next_due_at": None, "session_due_at": None}
            return _Plan(values, deactivate=profile)
        if delivery is Delivery.NOT_SENT and (
            state.session_due_at is not None
            and not is_too_late(state.session_due_at, now, self._config.grace)
        ):
            return _Plan(dict(_CLEAR_SESSION))
        # Only the session slot moves on; the sit-break schedule is left as it is.
        handled = state.with_changes(last_session_at=claimed_at)
        session = self._config.session_due_for(profile, handled, claimed_at)
        return _Plan({**_CLEAR_SESSION, "last_session_at": claimed_at, "session_due_at": session})

    # ---- shared: sending and settling --------------------------------------------------

    def _settler(
        self,
        token: str,
        session: bool,
        outcomes: dict[int, Delivery | None],
        broken: list[int],
        claimed_at: datetime,
        planner: RowPlanner,
    ) -> Callable[[], Awaitable[_Tally]]:
        """Settle what is known so far and take it out of ``outcomes`` and ``broken``, so
        the final settle of the tick only handles the rest."""

        async def settle_known() -> _Tally:
            known, failed = dict(outcomes), list(broken)
            for user_id in known:  # before awaiting: sends finishing meanwhile stay
                del outcomes[user_id]
            broken.clear()
            return await self._settle(token, session, known, failed, claimed_at, planner)

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
        token: str,
        session: bool,
        outcomes: dict[int, Delivery | None],
        broken: list[int],
        claimed_at: datetime,
        planner: RowPlanner,
    ) -> _Tally:
        """Confirm, release or fail every row of one claim; a failed write goes row by row."""
        times = (claimed_at, self._clock.now())
        items = list(outcomes.items())
        try:
            return await self._settle_in_one(token, session, items, broken, planner, times)
        except Exception:
            log.exception("settling a reminder batch failed; settling its rows one by one")
        tally = _Tally()
        for item in items:
            try:
                one = await self._settle_in_one(token, session, [item], [], planner, times)
            except Exception as error:
                _log_broken(item[0], error)
                broken = [*broken, item[0]]
                continue
            _merge(tally, one)
        for user_id in broken:
            try:
                one = await self._settle_in_one(token, session, [], [user_id], planner, times)
            except Exception:  # the lease expires; the row is offered again later
                log.exception("recording the failure of user %s's reminder failed", user_id)
                continue
            _merge(tally, one)
        return tally

    async def _settle_in_one(
        self,
        token: str,
        session: bool,
        items: list[tuple[int, Delivery | None]],
        broken: list[int],
        planner: RowPlanner,
        times: tuple[datetime, datetime],
    ) -> _Tally:
        tally = _Tally()
        claimed_at, now = times
        ids = [user_id for user_id, _ in items] + broken
        async with self._uow() as work:
            states = await work.reminders.get_many(ids, lock=True, token=token, session=session)
            profiles = await work.reminders.profiles(ids)
            await self._config.prepare(work, profiles.values(), now)
            changes: list[tuple[int, Values]] = []
            failed = list(broken)
            for user_id, delivery in items:
                state = states.get(user_id)
                if state is None:
                    tally.lost += 1  # another claim holds the row now: change nothing
                    continue
                try:
                    plan = planner(state, profiles.get(user_id), delivery, claimed_at, now)
                except Exception as error:
                    _log_broken(user_id, error)
                    failed.append(user_id)
                    continue
                changes.append((user_id, plan.values))
                if plan.event is not None:
                    tally.events.append(plan.event)
                    tally.missed += plan.event.kind is BreakKind.MISSED
                if plan.deactivate is not None:
                    await _deactivate(work, plan.deactivate, now)
                if plan.values.keys() <= (_CLEAR_SIT.keys() | _CLEAR_SESSION.keys()):
                    tally.released += 1
            await work.reminders.write_claimed(changes, token, session=session)
            for user_id in failed:
                if user_id not in states:
                    continue
                tally.errors += 1
                attempts = states[user_id].attempts + 1
                retry_at = now + backoff(attempts)
                count = await work.reminders.fail_claimed(user_id, token, retry_at, session=session)
                if count is not None and count >= MAX_ATTEMPTS:
                    await work.reminders.park(user_id, now)
                    tally.parked += 1
                    log.warning(
                        "the reminder row of user %s failed %s times and is parked",
                        user_id,
                        count,
                    )
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


def _token_of(claimed: list[ReminderState], *, session: bool) -> str:
    token = claimed[0].session_lease_token if session else claimed[0].lease_token
    if token is None:
        raise RuntimeError("a claim returned rows without its token")
    return token


def _log_broken(user_id: int, error: Exception) -> None:
    # The user id and the kind of error only: never the row's or the profile's content.
    log.warning(
        "the reminder row of user %s cannot be dispatched (%s)", user_id, type(error).__name__
    )


async def _deactivate(work: UnitOfWork, profile: Profile, now: datetime) -> None:
    await work.users.save(profile.with_changes(active=False), now)
    log.info("user %s blocked the bot; deactivated", profile.user_id)
