"""/export and /delete on PostgreSQL cover the per-chat send state of the shared budget too.

``chat_sends`` holds a chat id (a private chat's id is the user's id) and the time of its last
send. /export shows it; after /delete no row with the user's chat id is left, not even the one
the confirmation itself wrote.
"""

from __future__ import annotations

import asyncio
import csv
import io
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text

from storage.engine import create_engine
from storage.migrate import upgrade
from tests.support.fake_bot_api import FakeBotApi

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]
BotFactory = Callable[..., Any]

USER = 7600
T0 = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


async def chat_rows(url: str, chat_id: int) -> int:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            statement = text("SELECT count(*) FROM chat_sends WHERE chat_id = :chat")
            return int((await connection.execute(statement, {"chat": chat_id})).scalar() or 0)
    finally:
        await engine.dispose()


async def test_export_shows_and_delete_removes_the_chat_send_row(
    postgres_url: str, fake_api: FakeBotApi, bot_factory: BotFactory
) -> None:
    engine = create_engine(postgres_url)
    await upgrade(engine)
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO users (id, chat_id, language, timezone, work_days, work_start_min,"
                " work_end_min, sit_interval_min, goal_days_per_week, active, onboarded_at,"
                " created_at, updated_at) VALUES (:id, :id, 'en', 'UTC', 31, 540, 1020, 60, 7,"
                " true, :t0, :t0, :t0)"
            ),
            {"id": USER, "t0": T0},
        )
    await engine.dispose()
    bot = bot_factory(database_url=postgres_url)
    await bot.start()
    user = fake_api.user(USER)

    user.send("/help")
    await user.next_messages(2, timeout=15)  # the commands and the safety note
    assert await chat_rows(postgres_url, USER) == 1
    user.send("/export")
    export = await user.next_message(timeout=15)
    assert export.document is not None and export.document.data is not None
    with zipfile.ZipFile(io.BytesIO(export.document.data)) as archive:
        sends = list(csv.DictReader(io.StringIO(archive.read("chat_sends.csv").decode())))
    assert [row["chat_id"] for row in sends] == [str(USER)]

    user.send("/delete")
    await user.next_message(timeout=15)
    user.press("Yes, delete everything")
    assert "all your data is deleted" in (await user.next_message(timeout=15)).text
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while (left := await chat_rows(postgres_url, USER)) != 0:
        assert loop.time() < deadline, f"{left} chat_sends row of the deleted user left"
        await asyncio.sleep(0.1)
