"""`python -m bot`: validate settings, then run with long polling (or a webhook when configured)."""

from __future__ import annotations

import sys

from pydantic import ValidationError
from telegram import Update

from bot.app import build_application
from bot.config import TOKEN_HELP, Settings
from bot.logging_setup import configure_logging

EXIT_CONFIG = 2


def load_settings() -> Settings | None:
    try:
        return Settings()  # type: ignore[call-arg]
    except ValidationError as error:
        fields = {str(part) for problem in error.errors() for part in problem["loc"]}
        if "telegram_bot_token" in fields:
            print(TOKEN_HELP, file=sys.stderr)
        for problem in error.errors():
            field = ".".join(str(part) for part in problem["loc"])
            if field != "telegram_bot_token":
                print(f"Invalid setting {field.upper()}: {problem['msg']}", file=sys.stderr)
        return None


def main() -> int:
    settings = load_settings()
    if settings is None:
        return EXIT_CONFIG
    secrets = [settings.token]
    if settings.webhook_secret is not None:
        secrets.append(settings.webhook_secret.get_secret_value())
    configure_logging(settings.log_level, secrets)
    application = build_application(settings)
    if settings.webhook_url:
        application.run_webhook(
            listen="0.0.0.0",
            port=settings.port,
            url_path="telegram",
            webhook_url=f"{settings.webhook_url}/telegram",
            secret_token=(
                settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
            ),
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
