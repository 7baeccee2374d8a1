"""What the core needs from the outside world, as protocols.

Storage implements the repositories and the unit of work; the bot implements the notifier.
Use cases depend only on these, so they run the same against SQLite, PostgreSQL or a fake.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import Protocol, Self

from coach.activity import BreakEvent, BreakKind, PainCheckIn, RepEntry
from coach.dialog import Dialog
from coach.export import TableRows
from coach.hold import Hold
from coach.operator import Overview
from coach.profile import Profile
from coach.progress import DayMark, FrozenKind, MessageExercise
from coach.progression import SessionOutcome
from coach.reminder_state import (
    Delivery,
    Lease,
    ReminderState,
    SessionReminder,
    Settle,
    SitBreakReminder,
)
from coach.screening import ScreeningRecord, ScreeningResult


class UserRepository(Protocol):
    async def get(self, user_id: int) -> Profile | None: ...

    async def add(self, profile: Profile) -> None: ...

    async def save(self, profile: Profile, now: datetime) -> None: ...

    async def count(self) -> int: ...

    async def delete(self, user_id: int) -> bool:
        """Remove the user and, by cascade, every row about them; False if unknown."""
        ...

    async def claim_zone_notice(self, user_id: int, zone: str) -> bool:
        """Record that the user is told their stored ``zone`` is unknown; True only for the
        first claim while that zone is still theirs (so the notice goes out once)."""
        ...


class DialogRepository(Protocol):
    async def get(self, user_id: int) -> Dialog | None: ...

    async def put(self, user_id: int, dialog: Dialog, now: datetime) -> None: ...

    async def clear(self, user_id: int) -> None: ...


class ScreeningRepository(Protocol):
    async def latest(self, user_id: int) -> ScreeningRecord | None: ...

    async def add(self, user_id: int, result: ScreeningResult, record: ScreeningRecord) -> None: ...

    async def confirm_doctor_clearance(self, user_id: int) -> None:
        """Mark the latest screening as cleared by a doctor."""
        ...

    async def put_hold(self, user_id: int, hold: Hold) -> bool:
        """Store `hold` on the latest screening; False when the user has none."""
        ...

    async def hold_spans(self, user_id: int) -> list[tuple[datetime, datetime | None]]:
        """Each hold's start and the instant the next screening lifted it (None: in force)."""
        ...


class RepEntryRepository(Protocol):
    async def add(self, entry: RepEntry) -> RepEntry:
        """Store `entry`; returns it with its id."""
        ...

    async def last(self, user_id: int) -> RepEntry | None:
        """The newest entry (by id), for `/undo`."""
        ...

    async def remove(self, entry_id: int) -> None: ...

    async def between(self, user_id: int, first: date, last: date) -> list[RepEntry]:
        """Entries with `first <= local_date <= last`, oldest first."""
        ...

    async def all_for(self, user_id: int) -> list[RepEntry]:
        """Every entry of the user, oldest first (for `/export`)."""
        ...

    async def day_marks(self, user_id: int) -> list[DayMark]:
        """Each (local day, exercise, side) the user logged reps for, once (for the streak)."""
        ...

    async def streak_days(
        self, user_id: int, first: date, last: date
    ) -> tuple[list[DayMark], dict[date, FrozenKind]]:
        """``day_marks`` and the frozen days with `first <= local_date <= last`, in one read:
        all the streak looks at."""
        ...


class PainRepository(Protocol):
    async def add(self, checkin: PainCheckIn) -> PainCheckIn: ...

    async def between(self, user_id: int, first: date, last: date) -> list[PainCheckIn]: ...

    async def all_for(self, user_id: int) -> list[PainCheckIn]: ...


class BreakRepository(Protocol):
    async def add(self, event: BreakEvent) -> BreakEvent: ...

    async def add_many(self, events: list[BreakEvent]) -> None:
        """Store a batch (a dispatcher tick's PROMPTED/MISSED) in one statement."""
        ...

    async def between(self, user_id: int, first: date, last: date) -> list[BreakEvent]: ...

    async def all_for(self, user_id: int) -> list[BreakEvent]: ...

    async def count_on(self, user_id: int, day: date, kind: BreakKind) -> int:
        """How many events of `kind` the user had on local `day` (e.g. skips today)."""
        ...


class WorkoutSessionRepository(Protocol):
    """Finished or stopped walkthrough sessions, so the progression ladder can be replayed."""

    async def add(
        self, user_id: int, session_id: str, kind: str, outcome: SessionOutcome, now: datetime
    ) -> None: ...

    async def history(self, user_id: int) -> list[SessionOutcome]:
        """Every stored outcome of the user, oldest first."""
        ...


