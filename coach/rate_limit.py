"""Pure logic of the outbound send limiter.

Telegram allows about 30 messages a second per bot and, inside one chat, about one a second
with short bursts tolerated (Bot FAQ, docs/ARCHITECTURE.md quotes it). Going over earns a
``RetryAfter``. The asyncio outbound queue asks ``SendLimiter.delay_for`` how long to wait,
sleeps that long, asks again, and calls ``record_send`` once the message may go out. Time
is a monotonic float clock (seconds) passed in by the caller, so the rules are tested without
waiting; calls must come with non-decreasing ``now`` values.

Per chat, a reply spends a token of a small bucket (``reply_burst`` tokens, refilled at one
per ``per_chat_interval``), so a reply of two or three messages arrives at once; a reminder
keeps the strict rule: at least ``per_chat_interval`` after the chat's last message.

Spreading (``spread=True``, what the outbound queue uses) does two things. The grants are
handed out one every ``window / global_per_second`` seconds (two at most at once) instead of
a window's worth at once. And a slot of the window is free again only ``window`` after the
call that held it *returned* (``record_return``), not after it was granted: Telegram judges
a strict sliding second on arrival, an arrival lies between the grant and the return, so 31
sends can then never arrive within one second, however late a call reaches the server
(a busy machine, a slow network). The rate follows: 30 per window plus one round trip.

Queue order: items carry a ``Priority``; the queue pops the lowest value first and, within
one priority, the oldest item (e.g. heap entries ``(priority, sequence, item)``), so replies
to users always go ahead of scheduled reminders.
"""

from __future__ import annotations

import itertools
import math
from collections import deque
from dataclasses import dataclass
from enum import IntEnum
from typing import Protocol

WINDOW_SECONDS = 1.0
# Telegram counts arrivals, not our grants: 30 granted the instant the oldest send of the last
# second turns 1.000 s old can arrive a few milliseconds apart in a different order and make
# 31 in a second (`make bench` against the enforcing fake server: 305 × 429 in 3,305 sends).
# The outbound queue counts its 30 over this longer window: 100 ms of jitter absorbed, still
# 27 a second.
SAFE_WINDOW_SECONDS = 1.1
# Spread grants free a slot this long after its call returned: 1 s exactly is what Telegram
# allows (an arrival lies between grant and return), 5 ms on top for rounding. So 30 per
# (1.005 s + a round trip): 29 a second with a 30 ms round trip, never 31 in a second.
SPREAD_WINDOW_SECONDS = 1.005
REPLY_BURST = 3


class Priority(IntEnum):
    """Send order in the outbound queue: lower values go first."""

    REPLY = 0
    REMINDER = 1


def is_strict(priority: int) -> bool:
    """Reminders (and anything below replies) keep one message per interval per chat."""
    return priority != Priority.REPLY


IN_FLIGHT_LIMIT_SECONDS = 60.0
"""A call not reported returned after this long counts as returned then (a lost report must
not hold its slot forever; Bot API calls time out well before)."""


@dataclass(slots=True)
class _Sent:
    ticket: int
    sent_at: float
    returned_at: float | None
    """When the call returned (the grant time when returns are not tracked)."""

    @property
    def counts_from(self) -> float:
        if self.returned_at is None:
            return self.sent_at + IN_FLIGHT_LIMIT_SECONDS
        return self.returned_at


class SendPermit(Protocol):
    """A send budget shared with other processes (replicas), asked after the local rules.

    ``take`` either grants (returns 0.0; the send is counted) or refuses and returns the
    seconds after which asking again may succeed. The rules alone never refuse for longer
    than the window or the per-chat interval; a longer refusal is a pause.
    """

    async def prepare(self) -> None:
        """Set up what the budget keeps (once the database is migrated), so the first sends
        need not."""
        ...

    async def take(self, chat_id: int, *, strict: bool) -> float: ...

    async def pause(self, seconds: float) -> None:
        """Telegram asked for a pause: no replica may send for ``seconds`` from now."""
        ...

    async def forget(self, chat_id: int) -> None:
        """Remove what is kept about ``chat_id`` (its user deleted their data)."""
        ...

    async def close(self) -> None: ...


