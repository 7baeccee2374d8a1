"""What an operator may see of the bot: counts only, never a person or their health data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Final

ACTIVE_WINDOW: Final = timedelta(days=7)
"""A user is "active" with a rep logged or a break reported within this time."""
REMINDER_WINDOW: Final = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Overview:
    """The `/admin` numbers, all aggregates over every user."""

    users: int
    onboarded: int
    active_7d: int
    on_hold: int
    """Users whose latest screening carries a safety hold."""
    paused: int
    """Users who paused their reminders (until a later time than now)."""
    blocked: int
    """Users the bot may not write to (they blocked it, or never finished /start)."""
    reminders_sent_24h: int
    reminders_missed_24h: int
    reminders_parked: int
    summaries_parked: int
    due_backlog: int
    """Sit-break reminders due now and not yet claimed."""
