"""Settings: the data directory, the derived database URL and the webhook secret's rules."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings

TOKEN = "123456789:AAHsecret_part_of_the_token_0123456789"
SECRET = "a" * 20 + "B-_" * 4


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No .env and no stray settings from the machine running the tests."""
    monkeypatch.chdir(tmp_path)
    for name in ("DATABASE_URL", "DATA_DIR", "WEBHOOK_URL", "WEBHOOK_SECRET", "PORT", "LOG_FORMAT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)


def settings(**env: str) -> Settings:
    return Settings(**env)  # type: ignore[arg-type]


def test_the_default_database_is_a_file_in_the_data_dir() -> None:
    assert settings().database_url == "sqlite+aiosqlite:///data/strongback.db"
    custom = settings(data_dir="/srv/strongback")
    assert custom.database_url == "sqlite+aiosqlite:////srv/strongback/strongback.db"
    assert custom.pictures_dir == Path("/srv/strongback/pictures")
    other = "postgresql+asyncpg://u@h/db"
    assert settings(database_url=other, data_dir="/x").database_url == other


def test_an_empty_database_url_in_the_environment_means_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "")
    monkeypatch.setenv("DATA_DIR", "/var/lib/sb")
    assert Settings().database_url == "sqlite+aiosqlite:////var/lib/sb/strongback.db"  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "secret", [None, "short", "x" * 31, "with spaces " * 4, "é" * 40, "y" * 257]
)
def test_webhook_mode_needs_a_long_secret_of_telegrams_characters(secret: str | None) -> None:
    env = {"webhook_url": "https://bot.example.org"}
    if secret is not None:
        env["webhook_secret"] = secret
    with pytest.raises(ValidationError) as raised:
        settings(**env)
    # What `python -m bot` prints: the message only, never the input.
    messages = " ".join(str(problem["msg"]) for problem in raised.value.errors())
    assert "WEBHOOK_SECRET" in messages and "32" in messages
    if secret:
        assert secret not in messages


def test_the_webhook_path_is_derived_from_the_secret_and_masked_everywhere() -> None:
    configured = settings(webhook_url="https://bot.example.org/", webhook_secret=SECRET)
    digest = hashlib.sha256(SECRET.encode()).hexdigest()[:32]
    assert configured.webhook_url == "https://bot.example.org"
    assert configured.webhook_path == f"telegram/{digest}"
    assert set(configured.secrets()) == {TOKEN, TOKEN.split(":")[1], SECRET, digest}
    assert settings(webhook_secret="z" * 32).webhook_path != configured.webhook_path


@pytest.mark.parametrize(
    ("given", "used"),
    [
        (
            "postgres://u:pw@db.example.org:5433/sb",
            "postgresql+asyncpg://u:pw@db.example.org:5433/sb",
        ),
        ("postgresql://u@db/sb", "postgresql+asyncpg://u@db/sb"),
        ("postgresql+asyncpg://u@db/sb", "postgresql+asyncpg://u@db/sb"),
        ("sqlite:////srv/sb.db", "sqlite+aiosqlite:////srv/sb.db"),
    ],
)
def test_a_platforms_database_url_gets_the_bots_driver(given: str, used: str) -> None:
    assert settings(database_url=given).database_url == used


@pytest.mark.parametrize(
    "url", ["mysql://u:Pw-9x@h/db", "postgres://u:Pw-9x@/db", "not a url Pw-9x", "sqlite://"]
)
def test_an_unusable_database_url_is_refused_without_quoting_it(url: str) -> None:
    with pytest.raises(ValidationError) as raised:
        settings(database_url=url)
    assert "DATABASE_URL must look like" in str(raised.value)
    assert all("Pw-9x" not in str(problem["msg"]) for problem in raised.value.errors())


def test_the_database_password_is_masked_like_the_token() -> None:
    assert "Pw-9x" in settings(database_url="postgres://u:Pw-9x@h/db").secrets()
    assert settings().database_password() == []


@pytest.mark.parametrize(
    ("given", "used"), [(None, "text"), ("text", "text"), ("JSON", "json"), (" json ", "json")]
)
def test_the_log_format_is_text_unless_json_is_asked_for(given: str | None, used: str) -> None:
    assert (settings() if given is None else settings(log_format=given)).log_format == used


@pytest.mark.parametrize("given", ["yaml", "", "logfmt"])
def test_an_unknown_log_format_is_refused_by_name(given: str) -> None:
    with pytest.raises(ValidationError, match="LOG_FORMAT must be text or json"):
        settings(log_format=given)
