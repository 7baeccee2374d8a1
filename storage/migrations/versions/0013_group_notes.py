"""The "talk to me in private" note of a group is paced in the database, so replicas share it.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "group_notes",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("noted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("chat_id", name=op.f("pk_group_notes")),
    )
    op.create_index(op.f("ix_group_notes_noted_at"), "group_notes", ["noted_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_group_notes_noted_at"), table_name="group_notes")
    op.drop_table("group_notes")
