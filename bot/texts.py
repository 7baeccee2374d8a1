"""The text catalogue: every sentence a user sees, per language, from Fluent files.

Texts are keyed by stable ids (`bot/locales/<lang>/*.ftl`), so handlers never hold prose and
a test can check that every key exists in every language.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast as fluent_ast

from coach import languages, vocabulary
from coach.languages import FALLBACK

LOCALES = Path(__file__).resolve().parent / "locales"
"""The shipped texts; `LOCALES_DIR` may point elsewhere."""


class MissingText(KeyError):
    """A text id that is in no catalogue: a programming error, caught by the catalogue test."""


@dataclass(frozen=True)
class Catalogue:
    """All bundles, loaded once at start."""

    bundles: dict[str, FluentBundle]
    keys: dict[str, frozenset[str]]

    def text(self, language: str, key: str, **args: object) -> str:
        """The text `key` in `language` (English when missing there), args HTML-escaped."""
        for lang in (language, FALLBACK):
            bundle = self.bundles.get(lang)
            if bundle is not None and bundle.has_message(key):
                message = bundle.get_message(key)
                if message.value is None:
                    break
                safe = {
                    name: html.escape(value) if isinstance(value, str) else value
                    for name, value in args.items()
                }
                value, _errors = bundle.format_pattern(message.value, safe)
                return str(value)
        raise MissingText(key)

    def has(self, key: str) -> bool:
        return any(key in keys for keys in self.keys.values())


def text_languages(directory: Path = LOCALES) -> frozenset[str]:
    """The languages with texts: the folders of `directory` that hold `.ftl` files."""
    if not directory.is_dir():
        return frozenset()
    return frozenset(
        folder.name
        for folder in directory.iterdir()
        if folder.is_dir() and any(folder.glob("*.ftl"))
    )


def install_languages(directory: Path = LOCALES, inputs: Path | None = None) -> tuple[str, ...]:
    """Make the languages with both texts (`directory`) and an input vocabulary (`inputs`,
    None: the shipped ones) the ones the coach reads and speaks; returns them.

    A language with only one of the two is left out. VocabularyError when the data is broken
    or English (the fallback) is missing."""
    return vocabulary.use(inputs, only=text_languages(directory))


def load_catalogue(directory: Path = LOCALES, codes: Iterable[str] | None = None) -> Catalogue:
    """The texts of `codes` (by default every available language that has texts)."""
    if codes is None:
        codes = [code for code in languages.available() if code in text_languages(directory)]
    bundles: dict[str, FluentBundle] = {}
    keys: dict[str, frozenset[str]] = {}
    for language in codes:
        # The locale second: Fluent's plural rules and numbers, also for a code Babel lacks.
        locale = languages.locale(language).replace("_", "-")
        bundle = FluentBundle([language, locale], use_isolating=False)
        ids: set[str] = set()
        for path in sorted((directory / language).glob("*.ftl")):
            source = path.read_text(encoding="utf-8")
            bundle.add_resource(_parsed(source))
            ids.update(message_ids(source))
        bundles[language] = bundle
        keys[language] = frozenset(ids)
    return Catalogue(bundles, keys)


@functools.lru_cache(maxsize=512)
def _parsed(source: str) -> fluent_ast.Resource:
    """A Fluent file's syntax tree, parsed once per text: parsing is nearly all the cost of
    loading the catalogue, and a test process builds hundreds of bots (the bot itself loads
    once). Keyed by the text itself, so a changed file is parsed anew; bundles only read the
    tree (they compile their own resolvers from it), so one tree serves every bundle."""
    return FluentResource(source)


def message_ids(source: str) -> set[str]:
    """The message ids defined in a Fluent source (top-level `key =` lines)."""
    ids = set()
    for line in source.splitlines():
        if line and not line[0].isspace() and not line.startswith(("#", "-")) and "=" in line:
            ids.add(line.split("=", 1)[0].strip())
    return ids
