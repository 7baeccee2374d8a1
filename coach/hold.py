"""The safety hold: a stop the coach announced, stored until a re-screen clears it.

Anything that says "stop" puts the user on a hold (PRODUCT.md §7): pain of 6 or more, a new
symptom (by button or in a typed reply), or pain 2 or more points above the last screening.
While held, no exercise content is shown anywhere and typed reps are not logged; the streak
is frozen, not broken. The hold belongs to the latest screening, so the next finished
screening starts without one (and, after a symptom, needs a doctor's clearance first).
Pure: the instant comes in as an argument.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Final

__all__ = [
    "PAIN_RISE",
    "STOP_PAIN",
    "Hold",
    "HoldReason",
    "held_days",
    "hold_for_pain",
    "hold_for_symptom",
    "stronger",
]

STOP_PAIN: Final = 6
"""The red light of the traffic light (our rule: 6 or more means stop)."""
PAIN_RISE: Final = 2
"""Points above the last screening's pain that mean "re-check before going on"."""


class HoldReason(StrEnum):
    PAIN = "pain"
    """Pain of 6 or more."""
    PAIN_RISE = "pain_rise"
    """Pain 2 or more points above the last screening's pain."""
    SYMPTOM = "symptom"
    """A new symptom: leg pain, numbness, tingling, weakness."""
    URGENT = "urgent"
    """Bladder, bowel or saddle-area trouble, or symptoms in both legs: urgent care today."""

    @property
    def needs_doctor(self) -> bool:
        """A symptom means seek medical advice: lifting it needs a doctor's clearance too."""
        return self in (HoldReason.SYMPTOM, HoldReason.URGENT)


_RANK: Final = {
    HoldReason.PAIN_RISE: 0,
    HoldReason.PAIN: 1,
    HoldReason.SYMPTOM: 2,
    HoldReason.URGENT: 3,
}


@dataclass(frozen=True, slots=True)
class Hold:
    reason: HoldReason
    since: datetime
    """When the first stop of this hold was announced (aware UTC)."""
    pain: int | None = None
    """The pain score that caused it, for pain holds."""
    baseline: int | None = None
    """The last screening's pain, for a pain rise."""

    def __post_init__(self) -> None:
        if self.since.tzinfo is None or self.since.utcoffset() is None:
            raise ValueError("since must be an aware datetime")


def hold_for_pain(pain: int, baseline: int | None, now: datetime) -> Hold | None:
    """The hold a pain score causes: 6 or more, or 2 or more above the baseline; else None."""
    if pain >= STOP_PAIN:
        return Hold(HoldReason.PAIN, now, pain=pain, baseline=baseline)
    if baseline is not None and pain >= baseline + PAIN_RISE:
        return Hold(HoldReason.PAIN_RISE, now, pain=pain, baseline=baseline)
    return None


def hold_for_symptom(urgent: bool, now: datetime) -> Hold:
    return Hold(HoldReason.URGENT if urgent else HoldReason.SYMPTOM, now)


def stronger(current: Hold | None, new: Hold) -> Hold:
    """The hold to keep: the graver reason, but the time the hold began stays the first one."""
    if current is None:
        return new
    if _RANK[new.reason] > _RANK[current.reason]:
        return Hold(new.reason, current.since, new.pain, new.baseline)
    return current


def held_days(
    spans: Iterable[tuple[datetime, datetime | None]],
    today: date,
    local: Callable[[datetime], date],
) -> set[date]:
    """The local days a hold touched: they freeze the streak instead of breaking it.

    A span without an end is still in force (up to `today`); `local` turns an instant into
    the user's calendar day. A day that was also met still counts as met (coach.streaks).
    """
    days: set[date] = set()
    for start, end in spans:
        day = local(start)
        last = local(end) if end is not None else today
        while day <= last:
            days.add(day)
            day += timedelta(days=1)
    return days
