"""Settings from the environment and `.env`, validated once at start.

A bad or missing token is the most common first-run mistake, so it gets one clear line
instead of a traceback (see `bot.__main__`). A webhook without a strong secret would let
anyone who finds the port post forged updates, so webhook mode refuses to start without one.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Annotated, Self

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url

from bot.logging_setup import LOG_FORMATS
from bot.texts import LOCALES
from storage.city_index import INDEX_FILE_NAME
from storage.startup import normalise_url

TOKEN_PATTERN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,64}$")
# Telegram allows 1-256 characters of A-Z a-z 0-9 _ -; fewer than 32 is guessable.
WEBHOOK_SECRET_MIN_LENGTH = 32
WEBHOOK_SECRET_PATTERN = re.compile(rf"^[A-Za-z0-9_-]{{{WEBHOOK_SECRET_MIN_LENGTH},256}}$")
DEFAULT_DATA_DIR = Path("data")
SQLITE_FILE_NAME = "strongback.db"
PICTURES_DIR_NAME = "pictures"
WEBHOOK_SECRET_HELP = (
    "WEBHOOK_SECRET is required with WEBHOOK_URL and must be 32 to 256 characters of "
    "A-Z a-z 0-9 _ - (make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
)


def sqlite_url(data_dir: Path) -> str:
    """The default database: one SQLite file in the data directory."""
    return f"sqlite+aiosqlite:///{data_dir / SQLITE_FILE_NAME}"


def webhook_path_for(secret: str) -> str:
    """The webhook's URL path, derived from the secret so it cannot be guessed."""
    return f"telegram/{hashlib.sha256(secret.encode()).hexdigest()[:32]}"


class DatabaseSettings(BaseSettings):
    """Where the data lives: all `python -m bot.migrate` needs (no token)."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    data_dir: Path = DEFAULT_DATA_DIR
    # Empty means the SQLite file in DATA_DIR (filled in below); postgres:// is accepted.
    database_url: str = ""
    # How long a database that refuses connections (not up yet) is waited for at start.
    database_wait_seconds: float = Field(default=60, ge=0, le=3600)

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        return normalise_url(value) if value.strip() else ""

    @model_validator(mode="after")
    def _default_database(self) -> Self:
        if not self.database_url:
            self.database_url = sqlite_url(self.data_dir)
        return self

    def database_password(self) -> list[str]:
        """The password in DATABASE_URL, if any: masked in every output like the token."""
        password = make_url(self.database_url).password
        return [str(password)] if password else []


class Settings(DatabaseSettings):
    """Everything the bot reads from its environment."""

    telegram_bot_token: SecretStr
    telegram_api_base_url: str | None = None
    admin_chat_ids: Annotated[tuple[int, ...], NoDecode] = ()
    log_level: str = "INFO"
    # "text" (one readable line) or "json" (one JSON object a line, for log collectors).
    log_format: str = "text"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    port: int = Field(default=8443, ge=1, le=65535)
    # /healthz and /metrics when polling (with a webhook they are on PORT); 0 turns them off.
    metrics_port: int = Field(default=9090, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"
    reminder_grace_minutes: int = Field(default=10, ge=1, le=24 * 60)
    send_per_chat_seconds: float = Field(default=1.0, gt=0, le=10)
    # Benchmarks only: lifts the 30-a-second budget to measure update handling on its own.
    send_per_second: int = Field(default=30, ge=1, le=100_000)
    # Test-only: the shortest sitting interval reminders honour (users are offered 30-90).
    reminder_min_interval_minutes: int = Field(default=30, ge=1, le=90)
    test_clock_file: Path | None = None
    # The city and time-zone index (a read-only SQLite file); empty: DATA_DIR/cities.sqlite3.
    city_index_path: Path | None = None
    # The languages: texts in LOCALES_DIR/<lang>/*.ftl, what people type in
    # INPUT_DIR/<lang>.toml; a language with both is offered. Empty: the shipped ones.
    locales_dir: Path = LOCALES
    input_dir: Path | None = None

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_format(cls, value: SecretStr) -> SecretStr:
        if not TOKEN_PATTERN.fullmatch(value.get_secret_value().strip()):
            raise ValueError("malformed token")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret_format(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        if not WEBHOOK_SECRET_PATTERN.fullmatch(value.get_secret_value().strip()):
            raise ValueError(WEBHOOK_SECRET_HELP)
        return SecretStr(value.get_secret_value().strip())

    @model_validator(mode="after")
    def _derived(self) -> Self:
        if self.webhook_url is not None and self.webhook_secret is None:
            raise ValueError(WEBHOOK_SECRET_HELP)
        return self

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

    @field_validator("log_format")
    @classmethod
    def _format(cls, value: str) -> str:
        kind = value.strip().lower()
        if kind not in LOG_FORMATS:
            raise ValueError("LOG_FORMAT must be text or json")
        return kind

    @property
    def token(self) -> str:
        return self.telegram_bot_token.get_secret_value()

    @property
    def pictures_dir(self) -> Path:
        """The private cache of drawn exercise pictures."""
        return self.data_dir / PICTURES_DIR_NAME

    @property
    def city_index_file(self) -> Path:
        """Where the city index is read from, and built on a first start if missing."""
        return self.city_index_path or self.data_dir / INDEX_FILE_NAME

    @property
    def webhook_mode(self) -> bool:
        return self.webhook_url is not None

    @property
    def webhook_path(self) -> str:
        """The webhook's URL path (no leading slash); only meaningful in webhook mode."""
        secret = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
        return webhook_path_for(secret)

    def secrets(self) -> list[str]:
        """What no output may show: the token, its secret half, the database password, the
        webhook secret and path."""
        token = self.token
        found = [token, token.split(":", 1)[-1], *self.database_password()]
        if self.webhook_secret is not None:
            found.append(self.webhook_secret.get_secret_value())
            found.append(self.webhook_path.rsplit("/", 1)[-1])
        return found


TOKEN_HELP = (
    "StrongBack needs a valid TELEGRAM_BOT_TOKEN: set it in the environment or in .env "
    "(see .env.example); get a token from @BotFather in Telegram."
)
TOKEN_REJECTED = (
    "Telegram rejected TELEGRAM_BOT_TOKEN: check it with @BotFather in Telegram "
    "(it may have been revoked) and set it in the environment or in .env."
)
