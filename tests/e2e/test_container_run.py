"""The image's command with the image's and compose's environment, run outside a container.

No container runtime runs here, so the test takes what the Dockerfile and compose.yaml set
(their ENV, CMD and the bot service's environment) and starts exactly that command, with
only the places swapped for this machine: DATA_DIR in a temporary folder instead of the
/data volume, the local PostgreSQL instead of the `db` service. A person then talks to it.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.engine import create_engine
from tests.support.fake_bot_api import FakeBotApi
from tests.unit.test_container_files import compose, exec_form, instructions

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.process]
BotFactory = Callable[..., Any]


async def stored_user_ids(url: str) -> list[int]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(text("SELECT id FROM users"))
            return [int(row[0]) for row in rows]
    finally:
        await engine.dispose()


def image_environment() -> dict[str, str]:
    """The Dockerfile's ENV lines (KEY=value pairs)."""
    found: dict[str, str] = {}
    for line in instructions("ENV"):
        for pair in line.split():
            key, _, value = pair.partition("=")
            found[key] = value
    return found


def on_this_machine(compose_url: str, postgres_url: str) -> str:
    """compose's DATABASE_URL (scheme, user, database name form) aimed at the local server."""
    wanted, local = make_url(compose_url.replace("${", "").replace("}", "")), make_url(postgres_url)
    assert wanted.drivername == "postgresql" and wanted.host == "db"
    return f"postgresql://{local.username}@{local.host}:{local.port}/{local.database}"


async def test_the_image_command_and_environment_start_a_bot_that_answers(
    fake_api: FakeBotApi, bot_factory: BotFactory, postgres_url: str, tmp_path: Path
) -> None:
    assert exec_form(instructions("CMD")[-1]) == ["python", "-m", "bot"]  # what BotProcess runs
    service = compose()["services"]["bot"]["environment"]
    env = {**image_environment(), **service}
    assert env["DATA_DIR"] == "/data"
    data_dir = tmp_path / "volume"
    env["DATA_DIR"] = str(data_dir)
    env["DATABASE_URL"] = on_this_machine(service["DATABASE_URL"], postgres_url)
    bot = bot_factory(extra_env=env, database_url=env["DATABASE_URL"])
    await bot.start()

    user = fake_api.user(7700)
    user.send("/start")
    _welcome, invitation = await user.next_messages(2)
    assert "Let's begin" in invitation.labels
    assert await bot.stop() == 0
    assert await stored_user_ids(postgres_url) == [7700]
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert not (data_dir / "strongback.db").exists()  # the data went to PostgreSQL
