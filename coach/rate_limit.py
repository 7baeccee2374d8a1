"""Pure logic of the outbound send limiter.

Telegram allows about 30 messages a second per bot and one a second per chat; going over
earns a ``RetryAfter``. The asyncio outbound queue asks ``SendLimiter.delay_for`` how long
to wait, sleeps that long, asks again, and calls ``record_send`` once the message is out.
Time is a monotonic float clock (seconds) passed in by the caller, so the rules are tested
without waiting; calls must come with non-decreasing ``now`` values.

Queue order: items carry a ``Priority``; the queue pops the lowest value first and, within
one priority, the oldest item (e.g. heap entries ``(priority, sequence, item)``), so replies
to users always go ahead of scheduled reminders.
"""

from __future__ import annotations

import math
from collections import deque
from enum import IntEnum

WINDOW_SECONDS = 1.0


class Priority(IntEnum):
    """Send order in the outbound queue: lower values go first."""

    REPLY = 0
    REMINDER = 1


class SendLimiter:
    """At most ``global_per_second`` sends in any sliding 1-second window overall, at least
    ``per_chat_interval`` seconds between two sends to one chat, and nothing while a
    ``RetryAfter`` pause lasts.

    Memory is bounded by the chats that sent within the last ``per_chat_interval`` (at most
    about ``global_per_second * per_chat_interval`` of them), not by the number of users.
    """

    def __init__(self, global_per_second: int = 30, per_chat_interval: float = 1.0) -> None:
        if isinstance(global_per_second, bool) or global_per_second < 1:
            raise ValueError("global_per_second must be a positive integer")
        if not math.isfinite(per_chat_interval) or per_chat_interval <= 0:
            raise ValueError("per_chat_interval must be a positive number of seconds")
        self._limit = global_per_second
        self._chat_interval = per_chat_interval
        # Times of the last `limit` sends, oldest first; the oldest bounds the next send.
        self._recent: deque[float] = deque(maxlen=global_per_second)
        # Last send per chat; dicts keep insertion order and a chat is re-inserted on each
        # send, so the oldest entries sit at the front and pruning stops at the first fresh one.
        self._last_by_chat: dict[int, float] = {}
        self._paused_until = -math.inf

    @property
    def tracked_chats(self) -> int:
        """How many chats are remembered; stays small however many users there are."""
        return len(self._last_by_chat)

    @property
    def paused_until(self) -> float:
        """End of the current ``RetryAfter`` pause (``-inf`` if none was ever set)."""
        return self._paused_until

    def delay_for(self, chat_id: int, now: float) -> float:
        """Seconds to wait before ``chat_id`` may send; 0.0 if it may send now."""
        self._prune(now)
        allowed_at = self._paused_until
        if len(self._recent) >= self._limit:
            allowed_at = max(allowed_at, self._recent[0] + WINDOW_SECONDS)
        last = self._last_by_chat.get(chat_id)
        if last is not None:
            allowed_at = max(allowed_at, last + self._chat_interval)
        return max(0.0, allowed_at - now)

    def record_send(self, chat_id: int, now: float) -> None:
        """Note that a message to ``chat_id`` went out at ``now``."""
        self._prune(now)
        self._recent.append(now)
        self._last_by_chat.pop(chat_id, None)
        self._last_by_chat[chat_id] = now

    def pause_until(self, t: float) -> None:
        """Hold every send until ``t`` (after a ``RetryAfter``); never shortens a pause."""
        self._paused_until = max(self._paused_until, t)

    def _prune(self, now: float) -> None:
        """Forget chats whose last send no longer limits them."""
        last_by_chat = self._last_by_chat
        while last_by_chat:
            chat_id = next(iter(last_by_chat))
            if last_by_chat[chat_id] + self._chat_interval > now:
                break
            del last_by_chat[chat_id]
