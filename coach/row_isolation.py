"""One broken row never blocks the others: the policy every scheduled send shares.

Sit-break reminders, session reminders and weekly summaries each claim rows of many users
and handle them one by one. A row that raises is logged by user id and error type only,
counted, held back with a growing backoff and, after `MAX_ATTEMPTS` failures in a row,
parked until something about the user changes. The rows live in different tables; the
policy is this one.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Final

MAX_ATTEMPTS: Final = 5
"""Failed tries in a row of one row before it is parked."""
BACKOFF_BASE: Final = timedelta(minutes=1)
BACKOFF_MAX: Final = timedelta(hours=1)


def backoff(attempts: int) -> timedelta:
    """How long a row that failed ``attempts`` times in a row waits before the next try."""
    doubled: timedelta = BACKOFF_BASE * (2 ** min(max(attempts - 1, 0), 10))
    return min(doubled, BACKOFF_MAX)


def should_park(attempts: int | None) -> bool:
    """Park after `MAX_ATTEMPTS` failures in a row (None: the row was not ours to count)."""
    return attempts is not None and attempts >= MAX_ATTEMPTS


def log_broken(log: logging.Logger, what: str, user_id: int, error: Exception) -> None:
    """The user id and the kind of error only: never the row's or the profile's content."""
    log.warning("the %s of user %s cannot be handled (%s)", what, user_id, type(error).__name__)


def log_parked(log: logging.Logger, what: str, user_id: int, attempts: int) -> None:
    log.warning("the %s of user %s failed %s times and is parked", what, user_id, attempts)
