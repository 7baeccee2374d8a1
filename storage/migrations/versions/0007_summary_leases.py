"""Weekly summaries are claimed with a lease and a fencing token, like reminders.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): on SQLite a rebuild of `users` would cascade.
    op.add_column("users", sa.Column("summary_lease_until", UTC_TIME, nullable=True))
    op.add_column("users", sa.Column("summary_lease_token", sa.String(length=32), nullable=True))


def downgrade() -> None:
    # Safe on SQLite: storage.migrations.env turns foreign keys off around a downgrade.
    with op.batch_alter_table("users") as batch:
        batch.drop_column("summary_lease_token")
        batch.drop_column("summary_lease_until")
