"""The bot's files live in its own private data directory, never in a shared temp folder.

A picture found in the cache is sent as it is, so a cache in a fixed, world-writable place
(/tmp/strongback-pictures) would let any local user plant the images users see.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot import pictures
from bot.texts import load_catalogue as load_texts
from coach.catalogue import load_catalogue as load_exercises
from tests.e2e.conftest import query
from tests.e2e.people import onboard
from tests.support.fake_bot_api import FakeBotApi
from tests.support.languages import LANGUAGES

pytestmark = [pytest.mark.e2e, pytest.mark.process]
BotFactory = Callable[..., Any]
PLANTED = b"planted by another local user"


def planted_gif() -> bytes:
    """A GIF header (1 x 1) followed by a marker: what an attacker would leave."""
    return b"GIF89a\x01\x00\x01\x00" + PLANTED


def every_picture_name() -> list[str]:
    """The cache file names of every exercise animation, side and language."""
    texts, exercises = load_texts(), load_exercises()
    names = []
    for language in LANGUAGES:
        for exercise in exercises.exercises.values():
            title = texts.text(language, exercise.name_key)
            labels = {name: texts.text(language, key) for name, key in exercise.label_keys.items()}
            for side in exercise.sides or (None,):
                key = pictures.picture_key(exercise.picture, side, language, title, labels)
                names.append(f"{key}.gif")
    return names


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_pictures_are_cached_in_the_private_data_dir_and_planted_ones_never_sent(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], tmp_path: Path
) -> None:
    # The system temp dir of the bot process, so planting here touches no other test.
    temp = tmp_path / "tmp"
    shared = temp / "strongback-pictures"
    shared.mkdir(parents=True)
    for name in every_picture_name():
        (shared / name).write_bytes(planted_gif())
    data_dir = tmp_path / "data"
    bot = bot_factory(extra_env={**db_env, "TMPDIR": str(temp), "DATA_DIR": str(data_dir)})
    await bot.start()
    user = fake_api.user(310)
    await onboard(user)
    user.mark_read()
    user.send("/workout")
    _level, intro = await user.next_messages(2)

    shown = intro.animation
    assert shown is not None and shown.uploaded and shown.data is not None
    assert PLANTED not in shown.data
    assert shown.data.startswith(b"GIF89a") and len(shown.data) > 5000
    cache = data_dir / "pictures"
    cached = sorted(cache.glob("*.gif"))
    assert [path.read_bytes() for path in cached] == [shown.data]
    assert mode_of(data_dir) == 0o700 and mode_of(cache) == 0o700
    assert mode_of(cached[0]) & 0o077 == 0
    assert all(PLANTED in path.read_bytes() for path in shared.iterdir())  # left untouched


async def test_an_existing_open_cache_dir_is_made_private(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    (data_dir / "pictures").mkdir(parents=True)
    data_dir.chmod(0o755)
    (data_dir / "pictures").chmod(0o777)
    bot = bot_factory(extra_env={**db_env, "DATA_DIR": str(data_dir)})
    await bot.start()
    assert mode_of(data_dir) == 0o700 and mode_of(data_dir / "pictures") == 0o700
    user = fake_api.user(311)
    user.send("/help")
    assert "/workout" in (await user.next_message()).text


async def test_without_database_url_the_sqlite_file_is_in_the_data_dir_and_private(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    bot = bot_factory(extra_env={"DATABASE_URL": "", "DATA_DIR": str(data_dir)})
    await bot.start()
    user = fake_api.user(312)
    user.send("/start")
    await user.next_messages(2)
    assert await bot.stop() == 0
    database = data_dir / "strongback.db"
    assert query(database, "SELECT id FROM users") == [(312,)]
    assert mode_of(data_dir) == 0o700
    assert mode_of(database) & 0o077 == 0
    assert not (tmp_path / "bot.db").exists()
