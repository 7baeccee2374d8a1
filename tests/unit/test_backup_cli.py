"""`python -m bot backup|restore PATH`: arguments and the PostgreSQL pointer, in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import backup_cli


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("DATABASE_URL", "DATA_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    "arguments", [["backup"], ["restore"], ["dump", "x.db"], ["backup", "a.db", "b.db"]]
)
def test_anything_but_one_command_and_one_path_prints_the_usage(
    arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert backup_cli.main(arguments) == 2
    assert capsys.readouterr().err.strip() == backup_cli.USAGE


@pytest.mark.parametrize(("command", "tool"), [("backup", "pg_dump"), ("restore", "pg_restore")])
def test_postgres_is_pointed_to_its_own_tools(
    command: str,
    tool: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://sb:hunter2-secret@db:5432/sb")
    assert backup_cli.main([command, str(tmp_path / "x")]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert tool in line and "hunter2" not in line
    assert not (tmp_path / "x").exists()


def test_a_missing_database_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "nowhere"))
    assert backup_cli.main(["backup", str(tmp_path / "copy.db")]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line == f"There is no database at {tmp_path / 'nowhere' / 'strongback.db'} to back up"
