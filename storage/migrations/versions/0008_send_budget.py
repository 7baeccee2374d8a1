"""Send budget shared by replicas: bot-wide permit slots and the last send per chat.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # One row per message Telegram allows in a second; a send takes a slot not used for a second.
    op.create_table(
        "send_budget",
        sa.Column("slot", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("sent_at", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("slot"),
    )
    # Per chat: tokens left after its last send and when that was (database clock, epoch s).
    op.create_table(
        "chat_sends",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("tokens", sa.Double(), nullable=False),
        sa.Column("sent_at", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("chat_id"),
    )
    op.create_index("ix_chat_sends_sent_at", "chat_sends", ["sent_at"])


def downgrade() -> None:
    op.drop_index("ix_chat_sends_sent_at", table_name="chat_sends")
    op.drop_table("chat_sends")
    op.drop_table("send_budget")
