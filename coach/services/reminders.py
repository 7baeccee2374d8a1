"""Sit-break reminders as use cases: keep each user's due time current, dispatch what is due,
and act on the reminder's buttons and the /sit, /pause and /resume commands.

The database row is the schedule (see coach.reminder_state). Every change of what the user
told us ends in ``_store``: the row's next due instant is recomputed from the profile and the
stored sitting state with ``coach.reminders.next_due``.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Final

from coach.activity import BreakEvent, BreakKind
from coach.catalogue import Catalogue as ExerciseCatalogue
from coach.catalogue import load_catalogue
from coach.clock import Clock
from coach.dialog import Dialog
from coach.pause_phrases import parse_pause_days
from coach.ports import Notifier, UnitOfWork, UnitOfWorkFactory
from coach.profile import Profile
from coach.progress import FrozenKind
from coach.reminder_state import ReminderState
from coach.reminders import (
    MAX_PAUSE_DAYS,
    WorkSchedule,
    boundary_minute,
    first_boundary,
    local_date,
    next_due,
    pause_days,
    pause_for,
    pause_rest_of_day,
    should_ask_why,
    sitting_minutes,
    spread_offset,
    spread_window,
    work_window,
)
from coach.screening import exercise_access
from coach.services.reminder_dispatch import DispatchConfig, Dispatcher
from coach.services.reminder_spread import SpreadCounts, spread_of
from coach.services.reminder_views import (
    AskPauseDays,
    BreakTaken,
    DispatchReport,
    Expired,
    InMeeting,
    NotReady,
    Paused,
    PauseMenu,
    Resumed,
    SitStarted,
    Skipped,
    Snoozed,
    View,
    WhyAnswered,
)
from coach.session_reminder import next_session_due
from coach.zones import served_zone

log = logging.getLogger(__name__)

__all__ = [
    "ACTIONS",
    "DEFAULT_LEASE",
    "FLOW",
    "MEETING",
    "SNOOZE",
    "WHY_REASONS",
    "AskPauseDays",
    "BreakTaken",
    "DispatchReport",
    "Expired",
    "InMeeting",
    "NotReady",
    "PauseMenu",
    "Paused",
    "ReminderService",
    "ReminderState",
    "Resumed",
    "SitStarted",
    "Skipped",
    "Snoozed",
    "View",
    "WhyAnswered",
    "due_for",
    "parse_days",
    "refresh_schedule",
    "schedule_for",
    "session_due_for",
    "stamp_of",
]

FLOW: Final = "pause"
ASK_DAYS: Final = "days"
SNOOZE: Final = timedelta(minutes=15)
MEETING: Final = timedelta(hours=1)
DEFAULT_LEASE: Final = timedelta(minutes=2)
DEFAULT_MIN_INTERVAL: Final = timedelta(minutes=30)
DEFAULT_GRACE: Final = timedelta(minutes=10)
WHY_REASONS: Final = ("busy", "meetings", "standing", "other")
ACTIONS: Final = ("start", "done", "snooze", "meeting", "skip")
_MAX_TYPED = 100


# ---- pure helpers ------------------------------------------------------------------------


def schedule_for(profile: Profile, min_interval: timedelta) -> WorkSchedule | None:
    """The work schedule reminders follow, or None while the profile cannot have one."""
    if not profile.active or not profile.onboarded or not profile.timezone:
        return None
    interval = max(timedelta(minutes=profile.sit_interval_min), min_interval)
    try:
        return WorkSchedule(
            timezone=served_zone(profile.timezone),  # an unknown zone is served in UTC
            work_days=frozenset(profile.work_days),
            start=profile.work_start,
            end=profile.work_end,
            interval=interval,
        )
    except ValueError:
        log.warning("user %s has a profile no schedule fits", profile.user_id)
        return None


def due_for(
    profile: Profile,
    state: ReminderState,
    now: datetime,
    min_interval: timedelta,
    sharing: int = 1,
) -> datetime | None:
    """The next sit-break due; ``sharing`` users with this first-reminder boundary set the
    width of the spread (``coach.reminders.spread_window``)."""
    schedule = schedule_for(profile, min_interval)
    if schedule is None:
        return None
    window = spread_window(schedule, sharing)
    return next_due(
        schedule,
        state.sitting,
        now,
        last_reminder_at=state.last_reminder_at,
        offset=spread_offset(profile.user_id, window),
    )


def session_due_for(
    profile: Profile, state: ReminderState, now: datetime, grace: timedelta
) -> datetime | None:
    """The next daily session reminder, or None without a chosen time.

    A slot that passed less than ``grace`` ago and was not handled yet stays due (a break
    reported at 12:30:20 must not push the 12:30 reminder to tomorrow); a handled slot
    (``last_session_at``) never comes again. The first computation looks forward only.
    """
    if (
        not profile.active
        or not profile.onboarded
        or not profile.timezone
        or profile.exercise_time is None
    ):
        return None
    after = now if state.session_due_at is None else now - grace
    if state.last_session_at is not None:
        after = max(after, state.last_session_at)
    return next_session_due(served_zone(profile.timezone), profile.exercise_time, after)


def stamp_of(instant: datetime | None) -> int | None:
    return None if instant is None else int(instant.timestamp())


def _is_current(state: ReminderState, stamp: int | None, now: datetime) -> bool:
    """Whether a button's stamp belongs to the latest reminder, not yet answered.

    While a batch is being confirmed (the row is leased) the reminder just sent has a newer
    stamp than ``last_reminder_at``; a quick tap on it must count, not expire.
    """
    if stamp is None:
        return False
    last = stamp_of(state.last_reminder_at)
    in_flight = (
        state.lease_token is not None
        and state.lease_until is not None
        and state.lease_until > now
        and (last is None or last < stamp)
        and stamp <= now.timestamp()
    )
    if stamp != last and not in_flight:
        return False
    answered = state.answered_at
    return answered is None or answered.timestamp() < stamp


def parse_days(text: str) -> int | None:
    """A typed number of pause days, 1..60; anything else is None."""
    cleaned = text.strip()
    if len(cleaned) > _MAX_TYPED:
        return None
    first = cleaned.split()[0] if cleaned.split() else ""
    if not first.isascii() or not first.isdigit():
        return None
    days = int(first)
    return days if 1 <= days <= MAX_PAUSE_DAYS else None


# ---- the service -------------------------------------------------------------------------


class ReminderService:
    """Use cases of sit-break reminders. One instance per process; no per-user memory."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        *,
        grace: timedelta,
        min_interval: timedelta = DEFAULT_MIN_INTERVAL,
        lease: timedelta = DEFAULT_LEASE,
        notifier: Notifier | None = None,
        catalogue: ExerciseCatalogue | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._grace = grace
        self._min_interval = min_interval
        self._lease = lease
        self.notifier = notifier
        self._catalogue = catalogue
        self._spread = SpreadCounts()
        self._dispatcher = Dispatcher(
            uow,
            clock,
            DispatchConfig(
                grace=grace,
                lease=lease,
                minutes=self._sitting_minutes,
                due_for=self._due_after_send,
                session_due_for=lambda profile, state, now: session_due_for(
                    profile, state, now, grace
                ),
                prepare=self._count_sharing,
            ),
        )

    def _due_after_send(
        self, profile: Profile, state: ReminderState, now: datetime
    ) -> datetime | None:
        """The dispatcher's next due: the spread sized by the counts ``_count_sharing`` read."""
        schedule = schedule_for(profile, self._min_interval)
        if schedule is None:
            return None
        boundary = first_boundary(schedule, now)
        sharing = 1 if boundary is None else self._spread.known(boundary_minute(boundary))
        return due_for(profile, state, now, self._min_interval, sharing)

    async def _count_sharing(
        self, work: UnitOfWork, profiles: Iterable[Profile], now: datetime
    ) -> None:
        """Before a batch is dispatched or settled: the counts of its boundary minutes (cached,
        so a tick costs at most a few indexed counts)."""
        for profile in profiles:
            schedule = schedule_for(profile, self._min_interval)
            if schedule is not None:
                with contextlib.suppress(Exception):  # a broken row is the dispatcher's to report
                    await spread_of(work, schedule, now, self._spread)

    # ---- keeping the schedule current --------------------------------------------------

    async def reschedule(self, user_id: int) -> datetime | None:
        """Recompute the user's next reminder after any profile change (settings call this)."""
        async with self._uow() as work:
            due = await self.refresh_in(work, user_id, self._clock.now())
            await work.commit()
        return due

    async def on_profile_changed(
        self, work: UnitOfWork, before: Profile, after: Profile, now: datetime
    ) -> None:
        """The settings hook: a new window, zone or interval moves the next reminder at once."""
        await self.refresh_in(work, after.user_id, now)

    async def refresh_in(self, work: UnitOfWork, user_id: int, now: datetime) -> datetime | None:
        """The onboarding hook: recompute inside the caller's transaction."""
        return await refresh_schedule(
            work, user_id, now, self._min_interval, self._grace, self._spread
        )

    async def backfill(self, batch: int = 500) -> int:
        """Create the schedule of set-up users that have none (e.g. right after an upgrade)."""
        total = 0
        while True:
            async with self._uow() as work:
                missing = await work.reminders.without_state(batch)
                # Another replica may be back-filling the same users right now.
                await work.reminders.create_missing(missing)
                for user_id in missing:
                    await self.refresh_in(work, user_id, self._clock.now())
                await work.commit()
            total += len(missing)
            if len(missing) < batch:
                await self._fill_spread_minutes(batch)
                return total

    async def _fill_spread_minutes(self, batch: int) -> None:
        """Give rows scheduled before the spread was counted their boundary minute.

        Only the minute is stored, the due is left alone: were the dues recomputed here, the
        first users would see an almost empty count and crowd into a narrow window. Each row
        gets the load-following spread at its next recomputation, when all are counted.
        """
        after = -(2**63)
        while True:
            async with self._uow() as work:
                ids = await work.reminders.without_spread(after, batch)
                profiles = await work.reminders.profiles(ids)
                states = await work.reminders.get_many(ids, lock=True)
                now = self._clock.now()
                for user_id, state in states.items():
                    profile = profiles.get(user_id)
                    schedule = (
                        None if profile is None else schedule_for(profile, self._min_interval)
                    )
                    boundary = None if schedule is None else first_boundary(schedule, now)
                    if boundary is not None:
                        minute = boundary_minute(boundary)
                        await work.reminders.put(state.with_changes(spread_minute=minute))
                await work.commit()
            if len(ids) < batch:
                return
            after = ids[-1]

    async def movement(self, user_id: int) -> None:
        """Any reported movement (a break, a finished session) resets the sitting timer."""
        async with self._uow() as work:
            profile = await work.users.get(user_id)
            if profile is not None:
                await self.movement_in(work, profile, self._clock.now())
                await work.commit()

    async def movement_in(self, work: UnitOfWork, profile: Profile, now: datetime) -> None:
        """The logged-reps hook: reset the sitting timer inside the caller's transaction."""
        state = await self._state(work, profile.user_id)
        await self._store(
            work,
            profile,
            state.with_changes(sitting_since=now, last_break_at=now, snoozed_until=None),
            now,
        )

    async def deactivate(self, user_id: int) -> None:
        """The user blocked the bot: stop everything until /start."""
        async with self._uow() as work:
            profile = await work.users.get(user_id)
            if profile is None:
                return
            if profile.active:
                await work.users.save(profile.with_changes(active=False), self._clock.now())
            state = await work.reminders.get(user_id, lock=True)
            if state is not None:
                await work.reminders.put(
                    state.with_changes(
                        next_due_at=None,
                        session_due_at=None,
                        lease_until=None,
                        lease_token=None,
                        session_lease_until=None,
                        session_lease_token=None,
                    )
                )
            await work.commit()
        log.info("user %s blocked the bot; deactivated", user_id)

    # ---- dispatching -------------------------------------------------------------------

    async def dispatch_due(self, limit: int) -> DispatchReport:
        """One tick: skip what is already too late, then claim at most ``limit`` on-time
        reminders, send them and settle each one (coach.services.reminder_dispatch).

        A reminder overdue by more than the grace window is not sent: it is counted as
        MISSED and the series continues.
        """
        notifier = self.notifier
        if notifier is None:
            raise RuntimeError("no notifier configured")
        return await self._dispatcher.dispatch_due(notifier, limit)

    async def dispatch_sessions(self, limit: int) -> DispatchReport:
        """The daily session reminders now due, sent only where the day's goal is not met.

        A claimed slot that is later than the grace window, a day whose goal is met, or a
        user the exercise gate keeps out is handled without a message; every handled slot
        is then marked and the next day's is scheduled.
        """
        notifier = self.notifier
        if notifier is None:
            raise RuntimeError("no notifier configured")
        catalogue = self._catalogue or load_catalogue()
        self._catalogue = catalogue
        return await self._dispatcher.dispatch_sessions(notifier, catalogue, limit)

    async def parked_count(self) -> int:
        """Rows parked after failing too often (operators: logged at start and daily)."""
        async with self._uow(read_only=True) as work:
            return await work.reminders.count_parked()

    # ---- the reminder's buttons --------------------------------------------------------

    async def act(self, user_id: int, action: str, stamp: int | None) -> list[View]:
        """A button on a reminder; only the latest reminder's buttons act."""
        if action not in ACTIONS:
            return [Expired()]
        async with self._uow() as work:
            profile = await work.users.get(user_id)
            state = await work.reminders.get(user_id, lock=True)
            now = self._clock.now()
            if (
                profile is None
                or profile.timezone is None
                or state is None
                or not _is_current(state, stamp, now)
            ):
                return [Expired()]
            zone = served_zone(profile.timezone)
            day = local_date(zone, now)
            views: list[View]
            minutes = self._minutes(profile)
            if action in ("start", "done"):
                state = state.with_changes(
                    sitting_since=now,
                    last_break_at=now,
                    snoozed_until=None,
                    manual_sit_started_at=None,
                    answered_at=now,
                )
                await work.breaks.add(BreakEvent(user_id, BreakKind.TAKEN, day, now))
                views = [BreakTaken(minutes, started=action == "start", at=now, timezone=zone)]
            elif action == "snooze":
                until = now + SNOOZE
                state = state.with_changes(snoozed_until=until)
                await work.breaks.add(BreakEvent(user_id, BreakKind.SNOOZED, day, now))
                views = [Snoozed(until, zone)]
            elif action == "meeting":
                until = pause_for(now, MEETING)
                state = state.with_changes(paused_until=until, snoozed_until=None, answered_at=now)
                await work.breaks.add(BreakEvent(user_id, BreakKind.MEETING, day, now))
                views = [InMeeting(until, zone)]
            else:
                await work.breaks.add(BreakEvent(user_id, BreakKind.SKIPPED, day, now))
                skips = await work.breaks.count_on(user_id, day, BreakKind.SKIPPED)
                # Ask once, on the third skip; after that a skip is just a skip.
                ask = should_ask_why(skips) and skips == 3
                # The buttons are spent: a second press on the same reminder is stale.
                state = state.with_changes(answered_at=now)
                views = [Skipped(ask_why=ask, at=now, timezone=zone)]
            await self._store(work, profile, state, now=now)
            await work.commit()
            return views

    async def answer_why(self, user_id: int, reason: str) -> list[View]:
        """Why the user skipped three times; "not sitting" pauses the rest of the day."""
        if reason not in WHY_REASONS:
            return [Expired()]
        async with self._uow() as work:
            profile = await work.users.get(user_id)
            schedule = None if profile is None else schedule_for(profile, self._min_interval)
            if profile is None or schedule is None:
                return [NotReady()]
            state = await self._state(work, user_id)
            now = self._clock.now()
            until: datetime | None = None
            if reason == "standing":
                until = pause_rest_of_day(schedule, now)
            elif reason == "meetings":
                until = pause_for(now, MEETING)
            if until is not None:
                await self._store(work, profile, state.with_changes(paused_until=until), now=now)
            access = exercise_access(await work.screenings.latest(user_id), now)
            await work.commit()
            return [WhyAnswered(reason, until, schedule.timezone, exercises=access.allowed)]

    # ---- commands ----------------------------------------------------------------------

    async def sit(self, user_id: int) -> list[View]:
        """/sit: start the sitting timer now, inside or outside work hours."""
        async with self._uow() as work:
            profile = await work.users.get(user_id)
            schedule = None if profile is None else schedule_for(profile, self._min_interval)
            if profile is None or schedule is None:
                return [NotReady()]
            now = self._clock.now()
            state = await self._state(work, user_id)
            window = work_window(schedule, local_date(schedule.timezone, now))
            inside = window is not None and window[0] <= now < window[1]
            if inside:
                state = state.with_changes(sitting_since=now, snoozed_until=None)
            else:
                state = state.with_changes(manual_sit_started_at=now)
            due = await self._store(work, profile, state, now=now)
            await work.commit()
            return [SitStarted(due, self._minutes(profile), schedule.timezone)]

    async def pause_menu(self, user_id: int) -> list[View]:
        async with self._uow() as work:
            profile = await work.users.get(user_id)
            if profile is None or schedule_for(profile, self._min_interval) is None:
                return [NotReady()]
            state = await self._state(work, user_id)
            now = self._clock.now()
            until = state.paused_until if state.paused_until and state.paused_until > now else None
            return [PauseMenu(until, served_zone(profile.timezone))]

    async def pause(self, user_id: int, choice: str) -> list[View]:
        """A pause button: "hour", "today", or "days" (then the number is asked for)."""
        async with self._uow() as work:
            profile = await work.users.get(user_id)
            schedule = None if profile is None else schedule_for(profile, self._min_interval)
            if profile is None or schedule is None:
                return [NotReady()]
            now = self._clock.now()
            if choice == "days":
                await work.dialogs.put(user_id, Dialog(FLOW, ASK_DAYS), now)
                await work.commit()
                return [AskPauseDays()]
            if choice == "hour":
                until = pause_for(now, timedelta(hours=1))
            elif choice == "today":
                until = pause_rest_of_day(schedule, now)
            else:
                return [Expired()]
            views = await self._pause_until(work, profile, until, now, whole_days=choice == "today")
            await work.commit()
            return views

    async def typed_days(self, user_id: int, text: str) -> list[View] | None:
        """Typed text while the pause length is asked for; None when it is not asked for."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
            if dialog is None or dialog.flow != FLOW:
                return None
            views = await self._pause_phrase(work, user_id, text)
            if views is None:
                return [AskPauseDays(hint=True)]
            await work.dialogs.clear(user_id)
            await work.commit()
            return views

    async def pause_for_text(self, user_id: int, text: str) -> list[View]:
        """/pause with its length ("/pause 2 weeks", "/pause bis Montag")."""
        async with self._uow() as work:
            views = await self._pause_phrase(work, user_id, text)
            if views is None:
                profile = await work.users.get(user_id)
                if profile is None or schedule_for(profile, self._min_interval) is None:
                    return [NotReady()]
                await work.dialogs.put(user_id, Dialog(FLOW, ASK_DAYS), self._clock.now())
                await work.commit()
                return [AskPauseDays(hint=True)]
            dialog = await work.dialogs.get(user_id)
            if dialog is not None and dialog.flow == FLOW:
                await work.dialogs.clear(user_id)
            await work.commit()
            return views

    async def _pause_phrase(self, work: UnitOfWork, user_id: int, text: str) -> list[View] | None:
        """Pause for the length `text` names; None (nothing changed) when it names none."""
        profile = await work.users.get(user_id)
        schedule = None if profile is None else schedule_for(profile, self._min_interval)
        if profile is None or schedule is None:
            return [NotReady()]
        now = self._clock.now()
        today = local_date(schedule.timezone, now)
        days = parse_pause_days(text, today, MAX_PAUSE_DAYS, profile.language)
        if days is None:
            return None
        until = pause_days(schedule, now, days)
        return await self._pause_until(work, profile, until, now, whole_days=True)

    async def asking_days(self, user_id: int) -> bool:
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
        return dialog is not None and dialog.flow == FLOW

    async def resume(self, user_id: int) -> list[View]:
        """/resume: end a pause now; the sitting timer starts from now."""
        async with self._uow() as work:
            profile = await work.users.get(user_id)
            schedule = None if profile is None else schedule_for(profile, self._min_interval)
            if profile is None or schedule is None:
                return [NotReady()]
            now = self._clock.now()
            state = await self._state(work, user_id)
            was_paused = state.paused_until is not None and state.paused_until > now
            if was_paused:
                state = state.with_changes(paused_until=None, sitting_since=now)
                # Today stays frozen (the pause took part of it); later days count again.
                tomorrow = local_date(schedule.timezone, now) + timedelta(days=1)
                await work.frozen_days.remove_from(user_id, tomorrow, FrozenKind.PAUSE)
            dialog = await work.dialogs.get(user_id)
            if dialog is not None and dialog.flow == FLOW:
                await work.dialogs.clear(user_id)
            due = await self._store(work, profile, state, now=now)
            await work.commit()
            return [Resumed(was_paused, due, schedule.timezone)]

    # ---- internals ---------------------------------------------------------------------

    def _sitting_minutes(self, profile: Profile, state: ReminderState, now: datetime) -> int:
        """What a reminder sent now says: the real sitting time, not the interval."""
        schedule = schedule_for(profile, self._min_interval)
        if schedule is None:
            return self._minutes(profile)
        return sitting_minutes(schedule, state.sitting, now)

    def _minutes(self, profile: Profile) -> int:
        return max(profile.sit_interval_min, int(self._min_interval.total_seconds() // 60))

    async def _pause_until(
        self,
        work: UnitOfWork,
        profile: Profile,
        until: datetime,
        now: datetime,
        *,
        whole_days: bool = False,
    ) -> list[View]:
        """Pause reminders; a pause of whole days also freezes those days of the streak."""
        state = await self._state(work, profile.user_id)
        await self._store(work, profile, state.with_changes(paused_until=until), now=now)
        zone = served_zone(profile.timezone)
        if whole_days:
            for day in paused_days(zone, now, until):
                await work.frozen_days.add(profile.user_id, day, FrozenKind.PAUSE)
        return [Paused(until, zone, whole_days=whole_days)]

    async def _state(self, work: UnitOfWork, user_id: int) -> ReminderState:
        state = await work.reminders.get(user_id, lock=True)
        return state if state is not None else ReminderState(user_id)

    async def _store(
        self,
        work: UnitOfWork,
        profile: Profile,
        state: ReminderState,
        now: datetime | None = None,
    ) -> datetime | None:
        now = now or self._clock.now()
        state = await scheduled(
            work, profile, _unparked(state), now, self._min_interval, self._grace, self._spread
        )
        await work.reminders.put(state)
        return state.next_due_at


def paused_days(zone: str, start: datetime, until: datetime) -> list[date]:
    """The local dates a pause from `start` to `until` touches (an end at midnight excluded)."""
    first = local_date(zone, start)
    last = local_date(zone, until - timedelta(microseconds=1))
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


async def refresh_schedule(
    work: UnitOfWork,
    user_id: int,
    now: datetime,
    min_interval: timedelta = DEFAULT_MIN_INTERVAL,
    grace: timedelta = DEFAULT_GRACE,
    counts: SpreadCounts | None = None,
) -> datetime | None:
    """Recompute one user's next due inside an open unit of work (onboarding calls this)."""
    profile = await work.users.get(user_id)
    if profile is None:
        return None
    state = _unparked(await work.reminders.get(user_id, lock=True) or ReminderState(user_id))
    state = await scheduled(
        work, profile, state, now, min_interval, grace, counts or SpreadCounts()
    )
    await work.reminders.put(state)
    return state.next_due_at


async def scheduled(
    work: UnitOfWork,
    profile: Profile,
    state: ReminderState,
    now: datetime,
    min_interval: timedelta,
    grace: timedelta,
    counts: SpreadCounts,
) -> ReminderState:
    """The row with its next dues recomputed, the spread sized by who shares the boundary."""
    schedule = schedule_for(profile, min_interval)
    minute, sharing = (
        (None, 1) if schedule is None else await spread_of(work, schedule, now, counts)
    )
    return state.with_changes(
        next_due_at=due_for(profile, state, now, min_interval, sharing),
        session_due_at=session_due_for(profile, state, now, grace),
        spread_minute=minute,
    )


def _unparked(state: ReminderState) -> ReminderState:
    """Any change the user makes gives a parked row a fresh start."""
    if state.parked_at is None:
        return state
    return state.with_changes(parked_at=None, attempts=0)
