"""The bot's data directory: private to the bot's user, created at start.

The SQLite file and the picture cache live here. Everything the bot creates is private
(umask 077); the picture cache must be, since a picture found there is sent as it is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_UMASK = 0o077


class DataDirError(Exception):
    """The data directory cannot be made private; the message says what to fix."""


def make_private_files() -> None:
    """Files and folders the process creates from now on are readable by its user only."""
    os.umask(PRIVATE_UMASK)


def private_dir(path: Path) -> Path:
    """Create `path` (mode 0700) or make an existing one 0700; it must be ours, not a link.

    A link or a folder of someone else's could point the bot's files where others read or
    write them.
    """
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise DataDirError(f"{path} must be a directory, not a link or a file")
    if info.st_uid != os.getuid():
        raise DataDirError(f"{path} belongs to another user; the bot's data must be its own")
    if stat.S_IMODE(info.st_mode) != PRIVATE_DIR_MODE:
        path.chmod(PRIVATE_DIR_MODE)
    return path


def prepare(data_dir: Path, pictures_dir: Path) -> None:
    """The data directory and its picture cache, both private to this user.

    DATA_DIR itself may be a link the operator made (to a volume); the cache inside may not.
    """
    make_private_files()
    private_dir(data_dir.resolve())
    private_dir(pictures_dir)
