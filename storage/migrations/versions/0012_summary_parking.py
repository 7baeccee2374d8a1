"""A weekly summary that cannot be built is retried, then parked; a stored zone the tz
database lacks is told to the user once.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_COLUMNS = ("summary_attempts", "summary_parked_at", "zone_notice")


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): on SQLite a rebuild of `users` would cascade.
    op.add_column(
        "users",
        sa.Column("summary_attempts", sa.Integer(), nullable=False, server_default="0"),
    )
    op.add_column("users", sa.Column("summary_parked_at", sa.DateTime(timezone=True)))
    op.add_column("users", sa.Column("zone_notice", sa.String(length=64), nullable=True))


def downgrade() -> None:
    # Safe on SQLite: storage.migrations.env turns foreign keys off around a downgrade.
    with op.batch_alter_table("users") as batch:
        for column in reversed(_COLUMNS):
            batch.drop_column(column)
