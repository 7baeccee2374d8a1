"""The text catalogue: every sentence a user sees, per language, from Fluent files.

Texts are keyed by stable ids (`bot/locales/<lang>/*.ftl`), so handlers never hold prose and
a test can check that every key exists in every language.
"""

from __future__ import annotations

import functools
import html
import threading
from collections.abc import Iterable
from pathlib import Path

from fluent.runtime import FluentBundle
from fluent.syntax import FluentParser
from fluent.syntax import ast as fluent_ast

from coach import languages, vocabulary
from coach.languages import FALLBACK

LOCALES = Path(__file__).resolve().parent / "locales"
"""The shipped texts; `LOCALES_DIR` may point elsewhere."""


class MissingText(KeyError):
    """A text id that is in no catalogue: a programming error, caught by the catalogue test."""


COMMANDS_FILE = "commands.ftl"
"""The command menu's one-line texts, which stand alone (no references to other texts)."""


class Catalogue:
    """Every language's texts. A language's Fluent files are parsed when its first text is
    needed: parsing is most of the cost of loading texts (about a tenth of a second per
    language), and a process whose users all speak one language never needs the others. The
    command menu of every language comes from its small `commands.ftl` alone."""

    def __init__(self, sources: dict[str, list[Path]], locales: dict[str, str]) -> None:
        self._sources = sources
        self._locales = locales
        self._bundles: dict[str, FluentBundle] = {}
        self._commands: dict[str, FluentBundle] = {}
        self._lock = threading.Lock()
        self.keys = {
            language: frozenset(
                key for path in paths for key in message_ids(path.read_text(encoding="utf-8"))
            )
            for language, paths in sources.items()
        }

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._sources)

    def bundle(self, language: str) -> FluentBundle | None:
        """The language's whole bundle, parsed on first use (thread-safe); None if absent."""
        bundle = self._bundles.get(language)
        if bundle is None and language in self._sources:
            with self._lock:
                bundle = self._bundles.get(language)
                if bundle is None:
                    bundle = self._new_bundle(language, self._sources[language])
                    self._bundles[language] = bundle
        return bundle

    def text(self, language: str, key: str, **args: object) -> str:
        """The text `key` in `language` (English when missing there), args HTML-escaped."""
        for lang in (language, FALLBACK):
            bundle = self.bundle(lang) if key in self.keys.get(lang, ()) else None
            if bundle is not None:
                return _format(bundle, key, args)
        raise MissingText(key)

    def command(self, language: str, name: str) -> str:
        """The menu description of command `name` in `language`, read from its commands file
        only (English when missing there)."""
        for lang in (language, FALLBACK):
            bundle = self._commands.get(lang)
            if bundle is None and lang in self._sources:
                paths = [path for path in self._sources[lang] if path.name == COMMANDS_FILE]
                with self._lock:
                    bundle = self._commands.setdefault(lang, self._new_bundle(lang, paths))
            if bundle is not None and bundle.has_message(f"command-{name}"):
                return _format(bundle, f"command-{name}", {})
        raise MissingText(f"command-{name}")

    def has(self, key: str) -> bool:
        return any(key in keys for keys in self.keys.values())

    def _new_bundle(self, language: str, paths: Iterable[Path]) -> FluentBundle:
        bundle = FluentBundle([language, self._locales[language]], use_isolating=False)
        for path in paths:
            bundle.add_resource(_parsed(path.read_text(encoding="utf-8")))
        return bundle


def _format(bundle: FluentBundle, key: str, args: dict[str, object]) -> str:
    message = bundle.get_message(key)
    if message.value is None:
        raise MissingText(key)
    safe = {
        name: html.escape(value) if isinstance(value, str) else value
        for name, value in args.items()
    }
    value, _errors = bundle.format_pattern(message.value, safe)
    return str(value)


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
    """The texts of `codes` (by default every available language that has texts); files are
    found now, parsed when first needed."""
    if codes is None:
        codes = [code for code in languages.available() if code in text_languages(directory)]
    sources = {language: sorted((directory / language).glob("*.ftl")) for language in codes}
    # The locale second: Fluent's plural rules and numbers, also for a code Babel lacks.
    locales = {language: languages.locale(language).replace("_", "-") for language in codes}
    return Catalogue(sources, locales)


@functools.lru_cache(maxsize=512)
def _parsed(source: str) -> fluent_ast.Resource:
    """A Fluent file's syntax tree, parsed once per text: parsing is nearly all the cost of
    loading the catalogue, and a test process builds hundreds of bots (the bot itself loads
    once). Keyed by the text itself, so a changed file is parsed anew; bundles only read the
    tree (they compile their own resolvers from it), so one tree serves every bundle. Without
    source positions, which only an editor needs: a quarter less parsing at every start."""
    return FluentParser(with_spans=False).parse(source)


def message_ids(source: str) -> set[str]:
    """The message ids defined in a Fluent source (top-level `key =` lines)."""
    ids = set()
    for line in source.splitlines():
        if line and not line[0].isspace() and not line.startswith(("#", "-")) and "=" in line:
            ids.add(line.split("=", 1)[0].strip())
    return ids
