"""Shared fixtures: the fake Bot API server, the bots (in the test process or as processes)
and the user driver; the order the tests run in."""

from collections.abc import Iterator

import pytest

from coach import timezones
from tests.support.city_index import shared_index

pytest_plugins = ["tests.support.fixtures"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests with bot processes and tests marked long first, the rest in their usual order:
    they take 10-50 s each, so a worker never starts one when the others are about to finish
    (``--dist worksteal`` then hands out the short ones as they free up)."""
    items.sort(
        key=lambda item: (
            item.get_closest_marker("process") is None and item.get_closest_marker("long") is None
        )
    )


@pytest.fixture(autouse=True, scope="session")
def city_index() -> Iterator[None]:
    """Typed places resolve in every in-process test, as in the running bot."""
    timezones.use_index(shared_index())
    yield
    timezones.use_index(None)
