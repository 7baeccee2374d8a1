"""A weekly summary turned off in /settings is not sent; the user's slot moves on a week."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from storage.engine import create_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.e2e.conftest import query
from tests.e2e.test_summary_replicas import FIRST_RUN, NEXT_WEEK, clock_env, eventually, seed_due
from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]


async def turn_off(url: str, user_id: int) -> None:
    """What the settings' "Turn off" stores (tests/e2e/test_settings.py presses it)."""
    engine = create_engine(url)
    async with SqlUnitOfWorkFactory(engine)() as work:
        profile = await work.users.get(user_id)
        assert profile is not None
        await work.users.save(replace(profile, summary_enabled=False), profile.created_at)
        await work.commit()
    await engine.dispose()


@pytest.mark.timeout(180)
async def test_no_summary_for_a_user_who_turned_it_off(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_path: Path, tmp_path: Path
) -> None:
    off, on = 720, 721
    url = f"sqlite+aiosqlite:///{db_path}"
    await seed_due(url, [off, on])
    await turn_off(url, off)
    fake_api.user(off)
    fake_api.user(on)
    bot = bot_factory(extra_env=clock_env(tmp_path))
    await bot.start()

    async def both_moved_on() -> bool:
        rows = query(db_path, "SELECT summary_next_at FROM users ORDER BY id")
        return [str(r[0])[:19] for r in rows] == [NEXT_WEEK.strftime("%Y-%m-%d %H:%M:%S")] * 2

    async def seen() -> object:
        return query(db_path, "SELECT id, summary_enabled, summary_next_at FROM users")

    await eventually(both_moved_on, FIRST_RUN, seen)
    await fake_api.wait_for_call("sendPhoto", lambda call: call.chat_id == on and call.ok)
    assert [c.chat_id for c in fake_api.calls_of("sendPhoto")] == [on]
