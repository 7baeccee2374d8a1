"""Settings from the environment and `.env`, validated once at start.

A bad or missing token is the most common first-run mistake, so it gets one clear line
instead of a traceback (see `bot.__main__`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TOKEN_PATTERN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,64}$")
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/strongback.db"


class Settings(BaseSettings):
    """Everything the bot reads from its environment."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    telegram_bot_token: SecretStr
    database_url: str = DEFAULT_DATABASE_URL
    telegram_api_base_url: str | None = None
    admin_chat_ids: Annotated[tuple[int, ...], NoDecode] = ()
    log_level: str = "INFO"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    port: int = Field(default=8443, ge=1, le=65535)
    reminder_grace_minutes: int = Field(default=10, ge=1, le=24 * 60)
    send_per_chat_seconds: float = Field(default=1.0, gt=0, le=10)
    # Benchmarks only: lifts the 30-a-second budget to measure update handling on its own.
    send_per_second: int = Field(default=30, ge=1, le=100_000)
    # Test-only: the shortest sitting interval reminders honour (users are offered 30-90).
    reminder_min_interval_minutes: int = Field(default=30, ge=1, le=90)
    test_clock_file: Path | None = None

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_format(cls, value: SecretStr) -> SecretStr:
        if not TOKEN_PATTERN.fullmatch(value.get_secret_value().strip()):
            raise ValueError("malformed token")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("admin_chat_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(int(part) for part in value.replace(";", ",").split(",") if part.strip())
        if isinstance(value, int):
            return (value,)
        return value

    @field_validator("telegram_api_base_url", "webhook_url")
    @classmethod
    def _strip_slash(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return value.strip().rstrip("/")

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @property
    def token(self) -> str:
        return self.telegram_bot_token.get_secret_value()

    @property
    def webhook_mode(self) -> bool:
        return self.webhook_url is not None


TOKEN_HELP = (
    "StrongBack needs a valid TELEGRAM_BOT_TOKEN: set it in the environment or in .env "
    "(see .env.example); get a token from @BotFather in Telegram."
)
