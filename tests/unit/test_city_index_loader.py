"""The bot's start with and without a built city index: it never waits for the build."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.city_index import CityIndexLoader
from coach import timezones
from coach.timezones import Exact, NoMatch, resolve_city
from tests.support.city_index import shared_index, shared_index_path


@pytest.fixture(autouse=True)
def restore_index() -> Iterator[None]:
    yield
    timezones.use_index(shared_index())


async def test_a_built_index_is_installed_at_once() -> None:
    timezones.use_index(None)
    loader = CityIndexLoader(shared_index_path())
    await loader.start()
    assert loader.building is None
    assert isinstance(resolve_city("Berlin"), Exact)
    await loader.close()
    assert not timezones.has_cities()


async def test_a_first_start_builds_in_the_background_and_installs_when_done(
    tmp_path: Path,
) -> None:
    timezones.use_index(None)
    loader = CityIndexLoader(tmp_path / "data" / "cities.sqlite3")
    await loader.start()
    build = loader.building
    assert build is not None and not build.done()  # the start did not wait for it
    assert resolve_city("Berlin") == NoMatch()
    assert resolve_city("Europe/Berlin") == Exact("Europe/Berlin", "Europe/Berlin")
    await build
    match = resolve_city("Berlin")
    assert isinstance(match, Exact) and match.zone == "Europe/Berlin"
    assert (tmp_path / "data" / "cities.sqlite3").is_file()
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["cities.sqlite3"]
    await loader.close()


async def test_a_failed_build_leaves_zone_names_working(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    timezones.use_index(None)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    loader = CityIndexLoader(blocker / "cities.sqlite3")
    with caplog.at_level(logging.ERROR, logger="bot.city_index"):
        await loader.start()
        build = loader.building
        assert build is not None
        await build
    assert "could not be built" in caplog.text
    assert not timezones.has_cities()
    assert resolve_city("UTC") == Exact("UTC", "UTC")
    await loader.close()
