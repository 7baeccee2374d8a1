"""The benchmark's fast seeding writes rows the repositories read back as intended.

``bench.seed`` writes SQL by hand (an ``INSERT … SELECT`` over a recursive CTE) for speed;
if its instants were stored in another text form than SQLAlchemy's, SQLite would compare
them wrongly and the benchmark would measure nothing. These checks keep it honest.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.seed import EXERCISE_ID, EXERCISE_MESSAGE_ID, Plan, seed
from coach.screening import exercise_access
from storage.uow import SqlUnitOfWorkFactory

START = int(datetime(2026, 11, 25, 12, 0, tzinfo=UTC).timestamp())


async def test_seeded_users_are_set_up_and_due_when_the_plan_says(engine: AsyncEngine) -> None:
    plan = Plan(
        users=50,
        due=10,
        due_start=START,
        due_window=5,
        later_start=START + 3600,
        exercise_messages=True,
    )
    await seed(engine, plan)
    uow = SqlUnitOfWorkFactory(engine)
    async with uow() as work:
        states = await work.reminders.get_many(list(range(1, 51)))
        profile = await work.users.get(7)
        about = await work.message_exercises.get(7, EXERCISE_MESSAGE_ID)
        screening = await work.screenings.latest(7)
    # Cleared, so a reply "10" logs reps (the path the update benchmark measures).
    assert exercise_access(screening, datetime.fromtimestamp(START, UTC)).allowed
    assert profile is not None and profile.onboarded and profile.active
    assert profile.timezone == "UTC" and profile.chat_id == 7
    # The weekly job has nothing to schedule or send during a benchmark run.
    async with uow() as work:
        assert await work.summaries.unscheduled(datetime.fromtimestamp(START, UTC), 10) == []
    assert about is not None and about.exercise_id == EXERCISE_ID
    for user_id, state in states.items():
        due_at = plan.due_at(user_id)
        assert state.next_due_at is not None
        if due_at is not None:
            assert state.next_due_at == datetime.fromtimestamp(due_at, UTC)
        else:
            assert state.next_due_at >= datetime.fromtimestamp(plan.later_start, UTC)
    assert plan.due_at(10) == START + 4  # spread over the window, whole seconds


async def test_the_claim_takes_exactly_the_due_rows_in_due_order(engine: AsyncEngine) -> None:
    plan = Plan(users=100, due=40, due_start=START, due_window=20, later_start=START + 3600)
    await seed(engine, plan)
    now = datetime.fromtimestamp(START + 20, UTC)
    uow = SqlUnitOfWorkFactory(engine)
    async with uow() as work:
        claimed = await work.reminders.claim_due(now, now + timedelta(minutes=2), 100)
        await work.commit()
    assert [state.user_id for state in claimed] == list(range(1, 41))


async def test_seeded_instants_are_stored_as_the_repository_stores_them(
    engine: AsyncEngine,
) -> None:
    """SQLite compares instants as text, so the text must be the same, not just parseable."""
    plan = Plan(users=1, due=1, due_start=START, due_window=0, later_start=START + 3600)
    await seed(engine, plan)
    raw = text("SELECT next_due_at FROM reminder_state WHERE user_id = 1")
    async with engine.connect() as connection:
        seeded = (await connection.execute(raw)).scalar_one()
    uow = SqlUnitOfWorkFactory(engine)
    async with uow() as work:
        state = await work.reminders.get(1)
        assert state is not None and state.next_due_at is not None
        due_at = state.next_due_at
    for instant in (due_at + timedelta(seconds=1), due_at):  # a real write, then back
        async with uow() as work:
            await work.reminders.put(state.with_changes(next_due_at=instant))
            await work.commit()
    async with engine.connect() as connection:
        rewritten = (await connection.execute(raw)).scalar_one()
    assert seeded == rewritten
