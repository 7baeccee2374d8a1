"""Every user's chat is their private chat again.

Before private-only handling, `/start` in a group stored the group as the user's chat, so
reminders, summaries and exports went to the group. In a private chat Telegram's chat id is
the user id, so the repair is exact. Data only: the downgrade has nothing to undo.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE users SET chat_id = id WHERE chat_id <> id")


def downgrade() -> None:
    """Nothing to undo: the group ids were never the users' own chats."""
