"""/export holds every row about the user, in every table that has one, and nobody else's.

The per-user tables are derived here from the SQLAlchemy metadata (`users` and every table
with a `user_id` column), and every one of them is filled for two users: a table added later
is filled and must show up in the export, or this test fails.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, SmallInteger, Table, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from coach.catalogue import load_catalogue
from coach.clock import FixedClock
from coach.services.progress import ProgressService
from storage.models import Base
from storage.uow import SqlUnitOfWorkFactory

ALICE, BOB = 4101, 4202
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def per_user_tables() -> list[Table]:
    """`users`, the tables with a `user_id`, and those keyed by the chat id (`chat_sends`)."""
    return [
        table
        for table in Base.metadata.sorted_tables
        if table.name == "users" or "user_id" in table.c or "chat_id" in table.c
    ]


# Columns whose stored text the core reads back as one of its enums.
ENUMS = {
    ("rep_entries", "source"): "reply",
    ("rep_entries", "side"): "left",
    ("pain_checkins", "context"): "hurts",
    ("break_events", "kind"): "prompted",
    ("frozen_days", "kind"): "rest",
}


def _owner(table: Table) -> Column[Any]:
    if table.name == "users":
        return table.c.id
    return table.c.user_id if "user_id" in table.c else table.c.chat_id


def _value(column: Column[Any], user: int, index: int) -> Any:
    if (column.table.name, column.name) in ENUMS:
        return ENUMS[column.table.name, column.name]
    if isinstance(column.type, JSON):
        return {"owner": user}
    kind = getattr(column.type, "impl", column.type).python_type  # a TypeDecorator: its base
    if kind is bool:
        return True
    if kind is float:
        return float(index)
    if kind is int:
        value = user * 100 + index
        return value % 1440 if isinstance(column.type, SmallInteger) else value
    if kind is str:
        length = getattr(column.type, "length", None) or 64
        return f"{column.name}-{user}"[:length]
    if kind is datetime:
        return NOW
    if kind is date:
        return date(2026, 11, 24)
    if kind is dict:
        return {"owner": user}
    raise AssertionError(f"no test value for {column.table.name}.{column.name} ({kind})")


def row_for(table: Table, user: int) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for index, column in enumerate(table.columns):
        if column is _owner(table):
            values[column.name] = user
        elif column.primary_key and column.autoincrement is True:
            continue  # the database numbers it
        else:
            values[column.name] = _value(column, user, index)
    if table.name == "users":
        values.update(
            chat_id=user,
            language="en",
            timezone="Europe/Berlin",
            work_days=0b0011111,
            work_start_min=9 * 60,
            work_end_min=17 * 60,
            sit_interval_min=60,
            exercise_time_min=10 * 60,
            goal_days_per_week=7,
            summary_weekday=6,
            summary_time_min=18 * 60,
        )
    return values


async def test_export_holds_every_per_user_table_and_no_other_users_rows(
    engine: AsyncEngine,
) -> None:
    tables = per_user_tables()
    assert {
        "users",
        "screenings",
        "rep_entries",
        "workout_sessions",
        "frozen_days",
        "chat_sends",
    } <= {table.name for table in tables}
    async with engine.begin() as connection:
        for table in tables:
            for user in (ALICE, BOB):
                await connection.execute(insert(table).values(row_for(table, user)))
    uow = SqlUnitOfWorkFactory(engine)
    service = ProgressService(uow, FixedClock(NOW), load_catalogue())

    export = await service.export(ALICE)

    assert export is not None and export.file_name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(export.data)) as archive:
        files = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    assert set(files) == {f"{table.name}.csv" for table in tables} | {"activity.csv"}
    for table in tables:
        header, *rows = list(csv.reader(io.StringIO(files[f"{table.name}.csv"])))
        assert header == [column.name for column in table.columns], table.name
        assert len(rows) == 1, f"{table.name}: {rows}"
        owner = header.index(_owner(table).name)
        assert rows[0][owner] == str(ALICE), table.name
        assert not any(str(BOB) in cell for cell in rows[0]), f"{table.name}: {rows[0]}"
    assert export.rows == len(tables)
    assert "processed_updates.csv" not in files and "picture_files.csv" not in files


async def test_export_of_an_unknown_user_is_nothing(engine: AsyncEngine) -> None:
    service = ProgressService(SqlUnitOfWorkFactory(engine), FixedClock(NOW), load_catalogue())
    assert await service.export(ALICE) is None


async def test_delete_leaves_no_row_of_the_user_in_any_table_and_keeps_the_others(
    engine: AsyncEngine,
) -> None:
    tables = per_user_tables()
    async with engine.begin() as connection:
        for table in tables:
            for user in (ALICE, BOB):
                await connection.execute(insert(table).values(row_for(table, user)))
    uow = SqlUnitOfWorkFactory(engine)
    async with uow() as work:
        assert await work.users.delete(ALICE)
        await work.commit()
    async with engine.connect() as connection:
        for table in tables:
            owners = (await connection.execute(select(_owner(table)))).scalars().all()
            assert owners == [BOB], table.name
