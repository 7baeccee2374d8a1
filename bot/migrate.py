"""`python -m bot.migrate` (`make migrate`): bring the database to head without starting the bot.

It does what the bot does at start, with the same code: the same settings (no token needed),
a private data directory (the SQLite file is created 0600), the same wait for a database that
is not up yet, and the same advisory lock on PostgreSQL, so it never migrates at the same
time as a starting bot or another `make migrate`.
"""

from __future__ import annotations

import asyncio
import logging
import sys

from pydantic import ValidationError
from pydantic_settings import BaseSettings

from bot import data_dir
from bot.config import TOKEN_REJECTED, DatabaseSettings
from bot.logging_setup import configure_logging, mask_output
from storage.backup import run_lock
from storage.startup import DatabaseProblem, prepare

log = logging.getLogger(__name__)

EXIT_CONFIG = 2
# The database could not be reached in DATABASE_WAIT_SECONDS, or failed in an unforeseen way.
EXIT_UNAVAILABLE = 1


def print_invalid(error: ValidationError) -> None:
    """One line per invalid setting; messages that name their setting are printed as they are."""
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"])
        message = str(problem["msg"]).removeprefix("Value error, ")
        if not field or message.startswith(field.upper()):
            print(message, file=sys.stderr)
        elif field != "telegram_bot_token":
            print(f"Invalid setting {field.upper()}: {message}", file=sys.stderr)


def database_exit(problem: DatabaseProblem) -> int:
    """Print the problem's one line; the exit code: 2 to fix the settings, 1 otherwise."""
    print(problem.line, file=sys.stderr)
    return EXIT_CONFIG if problem.configuration else EXIT_UNAVAILABLE


def open_database(settings: DatabaseSettings) -> int | None:
    """Wait for the database and migrate it; None when ready, else the exit code (one line
    printed)."""
    try:
        revision = asyncio.run(
            prepare(settings.database_url, wait_seconds=settings.database_wait_seconds)
        )
    except DatabaseProblem as problem:
        return database_exit(problem)
    log.info("the database schema is at revision %s", revision)
    return None


def load(kind: type[BaseSettings]) -> BaseSettings | None:
    try:
        return kind()
    except ValidationError as error:
        print_invalid(error)
        return None


def main() -> int:
    settings = load(DatabaseSettings)
    if not isinstance(settings, DatabaseSettings):
        return EXIT_CONFIG
    secrets = settings.database_password()
    mask_output(secrets)
    configure_logging("INFO", secrets, token_rejected=TOKEN_REJECTED)
    try:
        data_dir.make_private_files()
        data_dir.private_dir(settings.data_dir.resolve())
    except (OSError, data_dir.DataDirError) as error:
        print(f"Invalid setting DATA_DIR: {error}", file=sys.stderr)
        return EXIT_CONFIG
    with run_lock(settings.database_url):
        return open_database(settings) or 0


if __name__ == "__main__":
    sys.exit(main())
