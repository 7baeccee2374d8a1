"""The weekly summary can be turned off in /settings.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): on SQLite a rebuild of `users` would cascade.
    op.add_column(
        "users",
        sa.Column("summary_enabled", sa.Boolean(), nullable=False, server_default=sa.true()),
    )


def downgrade() -> None:
    # Safe on SQLite: storage.migrations.env turns foreign keys off around a downgrade.
    with op.batch_alter_table("users") as batch:
        batch.drop_column("summary_enabled")
