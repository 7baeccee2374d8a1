"""Walkthrough outcomes and picture file ids, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import text

from coach.clock import FixedClock
from coach.progression import SessionOutcome
from coach.services.contacts import register_contact
from storage.uow import SqlUnitOfWorkFactory

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


async def test_outcomes_come_back_in_date_order_and_go_with_the_user(
    uow: SqlUnitOfWorkFactory,
) -> None:
    await register_contact(uow, FixedClock(NOW), 5, 5, "en")
    later = SessionOutcome(date(2026, 11, 26), {"bridge": None, "clamshell": 4}, 4, True)
    earlier = SessionOutcome(date(2026, 11, 25), {"bridge": 7}, 7, False, new_symptom=True)
    async with uow() as work:
        await work.workouts.add(5, "a", "workout", later, NOW)
        await work.workouts.add(5, "b", "single", earlier, NOW)
        await work.commit()
    async with uow() as work:
        assert await work.workouts.history(5) == [earlier, later]
        assert await work.workouts.history(6) == []
        await work.session.execute(text("DELETE FROM users"))
        await work.commit()
    async with uow() as work:
        assert await work.workouts.history(5) == []


async def test_picture_ids_are_upserted(uow: SqlUnitOfWorkFactory) -> None:
    async with uow() as work:
        assert await work.pictures.get("bridge-en-1") is None
        await work.pictures.put("bridge-en-1", "AgAC1", NOW)
        await work.commit()
    async with uow() as work:
        await work.pictures.put("bridge-en-1", "AgAC2", NOW)
        await work.commit()
    async with uow() as work:
        assert await work.pictures.get("bridge-en-1") == "AgAC2"
