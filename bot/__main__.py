"""`python -m bot`: validate settings, then run with long polling (or a webhook when configured).

`python -m bot backup PATH` and `python -m bot restore PATH` copy the SQLite database.
"""

from __future__ import annotations

import asyncio
import functools
import signal
import sys
from collections.abc import Callable

from pydantic import ValidationError
from telegram import Update
from telegram.error import InvalidToken

from bot import backup_cli, data_dir
from bot.app import CoachApplication, build_application, on_stop_signal
from bot.config import TOKEN_HELP, TOKEN_REJECTED, Settings
from bot.logging_setup import configure_logging, mask_output
from bot.migrate import EXIT_CONFIG, database_exit, print_invalid
from coach.vocabulary import VocabularyError
from storage.backup import run_lock
from storage.startup import DatabaseProblem

# Telegram must reach the port; only the secret path with the secret header is served.
WEBHOOK_LISTEN = "0.0.0.0"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGABRT)
Started = Callable[[CoachApplication, asyncio.AbstractEventLoop], None]


def load_settings() -> Settings | None:
    try:
        return Settings()  # type: ignore[call-arg]
    except ValidationError as error:
        fields = {str(part) for problem in error.errors() for part in problem["loc"]}
        if "telegram_bot_token" in fields:
            print(TOKEN_HELP, file=sys.stderr)
        print_invalid(error)
        return None


def main() -> int:
    settings = load_settings()
    if settings is None:
        return EXIT_CONFIG
    secrets = settings.secrets()
    mask_output(secrets)
    configure_logging(
        settings.log_level,
        secrets,
        token_rejected=TOKEN_REJECTED,
        log_format=settings.log_format,
    )
    return serve(settings)


def serve(settings: Settings, *, started: Started | None = None) -> int:
    """Everything after the process's output is set up: the data directory, the application
    under the run lock, until a stop signal; returns the exit code.

    ``started`` (tests only) runs the application in a thread of the test process instead:
    no signal handlers are installed (only the main thread may) and it is handed the
    application and its loop, so the test stops it the way a stop signal does.
    """
    try:
        data_dir.prepare(settings.data_dir, settings.pictures_dir)
    except (OSError, data_dir.DataDirError) as error:
        print(f"Invalid setting DATA_DIR: {error}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        application = build_application(settings)
    except VocabularyError as error:
        print(f"Invalid language data (LOCALES_DIR, INPUT_DIR): {error}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        with run_lock(settings.database_url):
            run(application, settings, started=started)
    except InvalidToken:
        # PTB's message names the token; say what to do instead, in one line.
        print(TOKEN_REJECTED, file=sys.stderr)
        return EXIT_CONFIG
    except DatabaseProblem as problem:
        # Raised at start (post_init) before anything else is logged: one line, no traceback.
        return database_exit(problem)
    return 0


def run(app: CoachApplication, settings: Settings, *, started: Started | None = None) -> None:
    """Long polling, or a webhook on the secret path when WEBHOOK_URL is set.

    The stop signals are ours, not PTB's (``stop_signals=None``): ours first drop the sends a
    RetryAfter pause holds, so a deploy's SIGTERM ends the process in time.
    """
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # PTB runs on the current loop
    if started is None:
        for sig in STOP_SIGNALS:
            loop.add_signal_handler(sig, functools.partial(on_stop_signal, app))
    else:
        started(app, loop)
    if settings.webhook_url and settings.webhook_secret is not None:
        path = settings.webhook_path
        app.run_webhook(
            listen=WEBHOOK_LISTEN,
            port=settings.port,
            url_path=path,
            webhook_url=f"{settings.webhook_url}/{path}",
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=Update.ALL_TYPES,
            stop_signals=None,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES, stop_signals=None)


def dispatch(arguments: list[str]) -> int:
    """No arguments: run the bot. `backup PATH` / `restore PATH`: see bot/backup_cli.py."""
    return backup_cli.main(arguments) if arguments else main()


if __name__ == "__main__":
    sys.exit(dispatch(sys.argv[1:]))
