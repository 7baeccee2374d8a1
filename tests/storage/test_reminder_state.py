"""The reminder schedule rows and the claim, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from coach.activity import BreakEvent, BreakKind
from coach.profile import Profile
from coach.reminder_state import ReminderState
from storage.uow import SqlUnitOfWorkFactory

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=2)


async def add_users(uow: SqlUnitOfWorkFactory, *ids: int, onboarded: bool = True) -> None:
    async with uow() as work:
        for user_id in ids:
            await work.users.add(
                Profile(
                    user_id=user_id,
                    chat_id=user_id,
                    created_at=NOW,
                    timezone="Europe/Berlin",
                    onboarded_at=NOW if onboarded else None,
                )
            )
        await work.commit()


async def put(uow: SqlUnitOfWorkFactory, *states: ReminderState) -> None:
    async with uow() as work:
        for state in states:
            await work.reminders.put(state)
        await work.commit()


async def claim(
    uow: SqlUnitOfWorkFactory, now: datetime = NOW, limit: int = 100
) -> list[ReminderState]:
    async with uow() as work:
        claimed = await work.reminders.claim_due(now, now + LEASE, limit)
        await work.commit()
    return claimed


async def test_state_round_trip_keeps_every_field(uow: SqlUnitOfWorkFactory) -> None:
    await add_users(uow, 1)
    state = ReminderState(
        user_id=1,
        next_due_at=NOW,
        lease_until=NOW + LEASE,
        last_reminder_at=NOW - timedelta(hours=1),
        last_break_at=NOW - timedelta(hours=2),
        sitting_since=NOW - timedelta(hours=2),
        snoozed_until=NOW + timedelta(minutes=15),
        paused_until=NOW + timedelta(days=2),
        manual_sit_started_at=NOW - timedelta(minutes=5),
        answered_at=NOW - timedelta(minutes=50),
    )
    await put(uow, state)
    async with uow() as work:
        assert await work.reminders.get(1) == state
    await put(uow, state.with_changes(next_due_at=None, lease_until=None))
    async with uow() as work:
        loaded = await work.reminders.get(1, lock=True)
    assert loaded is not None and loaded.next_due_at is None and loaded.lease_until is None


async def test_claim_takes_due_unleased_rows_oldest_first_up_to_the_limit(
    uow: SqlUnitOfWorkFactory,
) -> None:
    await add_users(uow, 1, 2, 3, 4, 5)
    await put(
        uow,
        ReminderState(1, next_due_at=NOW - timedelta(minutes=1)),
        ReminderState(2, next_due_at=NOW - timedelta(minutes=3)),
        ReminderState(3, next_due_at=NOW + timedelta(seconds=1)),  # not due yet
        ReminderState(4, next_due_at=None),  # inactive
        ReminderState(5, next_due_at=NOW - timedelta(minutes=2), lease_until=NOW + LEASE),
    )
    first = await claim(uow, limit=1)
    assert [state.user_id for state in first] == [2]
    assert first[0].lease_until == NOW + LEASE
    rest = await claim(uow)
    assert [state.user_id for state in rest] == [1]
    assert await claim(uow) == []  # everything due is leased now


async def test_an_expired_lease_offers_the_row_again(uow: SqlUnitOfWorkFactory) -> None:
    await add_users(uow, 1)
    await put(uow, ReminderState(1, next_due_at=NOW))
    assert len(await claim(uow)) == 1
    assert await claim(uow, NOW + LEASE - timedelta(seconds=1)) == []
    again = await claim(uow, NOW + LEASE)
    assert [state.user_id for state in again] == [1]


async def test_concurrent_claims_never_take_the_same_row(uow: SqlUnitOfWorkFactory) -> None:
    ids = list(range(1, 121))
    await add_users(uow, *ids)
    await put(uow, *(ReminderState(i, next_due_at=NOW - timedelta(seconds=i)) for i in ids))
    batches = await asyncio.gather(*(claim(uow, limit=10) for _ in range(16)))
    claimed = [state.user_id for batch in batches for state in batch]
    assert len(claimed) == len(set(claimed)) == len(ids)


async def test_users_without_state_are_found_for_the_backfill(uow: SqlUnitOfWorkFactory) -> None:
    await add_users(uow, 1, 2, 3)
    await add_users(uow, 4, onboarded=False)
    await put(uow, ReminderState(2))
    async with uow() as work:
        assert await work.reminders.without_state(10) == [1, 3]
        assert await work.reminders.without_state(1) == [1]


async def test_deleting_the_user_deletes_the_schedule(uow: SqlUnitOfWorkFactory) -> None:
    await add_users(uow, 1)
    await put(uow, ReminderState(1, next_due_at=NOW))
    async with uow() as work:
        await work.session.execute(text("DELETE FROM users WHERE id = 1"))
        await work.commit()
    async with uow() as work:
        assert await work.reminders.get(1) is None


async def test_the_due_index_is_partial(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            sql = "SELECT sql FROM sqlite_master WHERE name = 'ix_reminder_state_due'"
        else:
            sql = (
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_reminder_state_due'"
                " AND schemaname = current_schema()"
            )
        definition = (await connection.execute(text(sql))).scalar_one()
    assert "next_due_at IS NOT NULL" in str(definition).replace("(", "").replace(")", "")


@pytest.mark.parametrize("limit", [0, -1])
async def test_a_claim_of_nothing_touches_nothing(uow: SqlUnitOfWorkFactory, limit: int) -> None:
    await add_users(uow, 1)
    await put(uow, ReminderState(1, next_due_at=NOW))
    assert await claim(uow, limit=limit) == []
    assert len(await claim(uow)) == 1


async def test_a_tick_logs_its_break_events_in_one_batch(uow: SqlUnitOfWorkFactory) -> None:
    await add_users(uow, 1, 2)
    day = NOW.date()
    async with uow() as work:
        await work.breaks.add_many(
            [
                BreakEvent(1, BreakKind.PROMPTED, day, NOW),
                BreakEvent(2, BreakKind.MISSED, day, NOW),
                BreakEvent(1, BreakKind.PROMPTED, day, NOW + LEASE),
            ]
        )
        await work.breaks.add_many([])
        await work.commit()
    async with uow() as work:
        assert await work.breaks.count_on(1, day, BreakKind.PROMPTED) == 2
        assert [event.kind for event in await work.breaks.all_for(2)] == [BreakKind.MISSED]


async def test_users_sharing_a_boundary_minute_are_counted_in_sql(
    uow: SqlUnitOfWorkFactory,
) -> None:
    await add_users(uow, *range(1, 8))
    await put(
        uow,
        ReminderState(1, next_due_at=NOW, spread_minute=570),
        ReminderState(2, next_due_at=NOW, spread_minute=570),
        ReminderState(3, next_due_at=NOW + LEASE, spread_minute=570),
        ReminderState(4, next_due_at=None, spread_minute=570),  # nothing scheduled: not counted
        ReminderState(5, next_due_at=NOW, spread_minute=600),
        ReminderState(6, next_due_at=NOW, spread_minute=None),
        ReminderState(7, next_due_at=NOW, spread_minute=0),
    )
    async with uow() as work:
        assert await work.reminders.count_sharing(570) == 3
        assert await work.reminders.count_sharing(600) == 1
        assert await work.reminders.count_sharing(0) == 1
        assert await work.reminders.count_sharing(1439) == 0
        assert (await work.reminders.get(2)) == ReminderState(2, next_due_at=NOW, spread_minute=570)
        assert await work.reminders.without_spread(-1, 10) == [6]
        assert await work.reminders.without_spread(6, 10) == []


async def test_the_sharing_count_reads_the_spread_index(engine: AsyncEngine) -> None:
    """The count is a range on the partial index, never a scan of the table."""
    count = (
        "SELECT count(*) FROM reminder_state WHERE spread_minute = 570 AND next_due_at IS NOT NULL"
    )
    async with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            rows = (await connection.execute(text("EXPLAIN QUERY PLAN " + count))).all()
            plan = " ".join(str(row[-1]) for row in rows)
            assert "USING COVERING INDEX ix_reminder_state_spread (spread_minute=?" in plan, plan
        else:
            await connection.execute(text("SET LOCAL enable_seqscan = off"))
            rows = (await connection.execute(text("EXPLAIN " + count))).all()
            plan = " ".join(str(row[0]) for row in rows)
            assert "ix_reminder_state_spread" in plan, plan
