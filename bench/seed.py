"""Fast seeding of set-up users: one ``INSERT … SELECT`` over a recursive CTE per table.

A million rows take seconds this way; ORM objects would take minutes. Users ``1..due`` are
due inside ``[due_start, due_start + due_window)`` (whole seconds, spread evenly); the rest
are due later, spread over four hours from ``later_start``. Every user is set up, active,
in UTC, working every day all day, with the weekly summary a week ahead, so nothing but the
due time decides what is sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

LATER_SPREAD_SECONDS = 4 * 3600
EXERCISE_MESSAGE_ID = 1
EXERCISE_ID = "bridge"


@dataclass(frozen=True)
class Plan:
    users: int
    due: int
    due_start: int
    """Unix seconds of the first due reminder."""
    due_window: int
    """Seconds over which the due reminders are spread (0: all in the same second)."""
    later_start: int
    exercise_messages: bool = False
    """Also store a bot message about an exercise per user and a cleared safety screening,
    so a reply "10" logs reps (without the screening it is only answered "not logged")."""

    def due_at(self, user_id: int) -> int | None:
        """Unix seconds a due user's reminder is due (None for the users due later)."""
        if user_id > self.due:
            return None
        return self.due_start + (user_id - 1) * self.due_window // max(self.due, 1)


def _instant(engine: AsyncEngine, seconds: str) -> str:
    """SQL for the instant ``seconds`` (an SQL expression of Unix seconds), as stored."""
    if engine.dialect.name == "sqlite":
        # The text SQLAlchemy writes for a naive UTC datetime: microseconds always present.
        return f"(strftime('%Y-%m-%d %H:%M:%S', {seconds}, 'unixepoch') || '.000000')"
    return f"to_timestamp({seconds})"


def _series(body: str) -> str:
    return (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :users) " + body
    )


async def seed(engine: AsyncEngine, plan: Plan) -> None:
    created = _instant(engine, ":created")
    # Scheduled a week ahead, as the weekly job leaves every user: not due during a run.
    summary = _instant(engine, ":summary")
    due = _instant(
        engine,
        "CASE WHEN i <= :due THEN :due_start + (i - 1) * :due_window / :due_or_one "
        f"ELSE :later_start + i % {LATER_SPREAD_SECONDS} END",
    )
    users = _series(
        "INSERT INTO users (id, chat_id, language, timezone, work_days, work_start_min, "
        "work_end_min, sit_interval_min, goal_days_per_week, active, onboarded_at, "
        "created_at, updated_at, summary_weekday, summary_time_min, summary_next_at) "
        f"SELECT i, i, 'en', 'UTC', 127, 0, 1439, 60, 7, :active, {created}, {created}, "
        f"{created}, 6, 1080, {summary} FROM n"
    )
    states = _series(f"INSERT INTO reminder_state (user_id, next_due_at) SELECT i, {due} FROM n")
    params = {
        "users": plan.users,
        "due": plan.due,
        "due_or_one": max(plan.due, 1),
        "due_start": plan.due_start,
        "due_window": plan.due_window,
        "later_start": plan.later_start,
        "created": plan.due_start - 86_400,
        "summary": plan.due_start + 7 * 86_400,
        "active": True,
    }
    async with engine.begin() as connection:
        await connection.execute(text(users), params)
        await connection.execute(text(states), params)
        if plan.exercise_messages:
            messages = _series(
                "INSERT INTO message_exercises (user_id, message_id, exercise_id, created_at) "
                f"SELECT i, {EXERCISE_MESSAGE_ID}, '{EXERCISE_ID}', {created} FROM n"
            )
            await connection.execute(text(messages), params)
            screenings = _series(
                "INSERT INTO screenings (user_id, questionnaire_version, outcome, answers, "
                "flagged_before, doctor_cleared, completed_at) "
                f"SELECT i, 1, 'cleared', '{{}}', :no, :no, {created} FROM n"
            )
            await connection.execute(text(screenings), {**params, "no": False})
