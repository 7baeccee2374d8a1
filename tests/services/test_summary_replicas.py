"""Two weekly summary services (two replicas) on one PostgreSQL database: one summary each."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from coach.catalogue import load_catalogue
from coach.clock import FixedClock
from coach.profile import Profile
from coach.reminder_state import Delivery
from coach.services.progress import ProgressService, StatsView
from coach.services.weekly_summary import WeeklySummaryService
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork, SqlUnitOfWorkFactory
from tests.services.test_summary_claims import add_berlin_users

pytestmark = pytest.mark.postgres

SUNDAY_18 = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)  # 18:00 in Berlin
USERS = range(1, 8)


class RecordingSender:
    def __init__(self, name: str, sent: list[tuple[str, int]]) -> None:
        self.name = name
        self.sent = sent

    async def send_weekly_summary(
        self, profile: Profile, stats: StatsView, *, deadline: datetime
    ) -> Delivery:
        self.sent.append((self.name, profile.user_id))
        return Delivery.SENT


class Rendezvous:
    """Holds a replica's claim open, once, until the other replica has claimed too.

    The claim's transaction stays uncommitted while both replicas look for due users: the
    worst interleaving two replicas can have. Whatever the repository calls its claim,
    every call but the scheduling ones counts.
    """

    SCHEDULING = frozenset({"unscheduled", "schedule", "confirm"})

    def __init__(self, barrier: asyncio.Barrier) -> None:
        self.barrier = barrier
        self.armed = False

    def wrap(self, summaries: Any) -> Any:
        rendezvous = self

        class Proxy:
            def __getattr__(self, name: str) -> Any:
                method = getattr(summaries, name)
                if name in Rendezvous.SCHEDULING:
                    return method

                async def meet(*args: Any, **kwargs: Any) -> Any:
                    result = await method(*args, **kwargs)
                    if rendezvous.armed:
                        rendezvous.armed = False
                        await rendezvous.barrier.wait()
                    return result

                return meet

        return Proxy()


def meeting_uow(factory: SqlUnitOfWorkFactory, rendezvous: Rendezvous) -> Callable[[], Any]:
    """A unit-of-work factory whose summaries repository goes through the rendezvous."""

    class Meeting(SqlUnitOfWork):
        async def __aenter__(self) -> Meeting:
            await super().__aenter__()
            self.summaries = rendezvous.wrap(self.summaries)
            return self

    return lambda **_: Meeting(factory._sessions)


@pytest.fixture
async def replicas(postgres_url: str) -> AsyncIterator[list[SqlUnitOfWorkFactory]]:
    engines = [create_engine(postgres_url) for _ in range(2)]
    await upgrade(engines[0])
    try:
        yield [SqlUnitOfWorkFactory(engine) for engine in engines]
    finally:
        for engine in engines:
            await engine.dispose()


async def seed(uow: SqlUnitOfWorkFactory) -> None:
    await add_berlin_users(uow, USERS, SUNDAY_18 - timedelta(days=6))


async def test_two_replicas_running_together_send_each_summary_once(
    replicas: list[SqlUnitOfWorkFactory],
) -> None:
    await seed(replicas[0])
    sent: list[tuple[str, int]] = []
    barrier = asyncio.Barrier(2)
    meetings = [Rendezvous(barrier), Rendezvous(barrier)]
    services = [
        WeeklySummaryService(
            meeting_uow(uow, meeting),
            ProgressService(uow, FixedClock(SUNDAY_18), load_catalogue()),
            RecordingSender(name, sent),
        )
        for name, uow, meeting in zip(("a", "b"), replicas, meetings, strict=True)
    ]
    # Both schedule the new users first (the week before), then both run at 18:00 together.
    for service in services:
        await service.send_weekly_summaries(SUNDAY_18 - timedelta(hours=2))
    for meeting in meetings:
        meeting.armed = True
    counts = await asyncio.gather(
        *(service.send_weekly_summaries(SUNDAY_18 + timedelta(minutes=1)) for service in services)
    )
    assert Counter(user for _, user in sent) == Counter(USERS), sent
    assert sum(counts) == len(USERS)
    # A later run of either finds nothing left to send this week.
    assert await services[0].send_weekly_summaries(SUNDAY_18 + timedelta(minutes=5)) == 0
    assert await services[1].send_weekly_summaries(SUNDAY_18 + timedelta(minutes=5)) == 0
