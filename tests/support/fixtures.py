"""Pytest fixtures for end-to-end tests against the fake Bot API.

Enable them for the whole suite in ``tests/conftest.py``::

    pytest_plugins = ["tests.support.fixtures"]

Fixtures:

- ``fake_api``: a started ``FakeBotApi``; fails the test if the bot called an unknown method
  or the server itself broke.
- ``bot_factory``: ``bot_factory(extra_env={...}, database_url=None, name=None) -> BotRunner``
  (not started): an ``InProcessBot`` (the real application in a thread of the test
  process, ``tests/support/in_process_bot.py``), or a ``BotProcess`` (``python -m bot``) for a
  test marked ``@pytest.mark.process`` (start-up and exit codes, SIGTERM and SIGKILL,
  replicas, what a process prints) and for settings only a process honours
  (``in_process_bot.PROCESS_ONLY``: a webhook, metrics on a port, languages of its own).
  All bots of one test share ``tmp_path/bot.db`` unless told otherwise, so a second bot sees
  the first one's data; each writes its own log file. Every bot is stopped at teardown and
  its output is checked for the token.
- ``bot``: a started bot, ready for updates.
- ``user``: ``fake_api.user(1000)``, an English-speaking person.
- ``postgres_url``: a fresh, empty PostgreSQL database of its own for this test (at
  ``127.0.0.1:5432``), dropped afterwards; pass it as ``database_url`` to several
  ``bot_factory`` processes to run replicas against one database.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from tests.support.bot_process import BotProcess, BotRunner
from tests.support.fake_bot_api import FakeBotApi
from tests.support.in_process_bot import InProcessBot
from tests.support.in_process_bot import needs_process as settings_need_process
from tests.support.user import FakeUser

DEFAULT_USER_ID = 1000
POSTGRES_ADMIN_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"

BotFactory = Callable[..., BotRunner]
PROCESS = "process"
"""The marker of a test whose bots must be processes."""


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeBotApi]:
    api = FakeBotApi()
    await api.start()
    try:
        yield api
    finally:
        await api.stop()
    assert not api.internal_errors, f"the fake Bot API failed: {api.internal_errors}"
    unknown = sorted({call.method for call in api.unknown_calls})
    assert not unknown, f"the bot called Bot API methods the fake server lacks: {unknown}"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--bot-processes",
        action="store_true",
        help="run every end-to-end bot as a process (python -m bot), as before the in-process tier",
    )


def needs_process(request: pytest.FixtureRequest) -> bool:
    """A process for tests marked ``process``, or for every test with ``--bot-processes``."""
    return bool(
        request.node.get_closest_marker(PROCESS) or request.config.getoption("--bot-processes")
    )


@pytest.fixture
async def bot_factory(
    fake_api: FakeBotApi, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[BotFactory]:
    process = needs_process(request)
    created: list[BotRunner] = []

    def create(
        extra_env: Mapping[str, str] | None = None,
        *,
        database_url: str | None = None,
        name: str | None = None,
    ) -> BotRunner:
        # Settings only a process honours (a webhook, metrics, languages of its own) get one.
        runner = BotProcess if process or settings_need_process(extra_env or {}) else InProcessBot
        bot = runner(fake_api, tmp_path, extra_env=extra_env, database_url=database_url, name=name)
        created.append(bot)
        return bot

    yield create
    for bot in created:
        await bot.stop_quietly()
    for bot in created:
        bot.check_token_not_leaked()


@pytest.fixture
async def bot(bot_factory: BotFactory) -> BotRunner:
    started = bot_factory()
    await started.start()
    return started


@pytest.fixture
def user(fake_api: FakeBotApi) -> FakeUser:
    return fake_api.user(DEFAULT_USER_ID)


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    """A database of this test's own, so parallel runs and replicas never share rows."""
    name = f"sb_{uuid.uuid4().hex[:16]}"
    admin = create_async_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()
