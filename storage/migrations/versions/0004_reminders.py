"""Sit-break reminder state: the database is the schedule.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "reminder_state",
        sa.Column(
            "user_id",
            sa.BigInteger(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            autoincrement=False,
            nullable=False,
        ),
        sa.Column("next_due_at", UTC_TIME, nullable=True),
        sa.Column("lease_until", UTC_TIME, nullable=True),
        sa.Column("last_reminder_at", UTC_TIME, nullable=True),
        sa.Column("last_break_at", UTC_TIME, nullable=True),
        sa.Column("sitting_since", UTC_TIME, nullable=True),
        sa.Column("snoozed_until", UTC_TIME, nullable=True),
        sa.Column("paused_until", UTC_TIME, nullable=True),
        sa.Column("manual_sit_started_at", UTC_TIME, nullable=True),
        sa.Column("answered_at", UTC_TIME, nullable=True),
        sa.Column("session_due_at", UTC_TIME, nullable=True),
        sa.Column("last_session_at", UTC_TIME, nullable=True),
        sa.PrimaryKeyConstraint("user_id"),
    )
    # Only rows with a due time are ever scanned by the dispatcher; inactive users cost nothing.
    op.create_index(
        "ix_reminder_state_due",
        "reminder_state",
        ["next_due_at"],
        postgresql_where=sa.text("next_due_at IS NOT NULL"),
        sqlite_where=sa.text("next_due_at IS NOT NULL"),
    )
    op.create_index(
        "ix_reminder_state_session_due",
        "reminder_state",
        ["session_due_at"],
        postgresql_where=sa.text("session_due_at IS NOT NULL"),
        sqlite_where=sa.text("session_due_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_reminder_state_session_due", table_name="reminder_state")
    op.drop_index("ix_reminder_state_due", table_name="reminder_state")
    op.drop_table("reminder_state")
