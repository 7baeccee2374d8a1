"""Backups of the SQLite file: private, checked, never over an existing file; a restore
refuses while any process holds the run lock and never replays a stale WAL."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from storage.backup import BackupError, backup, hold_run_lock, restore, sqlite_file


def make_database(path: Path, *names: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE IF NOT EXISTS alembic_version (version_num TEXT)")
        connection.execute("CREATE TABLE IF NOT EXISTS people (name TEXT)")
        connection.executemany("INSERT INTO people VALUES (?)", [(name,) for name in names])
    connection.close()


def names(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [str(name) for (name,) in connection.execute("SELECT name FROM people")]
    finally:
        connection.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite+aiosqlite:////srv/sb/strongback.db", Path("/srv/sb/strongback.db")),
        ("postgresql+asyncpg://u:p@db:5432/sb", None),
        ("sqlite+aiosqlite:///:memory:", None),
    ],
)
def test_only_a_sqlite_file_has_a_path(url: str, path: Path | None) -> None:
    assert sqlite_file(url) == path


def test_a_backup_is_a_private_checked_single_file(tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    make_database(live, "ada", "bo")
    reader = sqlite3.connect(live)  # an open connection, as the running bot keeps
    target = tmp_path / "copy.db"
    backup(live, target)
    reader.close()
    assert names(target) == ["ada", "bo"]
    assert mode(target) == 0o600
    left = {path.name for path in tmp_path.iterdir()} - {"live.db", "live.db-wal", "live.db-shm"}
    assert left == {"copy.db"}  # no temporary file, no WAL next to the copy
    with sqlite3.connect(target) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    connection.close()


@pytest.mark.parametrize("existing", ["copy.db", "live.db"])
def test_a_backup_never_overwrites_a_file(tmp_path: Path, existing: str) -> None:
    live = tmp_path / "live.db"
    make_database(live, "ada")
    (tmp_path / "copy.db").write_bytes(b"keep me")
    with pytest.raises(BackupError, match="exists already"):
        backup(live, tmp_path / existing)
    assert (tmp_path / "copy.db").read_bytes() == b"keep me"
    assert names(live) == ["ada"]


def test_a_restore_refuses_while_a_process_holds_the_run_lock(tmp_path: Path) -> None:
    live, saved = tmp_path / "live.db", tmp_path / "saved.db"
    make_database(live, "ada")
    backup(live, saved)
    make_database(live, "bo")
    with hold_run_lock(live), pytest.raises(BackupError, match="The bot is running"):
        restore(saved, live)
    assert names(live) == ["ada", "bo"]
    restore(saved, live)
    assert names(live) == ["ada"]
    assert mode(live) == 0o600


def test_a_restore_discards_a_crashed_writers_wal(tmp_path: Path) -> None:
    live, saved = tmp_path / "live.db", tmp_path / "saved.db"
    make_database(live, "ada")
    backup(live, saved)
    crashed = sqlite3.connect(live)
    crashed.execute("PRAGMA wal_autocheckpoint=0")
    crashed.execute("INSERT INTO people VALUES ('in the wal only')")
    crashed.commit()
    # A copy of the WAL as a killed process leaves it (closing would fold it in).
    wal = (tmp_path / "live.db-wal").read_bytes()
    crashed.close()
    (tmp_path / "live.db-wal").write_bytes(wal)
    restore(saved, live)
    assert names(live) == ["ada"]


@pytest.mark.parametrize("content", [b"not a database at all", b""])
def test_a_restore_refuses_what_is_not_a_backup(tmp_path: Path, content: bytes) -> None:
    live, bogus = tmp_path / "live.db", tmp_path / "bogus.db"
    make_database(live, "ada")
    bogus.write_bytes(content)
    with pytest.raises(BackupError):
        restore(bogus, live)
    assert names(live) == ["ada"]
