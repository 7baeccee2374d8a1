"""What users type never reaches the log, not even when the database fails on it.

A database error carries the statement's values (here the time zone of the city the user
typed) and a driver's message may quote a row; the error handler logs ids, the update type
and the frames only. PTB's debug lines print whole updates, so they are kept off too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.people import FLAGS
from tests.support.fake_bot_api import FakeBotApi

pytestmark = [pytest.mark.e2e, pytest.mark.process]
BotFactory = Callable[..., Any]

CITY = "Ouagadougou"  # exactly one city: its zone, Africa/Ouagadougou, is what gets stored
TYPED = (
    "Quokka-diary-7781 my back hurts since Tuesday",
    "Wombat-note-5523 numbness in my left foot?",
    "10 Platypus-reps-9944",
)
MARKERS = ("Quokka-diary-7781", "Wombat-note-5523", "Platypus-reps-9944")
DB_FAILURE = "injected-failure"


def fail_on_the_typed_city(db_path: Path) -> None:
    """Saving a profile with the typed city's zone fails inside the database."""
    with sqlite3.connect(db_path) as connection:
        for event in ("INSERT", "UPDATE"):
            connection.execute(
                f"CREATE TRIGGER fail_{event.lower()} BEFORE {event} ON users "
                f"WHEN NEW.timezone LIKE '%{CITY}%' "
                f"BEGIN SELECT RAISE(ABORT, '{DB_FAILURE}'); END"
            )


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
async def test_typed_text_and_stored_values_stay_out_of_the_log_when_the_database_fails(
    level: str,
    fake_api: FakeBotApi,
    bot_factory: BotFactory,
    db_env: dict[str, str],
    db_path: Path,
) -> None:
    first = bot_factory(extra_env=db_env)
    await first.start()  # creates the schema
    assert await first.stop() == 0
    fail_on_the_typed_city(db_path)
    bot = bot_factory(extra_env={**db_env, "LOG_LEVEL": level})
    await bot.start()

    user = fake_api.user(300)
    user.send("/start")
    await user.next_messages(2)
    user.press("Let's begin")
    await user.next_messages(2)
    for _name in FLAGS:
        user.press("No")
        await user.next_message()
    user.press("2")
    await user.next_message()
    user.press("> 3 months")
    _outcome, ask_city = await user.next_messages(2)
    assert "Which city" in ask_city.text
    user.send(CITY)
    apology = await user.next_message()
    assert apology.text and "went wrong" in apology.text.lower()
    for text in TYPED:
        user.send(text)
        await user.next_message()
    assert await bot.stop() == 0

    output = bot.output
    for secret in (CITY, DB_FAILURE, *MARKERS):
        assert secret not in output, f"{secret!r} reached the {level} log"
    for part in (fake_api.token, fake_api.token.split(":", 1)[1]):
        assert part not in output
    # The failure was logged all the same: who, what kind of update, which exception, where.
    errors = [line for line in output.splitlines() if " ERROR " in line]
    assert any("user 300" in line and "message" in line for line in errors), errors
    assert "IntegrityError" in output and "Traceback" in output
