"""Repository contract tests, run against SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from coach.activity import (
    BreakEvent,
    BreakKind,
    EntrySource,
    PainCheckIn,
    PainContext,
    RepEntry,
)
from coach.dialog import Dialog
from coach.profile import Profile
from coach.progress import DayMark
from storage.engine import create_engine
from storage.migrate import current_revision, upgrade
from storage.uow import SqlUnitOfWorkFactory

NOW = datetime(2026, 3, 29, 7, 30, tzinfo=UTC)


def profile(user_id: int = 42) -> Profile:
    return Profile(user_id=user_id, chat_id=user_id, created_at=NOW, language="de")


async def test_migrations_reach_head_and_rerun_is_a_no_op(engine: AsyncEngine) -> None:
    assert await current_revision(engine) is not None
    before = await current_revision(engine)
    await upgrade(engine)
    assert await current_revision(engine) == before


async def test_profile_round_trip_keeps_every_field(uow: SqlUnitOfWorkFactory) -> None:
    original = profile().with_changes(
        timezone="Europe/Berlin",
        work_days=frozenset({0, 2, 4}),
        work_start=time(8, 30),
        work_end=time(16, 45),
        sit_interval_min=45,
        exercise_time=time(12, 15),
        goal_days_per_week=4,
        onboarded_at=NOW,
    )
    async with uow() as work:
        await work.users.add(original)
        await work.commit()
    async with uow() as work:
        loaded = await work.users.get(42)
    assert loaded == original
    assert loaded is not None and loaded.created_at.tzinfo is not None


async def test_uncommitted_work_is_rolled_back(uow: SqlUnitOfWorkFactory) -> None:
    async with uow() as work:
        await work.users.add(profile())
    async with uow() as work:
        assert await work.users.get(42) is None


async def test_naive_datetimes_are_refused(uow: SqlUnitOfWorkFactory) -> None:
    naive = datetime(2026, 1, 1)  # noqa: DTZ001 - the point of the test
    with pytest.raises(Exception, match="naive datetime refused"):
        async with uow() as work:
            await work.users.add(Profile(user_id=1, chat_id=1, created_at=naive))


async def test_an_update_id_is_claimed_once(uow: SqlUnitOfWorkFactory) -> None:
    async with uow() as work:
        assert await work.updates.claim(1001, NOW) is True
        assert await work.updates.claim(1001, NOW) is False
        await work.commit()
    async with uow() as work:
        assert await work.updates.claim(1001, NOW) is False
        assert await work.updates.prune(NOW + timedelta(seconds=1)) == 1
        assert await work.updates.claim(1001, NOW) is True


async def test_a_group_gets_one_note_a_minute_counted_in_the_database(
    uow: SqlUnitOfWorkFactory,
) -> None:
    minute = timedelta(minutes=1)
    async with uow() as work:
        assert await work.updates.claim_group_note(-100, NOW, minute) is True
        assert await work.updates.claim_group_note(-100, NOW + minute / 2, minute) is False
        assert await work.updates.claim_group_note(-200, NOW, minute) is True  # another group
        await work.commit()
    async with uow() as work:  # what another replica sees
        assert await work.updates.claim_group_note(-100, NOW + minute, minute) is True
        assert await work.updates.claim_group_note(-100, NOW + minute, minute) is False
        await work.updates.prune(NOW + minute / 2)  # -200's note is older: forgotten
        assert await work.updates.claim_group_note(-200, NOW + minute / 2, minute) is True
        await work.commit()


async def test_two_replicas_claiming_one_group_note_at_once_get_one(
    uow: SqlUnitOfWorkFactory,
) -> None:
    async def claim() -> bool:
        async with uow() as work:
            allowed = await work.updates.claim_group_note(-300, NOW, timedelta(minutes=1))
            await work.commit()
            return allowed

    assert sorted(await asyncio.gather(*(claim() for _ in range(8)))) == [False] * 7 + [True]


async def test_dialog_put_get_clear(uow: SqlUnitOfWorkFactory) -> None:
    async with uow() as work:
        await work.users.add(profile())
        await work.dialogs.put(42, Dialog("screening", "q:radiating", {"answers": {}}), NOW)
        await work.commit()
    async with uow() as work:
        assert await work.dialogs.get(42) == Dialog("screening", "q:radiating", {"answers": {}})
        await work.dialogs.clear(42)
        await work.commit()
    async with uow() as work:
        assert await work.dialogs.get(42) is None


async def test_deleting_a_user_removes_their_rows(
    engine: AsyncEngine, uow: SqlUnitOfWorkFactory
) -> None:
    async with uow() as work:
        await work.users.add(profile())
        await work.dialogs.put(42, Dialog("screening", "q:radiating"), NOW)
        await work.commit()
    async with engine.begin() as connection:
        await connection.execute(text("DELETE FROM users WHERE id = 42"))
    async with engine.connect() as connection:
        left = await connection.scalar(text("SELECT count(*) FROM dialogs WHERE user_id = 42"))
    assert left == 0


async def test_concurrent_read_modify_write_loses_nothing_on_sqlite(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE serialises writers: 16 coroutines x 10 increments all land."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'race.db'}")
    await upgrade(engine)
    uow = SqlUnitOfWorkFactory(engine)
    async with uow() as work:
        await work.users.add(profile())
        await work.dialogs.put(42, Dialog("count", "n", {"n": 0}), NOW)
        await work.commit()

    async def bump() -> None:
        for _ in range(10):
            async with uow() as work:
                dialog = await work.dialogs.get(42)
                assert dialog is not None
                await asyncio.sleep(0)  # yield mid-transaction to invite a race
                await work.dialogs.put(42, dialog.at("n", n=dialog.data["n"] + 1), NOW)
                await work.commit()

    await asyncio.gather(*(bump() for _ in range(16)))
    async with uow() as work:
        final = await work.dialogs.get(42)
    await engine.dispose()
    assert final is not None and final.data["n"] == 160


async def test_day_marks_name_each_day_exercise_and_side_once(
    uow: SqlUnitOfWorkFactory,
) -> None:
    day = date(2026, 3, 29)
    later = day + timedelta(days=1)
    logged = [
        ("bridge", None, day),
        ("bridge", None, day),
        ("clamshell", "left", day),
        ("clamshell", "left", day),
        ("clamshell", "right", day),
        ("bridge", None, later),
    ]
    async with uow() as work:
        await work.users.add(profile())
        await work.users.add(profile(7))
        for exercise_id, side, local_date in logged:
            entry = RepEntry(42, exercise_id, side, 10, EntrySource.REPLY, local_date, NOW)
            await work.reps.add(entry)
        await work.reps.add(RepEntry(7, "dead_bug", None, 5, EntrySource.REPLY, day, NOW))
        await work.commit()
    async with uow() as work:
        marks = await work.reps.day_marks(42)
        assert await work.reps.day_marks(8) == []
    assert sorted(marks, key=lambda m: (m.local_date, m.exercise_id, m.side or "")) == [
        DayMark(day, "bridge", None),
        DayMark(day, "clamshell", "left"),
        DayMark(day, "clamshell", "right"),
        DayMark(later, "bridge", None),
    ]


async def test_activity_log_round_trips_and_undo_removes_the_newest(
    uow: SqlUnitOfWorkFactory,
) -> None:
    day = date(2026, 3, 29)
    async with uow() as work:
        await work.users.add(profile())
        first = await work.reps.add(
            RepEntry(42, "clamshell", "left", 10, EntrySource.WALKTHROUGH, day, NOW, "s1")
        )
        second = await work.reps.add(
            RepEntry(42, "bridge", None, 12, EntrySource.REPLY, day + timedelta(days=1), NOW)
        )
        await work.pains.add(PainCheckIn(42, 4, PainContext.HURTS, day, NOW, "bridge", "s1"))
        await work.breaks.add(BreakEvent(42, BreakKind.PROMPTED, day, NOW))
        await work.breaks.add(BreakEvent(42, BreakKind.SKIPPED, day, NOW))
        await work.breaks.add(BreakEvent(42, BreakKind.SKIPPED, day, NOW))
        await work.commit()
    assert first.id is not None and second.id is not None and second.id > first.id
    async with uow() as work:
        assert await work.reps.last(42) == second
        assert await work.reps.between(42, day, day) == [first]
        assert await work.reps.all_for(42) == [first, second]
        (pain,) = await work.pains.all_for(42)
        assert (pain.pain, pain.context, pain.exercise_id) == (4, PainContext.HURTS, "bridge")
        assert await work.breaks.count_on(42, day, BreakKind.SKIPPED) == 2
        assert len(await work.breaks.between(42, day, day)) == 3
        await work.reps.remove(second.id)
        await work.commit()
    async with uow() as work:
        assert await work.reps.last(42) == first
        assert first.recorded_at.tzinfo is not None
