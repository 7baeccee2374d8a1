"""A user's stored sit-break schedule and the message the dispatcher hands to the notifier.

The row is the schedule: ``next_due_at`` is when the next reminder is due (None: nothing is
due, e.g. a deactivated user), ``lease_until`` marks a reminder claimed by a dispatcher and
not yet confirmed as sent, ``lease_token`` says which claim holds it (the settle of any other
claim changes nothing). A crash between claim and confirmation leaves the lease in place;
once it expires the reminder is offered again (at-least-once, duplicates only in flight).
The daily session reminder has a lease and token of its own, so neither claim blocks the other.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum, StrEnum
from typing import Final

from coach.hold import Hold
from coach.reminders import SittingState


@dataclass(frozen=True, slots=True)
class ReminderState:
    user_id: int
    next_due_at: datetime | None = None
    lease_until: datetime | None = None
    last_reminder_at: datetime | None = None
    last_break_at: datetime | None = None
    sitting_since: datetime | None = None
    snoozed_until: datetime | None = None
    paused_until: datetime | None = None
    manual_sit_started_at: datetime | None = None
    answered_at: datetime | None = None
    """When the latest reminder got its answer; its buttons are spent after that."""
    session_due_at: datetime | None = None
    """The next daily session reminder (the user's chosen exercise time), or None."""
    last_session_at: datetime | None = None
    lease_token: str | None = None
    session_lease_until: datetime | None = None
    session_lease_token: str | None = None
    attempts: int = 0
    """Consecutive dispatches of this row that failed with an error (not a failed send)."""
    parked_at: datetime | None = None
    """Set when the row failed too often: nothing is due until the user changes something."""
    spread_minute: int | None = None
    """The UTC minute of the day of this user's first-reminder boundary (work start +
    interval), so users sharing it can be counted; None while no reminder is scheduled."""

    @property
    def sitting(self) -> SittingState:
        return SittingState(
            sitting_since=self.sitting_since,
            snoozed_until=self.snoozed_until,
            paused_until=self.paused_until,
            manual_sit_started_at=self.manual_sit_started_at,
        )

    def with_changes(self, **changes: object) -> ReminderState:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class SitBreakReminder:
    """What the notifier sends: everything it needs, so it never reads storage."""

    user_id: int
    chat_id: int
    language: str
    minutes: int
    """How long the person has been sitting (coach.reminders.sitting_minutes)."""
    stamp: int
    """Unix seconds of the send; buttons carry it, so only the latest reminder's buttons act."""
    deadline: datetime | None = None
    """The latest instant the message may leave; later it is not sent at all (NOT_SENT)."""
    zone_unknown: bool = False
    """The stored zone is missing from the tz database: the schedule runs in UTC, and the
    message asks the user to choose their city again."""


@dataclass(frozen=True, slots=True)
class SessionItem:
    """One exercise of the session a reminder lists: "Clamshells: 10 per side"."""

    exercise_id: str
    reps: int
    sided: bool
    """Done once per side; only then does the text say "per side"."""


@dataclass(frozen=True, slots=True)
class SessionReminder:
    """The daily "your session is still open" message."""

    user_id: int
    chat_id: int
    language: str
    deadline: datetime | None = None
    """As for ``SitBreakReminder``: not sent at all once this instant has passed."""
    hold: Hold | None = None
    """On a safety hold: the reminder says why the session is paused, no exercises."""
    zone_unknown: bool = False
    """As for ``SitBreakReminder``."""
    exercises: tuple[SessionItem, ...] = ()
    """The session at the user's level, in the order /workout does it."""


class Delivery(StrEnum):
    """How a send ended, as far as the core needs to know."""

    SENT = "sent"
    BLOCKED = "blocked"
    """The user blocked the bot (403): deactivate, never retry."""
    FAILED = "failed"
    """Timed out or refused for another reason: not retried (it may have arrived)."""
    NOT_SENT = "not_sent"
    """Certainly not sent (held past its deadline, stopped, or still rate limited after the
    last retry): released for another try while on time, else counted as missed."""


class Lease(StrEnum):
    """Which of a row's two leases a claim takes; storage knows where each is kept."""

    SIT_BREAK = "sit_break"
    SESSION = "session"


class Keep(Enum):
    """A settle field left as the row has it."""

    KEEP = "keep"


KEEP: Final = Keep.KEEP


@dataclass(frozen=True, slots=True)
class Settle:
    """How one claimed row is settled: the claim's lease is always released, and each field
    not left at ``KEEP`` is written (only while the claim's token still holds the lease)."""

    next_due_at: datetime | Keep | None = KEEP
    session_due_at: datetime | Keep | None = KEEP
    last_reminder_at: datetime | Keep = KEEP
    last_session_at: datetime | Keep = KEEP
    reset_attempts: bool = False
    """Set the row's count of failed dispatches back to 0."""

    @property
    def releases_only(self) -> bool:
        """Nothing but the lease changes: the row is offered again at its due time."""
        return self == RELEASE


RELEASE: Final = Settle()
