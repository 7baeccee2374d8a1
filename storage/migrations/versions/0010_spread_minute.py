"""The first-reminder boundary's UTC minute per user, so the spread can count who shares it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild). Existing rows get their minute at the next
    # recomputation; until then they are not counted, which only narrows a spread a little.
    op.add_column("reminder_state", sa.Column("spread_minute", sa.SmallInteger(), nullable=True))
    # Counted like the dispatcher scans: only rows with a due time; the due column makes
    # the index covering, so the count reads no table rows.
    op.create_index(
        "ix_reminder_state_spread",
        "reminder_state",
        ["spread_minute", "next_due_at"],
        postgresql_where=sa.text("next_due_at IS NOT NULL"),
        sqlite_where=sa.text("next_due_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_reminder_state_spread", table_name="reminder_state")
    with op.batch_alter_table("reminder_state") as batch:
        batch.drop_column("spread_minute")