class PictureFileRepository(Protocol):
    """Telegram file ids of uploaded pictures, so each picture is uploaded once."""

    async def get(self, key: str) -> str | None: ...

    async def put(self, key: str, file_id: str, now: datetime) -> None: ...


class FrozenDayRepository(Protocol):
    async def add(self, user_id: int, day: date, kind: FrozenKind) -> None:
        """Mark a local day as frozen (idempotent; the first kind stays)."""
        ...

    async def between(self, user_id: int, first: date, last: date) -> dict[date, FrozenKind]: ...

    async def remove_from(self, user_id: int, first: date, kind: FrozenKind) -> None:
        """Unfreeze days of `kind` from `first` on (a pause ended early)."""
        ...


class MessageExerciseRepository(Protocol):
    async def remember(
        self, user_id: int, message_id: int, about: MessageExercise, now: datetime
    ) -> None: ...

    async def get(self, user_id: int, message_id: int) -> MessageExercise | None: ...

    async def prune(self, before: datetime) -> int: ...


class WeeklySummaryRepository(Protocol):
    """Each user's next summary instant, claimed with a lease and a token before sending."""

    async def claim_due(
        self, now: datetime, lease_until: datetime, token: str, limit: int
    ) -> list[tuple[Profile, datetime]]:
        """Lease at most ``limit`` users whose summary time passed and whose lease is free or
        over; returns (profile, scheduled instant), earliest first.

        Inactive users too: they are moved on a week without a send, so rows left behind
        never pile up in front of the index. Concurrent claims get disjoint users.
        """
        ...

    async def confirm(
        self, user_id: int, token: str, next_at: datetime, sent_at: datetime | None
    ) -> bool:
        """Set the next instant and release the lease, only while ``token`` holds the claim.

        False when the claim was lost (the lease ran out and someone else claimed the user,
        or a settings change rescheduled them): nothing is changed then.
        """
        ...

    async def release(self, user_ids: Sequence[int], token: str) -> int:
        """Drop the claim on users whose summary certainly did not leave (a shutdown, or a
        send held past its deadline), keeping their instant due for the next run; only
        while ``token`` holds it. Returns how many were released."""
        ...

    async def unscheduled(self, now: datetime, limit: int) -> list[Profile]:
        """Onboarded users with a time zone but no next summary instant yet (neither parked
        nor held back after a failed try until after ``now``)."""
        ...

    async def schedule(self, user_id: int, next_at: datetime, sent_at: datetime | None) -> None:
        """Set the next instant and drop any claim; `sent_at` records a summary sent now.
        A parked user is offered again (their settings changed) with a clean count."""
        ...

    async def fail(self, user_id: int, token: str | None) -> int | None:
        """Count a failed try and drop the claim; with a ``token`` only while it holds the
        claim (else None), without one for a user not yet scheduled. Returns the failed
        tries in a row."""
        ...

    async def hold(self, user_id: int, until: datetime) -> None:
        """Offer the user's summary (or first scheduling) again only from ``until`` on."""
        ...

    async def park(self, user_id: int, now: datetime) -> None:
        """Offer the user's summary no more, until their settings change (`schedule`)."""
        ...

    async def count_parked(self) -> int: ...


class UserDataExport(Protocol):
    async def tables(self, user_id: int) -> list[TableRows]:
        """Every stored table with rows about the user (`/export`), each with its rows."""
        ...


class OperatorStats(Protocol):
    """Aggregates for operators (`/admin`, metrics): counts, never rows about a person."""

    async def overview(self, now: datetime) -> Overview: ...

    async def due_backlog(self, now: datetime) -> int:
        """Sit-break reminders due by ``now`` and not leased (one range count on the index)."""
        ...


class UpdateLog(Protocol):
    async def claim(self, update_id: int, now: datetime, person: int | None = None) -> bool:
        """Record `update_id`; False if it was processed before.

        ``person``: the sender, whose user and dialog rows the update reads next; a store
        may read them with the claim (PostgreSQL: one round trip instead of two).
        """
        ...

    async def prune(self, before: datetime) -> int:
        """Forget update ids (and group notes) older than ``before``; the update ids removed."""
        ...

    async def claim_group_note(self, chat_id: int, now: datetime, every: timedelta) -> bool:
        """True when the group had no note within ``every`` (and this one now counts)."""
        ...


