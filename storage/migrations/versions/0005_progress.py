"""Progress: frozen days, messages about one exercise, weekly summary schedule.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
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
        "frozen_days",
        _user_id(),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "local_date"),
    )
    op.create_table(
        "message_exercises",
        _user_id(),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("exercise_id", sa.String(length=32), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("user_id", "message_id"),
    )
    op.create_index("ix_message_exercises_created", "message_exercises", ["created_at"])
    # Plain ADD COLUMN (no table rebuild): on SQLite a rebuild of `users` would cascade.
    op.add_column(
        "users", sa.Column("summary_weekday", sa.Integer(), nullable=False, server_default="6")
    )
    op.add_column(
        "users",
        sa.Column("summary_time_min", sa.Integer(), nullable=False, server_default="1080"),
    )
    op.add_column("users", sa.Column("summary_next_at", UTC_TIME, nullable=True))
    op.add_column("users", sa.Column("summary_sent_at", UTC_TIME, nullable=True))
    op.create_index("ix_users_summary_next_at", "users", ["summary_next_at"])


def downgrade() -> None:
    op.drop_index("ix_users_summary_next_at", table_name="users")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("summary_sent_at")
        batch.drop_column("summary_next_at")
        batch.drop_column("summary_time_min")
        batch.drop_column("summary_weekday")
    op.drop_index("ix_message_exercises_created", table_name="message_exercises")
    op.drop_table("message_exercises")
    op.drop_table("frozen_days")
