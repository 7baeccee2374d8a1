"""Shared fixtures: the fake Bot API server, the bot process and the user driver."""

from collections.abc import Iterator

import pytest

from coach import timezones
from tests.support.city_index import shared_index

pytest_plugins = ["tests.support.fixtures"]


@pytest.fixture(autouse=True, scope="session")
def city_index() -> Iterator[None]:
    """Typed places resolve in every in-process test, as in the running bot."""
    timezones.use_index(shared_index())
    yield
    timezones.use_index(None)
