"""The safety hold on the latest screening: reason, time, and the pain that caused it.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_COLUMNS = ("hold_reason", "hold_at", "hold_pain", "hold_baseline")


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): existing screenings start without a hold.
    op.add_column("screenings", sa.Column("hold_reason", sa.String(16), nullable=True))
    op.add_column("screenings", sa.Column("hold_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("screenings", sa.Column("hold_pain", sa.Integer(), nullable=True))
    op.add_column("screenings", sa.Column("hold_baseline", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("screenings") as batch:
        for column in _COLUMNS:
            batch.drop_column(column)
