"""What the reminder use cases return: views the bot renders, and a dispatcher tick's report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# ---- views -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BreakTaken:
    """A break was reported; the sitting timer starts again."""

    minutes: int
    started: bool = False
    """True for Start break: the prompt to stand up and squeeze follows."""
    at: datetime | None = None
    """When the button was pressed; the reminder then says so, in the user's zone."""
    timezone: str = "UTC"


@dataclass(frozen=True)
class Snoozed:
    until: datetime
    timezone: str


@dataclass(frozen=True)
class InMeeting:
    until: datetime
    timezone: str


@dataclass(frozen=True)
class Skipped:
    ask_why: bool
    at: datetime | None = None
    """When Skip was pressed; the reminder then says so, in the user's zone."""
    timezone: str = "UTC"


@dataclass(frozen=True)
class WhyAnswered:
    reason: str
    paused_until: datetime | None
    timezone: str
    exercises: bool = True
    """False while exercises are closed (a hold, or the screening): suggest walking only."""


@dataclass(frozen=True)
class SitStarted:
    due: datetime | None
    minutes: int
    timezone: str


@dataclass(frozen=True)
class PauseMenu:
    paused_until: datetime | None
    timezone: str


@dataclass(frozen=True)
class AskPauseDays:
    hint: bool = False


@dataclass(frozen=True)
class Paused:
    until: datetime
    timezone: str
    whole_days: bool = False
    """Until a local midnight: said as "until Monday 14 Dec, start of work"."""


@dataclass(frozen=True)
class Resumed:
    was_paused: bool
    due: datetime | None
    timezone: str


@dataclass(frozen=True)
class NotReady:
    """The user has not finished setting up; reminders need work hours and a time zone."""


@dataclass(frozen=True)
class Expired:
    """A stale or forged button."""


View = (
    BreakTaken
    | Snoozed
    | InMeeting
    | Skipped
    | WhyAnswered
    | SitStarted
    | PauseMenu
    | AskPauseDays
    | Paused
    | Resumed
    | NotReady
    | Expired
)


@dataclass(frozen=True)
class DispatchReport:
    """What one dispatcher tick did; the scheduler logs it, tests count it."""

    claimed: int = 0
    sent: int = 0
    missed: int = 0
    blocked: int = 0
    failed: int = 0
    dropped: int = 0
    """Claimed but no longer deliverable (user gone, inactive or not set up)."""
    not_sent: int = 0
    """Certainly not sent (held past the deadline, or stopping): released or missed."""
    errors: int = 0
    """Rows that raised while being dispatched; retried with backoff, then parked."""
    parked: int = 0
    unconfirmed: int = 0
    """Rows whose settle the database never took (sent or not, they are not counted above):
    they keep their lease, and once it ends they are offered again."""