class ReminderRepository(Protocol):
    """Per-user sit-break schedule rows; the due index is the schedule."""

    async def get(self, user_id: int, *, lock: bool = False) -> ReminderState | None:
        """The row; ``lock`` holds it for this transaction where the backend can."""
        ...

    async def get_many(
        self,
        user_ids: list[int],
        *,
        lock: bool = False,
        token: str | None = None,
        lease: Lease = Lease.SIT_BREAK,
    ) -> dict[int, ReminderState]:
        """Several rows in one query (a tick's batch), keyed by user id.

        With ``token``, only the rows whose ``lease`` that claim still holds.
        """
        ...

    async def profiles(self, user_ids: list[int]) -> dict[int, Profile]:
        """The profiles of a tick's batch in one query."""
        ...

    async def put(self, state: ReminderState) -> None:
        """Insert or replace the row."""
        ...

    async def claim_due(
        self,
        now: datetime,
        lease_until: datetime,
        limit: int,
        *,
        lease: Lease = Lease.SIT_BREAK,
        since: datetime | None = None,
    ) -> list[ReminderState]:
        """Lease at most ``limit`` rows due in ``[since, now]``, not leased, not parked;
        oldest due first. All get one fresh token (``lease_token``).

        ``Lease.SESSION`` claims by the daily session reminder's due time and lease instead
        (its token is ``session_lease_token``).
        """
        ...

    async def claim_expired(
        self, before: datetime, now: datetime, lease_until: datetime, limit: int
    ) -> list[ReminderState]:
        """Lease at most ``limit`` sit-break rows due before ``before`` (too late to send)."""
        ...

    async def settle_claimed(
        self, settles: Sequence[tuple[int, Settle]], token: str, *, lease: Lease
    ) -> None:
        """Compare-and-set: release each row's ``lease`` and write its settle, only while
        ``token`` still holds that lease."""
        ...

    async def fail_claimed(
        self, user_id: int, token: str, retry_at: datetime, *, lease: Lease = Lease.SIT_BREAK
    ) -> int | None:
        """Count a failed dispatch, hold the row until ``retry_at``; the new count (None:
        the claim no longer holds the row)."""
        ...

    async def park(self, user_id: int, now: datetime) -> None:
        """Stop offering a row that keeps failing, until the user changes something."""
        ...

    async def parked(self, limit: int) -> list[int]:
        """User ids of parked reminder rows, at most ``limit``."""
        ...

    async def count_parked(self) -> int:
        """How many rows are parked (for operators)."""

    async def count_sharing(self, minute: int) -> int:
        """How many scheduled users have their first-reminder boundary at this UTC minute."""
        ...

    async def without_spread(self, after: int, limit: int) -> list[int]:
        """Scheduled users (ids above ``after``, ascending) whose boundary minute is unknown."""
        ...

    async def without_state(self, limit: int) -> list[int]:
        """Onboarded, active users that have no row yet (after an upgrade, or a direct import)."""
        ...

    async def create_missing(self, user_ids: Sequence[int]) -> None:
        """Insert empty rows for these users where none exists; never fails on one that does
        (replicas starting together back-fill the same users)."""
        ...


class Notifier(Protocol):
    """Sends messages the core decides on; implemented by the bot's outbound queue."""

    async def send_reminder(self, reminder: SitBreakReminder) -> Delivery: ...

    async def send_session_reminder(self, reminder: SessionReminder) -> Delivery: ...


class UnitOfWork(Protocol):
    """One transaction per use case. Repositories never commit; the unit of work does."""

    @property
    def users(self) -> UserRepository: ...

    @property
    def dialogs(self) -> DialogRepository: ...

    @property
    def updates(self) -> UpdateLog: ...

    @property
    def screenings(self) -> ScreeningRepository: ...

    @property
    def reps(self) -> RepEntryRepository: ...

    @property
    def pains(self) -> PainRepository: ...

    @property
    def breaks(self) -> BreakRepository: ...

    @property
    def workouts(self) -> WorkoutSessionRepository: ...

    @property
    def pictures(self) -> PictureFileRepository: ...

    @property
    def frozen_days(self) -> FrozenDayRepository: ...

    @property
    def message_exercises(self) -> MessageExerciseRepository: ...

    @property
    def summaries(self) -> WeeklySummaryRepository: ...

    @property
    def reminders(self) -> ReminderRepository: ...

    @property
    def user_data(self) -> UserDataExport: ...

    @property
    def operator(self) -> OperatorStats: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    """Opens a unit of work. ``read_only``: the use case only reads, so it needs no write
    lock (on SQLite it neither waits for nor blocks a writer); inside an update it joins the
    update's transaction all the same, to see what the update wrote."""

    def __call__(self, *, read_only: bool = False) -> UnitOfWork: ...
