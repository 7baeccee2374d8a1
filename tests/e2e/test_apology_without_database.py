"""A message that arrives while the database fails gets the apology in the sender's language.

Without a database the stored language cannot be read, so the apology takes the language of
the sender's Telegram client: German for a German client. Here every table is gone from
under the running bot, so every statement fails, reads included.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.texts import load_catalogue
from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]


def take_every_table_away(db_path: Path) -> None:
    with sqlite3.connect(db_path) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for name in tables:
            connection.execute(f'ALTER TABLE "{name}" RENAME TO "gone_{name}"')


async def test_the_apology_is_in_german_for_a_german_client_while_the_database_fails(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    bot = bot_factory(extra_env=db_env)
    await bot.start()
    take_every_table_away(db_path)

    user = fake_api.user(160, first_name="Jonas", language_code="de")
    user.send("/help")
    apology = await user.next_message()
    assert apology.text == load_catalogue().text("de", "error-apology")
    assert "Jonas" not in bot.output
    await bot.stop()
