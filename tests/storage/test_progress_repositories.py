"""Progress storage on SQLite and PostgreSQL: frozen days, exercise messages, summaries, delete."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import text

from coach.activity import BreakEvent, BreakKind, EntrySource, PainCheckIn, PainContext, RepEntry
from coach.dialog import Dialog
from coach.profile import Profile
from coach.progress import FrozenKind, MessageExercise
from storage.uow import SqlUnitOfWorkFactory

NOW = datetime(2026, 11, 26, 7, 30, tzinfo=UTC)
DAY = date(2026, 11, 26)


async def add(uow: SqlUnitOfWorkFactory, user_id: int, *, onboarded: bool = True) -> Profile:
    profile = Profile(
        user_id=user_id,
        chat_id=user_id,
        created_at=NOW,
        timezone="Europe/Berlin",
        onboarded_at=NOW if onboarded else None,
        summary_weekday=4,
        summary_time=time(19, 30),
    )
    async with uow() as work:
        await work.users.add(profile)
        await work.commit()
    return profile


async def test_summary_settings_round_trip(uow: SqlUnitOfWorkFactory) -> None:
    profile = await add(uow, 1)
    async with uow() as work:
        assert await work.users.get(1) == profile


async def test_frozen_days_are_idempotent_and_ranged(uow: SqlUnitOfWorkFactory) -> None:
    await add(uow, 1)
    async with uow() as work:
        await work.frozen_days.add(1, DAY, FrozenKind.PAUSE)
        await work.frozen_days.add(1, DAY, FrozenKind.REST)
        await work.frozen_days.add(1, DAY + timedelta(days=3), FrozenKind.REST)
        await work.commit()
    async with uow() as work:
        assert await work.frozen_days.between(1, DAY, DAY + timedelta(days=2)) == {
            DAY: FrozenKind.PAUSE
        }
        assert len(await work.frozen_days.between(1, DAY, DAY + timedelta(days=9))) == 2


async def test_message_exercises_upsert_and_prune(uow: SqlUnitOfWorkFactory) -> None:
    await add(uow, 1)
    async with uow() as work:
        await work.message_exercises.remember(1, 10, MessageExercise("clamshell", "left"), NOW)
        await work.message_exercises.remember(1, 10, MessageExercise("bridge"), NOW)
        await work.message_exercises.remember(1, 11, MessageExercise("hip_raise"), NOW)
        await work.commit()
    async with uow() as work:
        assert await work.message_exercises.get(1, 10) == MessageExercise("bridge")
        assert await work.message_exercises.get(1, 12) is None
        assert await work.message_exercises.prune(NOW + timedelta(seconds=1)) == 2
        await work.commit()


async def test_summaries_unscheduled_schedule_and_claim(uow: SqlUnitOfWorkFactory) -> None:
    await add(uow, 1)
    await add(uow, 2, onboarded=False)
    async with uow() as work:
        assert [p.user_id for p in await work.summaries.unscheduled(NOW, 10)] == [1]
        await work.summaries.schedule(1, NOW + timedelta(hours=1), None)
        await work.commit()
    lease = NOW + timedelta(hours=2)
    async with uow() as work:
        assert await work.summaries.unscheduled(NOW, 10) == []
        assert await work.summaries.claim_due(NOW, lease, "early", 10) == []
        due = await work.summaries.claim_due(NOW + timedelta(hours=1), lease, "a", 10)
        assert [(p.user_id, at) for p, at in due] == [(1, NOW + timedelta(hours=1))]


async def test_deleting_a_user_removes_every_row_about_them(uow: SqlUnitOfWorkFactory) -> None:
    await add(uow, 1)
    await add(uow, 2)
    for user_id in (1, 2):
        async with uow() as work:
            await work.dialogs.put(user_id, Dialog("reps", "exercise"), NOW)
            await work.reps.add(RepEntry(user_id, "bridge", None, 10, EntrySource.REPLY, DAY, NOW))
            await work.pains.add(PainCheckIn(user_id, 2, PainContext.CHECK_IN, DAY, NOW))
            await work.breaks.add(BreakEvent(user_id, BreakKind.TAKEN, DAY, NOW))
            await work.frozen_days.add(user_id, DAY, FrozenKind.REST)
            await work.message_exercises.remember(user_id, 5, MessageExercise("bridge"), NOW)
            await work.commit()
    async with uow() as work:
        assert await work.users.delete(1) is True
        assert await work.users.delete(1) is False
        await work.commit()
    tables = (
        "dialogs",
        "rep_entries",
        "pain_checkins",
        "break_events",
        "frozen_days",
        "message_exercises",
    )
    async with uow() as work:
        for table in tables:
            rows = await work.session.execute(text(f"SELECT user_id FROM {table}"))
            assert sorted(r[0] for r in rows) == [2], table
        assert await work.users.get(1) is None and await work.users.get(2) is not None
