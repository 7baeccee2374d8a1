"""Time zone lookup by city name, zone name and shared location."""

from __future__ import annotations

import math
import threading
import zoneinfo

import pytest

from coach import timezones
from coach.timezones import (
    MAX_CANDIDATES,
    Ambiguous,
    Exact,
    NoMatch,
    Suggestions,
    canonical_zone,
    city_by_id,
    preload,
    resolve_city,
    resolve_location,
)
from tests.support.city_index import shared_index


@pytest.mark.parametrize(
    ("query", "zone", "display"),
    [
        ("Berlin", "Europe/Berlin", "Berlin, DE"),
        ("  berlin  ", "Europe/Berlin", "Berlin, DE"),
        ("Berlin, DE", "Europe/Berlin", "Berlin, DE"),
        ("zurich", "Europe/Zurich", "Zürich, CH"),
        ("ZÜRICH", "Europe/Zurich", "Zürich, CH"),
        ("Zuerich", "Europe/Zurich", "Zürich, CH"),
        ("münchen", "Europe/Berlin", "Munich, DE"),
        ("Munich", "Europe/Berlin", "Munich, DE"),
        ("Köln", "Europe/Berlin", "Köln, DE"),
        ("Cologne", "Europe/Berlin", "Köln, DE"),
        ("Wien", "Europe/Vienna", "Vienna, AT"),
        ("København", "Europe/Copenhagen", "Copenhagen, DK"),
        ("sao paulo", "America/Sao_Paulo", "São Paulo, BR"),
        ("new york", "America/New_York", "New York City, NY, US"),
        ("Tokyo", "Asia/Tokyo", "Tokyo, JP"),
        ("Paris, France", "Europe/Paris", "Paris, FR"),
        ("Springfield, IL", "America/Chicago", "Springfield, IL, US"),
        ("Portland, OR", "America/Los_Angeles", "Portland, OR, US"),
        ("Singapore", "Asia/Singapore", "Singapore, SG"),
    ],
)
def test_city_names_resolve_to_one_zone(query: str, zone: str, display: str) -> None:
    match = resolve_city(query)
    assert isinstance(match, Exact)
    assert (match.zone, match.display) == (zone, display)
    assert match.city is not None and match.city.zone == zone


@pytest.mark.parametrize(
    ("query", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("EUROPE/ZURICH", "Europe/Zurich"),
        ("America/New York", "America/New_York"),
        ("America / Sao_Paulo", "America/Sao_Paulo"),
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("GMT", "UTC"),
        ("Etc/UTC", "Etc/UTC"),
        ("CET", "CET"),
        ("EST", "America/New_York"),
        ("MEZ", "Europe/Berlin"),
    ],
)
def test_zone_names_and_aliases(query: str, zone: str) -> None:
    assert resolve_city(query) == Exact(zone=zone, display=zone, city=None)
    assert canonical_zone(query) == zone
    zoneinfo.ZoneInfo(zone)  # usable as is


@pytest.mark.parametrize("name", ["Berlin", "Mars/Olympus", "", "Europe"])
def test_canonical_zone_rejects_non_zones(name: str) -> None:
    assert canonical_zone(name) is None


@pytest.mark.parametrize(
    ("query", "first", "zones"),
    [
        ("Springfield", "America/Chicago", {"America/Chicago", "America/New_York"}),
        ("Paris", "Europe/Paris", {"Europe/Paris", "America/Chicago"}),
        ("London", "Europe/London", {"Europe/London", "America/Toronto"}),
        ("Frankfurt", "Europe/Berlin", {"Europe/Berlin", "America/New_York"}),
    ],
)
def test_ambiguous_names_offer_one_city_per_zone(query: str, first: str, zones: set[str]) -> None:
    match = resolve_city(query)
    assert isinstance(match, Ambiguous)
    candidates = match.candidates
    assert 2 <= len(candidates) <= MAX_CANDIDATES
    assert candidates[0].zone == first
    assert zones <= {c.zone for c in candidates}
    assert len({c.zone for c in candidates}) == len(candidates)
    populations = [c.population for c in candidates]
    assert populations == sorted(populations, reverse=True)


@pytest.mark.parametrize(
    ("query", "first_display"),
    [
        ("Berln", "Berlin, DE"),
        ("Europe/Berln", "Berlin, DE"),
        ("Zurch", "Zürich, CH"),
        ("Hambrug", "Hamburg, DE"),
        ("Stutgart", "Stuttgart, DE"),
        ("frankfrut", "Frankfurt am Main, DE"),
        ("Lodnon", "London, GB"),
        ("Minchen", "Munich, DE"),
    ],
)
def test_typos_get_close_matches(query: str, first_display: str) -> None:
    match = resolve_city(query)
    assert isinstance(match, Suggestions)
    assert 1 <= len(match.candidates) <= MAX_CANDIDATES
    assert match.candidates[0].display == first_display
    assert len(set(match.candidates)) == len(match.candidates)


