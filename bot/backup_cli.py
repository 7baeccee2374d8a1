"""`python -m bot backup PATH` and `python -m bot restore PATH`: the SQLite database to a
file and back (storage/backup.py). They read the same settings as the bot, need no token,
and answer in one line. PostgreSQL has its own tools; these point to them."""

from __future__ import annotations

import sys
from pathlib import Path

from bot import data_dir
from bot.config import DatabaseSettings
from bot.logging_setup import mask_output
from bot.migrate import EXIT_CONFIG, load
from storage.backup import BackupError, backup, restore, sqlite_file

COMMANDS = ("backup", "restore")
EXIT_FAILED = 1
USAGE = "usage: python -m bot [backup PATH | restore PATH]"
POSTGRES_POINTER = {
    "backup": "DATABASE_URL is PostgreSQL: back it up with pg_dump -Fc (see docs/OPERATIONS.md)",
    "restore": "DATABASE_URL is PostgreSQL: restore it with pg_restore (see docs/OPERATIONS.md)",
}


def main(arguments: list[str]) -> int:
    if len(arguments) != 2 or arguments[0] not in COMMANDS:
        print(USAGE, file=sys.stderr)
        return EXIT_CONFIG
    command, path = arguments[0], Path(arguments[1]).expanduser().resolve()
    settings = load(DatabaseSettings)
    if not isinstance(settings, DatabaseSettings):
        return EXIT_CONFIG
    mask_output(settings.database_password())
    database = sqlite_file(settings.database_url)
    if database is None:
        print(POSTGRES_POINTER[command], file=sys.stderr)
        return EXIT_CONFIG
    data_dir.make_private_files()
    try:
        if command == "backup":
            backup(database, path)
            print(f"Backed up {database} to {path}")
        else:
            restore(path, database)
            print(f"Restored {database} from {path}")
    except (BackupError, OSError) as error:
        print(
            error if isinstance(error, BackupError) else f"{command} failed: {error}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return 0
