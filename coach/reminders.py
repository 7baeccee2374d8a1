"""When the next sit-break reminder is due.

The database stores one due instant per user; this module computes it. Everything here is
pure: the current instant comes in as an argument and every instant is an aware datetime,
returned in UTC. Intervals are measured in real elapsed time (UTC arithmetic), while the
work window is defined in local wall-clock time, so 09:00 stays 09:00 across DST changes
and a repeated hour never yields an extra reminder.

How the caller drives it:

* after sending a reminder at ``sent_at`` store
  ``next_due(schedule, state, now=sent_at, last_reminder_at=sent_at)``; an ignored reminder
  is followed by the next one ``interval`` later because sitting continues;
* after any state change (break reported, snooze, pause, settings) recompute with the
  same ``last_reminder_at`` as before;
* a reminder found overdue by more than the grace window (``is_too_late``) is dropped, not
  sent; recompute with the unchanged ``last_reminder_at`` and the series simply continues.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAYS: frozenset[int] = frozenset(range(5))
"""Monday to Friday, with 0 = Monday as in ``date.weekday()``."""

MIN_INTERVAL = timedelta(minutes=1)
SPREAD_RATE_PER_SECOND = 25
"""The sustained send rate the first-reminder spread plans for: under Telegram's 30 a second,
so replies and later reminders still get through while a crowd's first reminders go out."""
SPREAD_STEP = timedelta(minutes=1)
"""The spread window's granularity: the narrowest window, and the unit it widens by."""
SKIPS_BEFORE_ASKING = 3
MAX_PAUSE_DAYS = 60

# A window whose interval does not fit may still fit on the one day a year with a long
# (fall-back) window, so look a full year ahead before concluding nothing is ever due.
_SEARCH_DAYS = 370


def _zone(key: str) -> ZoneInfo:
    """Load an IANA zone, turning every lookup failure into one ValueError for callers."""
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown time zone: {key!r}") from exc


def _utc(instant: datetime, name: str) -> datetime:
    """Normalise to UTC and reject naive datetimes, whose meaning would be a guess."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")
    return instant.astimezone(UTC)


def _opt_utc(instant: datetime | None, name: str) -> datetime | None:
    return None if instant is None else _utc(instant, name)


@dataclass(frozen=True, slots=True)
class WorkSchedule:
    """A user's work days and hours; reminders only ever fall inside them.

    ``end`` must be after ``start`` on the same day: overnight shifts are not supported.
    """

    timezone: str
    work_days: frozenset[int] = field(default=WEEKDAYS)
    start: time = time(9, 0)
    end: time = time(17, 0)
    interval: timedelta = timedelta(minutes=60)

    def __post_init__(self) -> None:
        _zone(self.timezone)
        if not isinstance(self.work_days, frozenset):
            raise ValueError("work_days must be a frozenset of weekday numbers")
        for day in self.work_days:
            if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
                raise ValueError(f"work day {day!r} is not a weekday number 0 (Mon) to 6 (Sun)")
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("work hours are local wall-clock times; pass naive times")
        for bound in (self.start, self.end):
            if bound.second or bound.microsecond:
                raise ValueError("work hours are whole minutes, e.g. 09:00 or 17:30")
        if self.end <= self.start:
            raise ValueError(
                f"work hours must end after they start on the same day "
                f"(got {self.start:%H:%M}–{self.end:%H:%M}); overnight shifts are not supported"
            )
        if self.interval < MIN_INTERVAL:
            raise ValueError("the sitting interval must be at least 1 minute")

    @property
    def zone(self) -> ZoneInfo:
        """The schedule's zone (ZoneInfo caches instances, so this is cheap)."""
        return ZoneInfo(self.timezone)


@dataclass(frozen=True, slots=True)
class SittingState:
    """What the user told us lately; all fields are aware instants.

    * ``sitting_since``: last reported movement or break, or the start of a ``/sit`` timer
      inside work hours; the sitting timer never starts before the work window.
    * ``snoozed_until``: a snoozed reminder comes back then (inside work hours only); the
      snooze is spent once a reminder is sent at or after it.
    * ``paused_until``: the end of a pause; nothing is due before it.
    * ``manual_sit_started_at``: a ``/sit`` timer started outside work hours; it yields one
      reminder ``interval`` later, even outside work hours or on a day off, and then ends.
    """

    sitting_since: datetime | None = None
    snoozed_until: datetime | None = None
    paused_until: datetime | None = None
    manual_sit_started_at: datetime | None = None


