"""Tables. Every row about a user hangs off `users` with ON DELETE CASCADE, so `/delete` is one
statement and cannot forget a table."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Double,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.types import UtcDateTime


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        dict[str, Any]: JSON(),
    }


def user_fk() -> ForeignKey:
    """A fresh foreign key to users (a ForeignKey object belongs to one column)."""
    return ForeignKey("users.id", ondelete="CASCADE")


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(8), default="en")
    timezone: Mapped[str | None] = mapped_column(String(64))
    work_days: Mapped[int] = mapped_column(Integer, default=0b0011111)
    work_start_min: Mapped[int] = mapped_column(Integer, default=9 * 60)
    work_end_min: Mapped[int] = mapped_column(Integer, default=17 * 60)
    sit_interval_min: Mapped[int] = mapped_column(Integer, default=60)
    exercise_time_min: Mapped[int | None] = mapped_column(Integer)
    goal_days_per_week: Mapped[int] = mapped_column(Integer, default=7)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    onboarded_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    summary_weekday: Mapped[int] = mapped_column(Integer, default=6, server_default="6")
    summary_time_min: Mapped[int] = mapped_column(Integer, default=18 * 60, server_default="1080")
    summary_enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    kept_best_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    kept_best_weeks: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    summary_next_at: Mapped[datetime | None] = mapped_column(index=True)
    summary_sent_at: Mapped[datetime | None]
    # A claimed summary: in flight until the lease ends; only the claim's token confirms it.
    summary_lease_until: Mapped[datetime | None]
    summary_lease_token: Mapped[str | None] = mapped_column(String(32))
    # A summary that could not be built: failed tries in a row, and when it was given up.
    summary_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    summary_parked_at: Mapped[datetime | None]
    # The stored zone the user was told the tz database does not know (told once per zone).
    zone_notice: Mapped[str | None] = mapped_column(String(64))


class GroupNoteRow(Base):
    """When a group last got the "talk to me in private" note, shared by every replica."""

    __tablename__ = "group_notes"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    noted_at: Mapped[datetime] = mapped_column(index=True)


class ProcessedUpdateRow(Base):
    """Update ids already handled, so a redelivered update is a no-op."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(index=True)


class DialogRow(Base):
    """Where a user is in a multi-step conversation, so a restart resumes there."""

    __tablename__ = "dialogs"

    user_id: Mapped[int] = mapped_column(BigInteger, user_fk(), primary_key=True)
    flow: Mapped[str] = mapped_column(String(32))
    step: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class ScreeningRow(Base):
    """One completed safety screening with its answers and outcome."""

    __tablename__ = "screenings"
    __table_args__ = (Index("ix_screenings_user_completed", "user_id", "completed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(BigInteger, user_fk())
    questionnaire_version: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))
    answers: Mapped[dict[str, Any]]
    pain_now: Mapped[int | None] = mapped_column(Integer)
    duration: Mapped[str | None] = mapped_column(String(16))
    flagged_before: Mapped[bool] = mapped_column(Boolean, default=False)
    doctor_cleared: Mapped[bool] = mapped_column(Boolean, default=False)
    completed_at: Mapped[datetime]
    # The safety hold announced after this screening (coach.hold); the next row has none.
    hold_reason: Mapped[str | None] = mapped_column(String(16))
    hold_at: Mapped[datetime | None]
    hold_pain: Mapped[int | None] = mapped_column(Integer)
    hold_baseline: Mapped[int | None] = mapped_column(Integer)


class RepEntryRow(Base):
    """Repetitions done: one row per set (exercise, side), whatever the source."""

    __tablename__ = "rep_entries"
    __table_args__ = (Index("ix_rep_entries_user_date", "user_id", "local_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(BigInteger, user_fk())
    exercise_id: Mapped[str] = mapped_column(String(32))
    side: Mapped[str | None] = mapped_column(String(8))
    reps: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))
    local_date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime]
    session_id: Mapped[str | None] = mapped_column(String(40))


