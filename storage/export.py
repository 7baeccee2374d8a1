"""Every row about one user, table by table, for `/export`.

The tables come from the SQLAlchemy metadata, not from a list: `users` (the profile, by its
id), every table with a `user_id` column, and every other table with a `chat_id` column (by
the user's chat id: `chat_sends`, the send budget's last send to the chat). A table added
later is exported without a change here. Values become plain text: ISO dates and UTC
instants, `true`/`false`, JSON for JSON.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from coach.export import TableRows
from storage.models import Base, UserRow


def per_user_tables() -> list[Table]:
    """`users` and every table with a `user_id` column, in a stable order."""
    tables = Base.metadata.sorted_tables
    return [table for table in tables if table.name == "users" or "user_id" in table.c]


def per_chat_tables() -> list[Table]:
    """Tables keyed by a chat id rather than a user: a private chat's id is the user's."""
    tables = Base.metadata.sorted_tables
    return [
        table
        for table in tables
        if table.name != "users" and "chat_id" in table.c and "user_id" not in table.c
    ]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)


class SqlUserDataExport:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def tables(self, user_id: int) -> list[TableRows]:
        found: list[TableRows] = []
        chat_id = await self._session.scalar(select(UserRow.chat_id).where(UserRow.id == user_id))
        keyed: list[tuple[Table, Any, int | None]] = [
            (table, table.c.id if table.name == "users" else table.c.user_id, user_id)
            for table in per_user_tables()
        ]
        keyed += [(table, table.c.chat_id, chat_id) for table in per_chat_tables()]
        for table, key, value in keyed:
            statement = select(table).where(key == value).order_by(*table.primary_key.columns)
            rows = (await self._session.execute(statement)).all()
            columns = tuple(column.name for column in table.columns)
            found.append(
                TableRows(table.name, columns, tuple(tuple(_text(v) for v in row) for row in rows))
            )
        return found
