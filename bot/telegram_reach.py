"""Whether Telegram answered lately: for `/healthz`, from the outcomes of real Bot API calls.

No probe of its own: a call that got any answer from Telegram (an error like "chat not found"
included) shows it is reachable; only a network failure or a timeout counts against it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut


def is_unreachable(error: BaseException) -> bool:
    """A failure that got no answer from Telegram (PTB's BadRequest is a NetworkError too)."""
    if isinstance(error, TimedOut):
        return True
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest | Forbidden)


class TelegramReach:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.last_answer: float | None = None
        self.last_unreachable: float | None = None

    def answered(self) -> None:
        self.last_answer = self._clock()

    def failed(self, error: BaseException) -> None:
        if isinstance(error, RetryAfter):
            self.answered()  # Telegram answered: wait
        elif is_unreachable(error):
            self.last_unreachable = self._clock()
        else:
            self.answered()

    @property
    def reachable(self) -> bool:
        """Nothing failed to reach Telegram since its last answer (or nothing was tried)."""
        if self.last_unreachable is None:
            return True
        return self.last_answer is not None and self.last_answer > self.last_unreachable
