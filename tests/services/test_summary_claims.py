"""The weekly summary's claim, send, confirm on real storage: what a crash and a block do."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import pytest

from coach.catalogue import load_catalogue
from coach.clock import FixedClock
from coach.profile import Profile
from coach.reminder_state import Delivery
from coach.services.progress import ProgressService, StatsView
from coach.services.weekly_summary import WeeklySummaryService
from storage.uow import SqlUnitOfWorkFactory

SUNDAY_18 = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)  # 18:00 in Berlin
USERS = range(1, 6)


class Crash(BaseException):
    """The process dies mid-batch (not an error the service could catch and go on from)."""


class Sender:
    def __init__(
        self, *, crash_at: int | None = None, answers: dict[int, Delivery] | None = None
    ) -> None:
        self.crash_at = crash_at
        self.answers = answers or {}
        self.sent: list[int] = []

    async def send_weekly_summary(self, profile: Profile, stats: StatsView) -> Delivery:
        if profile.user_id == self.crash_at:
            self.crash_at = None
            raise Crash
        self.sent.append(profile.user_id)
        return self.answers.get(profile.user_id, Delivery.SENT)


async def add_berlin_users(
    uow: SqlUnitOfWorkFactory, user_ids: Iterable[int], joined: datetime
) -> None:
    """Onboarded users in Berlin (whose default summary is Sunday 18:00 local)."""
    async with uow() as work:
        for user_id in user_ids:
            await work.users.add(
                Profile(
                    user_id=user_id,
                    chat_id=user_id,
                    created_at=joined,
                    timezone="Europe/Berlin",
                    onboarded_at=joined,
                )
            )
        await work.commit()


@pytest.fixture
async def scheduled(uow: SqlUnitOfWorkFactory) -> SqlUnitOfWorkFactory:
    await add_berlin_users(uow, USERS, SUNDAY_18 - timedelta(days=6))
    service = WeeklySummaryService(uow, progress(uow), Sender())
    await service.send_weekly_summaries(SUNDAY_18 - timedelta(hours=1))  # first instants
    return uow


def progress(uow: SqlUnitOfWorkFactory) -> ProgressService:
    return ProgressService(uow, FixedClock(SUNDAY_18), load_catalogue())


async def test_a_crash_mid_batch_re_offers_only_the_unconfirmed_after_the_lease(
    scheduled: SqlUnitOfWorkFactory,
) -> None:
    uow = scheduled
    crashing = Sender(crash_at=3)
    with pytest.raises(Crash):
        await WeeklySummaryService(uow, progress(uow), crashing).send_weekly_summaries(SUNDAY_18)
    assert crashing.sent == [1, 2]
    restarted = Sender()
    service = WeeklySummaryService(uow, progress(uow), restarted)
    lease = WeeklySummaryService.LEASE
    # While the dead run's lease lasts, nobody sends its users (they may be in flight).
    assert await service.send_weekly_summaries(SUNDAY_18 + lease - timedelta(seconds=1)) == 0
    # Then exactly the unconfirmed ones come again; the confirmed ones never do.
    assert await service.send_weekly_summaries(SUNDAY_18 + lease) == 3
    assert restarted.sent == [3, 4, 5]
    assert await service.send_weekly_summaries(SUNDAY_18 + 2 * lease) == 0


async def test_a_block_deactivates_and_a_failure_is_not_retried(
    scheduled: SqlUnitOfWorkFactory,
) -> None:
    uow = scheduled
    blocked: list[int] = []

    async def deactivate(user_id: int) -> None:
        blocked.append(user_id)

    sender = Sender(answers={2: Delivery.BLOCKED, 4: Delivery.FAILED})
    service = WeeklySummaryService(uow, progress(uow), sender, on_blocked=deactivate)
    assert await service.send_weekly_summaries(SUNDAY_18 + timedelta(minutes=1)) == 3
    assert blocked == [2]
    assert sender.sent == [1, 2, 3, 4, 5]
    # A failed send may have arrived: it is not tried again this week.
    assert await service.send_weekly_summaries(SUNDAY_18 + timedelta(hours=1)) == 0
    assert sender.sent == [1, 2, 3, 4, 5]
