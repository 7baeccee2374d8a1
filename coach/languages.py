"""Which languages the coach speaks: those the data holds, never a list in code.

A language exists when it has an input vocabulary (`coach/data/input/<lang>.toml`) and, for
the bot, texts (`bot/locales/<lang>/`); the bot installs the languages that have both
(`coach.vocabulary.use`). Their own names and Babel locales come from the vocabulary files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from coach import vocabulary
from coach.vocabulary import FALLBACK

__all__ = ["FALLBACK", "available", "from_client", "locale", "named", "own_name"]

_WORD: Final = re.compile(r"[0-9]+|[^\W\d_]+")


def available() -> tuple[str, ...]:
    """The languages in use: the fallback (English) first, then by code."""
    return vocabulary.languages()


def from_client(code: str | None) -> str:
    """The closest available language to a Telegram client's `language_code` ("fr-CH" → fr)."""
    if code:
        base = code.split("-")[0].split("_")[0].lower()
        if base in available():
            return base
    return FALLBACK


def own_name(code: str) -> str:
    """A language's own name ("Deutsch", "Français"), as people look for it on a button."""
    found = vocabulary.vocabularies().get(code) or vocabulary.vocabularies()[FALLBACK]
    return found.name


def locale(code: str) -> str:
    """The Babel locale of a language's dates, times and numbers ("fr_CH")."""
    found = vocabulary.vocabularies().get(code) or vocabulary.vocabularies()[FALLBACK]
    return found.locale


def _key(text: str, folding: vocabulary.Folding) -> str:
    return " ".join(_WORD.findall(folding.fold(text)))


def named(text: str) -> str | None:
    """The language a typed name means: 'English', 'Deutsch', 'französisch', 'it'."""
    found = vocabulary.vocabularies()
    foldings = list(dict.fromkeys(language.folding for language in found.values()))
    for folding in foldings:
        key = _key(text, folding)
        for code, language in found.items():
            names = {_key(name, folding) for name in language.data["language"]["names"]}
            if key == code or key in names:
                return code
    return None


@vocabulary.add_check
def _each_name_names_one_language(found: Mapping[str, vocabulary.Vocabulary]) -> None:
    owner: dict[str, str] = {}
    for code, language in found.items():
        for name in (code, *language.data["language"]["names"]):
            key = _key(name, language.folding)
            if owner.setdefault(key, code) != code:
                raise vocabulary.VocabularyError(
                    f"{language.source or code}: {name!r} already names {owner[key]}"
                )