class SendLimiter:
    """At most ``global_per_second`` sends in any sliding ``window`` overall (with ``spread``,
    counted from each call's return, and one every ``window / global_per_second`` on
    average, two at most at once); per chat a
    bucket of ``reply_burst`` tokens refilled one per ``per_chat_interval`` for replies, and
    at least ``per_chat_interval`` seconds since the chat's last send for reminders; nothing
    while a ``RetryAfter`` pause lasts.

    Memory is bounded by the chats that sent within the last ``reply_burst *
    per_chat_interval`` seconds (at most about ``global_per_second`` times that), not by the
    number of users: an older chat's bucket is full again, the same as a chat never seen.
    """

    def __init__(
        self,
        global_per_second: int = 30,
        per_chat_interval: float = 1.0,
        reply_burst: int = REPLY_BURST,
        window: float = WINDOW_SECONDS,
        *,
        spread: bool = False,
    ) -> None:
        if isinstance(global_per_second, bool) or global_per_second < 1:
            raise ValueError("global_per_second must be a positive integer")
        if not math.isfinite(per_chat_interval) or per_chat_interval <= 0:
            raise ValueError("per_chat_interval must be a positive number of seconds")
        if isinstance(reply_burst, bool) or reply_burst < 1:
            raise ValueError("reply_burst must be a positive integer")
        if not math.isfinite(window) or window < WINDOW_SECONDS:
            raise ValueError("window must be at least one second")
        self._limit = global_per_second
        self._window = window
        self._chat_interval = per_chat_interval
        self._burst = reply_burst
        # Spreading: the earliest next grant, one pace after the last. A grant that came
        # late (the worker woke late) lets the next one catch up by up to one pace, so
        # wake-up lateness does not add up over a backlog (a token bucket holding two).
        self._pace = window / global_per_second if spread else 0.0
        self._next_grant = -math.inf
        # The last `limit` sends, oldest first; the oldest bounds the next send. Without
        # spreading a send counts from its grant (`returned_at` is the grant time); with it,
        # from its return, and older sends still in flight, or returned later than the
        # oldest here, bound it too (`_older_in_flight`, `_older_returned`).
        self._track_returns = spread
        self._recent: deque[_Sent] = deque()
        self._in_flight: dict[int, _Sent] = {}
        self._older_in_flight: dict[int, _Sent] = {}
        self._older_returned = -math.inf
        self._tickets = itertools.count()
        # Per chat: (tokens left right after its last send, time of that send). Dicts keep
        # insertion order and a chat is re-inserted on each send, so the oldest entries sit
        # at the front and pruning stops at the first one that may still limit.
        self._chats: dict[int, tuple[float, float]] = {}
        self._paused_until = -math.inf
        # Chats Telegram paused alone (a 429 for a group): end of each pause, until it ends.
        self._chat_pauses: dict[int, float] = {}

    @property
    def tracked_chats(self) -> int:
        """How many chats are remembered; stays small however many users there are."""
        return len(self._chats)

    @property
    def paused_until(self) -> float:
        """End of the current ``RetryAfter`` pause (``-inf`` if none was ever set)."""
        return self._paused_until

    def delay_for(self, chat_id: int, now: float, priority: int = Priority.REPLY) -> float:
        """Seconds to wait before a message of ``priority`` may go to ``chat_id``; 0.0 if now."""
        self._prune(now)
        allowed_at = max(self._paused_until, self._chat_pauses.get(chat_id, -math.inf))
        if len(self._recent) >= self._limit:
            allowed_at = max(allowed_at, self._window_start() + self._window)
        allowed_at = max(allowed_at, self._next_grant)
        state = self._chats.get(chat_id)
        if state is not None:
            tokens, last = state
            if is_strict(priority):
                allowed_at = max(allowed_at, last + self._chat_interval)
            elif tokens < 1.0:
                allowed_at = max(allowed_at, last + (1.0 - tokens) * self._chat_interval)
        return max(0.0, allowed_at - now)

    def _window_start(self) -> float:
        """When the send the next grant would push out of the window, or any older one,
        counts from (its return; while in flight, ``IN_FLIGHT_LIMIT_SECONDS`` after it)."""
        start = max(self._older_returned, self._recent[0].counts_from)
        for sent in self._older_in_flight.values():
            start = max(start, sent.counts_from)
        return start

    def record_send(self, chat_id: int, now: float) -> int:
        """Note that a message to ``chat_id`` went out at ``now`` (it spends one token).

        Returns the send's ticket for ``record_return`` (needed with ``spread``).
        """
        self._prune(now)
        sent = _Sent(next(self._tickets), now, None if self._track_returns else now)
        if len(self._recent) >= self._limit:
            older = self._recent.popleft()
            if older.returned_at is None:
                self._older_in_flight[older.ticket] = older
            else:
                self._older_returned = max(self._older_returned, older.returned_at)
        self._recent.append(sent)
        if self._track_returns:
            self._in_flight[sent.ticket] = sent
        if self._pace:
            self._next_grant = max(self._next_grant, now - self._pace) + self._pace
        tokens = self._tokens(chat_id, now)
        self._chats.pop(chat_id, None)
        self._chats[chat_id] = (tokens - 1.0, now)
        return sent.ticket

    def record_return(self, ticket: int, now: float) -> None:
        """The call of ``ticket`` returned (answered, failed or never made) at ``now``."""
        sent = self._in_flight.pop(ticket, None)
        if sent is None:
            return
        sent.returned_at = now
        if self._older_in_flight.pop(ticket, None) is not None:
            self._older_returned = max(self._older_returned, now)

    @property
    def in_flight(self) -> int:
        """Granted sends not yet returned (tracked with ``spread`` only)."""
        return len(self._in_flight)

    def pause_until(self, t: float) -> None:
        """Hold every send until ``t`` (after a ``RetryAfter``); never shortens a pause."""
        self._paused_until = max(self._paused_until, t)

    def pause_chat_until(self, chat_id: int, t: float) -> None:
        """Hold sends to one chat until ``t`` (a ``RetryAfter`` for that chat alone)."""
        self._chat_pauses[chat_id] = max(self._chat_pauses.get(chat_id, -math.inf), t)

    def chat_paused_until(self, chat_id: int) -> float:
        return self._chat_pauses.get(chat_id, -math.inf)

    @property
    def paused_chats(self) -> int:
        """Chats held by a pause of their own; each is forgotten when its pause ends."""
        return len(self._chat_pauses)

    def forget(self, chat_id: int) -> None:
        """Drop what is kept about one chat (its user deleted their data)."""
        self._chats.pop(chat_id, None)

    def _tokens(self, chat_id: int, now: float) -> float:
        state = self._chats.get(chat_id)
        if state is None:
            return float(self._burst)
        tokens, last = state
        return min(float(self._burst), tokens + (now - last) / self._chat_interval)

    def _prune(self, now: float) -> None:
        """Forget chats whose bucket is full again and whose last send no longer limits."""
        chats = self._chats
        keep_for = self._burst * self._chat_interval
        while chats:
            chat_id = next(iter(chats))
            if chats[chat_id][1] + keep_for > now:
                break
            del chats[chat_id]
        if self._chat_pauses:
            for chat_id in [c for c, until in self._chat_pauses.items() if until <= now]:
                del self._chat_pauses[chat_id]
        # Sends whose return was never reported count from their limit (`_Sent`); forget them.
        flying = self._in_flight
        while flying:
            ticket = next(iter(flying))
            if flying[ticket].sent_at + IN_FLIGHT_LIMIT_SECONDS > now:
                break
            del flying[ticket]
            lost = self._older_in_flight.pop(ticket, None)
            if lost is not None:
                self._older_returned = max(self._older_returned, lost.counts_from)


def pauses_only_its_chat(chat_id: object) -> bool:
    """A ``RetryAfter`` for a group, supergroup or channel (negative ids, or "@name") holds
    that chat only; one for a private chat (a person's id, positive) holds the whole bot."""
    if isinstance(chat_id, bool):
        return False
    if isinstance(chat_id, int):
        return chat_id < 0
    return isinstance(chat_id, str)
