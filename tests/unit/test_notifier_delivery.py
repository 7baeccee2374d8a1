"""How the notifier maps what happened to a send onto ``Delivery`` (through the real queue)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest
from telegram.error import Forbidden, RetryAfter, TimedOut

from bot.notifier import TelegramNotifier
from bot.outbound import OutboundLimiter
from bot.texts import load_catalogue
from coach.rate_limit import Priority
from coach.reminder_state import Delivery, SessionReminder, SitBreakReminder
from tests.support.queued_bot import Answer, QueuedBot

T0 = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


@pytest.fixture
async def limiter() -> AsyncIterator[OutboundLimiter]:
    # No retries after a RetryAfter and no real pause: the first refusal is the last one.
    limiter = OutboundLimiter(max_retries=0, clock=lambda: 0.0, now=lambda: T0)
    await limiter.initialize()
    yield limiter
    await limiter.shutdown()


def reminder(deadline: datetime | None = T0 + timedelta(minutes=1)) -> SitBreakReminder:
    return SitBreakReminder(
        user_id=7, chat_id=7, language="en", minutes=60, stamp=1, deadline=deadline
    )


async def deliver(limiter: OutboundLimiter, answer: Answer) -> tuple[Delivery, QueuedBot]:
    bot = QueuedBot(limiter, answer)
    notifier = TelegramNotifier(cast(Any, bot), load_catalogue())
    return await notifier.send_reminder(reminder()), bot


async def test_retry_after_on_the_last_retry_is_not_sent(limiter: OutboundLimiter) -> None:
    async def refuse() -> dict[str, Any]:
        raise RetryAfter(5)

    delivery, bot = await deliver(limiter, refuse)
    assert delivery is Delivery.NOT_SENT  # certainly not delivered: released, not "maybe"
    assert bot.calls == 1


async def test_a_send_past_its_deadline_is_not_sent_and_never_calls_telegram(
    limiter: OutboundLimiter,
) -> None:
    async def answer() -> dict[str, Any]:
        return {"message_id": 1}

    bot = QueuedBot(limiter, answer)
    notifier = TelegramNotifier(cast(Any, bot), load_catalogue())
    late = reminder(deadline=T0 - timedelta(seconds=1))
    assert await notifier.send_reminder(late) is Delivery.NOT_SENT
    session = SessionReminder(7, 7, "en", deadline=T0 - timedelta(seconds=1))
    assert await notifier.send_session_reminder(session) is Delivery.NOT_SENT
    assert bot.calls == 0


async def test_the_deadline_and_reminder_priority_reach_the_queue(
    limiter: OutboundLimiter,
) -> None:
    async def answer() -> dict[str, Any]:
        return {"message_id": 1}

    delivery, bot = await deliver(limiter, answer)
    assert delivery is Delivery.SENT
    assert bot.limits == [{"priority": Priority.REMINDER, "deadline": T0 + timedelta(minutes=1)}]


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (Forbidden("Forbidden: bot was blocked by the user"), Delivery.BLOCKED),
        (TimedOut(), Delivery.FAILED),  # may have arrived: never resent
    ],
)
async def test_other_answers(
    limiter: OutboundLimiter, error: Exception, expected: Delivery
) -> None:
    async def fail() -> dict[str, Any]:
        raise error

    delivery, _ = await deliver(limiter, fail)
    assert delivery is expected