class PainCheckInRow(Base):
    """A pain score 0-10 the user gave, and when it was asked for."""

    __tablename__ = "pain_checkins"
    __table_args__ = (Index("ix_pain_checkins_user_date", "user_id", "local_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(BigInteger, user_fk())
    pain: Mapped[int] = mapped_column(Integer)
    context: Mapped[str] = mapped_column(String(16))
    exercise_id: Mapped[str | None] = mapped_column(String(32))
    session_id: Mapped[str | None] = mapped_column(String(40))
    local_date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime]


class BreakEventRow(Base):
    """Sit-break history: reminders sent and what the user did with them."""

    __tablename__ = "break_events"
    __table_args__ = (Index("ix_break_events_user_date", "user_id", "local_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(BigInteger, user_fk())
    kind: Mapped[str] = mapped_column(String(16))
    local_date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime]


class WorkoutSessionRow(Base):
    """A finished or stopped walkthrough: what the progression ladder is replayed from."""

    __tablename__ = "workout_sessions"
    __table_args__ = (Index("ix_workout_sessions_user_date", "user_id", "local_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(BigInteger, user_fk())
    session_id: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(16))
    local_date: Mapped[date] = mapped_column(Date)
    completed: Mapped[bool] = mapped_column(Boolean)
    new_symptom: Mapped[bool] = mapped_column(Boolean)
    max_pain: Mapped[int | None] = mapped_column(Integer)
    exercise_pains: Mapped[dict[str, Any]]
    finished_at: Mapped[datetime]


class PictureFileRow(Base):
    """Telegram's file_id of an uploaded exercise picture (per picture, language, drawing)."""

    __tablename__ = "picture_files"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    file_id: Mapped[str] = mapped_column(String(255))
    updated_at: Mapped[datetime]


class FrozenDayRow(Base):
    """A local day that freezes the streak: a pause day or a declared rest day."""

    __tablename__ = "frozen_days"

    user_id: Mapped[int] = mapped_column(BigInteger, user_fk(), primary_key=True)
    local_date: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))


class MessageExerciseRow(Base):
    """A bot message about one exercise, so a reply to it knows which exercise it reports."""

    __tablename__ = "message_exercises"
    __table_args__ = (Index("ix_message_exercises_created", "created_at"),)

    user_id: Mapped[int] = mapped_column(BigInteger, user_fk(), primary_key=True)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    exercise_id: Mapped[str] = mapped_column(String(32))
    side: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime]


class ReminderStateRow(Base):
    """One user's sit-break schedule: the next due instant (UTC) and the claim leases.

    Each claim writes a fresh token next to its lease; a settle only touches the row while
    the token is still its own. Sit-break and session reminders have a lease each.
    """

    __tablename__ = "reminder_state"
    __table_args__ = (
        Index(
            "ix_reminder_state_due",
            "next_due_at",
            postgresql_where=text("next_due_at IS NOT NULL"),
            sqlite_where=text("next_due_at IS NOT NULL"),
        ),
        Index(
            "ix_reminder_state_session_due",
            "session_due_at",
            postgresql_where=text("session_due_at IS NOT NULL"),
            sqlite_where=text("session_due_at IS NOT NULL"),
        ),
        Index(
            "ix_reminder_state_spread",
            "spread_minute",
            "next_due_at",
            postgresql_where=text("next_due_at IS NOT NULL"),
            sqlite_where=text("next_due_at IS NOT NULL"),
        ),
    )

    user_id: Mapped[int] = mapped_column(
        BigInteger, user_fk(), primary_key=True, autoincrement=False
    )
    next_due_at: Mapped[datetime | None]
    lease_until: Mapped[datetime | None]
    last_reminder_at: Mapped[datetime | None]
    last_break_at: Mapped[datetime | None]
    sitting_since: Mapped[datetime | None]
    snoozed_until: Mapped[datetime | None]
    paused_until: Mapped[datetime | None]
    manual_sit_started_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    session_due_at: Mapped[datetime | None]
    last_session_at: Mapped[datetime | None]
    lease_token: Mapped[str | None] = mapped_column(String(32))
    session_lease_until: Mapped[datetime | None]
    session_lease_token: Mapped[str | None] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    parked_at: Mapped[datetime | None]
    spread_minute: Mapped[int | None] = mapped_column(SmallInteger)


class SendBudgetRow(Base):
    """A bot-wide send permit (PostgreSQL replicas): a send takes a slot unused for a second."""

    __tablename__ = "send_budget"

    slot: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    sent_at: Mapped[float] = mapped_column(Double)


class ChatSendRow(Base):
    """The last send to a chat from any replica, and the reply tokens it left."""

    __tablename__ = "chat_sends"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    tokens: Mapped[float] = mapped_column(Double)
    sent_at: Mapped[float] = mapped_column(Double, index=True)
