"""The daily session reminder: when it is due, and whether the day's goal is already met.

Pure: ``now`` comes in, instants are aware UTC. The reminder comes at the user's chosen local
time each day, only when the day's rep entries do not yet cover a full session.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from coach.activity import RepEntry
from coach.catalogue import Catalogue


def next_session_due(zone_key: str, wall: time, after: datetime) -> datetime:
    """The first instant strictly after ``after`` when the local clock in the zone reads ``wall``.

    A wall time skipped by a spring-forward is read with the offset before the jump (02:30
    becomes 03:30 after a 02:00→03:00 jump); a repeated wall time comes once, at its first
    occurrence.
    """
    if after.tzinfo is None:
        raise ValueError("after must be an aware datetime")
    zone = ZoneInfo(zone_key)
    day = after.astimezone(zone).date() - timedelta(days=1)
    for _ in range(4):
        instant = datetime.combine(day, wall, tzinfo=zone).astimezone(UTC)  # fold=0
        if instant > after:
            return instant
        day += timedelta(days=1)
    raise AssertionError("unreachable: a wall time occurs every day")


def goal_met(entries: Iterable[RepEntry], catalogue: Catalogue) -> bool:
    """True when the entries cover a full session: every exercise of a level, each side.

    An entry without a side counts for both sides ("10 clamshells"). The user's level comes
    from their session history; until that history is kept, a full session of any level
    meets the goal, so a user who trained is never nagged.
    """
    done: set[tuple[str, str | None]] = set()
    for entry in entries:
        if entry.reps <= 0:
            continue
        exercise = catalogue.exercises.get(entry.exercise_id)
        if exercise is None:
            continue
        sides = exercise.set_sides if entry.side is None else (entry.side,)
        done.update((entry.exercise_id, side) for side in sides)
    for level in catalogue.levels:
        if all(
            (exercise.id, side) in done
            for exercise in catalogue.session(level)
            for side in exercise.set_sides
        ):
            return True
    return False