@pytest.mark.parametrize(
    ("query", "first_display", "never"),
    [
        # A typo of a big city: the city first, not a small town that once had its name.
        ("Berln", "Berlin, DE", "North Canton, OH, US"),
        ("berlln", "Berlin, DE", "North Canton, OH, US"),
        ("Pariss", "Paris, FR", None),
        ("Moscw", "Moscow, RU", None),
        ("Chicgo", "Chicago, IL, US", None),
        ("Madird", "Madrid, ES", None),
        ("Los Angelos", "Los Angeles, CA, US", None),
        ("Amsterdm", "Amsterdam, NL", None),
        ("Barcelon", "Barcelona, ES", None),
        ("Rio de Janiero", "Rio de Janeiro, BR", None),
        ("Sydnei", "Sydney, AU", None),
        ("Melbourn", "Melbourne, AU", None),
        ("Jakrta", "Jakarta, ID", None),
        ("Mnor", "Monor, HU", "New Berlin, WI, US"),
    ],
)
def test_a_typo_of_a_big_city_ranks_it_first(
    query: str, first_display: str, never: str | None
) -> None:
    match = resolve_city(query)
    assert isinstance(match, Suggestions)
    displays = [c.display for c in match.candidates]
    assert displays[0] == first_display
    assert never not in displays


@pytest.mark.parametrize(
    ("query", "display"),
    [
        ("Berlin", "Berlin, DE"),
        ("new york", "New York City, NY, US"),
        ("Zurich", "Zürich, CH"),
        ("München", "Munich, DE"),
    ],
)
def test_without_the_city_index_zone_names_still_resolve(query: str, display: str) -> None:
    """While a first start builds the index, typed cities find nothing (the usual "not
    found" answer) but zone names and aliases still work; installed again, cities do."""
    with_index = resolve_city(query)
    timezones.use_index(None)
    try:
        assert not timezones.has_cities()
        assert resolve_city(query) == NoMatch()
        assert resolve_city("Europe/Berlin") == Exact("Europe/Berlin", "Europe/Berlin")
        assert resolve_city("UTC") == Exact("UTC", "UTC")
        assert city_by_id(2950159) is None
    finally:
        timezones.use_index(shared_index())
    assert timezones.has_cities()
    assert isinstance(with_index, Exact) and with_index.display == display
    assert resolve_city(query) == with_index


@pytest.mark.parametrize("query", ["xyzzyq", "", "   ", "!!!", "qqqqqqqqqqqqqqqqqq"])
def test_nothing_found(query: str) -> None:
    assert resolve_city(query) == NoMatch()


def test_preload_can_run_twice_and_lookups_still_work() -> None:
    preload()
    preload()
    assert isinstance(resolve_city("Hamburg"), Exact)


def test_cities_can_be_found_again_by_id() -> None:
    match = resolve_city("Berlin")
    assert isinstance(match, Exact) and match.city is not None
    assert city_by_id(match.city.geoname_id) == match.city
    assert city_by_id(-1) is None


@pytest.mark.parametrize(
    ("lat", "lon", "zone"),
    [
        (52.52, 13.405, "Europe/Berlin"),
        (47.37, 8.54, "Europe/Zurich"),
        (40.71, -74.01, "America/New_York"),
        (35.68, 139.69, "Asia/Tokyo"),
        (-33.87, 151.21, "Australia/Sydney"),
        (30.0, -30.0, None),  # mid-Atlantic
        (0.0, 0.0, None),  # Gulf of Guinea
        (95.0, 0.0, None),
        (0.0, 200.0, None),
        (math.nan, 0.0, None),
        (0.0, math.inf, None),
    ],
)
def test_location_to_zone(lat: float, lon: float, zone: str | None) -> None:
    assert resolve_location(lat, lon) == zone


async def test_a_shared_location_is_resolved_in_a_worker_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[int] = []
    resolve = timezones.resolve_location

    def watched(lat: float, lon: float) -> str | None:
        threads.append(threading.get_ident())
        return resolve(lat, lon)

    monkeypatch.setattr(timezones, "resolve_location", watched)
    assert await timezones.resolve_location_off_loop(52.52, 13.40) == "Europe/Berlin"
    assert threads and threads[0] != threading.get_ident()
