"""One user's bad row harms no other user's weekly summary, on real storage.

A stored zone the tz database lacks is served in UTC; a row whose summary cannot be built is
counted, retried with a backoff and parked, while every other user gets theirs in the run.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from coach.profile import Profile
from coach.row_isolation import MAX_ATTEMPTS
from coach.services import weekly_summary as summary
from coach.services.weekly_summary import WeeklySummaryService
from storage.models import UserRow
from storage.uow import SqlUnitOfWorkFactory
from tests.services.test_summary_claims import SUNDAY_18, Sender, add_berlin_users, progress

BAD_ZONE = "Mars/Olympus_Mons"  # in no tz database
SECOND = timedelta(seconds=1)


async def add_user(uow: SqlUnitOfWorkFactory, user_id: int, zone: str) -> None:
    joined = SUNDAY_18 - timedelta(days=6)
    async with uow() as work:
        await work.users.add(Profile(user_id, user_id, joined, timezone=zone, onboarded_at=joined))
        await work.commit()


async def corrupt_weekday(uow: SqlUnitOfWorkFactory, user_id: int) -> None:
    """A stored summary weekday no instant fits (0-6 are the only days)."""
    async with uow() as work:
        await work.session.execute(
            update(UserRow).where(UserRow.id == user_id).values(summary_weekday=9)
        )
        await work.commit()


async def summary_row(uow: SqlUnitOfWorkFactory, user_id: int) -> Any:
    """The user's summary columns, as stored now."""
    columns = (
        UserRow.summary_next_at,
        UserRow.summary_lease_until,
        UserRow.summary_lease_token,
        UserRow.summary_attempts,
        UserRow.summary_parked_at,
    )
    async with uow() as work:
        result = await work.session.execute(select(*columns).where(UserRow.id == user_id))
        return result.one()


async def test_an_unknown_zone_is_summarised_in_utc_and_harms_nobody(
    uow: SqlUnitOfWorkFactory,
) -> None:
    await add_user(uow, 1, BAD_ZONE)  # first in line: scheduled before everyone else
    await add_berlin_users(uow, range(2, 7), SUNDAY_18 - timedelta(days=6))
    sender = Sender()
    service = WeeklySummaryService(uow, progress(uow), sender)
    await service.send_weekly_summaries(SUNDAY_18 - timedelta(hours=1))  # all six scheduled
    assert await service.send_weekly_summaries(SUNDAY_18) == 5  # 18:00 in Berlin
    assert sender.sent == [2, 3, 4, 5, 6]
    # The user with the unknown zone: Sunday 18:00 in UTC, an hour later.
    assert (await summary_row(uow, 1)).summary_next_at == SUNDAY_18 + timedelta(hours=1)
    assert await service.send_weekly_summaries(SUNDAY_18 + timedelta(hours=1)) == 1
    assert sender.sent == [2, 3, 4, 5, 6, 1]
    assert await service.parked_count() == 0


async def test_a_summary_that_cannot_be_built_is_retried_then_parked_and_counted(
    uow: SqlUnitOfWorkFactory, caplog: pytest.LogCaptureFixture
) -> None:
    await add_berlin_users(uow, range(1, 6), SUNDAY_18 - timedelta(days=6))
    sender = Sender()
    service = WeeklySummaryService(uow, progress(uow), sender)
    await service.run(SUNDAY_18 - timedelta(hours=1))
    await corrupt_weekday(uow, 3)
    caplog.set_level(logging.WARNING)
    report = await service.run(SUNDAY_18)
    assert (report.sent, report.errors, report.parked) == (4, 1, 0)
    assert sender.sent == [1, 2, 4, 5]  # everyone else, in the same run; 3 is never sent
    bad = await summary_row(uow, 3)
    assert bad.summary_attempts == 1 and bad.summary_parked_at is None
    assert bad.summary_lease_token is None
    assert bad.summary_lease_until == SUNDAY_18 + summary.backoff(1)  # retried after a backoff
    assert (await service.run(bad.summary_lease_until - SECOND)).errors == 0  # backing off
    parked = 0
    for attempt in range(2, MAX_ATTEMPTS + 1):
        retry_at = (await summary_row(uow, 3)).summary_lease_until
        assert retry_at is not None
        report = await service.run(retry_at)
        assert report.errors == 1 and report.sent == 0
        parked += report.parked
        assert (await summary_row(uow, 3)).summary_attempts == attempt
    bad = await summary_row(uow, 3)
    assert bad.summary_parked_at is not None and bad.summary_next_at is None
    assert parked == 1 and await service.parked_count() == 1
    assert sender.sent == [1, 2, 4, 5]
    messages = [record.getMessage() for record in caplog.records]
    assert [m for m in messages if "parked" in m and "user" in m] == [
        f"the weekly summary of user 3 failed {MAX_ATTEMPTS} times and is parked"
    ]
    # Parked: offered no more, not even the next week.
    assert (await service.run(SUNDAY_18 + timedelta(days=7))).errors == 0
    assert 3 not in sender.sent
    # A settings change that moves the summary offers it again, with a clean count.
    async with uow() as work:
        await work.summaries.schedule(3, SUNDAY_18 + timedelta(days=14), None)
        await work.commit()
    again = await summary_row(uow, 3)
    assert again.summary_parked_at is None and again.summary_attempts == 0


async def test_a_user_no_first_instant_fits_does_not_stop_the_others_being_scheduled(
    uow: SqlUnitOfWorkFactory,
) -> None:
    await add_berlin_users(uow, range(1, 6), SUNDAY_18 - timedelta(days=6))
    await corrupt_weekday(uow, 2)
    sender = Sender()
    service = WeeklySummaryService(uow, progress(uow), sender)
    first = SUNDAY_18 - timedelta(hours=1)
    report = await service.run(first)
    assert (report.errors, report.parked) == (1, 0)
    for user_id in (1, 3, 4, 5):
        assert (await summary_row(uow, user_id)).summary_next_at == SUNDAY_18
    bad = await summary_row(uow, 2)
    assert bad.summary_next_at is None and bad.summary_attempts == 1
    assert bad.summary_lease_until == first + summary.backoff(1)
    assert (await service.run(first + SECOND)).errors == 0  # held back, not retried at once
    for _ in range(MAX_ATTEMPTS - 1):
        retry_at = (await summary_row(uow, 2)).summary_lease_until
        assert retry_at is not None
        await service.run(retry_at)
    assert (await summary_row(uow, 2)).summary_parked_at is not None
    assert await service.parked_count() == 1
    assert (await service.run(SUNDAY_18)).sent == 4
    assert sender.sent == [1, 3, 4, 5]
