"""How the weekly summary sender maps what happened to a send onto ``Delivery`` (real queue).

A picture that certainly did not leave (held past its deadline, stopping, still rate limited)
must say NOT_SENT, so the summary service releases the user instead of moving them a week on.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

import pytest
from telegram.error import Forbidden, RetryAfter, TimedOut

from bot.outbound import OutboundLimiter
from bot.summary_sender import TelegramSummarySender
from bot.texts import load_catalogue
from coach.profile import Profile
from coach.progress import StreakLine
from coach.rate_limit import Priority
from coach.reminder_state import Delivery
from coach.services.progress import StatsView
from coach.streaks import Goal
from tests.support.queued_bot import QueuedBot

T0 = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)
DAYS = tuple(date(2026, 11, 2) + timedelta(days=i) for i in range(28))
STATS = StatsView(
    language="en",
    days=DAYS,
    reps={"clamshell": tuple(10 for _ in DAYS)},
    weeks=DAYS[::7],
    breaks_taken=(1, 2, 3, 4),
    breaks_prompted=(4, 4, 4, 4),
    pain=(3.0, None, 2.0, 1.5),
    streak=StreakLine(Goal("day", 1), 3, 5, 0.5),
    sessions_this_week=2,
    first_day=DAYS[0],
)
PROFILE = Profile(user_id=7, chat_id=7, created_at=T0, timezone="Europe/Berlin", onboarded_at=T0)


@pytest.fixture
async def limiter() -> AsyncIterator[OutboundLimiter]:
    # No retries after a RetryAfter and no real pause: the first refusal is the last one.
    limiter = OutboundLimiter(max_retries=0, clock=lambda: 0.0, now=lambda: T0)
    await limiter.initialize()
    yield limiter
    await limiter.shutdown()


async def answered(answer: Exception | None) -> dict[str, Any]:
    if answer is not None:
        raise answer
    return {"message_id": 1}


@pytest.mark.parametrize(
    ("answer", "deadline", "expected", "calls"),
    [
        (None, T0 + timedelta(minutes=29), Delivery.SENT, 1),
        (None, T0 - timedelta(seconds=1), Delivery.NOT_SENT, 0),  # past its claim: never sent
        (RetryAfter(5), T0 + timedelta(minutes=29), Delivery.NOT_SENT, 1),  # refused: released
        (Forbidden("Forbidden: bot was blocked by the user"), T0, Delivery.BLOCKED, 1),
        (TimedOut(), T0 + timedelta(minutes=29), Delivery.FAILED, 1),  # may have arrived
    ],
)
async def test_what_happened_to_the_picture(
    limiter: OutboundLimiter,
    answer: Exception | None,
    deadline: datetime,
    expected: Delivery,
    calls: int,
) -> None:
    bot = QueuedBot(limiter, lambda: answered(answer))
    sender = TelegramSummarySender(cast(Any, bot), load_catalogue())
    assert await sender.send_weekly_summary(PROFILE, STATS, deadline=deadline) is expected
    assert bot.calls == calls
    assert bot.limits == [{"priority": Priority.REMINDER, "deadline": deadline}]


async def test_a_stopping_queue_refuses_the_picture_without_calling_telegram(
    limiter: OutboundLimiter,
) -> None:
    bot = QueuedBot(limiter, lambda: answered(None))
    sender = TelegramSummarySender(cast(Any, bot), load_catalogue())
    limiter.stop_deadlined()
    delivery = await sender.send_weekly_summary(PROFILE, STATS, deadline=T0 + timedelta(hours=1))
    assert delivery is Delivery.NOT_SENT
    assert bot.calls == 0
