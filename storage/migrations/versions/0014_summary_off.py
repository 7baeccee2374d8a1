"""The weekly summary can be turned off in /settings; a new goal keeps the best streak.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_KEPT = ("kept_best_days", "kept_best_weeks")


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): on SQLite a rebuild of `users` would cascade.
    op.add_column(
        "users",
        sa.Column("summary_enabled", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    for column in _KEPT:
        op.add_column("users", sa.Column(column, sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    # Safe on SQLite: storage.migrations.env turns foreign keys off around a downgrade.
    with op.batch_alter_table("users") as batch:
        for column in reversed(_KEPT):
            batch.drop_column(column)
        batch.drop_column("summary_enabled")
