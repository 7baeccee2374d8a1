"""Shared fixtures: the fake Bot API server, the bots (in the test process or as processes)
and the user driver; the order the tests run in."""

import os
from collections.abc import Iterator

import pytest

from coach import timezones
from tests.support.city_index import shared_index
from tests.support.ordering import slow_first_in_every_slice

pytest_plugins = ["tests.support.fixtures"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every worker starts with its share of the slow tests (tests/support/ordering.py): the
    ones marked long (10-40 s each, mostly waiting) first, then those with bot processes, so
    no worker starts one when the others are about to finish."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    items[:] = slow_first_in_every_slice(items, workers, slowness)


def slowness(item: pytest.Item) -> int:
    """2 for a test marked long, 1 for one with bot processes, 0 for the rest."""
    if item.get_closest_marker("long") is not None:
        return 2
    return 1 if item.get_closest_marker("process") is not None else 0


@pytest.fixture(autouse=True, scope="session")
def city_index() -> Iterator[None]:
    """Typed places resolve in every in-process test, as in the running bot."""
    timezones.use_index(shared_index())
    yield
    timezones.use_index(None)
