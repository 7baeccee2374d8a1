"""Reminder fencing: a token per claim, a separate session lease, a failure counter, parking.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)
TOKEN = sa.String(length=32)


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild), nullable or with a server default.
    op.add_column("reminder_state", sa.Column("lease_token", TOKEN, nullable=True))
    op.add_column("reminder_state", sa.Column("session_lease_until", UTC_TIME, nullable=True))
    op.add_column("reminder_state", sa.Column("session_lease_token", TOKEN, nullable=True))
    op.add_column(
        "reminder_state",
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
    )
    op.add_column("reminder_state", sa.Column("parked_at", UTC_TIME, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reminder_state") as batch:
        batch.drop_column("parked_at")
        batch.drop_column("attempts")
        batch.drop_column("session_lease_token")
        batch.drop_column("session_lease_until")
        batch.drop_column("lease_token")
