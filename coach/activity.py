"""What a user did, as stored facts: reps, pain check-ins and sit-break events.

These are the raw history every derived number comes from (streaks, the progression ladder,
`/stats`, `/export`), so nothing here is a counter: rows are appended, and `/undo` or
`/delete` remove rows. Each carries the user's local date at the time it happened, because
streaks and charts live in the user's calendar, and the aware UTC instant it was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class EntrySource(StrEnum):
    """How a rep entry reached the bot."""

    REPLY = "reply"
    """A plain chat reply such as "8 L 10 R"."""
    BUTTON = "button"
    """A Done button outside a walkthrough (e.g. on a reminder)."""
    WALKTHROUGH = "walkthrough"
    """A set finished inside a guided walkthrough."""


class PainContext(StrEnum):
    """When a pain score was asked for."""

    HURTS = "hurts"
    """After "This hurts" during an exercise."""
    AFTER_SESSION = "after_session"
    """"How is your back now?" at the end of a session."""
    CHECK_IN = "check_in"
    """Any other time the user reported pain (e.g. a weekly check-in)."""


class BreakKind(StrEnum):
    """What happened with a sit-break reminder."""

    PROMPTED = "prompted"
    """A reminder was sent."""
    TAKEN = "taken"
    """The user reported a break (Done, Start break, or movement)."""
    SNOOZED = "snoozed"
    MEETING = "meeting"
    SKIPPED = "skipped"
    MISSED = "missed"
    """Due while the bot could not send it in time; dropped, never delivered late."""


@dataclass(frozen=True, slots=True)
class RepEntry:
    """`reps` repetitions of one exercise, on one side when the exercise has sides."""

    user_id: int
    exercise_id: str
    side: str | None
    """"left", "right" or None (both legs at once, or not stated)."""
    reps: int
    source: EntrySource
    local_date: date
    recorded_at: datetime
    session_id: str | None = None
    """The walkthrough session this set belongs to, if any."""
    id: int | None = None
    """Set by storage once stored."""


@dataclass(frozen=True, slots=True)
class PainCheckIn:
    user_id: int
    pain: int
    """0 (none) to 10."""
    context: PainContext
    local_date: date
    recorded_at: datetime
    exercise_id: str | None = None
    session_id: str | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class BreakEvent:
    user_id: int
    kind: BreakKind
    local_date: date
    recorded_at: datetime
    id: int | None = None