def _local_boundary(zone: ZoneInfo, day: date, wall: time, *, later: bool) -> datetime:
    """The UTC instant at which local wall time ``wall`` begins on ``day``.

    A wall time skipped by a spring-forward maps to the transition itself (the first
    instant after the gap). A repeated wall time maps to its earlier occurrence, or to the
    later one when ``later`` is set: window starts use the later occurrence so that the
    clock cannot fall back below the start once the window is open.
    """
    first = datetime.combine(day, wall, tzinfo=zone).replace(fold=0).astimezone(UTC)
    second = datetime.combine(day, wall, tzinfo=zone).replace(fold=1).astimezone(UTC)
    if first == second:
        return first
    if first < second:  # repeated wall time
        return second if later else first
    # Skipped wall time: `second` (read with the new offset) lies before the transition,
    # `first` (read with the old offset) after it. Bisect to the second; no zone changes
    # offset at a fractional second.
    lo, hi = second, first
    before = lo.astimezone(zone).utcoffset()
    while hi - lo > timedelta(seconds=1):
        mid = lo + timedelta(seconds=int((hi - lo).total_seconds()) // 2)
        if mid.astimezone(zone).utcoffset() == before:
            lo = mid
        else:
            hi = mid
    return hi


def work_window(schedule: WorkSchedule, day: date) -> tuple[datetime, datetime] | None:
    """The UTC half-open interval of work on local ``day``, or None on a day off.

    Every instant in the window reads between ``start`` (inclusive) and ``end`` (exclusive)
    on the local clock, even on DST transition days; the window may be empty there.
    """
    if day.weekday() not in schedule.work_days:
        return None
    zone = schedule.zone
    opens = _local_boundary(zone, day, schedule.start, later=True)
    closes = _local_boundary(zone, day, schedule.end, later=False)
    return opens, closes


def _roll_past(candidate: datetime, now: datetime, step: timedelta) -> datetime:
    """Move a missed due forward by whole intervals so it lands strictly after ``now``."""
    if candidate > now:
        return candidate
    missed = (now - candidate) // step + 1
    return candidate + missed * step


def _max(*instants: datetime | None) -> datetime:
    return max(i for i in instants if i is not None)


def next_due(
    schedule: WorkSchedule,
    state: SittingState,
    now: datetime,
    last_reminder_at: datetime | None = None,
    offset: timedelta = timedelta(0),
) -> datetime | None:
    """The next instant a sit-break reminder is due, strictly after ``now``, in UTC.

    Inside a work window the user is assumed to sit from
    ``max(window start + offset, sitting_since, paused_until)``; the reminder is due one
    ``interval`` later, and at least one ``interval`` after ``last_reminder_at`` (sitting
    continues through an ignored reminder). An active snooze replaces that spacing rule:
    the due is then ``max(sitting due, snoozed_until)``. A due that is not before the
    window's end moves to the next work day. A due that has already passed (bot down,
    settings changed) moves on by whole intervals rather than firing at once.

    ``offset`` (see ``spread_offset``) shifts only the work-start anchor, never a
    snooze or a reported break.

    A ``/sit`` timer outside work hours gives one reminder ``interval`` after it started,
    whatever the hours; it is dropped if that moment is missed, falls in a pause, or a
    reminder was already sent at or after it. Returns None when nothing can ever be due.
    """
    now = _utc(now, "now")
    last = _opt_utc(last_reminder_at, "last_reminder_at")
    sitting = _opt_utc(state.sitting_since, "sitting_since")
    snooze = _opt_utc(state.snoozed_until, "snoozed_until")
    paused = _opt_utc(state.paused_until, "paused_until")
    manual = _opt_utc(state.manual_sit_started_at, "manual_sit_started_at")
    if offset < timedelta(0):
        raise ValueError("offset must not be negative")
    step = schedule.interval

    snooze_active = snooze is not None and (last is None or snooze > last)
    if snooze_active:
        lower = snooze
    elif last is not None:
        lower = last + step
    else:
        lower = None

    manual_due: datetime | None = None
    if manual is not None:
        due = manual + step
        sent = last is not None and last >= due
        if not sent and due > now and (paused is None or due >= paused):
            manual_due = due

    work_due = _next_work_due(schedule, now, sitting, paused, lower, offset)
    if manual_due is None:
        return work_due
    if work_due is None:
        return manual_due
    return min(manual_due, work_due)


def _next_work_due(
    schedule: WorkSchedule,
    now: datetime,
    sitting: datetime | None,
    paused: datetime | None,
    lower: datetime | None,
    offset: timedelta,
) -> datetime | None:
    """The first due inside a work window; see ``next_due``."""
    if not schedule.work_days:
        return None
    step = schedule.interval
    earliest = _max(now, paused)
    day = earliest.astimezone(schedule.zone).date()
    for _ in range(_SEARCH_DAYS):
        window = work_window(schedule, day)
        day += timedelta(days=1)
        if window is None:
            continue
        opens, closes = window
        if closes <= earliest:
            continue
        anchor = _max(opens + offset, sitting, paused)
        candidate = _max(anchor + step, lower)
        candidate = _roll_past(candidate, now, step)
        if candidate < closes:
            return candidate
    return None


def first_boundary(schedule: WorkSchedule, now: datetime) -> datetime | None:
    """Where the day's first reminder falls before any spread: work start + interval.

    Taken from the first work window that has not closed at ``now`` (today's, or the next
    work day's); None when no work day is ahead or the interval does not fit that window.
    Users whose boundaries share a UTC minute are the crowd ``spread_window`` sizes for.
    """
    now = _utc(now, "now")
    if not schedule.work_days:
        return None
    day = now.astimezone(schedule.zone).date()
    for _ in range(8):
        window = work_window(schedule, day)
        day += timedelta(days=1)
        if window is None or window[1] <= now:
            continue
        opens, closes = window
        boundary = opens + schedule.interval
        return boundary if boundary < closes else None
    return None


def boundary_minute(boundary: datetime) -> int:
    """The UTC minute of the day (0..1439) a boundary falls in: the key users are counted by."""
    instant = _utc(boundary, "boundary")
    return instant.hour * 60 + instant.minute


def fits_work_hours(start: time, end: time, interval: timedelta) -> bool:
    """Whether a first reminder (``interval`` after work starts) comes before work ends.

    Measured on the wall clock; when it does not, the user gets no sit-break reminder at all.
    """
    length = datetime.combine(date.min, end) - datetime.combine(date.min, start)
    return length > interval


def spread_window(
    schedule: WorkSchedule, sharing: int, rate: int = SPREAD_RATE_PER_SECOND
) -> timedelta:
    """How widely the first reminders of ``sharing`` users with one boundary are spread.

    The narrowest window that keeps them at ``rate`` a second: ``sharing / rate`` seconds,
    rounded up to whole minutes and at least one, so a few users get their first reminder
    within a minute of work start + interval. It never exceeds the interval (beyond that
    the crowd simply runs above ``rate``, still under Telegram's limit up to 108,000 users
    an hour) nor the room the work window leaves after the first interval, so a wide
    spread never pushes a first reminder past the end of work.
    """
    if rate <= 0:
        raise ValueError("rate must be positive")
    step = int(SPREAD_STEP.total_seconds())
    needed = SPREAD_STEP * math.ceil(max(sharing, 1) / (rate * step))
    length = datetime.combine(date.min, schedule.end) - datetime.combine(date.min, schedule.start)
    room = length - schedule.interval
    return max(SPREAD_STEP, min(needed, schedule.interval, room))


def spread_offset(user_id: int, window: timedelta) -> timedelta:
    """A stable per-user offset in ``[0, window)``; see ``spread_window`` for the window.

    Users with identical settings would otherwise all be due in the same second at the
    work-start boundary. Uses a cryptographic hash, not ``hash()``, so the offset is the
    same in every process and across restarts. Resolution is one second.
    """
    if window <= timedelta(0):
        raise ValueError("window must be positive")
    span = int(window.total_seconds())
    if span <= 0:
        return timedelta(0)
    digest = hashlib.sha256(str(user_id).encode("ascii")).digest()
    return timedelta(seconds=int.from_bytes(digest[:8], "big") % span)


def _start_of_local_day(zone: ZoneInfo, day: date) -> datetime:
    """The first instant of a local date, even where midnight is skipped or repeated."""
    return _local_boundary(zone, day, time(0, 0), later=False)


def pause_for(now: datetime, duration: timedelta) -> datetime:
    """End of a pause of ``duration`` from ``now`` (e.g. "In a meeting", 1 h)."""
    if duration <= timedelta(0):
        raise ValueError("a pause must last a positive time")
    return _utc(now, "now") + duration


def pause_rest_of_day(schedule: WorkSchedule, now: datetime) -> datetime:
    """End of a pause for the rest of today: the next local midnight, in UTC."""
    return pause_days(schedule, now, 1)


def pause_days(schedule: WorkSchedule, now: datetime, days: int) -> datetime:
    """End of a pause of ``days`` local days, today counting as the first one.

    ``days=1`` is the rest of today; ``days=3`` on a Monday resumes on Thursday at local
    midnight. Limited to 1..60 so a typo cannot silence reminders for good.
    """
    if isinstance(days, bool) or not 1 <= days <= MAX_PAUSE_DAYS:
        raise ValueError(f"a pause lasts 1 to {MAX_PAUSE_DAYS} days, got {days!r}")
    zone = schedule.zone
    today = _utc(now, "now").astimezone(zone).date()
    return _start_of_local_day(zone, today + timedelta(days=days))


def local_date(schedule_tz: str, instant: datetime) -> date:
    """The user's calendar date at ``instant``; skips are counted per local day."""
    return _utc(instant, "instant").astimezone(_zone(schedule_tz)).date()


def should_ask_why(skips_today: int) -> bool:
    """After 3 skips in one local day, ask why and offer a 30-second alternative instead."""
    if skips_today < 0:
        raise ValueError("skips_today must not be negative")
    return skips_today >= SKIPS_BEFORE_ASKING


def is_too_late(due_at: datetime, now: datetime, grace: timedelta) -> bool:
    """True if a reminder is overdue by more than ``grace``: it is dropped, never burst out."""
    if grace < timedelta(0):
        raise ValueError("grace must not be negative")
    return _utc(now, "now") - _utc(due_at, "due_at") > grace


def sitting_started(schedule: WorkSchedule, state: SittingState, now: datetime) -> datetime:
    """Since when the person has been sitting at ``now``, as ``next_due`` assumes it.

    The latest of: the last reported break (``sitting_since``: Done, a finished desk break,
    logged reps, ``/sit``), the start of today's work window (inside work hours the coach
    assumes sitting, PRODUCT.md §3), the end of a pause such as a meeting, and a ``/sit``
    timer started outside work hours. A snooze or a skip does not end the sitting: the
    person stayed in the chair. With none of these, ``now``.
    """
    now = _utc(now, "now")
    candidates: list[datetime] = []
    window = work_window(schedule, now.astimezone(schedule.zone).date())
    if window is not None and window[0] <= now:
        candidates.append(window[0])
    for name, instant in (
        ("sitting_since", state.sitting_since),
        ("paused_until", state.paused_until),
        ("manual_sit_started_at", state.manual_sit_started_at),
    ):
        moment = _opt_utc(instant, name)
        if moment is not None and moment <= now:
            candidates.append(moment)
    return max(candidates, default=now)


def sitting_minutes(schedule: WorkSchedule, state: SittingState, now: datetime) -> int:
    """Whole minutes of sitting at ``now`` (at least 1: a reminder never says "0 minutes")."""
    elapsed = _utc(now, "now") - sitting_started(schedule, state, now)
    return max(1, int(elapsed.total_seconds() // 60))


def hours_and_minutes(minutes: int) -> tuple[int, int]:
    """A duration in natural units: 75 → (1, 15), 120 → (2, 0), 45 → (0, 45)."""
    if minutes < 0:
        raise ValueError("a duration must not be negative")
    return divmod(minutes, 60)
