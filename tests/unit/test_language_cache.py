"""The user's language is read once per update, and again after something may change it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import pytest
from telegram import Update

from bot.context import CoachContext
from bot.handlers import common
from tests.support.updates import private_text


class _Services:
    uow = None


class _Context:
    """One update's context: PTB hands the same one to every handler group."""

    services = _Services()
    known_language: str | None = None


def _update() -> Update:
    return private_text(language_code="en")


@dataclass
class Database:
    language: str = "en"
    reads: list[str] = field(default_factory=list)


@pytest.fixture
def db(monkeypatch: pytest.MonkeyPatch) -> Database:
    """The user's stored language, and each time it was read."""
    database = Database()

    async def language_of(_uow: object, _user_id: int, _client: str | None) -> str:
        database.reads.append(database.language)
        return database.language

    monkeypatch.setattr(common, "language_of", language_of)
    return database


async def test_read_once_per_update(db: Database) -> None:
    context = cast(CoachContext, _Context())
    update = _update()
    assert [await common.language(update, context) for _ in range(3)] == ["en", "en", "en"]
    assert db.reads == ["en"]


async def test_a_change_within_the_update_is_read_again(db: Database) -> None:
    context = cast(CoachContext, _Context())
    update = _update()
    assert await common.language(update, context) == "en"
    db.language = "de"  # /language or the settings' language value, in this update
    common.forget_language(context)
    assert await common.language(update, context) == "de"
    assert db.reads == ["en", "de"]


async def test_each_update_reads_anew(db: Database) -> None:
    assert await common.language(_update(), cast(CoachContext, _Context())) == "en"
    db.language = "de"
    assert await common.language(_update(), cast(CoachContext, _Context())) == "de"
