"""The data directory and the picture cache end up private, or the bot refuses to start."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import data_dir
from bot.data_dir import DataDirError


@pytest.fixture(autouse=True)
def restored_umask() -> Iterator[None]:
    saved = os.umask(0o022)
    os.umask(saved)
    try:
        yield
    finally:
        os.umask(saved)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_prepare_creates_both_folders_private_and_later_files_private(tmp_path: Path) -> None:
    root = tmp_path / "data"
    data_dir.prepare(root, root / "pictures")
    assert mode_of(root) == 0o700 and mode_of(root / "pictures") == 0o700
    (root / "file").write_text("x")
    assert mode_of(root / "file") == 0o600


def test_an_open_existing_folder_is_closed(tmp_path: Path) -> None:
    (tmp_path / "data" / "pictures").mkdir(parents=True)
    (tmp_path / "data" / "pictures").chmod(0o777)
    data_dir.prepare(tmp_path / "data", tmp_path / "data" / "pictures")
    assert mode_of(tmp_path / "data" / "pictures") == 0o700


def test_a_linked_picture_cache_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = tmp_path / "data"
    root.mkdir()
    (root / "pictures").symlink_to(elsewhere)
    with pytest.raises(DataDirError, match="link"):
        data_dir.prepare(root, root / "pictures")


def test_data_dir_itself_may_be_a_link_to_a_volume(tmp_path: Path) -> None:
    volume = tmp_path / "volume"
    volume.mkdir()
    (tmp_path / "data").symlink_to(volume)
    data_dir.prepare(tmp_path / "data", tmp_path / "data" / "pictures")
    assert mode_of(volume) == 0o700 and (volume / "pictures").is_dir()
