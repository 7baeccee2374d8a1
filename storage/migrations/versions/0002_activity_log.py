"""Activity log: rep entries, pain check-ins and sit-break events.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def _user_id() -> sa.Column[int]:
    return sa.Column(
        "user_id",
        sa.BigInteger(),
        sa.ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "rep_entries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _user_id(),
        sa.Column("exercise_id", sa.String(length=32), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=True),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("recorded_at", UTC_TIME, nullable=False),
        sa.Column("session_id", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_rep_entries_user_date", "rep_entries", ["user_id", "local_date"])
    op.create_table(
        "pain_checkins",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _user_id(),
        sa.Column("pain", sa.Integer(), nullable=False),
        sa.Column("context", sa.String(length=16), nullable=False),
        sa.Column("exercise_id", sa.String(length=32), nullable=True),
        sa.Column("session_id", sa.String(length=40), nullable=True),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("recorded_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_pain_checkins_user_date", "pain_checkins", ["user_id", "local_date"])
    op.create_table(
        "break_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _user_id(),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("recorded_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_break_events_user_date", "break_events", ["user_id", "local_date"])


def downgrade() -> None:
    op.drop_index("ix_break_events_user_date", table_name="break_events")
    op.drop_table("break_events")
    op.drop_index("ix_pain_checkins_user_date", table_name="pain_checkins")
    op.drop_table("pain_checkins")
    op.drop_index("ix_rep_entries_user_date", table_name="rep_entries")
    op.drop_table("rep_entries")
