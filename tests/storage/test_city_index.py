"""The city index file: what it stores, when it counts as current, and that it is read-only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.city_index import FORMAT, SqliteCityIndex, open_index, source_version
from tests.support.city_index import shared_index


@pytest.fixture
def index() -> SqliteCityIndex:
    return shared_index()


def test_own_and_alternate_names_are_kept_apart(index: SqliteCityIndex) -> None:
    assert ("Berlin", "DE") in {(c.name, c.country_code) for c in index.named("berlin")}
    assert [c.name for c in index.also_named("munchen")] == ["Munich"]
    assert index.named("munchen") == ()
    assert index.named("no such place") == ()


def test_cities_by_id_and_countries(index: SqliteCityIndex) -> None:
    berlin = next(c for c in index.named("berlin") if c.country_code == "DE")
    assert index.city(berlin.geoname_id) == berlin
    assert berlin.zone == "Europe/Berlin" and berlin.population > 3_000_000
    assert index.city(-1) is None
    assert (index.country("de"), index.country("germany"), index.country("atlantis")) == (
        "DE",
        "DE",
        None,
    )


def test_close_matching_reads_names_by_first_letter_and_length(index: SqliteCityIndex) -> None:
    near = index.names_near("b", 4, 6)
    assert "berlin" in near and "bern" in near
    assert all(k.startswith("b") and 4 <= len(k) <= 6 for k in near)
    anywhere = index.names_near("", 6, 6)
    assert "berlin" in anywhere and "munich" in anywhere
    assert all(len(k) == 6 for k in anywhere)
    # Alternate names join close matching from four letters; own names at any length.
    assert "ulm" in index.names_near("u", 3, 3)


def test_a_missing_or_foreign_or_older_file_is_not_used(tmp_path: Path) -> None:
    assert open_index(tmp_path / "none.sqlite3") is None
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    assert open_index(garbage) is None
    older = tmp_path / "older.sqlite3"
    with sqlite3.connect(older) as db:
        db.execute("CREATE TABLE meta (format INTEGER, source TEXT)")
        db.execute("INSERT INTO meta VALUES (?, ?)", (FORMAT - 1, source_version()))
    assert open_index(older) is None


def test_the_file_is_opened_read_only(index: SqliteCityIndex) -> None:
    with pytest.raises(sqlite3.OperationalError):
        index._db.execute("DELETE FROM cities")
