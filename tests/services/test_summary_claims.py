"""The weekly summary's claim, send, confirm on real storage: what a crash and a block do."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

import pytest

from coach.catalogue import load_catalogue
from coach.clock import FixedClock
from coach.profile import Profile
from coach.progress import SUMMARY_GRACE
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
        self,
        *,
        crash_at: int | None = None,
        answers: dict[int, Delivery] | None = None,
        on_send: Callable[[int], None] | None = None,
    ) -> None:
        self.crash_at = crash_at
        self.answers = answers or {}
        self.on_send = on_send
        self.sent: list[int] = []
        self.deadlines: dict[int, datetime] = {}

    async def send_weekly_summary(
        self, profile: Profile, stats: StatsView, *, deadline: datetime
    ) -> Delivery:
        if profile.user_id == self.crash_at:
            self.crash_at = None
            raise Crash
        self.sent.append(profile.user_id)
        self.deadlines[profile.user_id] = deadline
        if self.on_send is not None:
            self.on_send(profile.user_id)
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


async def test_a_stop_mid_batch_releases_the_unsent_for_the_next_process(
    scheduled: SqlUnitOfWorkFactory,
) -> None:
    """A deploy: what was sent is confirmed, the rest is due again at once, not after the lease."""
    uow = scheduled
    runs: list[WeeklySummaryService] = []
    sender = Sender(on_send=lambda user_id: runs[0].stop() if user_id == 2 else None)
    stopping = WeeklySummaryService(uow, progress(uow), sender)
    runs.append(stopping)
    assert await stopping.send_weekly_summaries(SUNDAY_18 + timedelta(minutes=1)) == 2
    assert sender.sent == [1, 2]
    assert await stopping.send_weekly_summaries(SUNDAY_18 + timedelta(minutes=2)) == 0
    next_process = Sender()
    service = WeeklySummaryService(uow, progress(uow), next_process)
    assert await service.send_weekly_summaries(SUNDAY_18 + timedelta(minutes=2)) == 3
    assert next_process.sent == [3, 4, 5]


async def test_a_summary_that_certainly_did_not_leave_is_sent_by_the_next_run(
    scheduled: SqlUnitOfWorkFactory,
) -> None:
    uow = scheduled
    sender = Sender(answers={3: Delivery.NOT_SENT})
    service = WeeklySummaryService(uow, progress(uow), sender)
    assert await service.send_weekly_summaries(SUNDAY_18 + timedelta(minutes=1)) == 4
    sender.answers = {}
    assert await service.send_weekly_summaries(SUNDAY_18 + timedelta(minutes=2)) == 1
    assert sender.sent == [1, 2, 3, 4, 5, 3]
    assert await service.send_weekly_summaries(SUNDAY_18 + timedelta(minutes=3)) == 0


async def test_every_summary_send_has_a_deadline_inside_its_lease_and_grace(
    scheduled: SqlUnitOfWorkFactory,
) -> None:
    uow = scheduled
    sender = Sender()
    service = WeeklySummaryService(uow, progress(uow), sender)
    late = SUNDAY_18 + SUMMARY_GRACE - timedelta(minutes=10)  # the bot was down for hours
    assert await service.send_weekly_summaries(late) == 5
    lease_end = late + WeeklySummaryService.LEASE - WeeklySummaryService.SEND_MARGIN
    assert set(sender.deadlines.values()) == {SUNDAY_18 + SUMMARY_GRACE}
    assert lease_end > SUNDAY_18 + SUMMARY_GRACE
    sender = Sender()
    service = WeeklySummaryService(uow, progress(uow), sender)
    next_week = SUNDAY_18 + timedelta(days=7)
    assert await service.send_weekly_summaries(next_week) == 5
    assert set(sender.deadlines.values()) == {
        next_week + WeeklySummaryService.LEASE - WeeklySummaryService.SEND_MARGIN
    }


async def test_each_batch_of_a_long_run_is_leased_from_the_time_it_is_claimed(
    uow: SqlUnitOfWorkFactory,
) -> None:
    """A whole time zone due at once takes longer than a lease to send: no batch may be
    claimed with a lease that has run out already (another replica would send it too)."""
    users = range(1, WeeklySummaryService.BATCH + 3)
    await add_berlin_users(uow, users, SUNDAY_18 - timedelta(days=6))
    clock = FixedClock(SUNDAY_18 - timedelta(hours=1))
    await WeeklySummaryService(uow, progress(uow), Sender()).send_weekly_summaries(clock.now())
    clock.set(SUNDAY_18)

    def slow(user_id: int) -> None:  # each send of the first batch takes a minute
        clock.set(clock.now() + timedelta(minutes=1))

    sender = Sender(on_send=slow)
    service = WeeklySummaryService(uow, progress(uow), sender, clock=clock)
    assert await service.send_weekly_summaries() == len(users)
    first, last = sender.deadlines[users[0]], sender.deadlines[users[-1]]
    margin = WeeklySummaryService.LEASE - WeeklySummaryService.SEND_MARGIN
    assert first == SUNDAY_18 + margin
    second_claim = SUNDAY_18 + timedelta(minutes=WeeklySummaryService.BATCH)
    assert last == second_claim + margin
