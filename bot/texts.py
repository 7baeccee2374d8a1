"""The text catalogue: every sentence a user sees, per language, from Fluent files.

Texts are keyed by stable ids (`bot/locales/<lang>/*.ftl`), so handlers never hold prose and
a test can check that every key exists in every language.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource

from coach.profile import SUPPORTED_LANGUAGES

LOCALES = Path(__file__).resolve().parent / "locales"
FALLBACK = "en"


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


def load_catalogue(directory: Path = LOCALES) -> Catalogue:
    bundles: dict[str, FluentBundle] = {}
    keys: dict[str, frozenset[str]] = {}
    for language in SUPPORTED_LANGUAGES:
        bundle = FluentBundle([language], use_isolating=False)
        ids: set[str] = set()
        for path in sorted((directory / language).glob("*.ftl")):
            source = path.read_text(encoding="utf-8")
            bundle.add_resource(FluentResource(source))
            ids.update(message_ids(source))
        bundles[language] = bundle
        keys[language] = frozenset(ids)
    return Catalogue(bundles, keys)


def message_ids(source: str) -> set[str]:
    """The message ids defined in a Fluent source (top-level `key =` lines)."""
    ids = set()
    for line in source.splitlines():
        if line and not line[0].isspace() and not line.startswith(("#", "-")) and "=" in line:
            ids.add(line.split("=", 1)[0].strip())
    return ids
