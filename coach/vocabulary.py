"""What people type, per language: the input vocabularies in `coach/data/input/<lang>.toml`.

What the bot says is data (Fluent catalogues); what it reads is data too, so a language is
added by adding files, never by editing parsers. Each file holds one language's words, sorted
by what they are for (answers, days, times, units, reps, symptoms…), and says how that
language folds letters: German "Brücke" is also typed "Bruecke", French "août" also "aout".

A parser reads a text with a `Lexicon`, its choice of entries ("yes" → `answers.yes`), and gets
the text as a list of `Word`s: the longest known phrase first, a number, a mark, or an unknown
word. Every language is read, the user's own first: Swiss people mix languages, and a German
speaker's "ok" or a French speaker's "10 Clamshells" should work. Where two languages give one
spelling different meanings ("di" is Tuesday in German, Sunday in French), the user's language
wins. The text is folded the way each language folds, the user's way first, so a word typed
without its accents is found in its own language.

The list of languages is what the data holds (`languages()`); the bot narrows it to the
languages that also have texts (`use`).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

__all__ = [
    "FALLBACK",
    "SHIPPED",
    "Folding",
    "Lexicon",
    "Meaning",
    "Vocabulary",
    "VocabularyError",
    "Word",
    "add_check",
    "languages",
    "load_vocabularies",
    "reading_order",
    "use",
    "vocabularies",
]

SHIPPED: Final = Path(__file__).resolve().parent / "data" / "input"
"""The vocabularies shipped with the code; `INPUT_DIR` may point elsewhere."""

FALLBACK: Final = "en"
"""The language of someone whose client language is not available; must exist."""

_CODE_RE: Final = re.compile(r"^[a-z]{2,3}$")
_APOSTROPHES: Final = re.compile(r"['’‘`´ʼ]")
_SENTENCES: Final = re.compile(r"[.!?;\n]+")
_BIG: Final = 10**9
"""The value of a digit string too long to be a count (int() of thousands of digits is slow)."""


class VocabularyError(ValueError):
    """A vocabulary file is broken; raised at load, so a bad deploy fails at start."""


# ---- the file format -------------------------------------------------------------------------

WORDS: Final = "words"
TEXT: Final = "text"
FLAG: Final = "flag"
LETTERS: Final = "letters"
COUNTS: Final = "counts"
WORD_TABLE: Final = "word table"
PATTERNS: Final = "patterns"
SYMPTOMS: Final = "symptoms"

DAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

SCHEMA: Final[Mapping[str, Mapping[str, str] | str]] = {
    "language": {"name": TEXT, "locale": TEXT, "names": WORDS},
    "folding": {"letters": LETTERS, "strip_accents": FLAG},
    "answers": {"yes": WORDS, "no": WORDS, "off": WORDS},
    "words": {"to": WORDS, "from": WORDS, "and": WORDS, "times": WORDS},
    "numbers": {"one": WORDS, "counts": COUNTS},
    "day_names": dict.fromkeys(DAYS, WORDS),
    "days": {"every_day": WORDS, "working_days": WORDS, "tomorrow": WORDS},
    "time": {"at": WORDS, "hour": WORDS, "am": WORDS, "pm": WORDS},
    "units": dict.fromkeys(("minute", "hour", "day", "week", "month", "year"), WORDS),
    "screening": dict.fromkeys(("out_of", "less_than", "more_than", "long", "recent"), WORDS),
    "goal": {"per": WORDS},
    "pause": {"until": WORDS, "filler": WORDS},
    "walkthrough": dict.fromkeys(("stop", "next", "done", "hurts"), WORDS),
    "reps": {
        "exercises": WORD_TABLE,
        **dict.fromkeys(("left", "right", "each_side", "sets", "units", "filler"), WORDS),
    },
    "symptom_parts": PATTERNS,
    "symptoms": SYMPTOMS,
}
"""Every file has every section and key (a word list may be empty where a language has no
such word, like "am"/"pm" outside English). Checked at load and by the parity test."""


@dataclass(frozen=True, slots=True)
class Folding:
    """How one language reads letters: case, apostrophes, its special letters, accents."""

    letters: tuple[tuple[str, str], ...] = ()
    """Replacements first, in order: German ("ä", "ae"), ("ß", "ss")."""
    strip_accents: bool = False
    """Then every other accent goes: "é" is "e"."""

    def fold(self, text: str) -> str:
        folded = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).casefold())
        for letter, plain in self.letters:
            folded = folded.replace(letter, plain)
        if self.strip_accents and not folded.isascii():
            decomposed = unicodedata.normalize("NFKD", folded)
            kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
            folded = unicodedata.normalize("NFC", kept)
        return folded


@dataclass(frozen=True, slots=True)
class SymptomRule:
    """A mention: one sentence in which every pattern matches."""

    patterns: tuple[re.Pattern[str], ...]

    def found_in(self, sentence: str) -> bool:
        return all(pattern.search(sentence) for pattern in self.patterns)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """One language's words, checked against `SCHEMA`."""

    code: str
    source: str
    data: Mapping[str, Any] = field(repr=False)
    folding: Folding
    symptoms: Mapping[str, tuple[SymptomRule, ...]] = field(repr=False)
    """Screening flag id → the rules that mean a reply mentions it."""

    @property
    def name(self) -> str:
        """The language's own name ("Deutsch"), as people look for it on a button."""
        return str(self.data["language"]["name"])

    @property
    def locale(self) -> str:
        """The Babel locale for this language's dates, times and numbers."""
        return str(self.data["language"]["locale"])

    def entry(self, path: str) -> object:
        """The value at "section.key"."""
        section, _, key = path.partition(".")
        return self.data[section][key] if key else self.data[section]

    def mentions(self, text: str) -> frozenset[str]:
        """The flags whose symptom rules match `text`, read in this language's folding.

        An apostrophe parts words here ("l'aine" is "l aine", "can't" is "can t"), so a
        pattern can say where a word starts."""
        sentences = _SENTENCES.split(self.folding.fold(_APOSTROPHES.sub(" ", text)))
        return frozenset(
            flag
            for flag, rules in self.symptoms.items()
            if any(rule.found_in(sentence) for rule in rules for sentence in sentences)
        )


def _words(where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise VocabularyError(f"{where} must be a list of strings")
    if any(not item.strip() for item in value):
        raise VocabularyError(f"{where} has an empty entry")
    return tuple(value)


def _check_folded(where: str, pattern: str, folding: Folding) -> None:
    """Patterns meet folded text, so they must be written folded: "laehmung", not "lähmung"."""
    for char in pattern:
        if not char.isupper() and folding.fold(char) != char:
            raise VocabularyError(
                f"{where}: {pattern!r} has {char!r}, which this language reads as "
                f"{folding.fold(char)!r}; write it that way"
            )


def _compile(where: str, pattern: object, folding: Folding) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise VocabularyError(f"{where} must be a non-empty regular expression")
    _check_folded(where, pattern, folding)
    try:
        return re.compile(pattern)
    except re.error as error:
        raise VocabularyError(f"{where}: {pattern!r} does not compile: {error}") from None


def _check_value(where: str, kind: str, value: object) -> None:
    if kind == WORDS:
        _words(where, value)
    elif kind == TEXT:
        if not isinstance(value, str) or not value.strip():
            raise VocabularyError(f"{where} must be a non-empty string")
    elif kind == FLAG:
        if not isinstance(value, bool):
            raise VocabularyError(f"{where} must be true or false")
    elif kind == LETTERS:
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and len(k) == 1 and isinstance(v, str) for k, v in value.items()
        ):
            raise VocabularyError(f"{where} must map single letters to their plain spelling")
    elif kind == COUNTS:
        if not isinstance(value, dict):
            raise VocabularyError(f"{where} must be a table of number words")
        for word, number in value.items():
            if type(number) is not int or number <= 0:
                raise VocabularyError(f"{where}: {word!r} needs a positive integer")
    elif kind == WORD_TABLE:
        if not isinstance(value, dict) or not value:
            raise VocabularyError(f"{where} must be a table of word lists")
        for key, words in value.items():
            _words(f"{where}.{key}", words)


def _folding(data: Mapping[str, Any]) -> Folding:
    letters = data["folding"]["letters"]
    pairs = tuple((letter.casefold(), plain.casefold()) for letter, plain in letters.items())
    return Folding(pairs, data["folding"]["strip_accents"])


def _symptoms(data: Mapping[str, Any], folding: Folding) -> dict[str, tuple[SymptomRule, ...]]:
    parts_raw = data["symptom_parts"]
    if not isinstance(parts_raw, dict):
        raise VocabularyError("[symptom_parts] must be a table of named regular expressions")
    parts = {
        name: _compile(f"symptom_parts.{name}", pattern, folding)
        for name, pattern in parts_raw.items()
    }
    flags_raw = data["symptoms"]
    if not isinstance(flags_raw, dict) or not flags_raw:
        raise VocabularyError("[symptoms] must have a table per screening flag")
    rules: dict[str, tuple[SymptomRule, ...]] = {}
    for flag, table in flags_raw.items():
        where = f"symptoms.{flag}"
        if not isinstance(table, dict) or set(table) != {"phrases", "together"}:
            raise VocabularyError(f"{where} needs exactly `phrases` and `together`")
        found: list[SymptomRule] = [
            SymptomRule((_compile(f"{where}.phrases", pattern, folding),))
            for pattern in _words(f"{where}.phrases", table["phrases"])
        ]
        together = table["together"]
        if not isinstance(together, list):
            raise VocabularyError(f"{where}.together must be a list of lists of part names")
        for names in together:
            names = _words(f"{where}.together", names)
            unknown = [name for name in names if name not in parts]
            if len(names) < 2 or unknown:
                raise VocabularyError(
                    f"{where}.together: {list(names)} must name two or more [symptom_parts]"
                )
            found.append(SymptomRule(tuple(parts[name] for name in names)))
        if not found:
            raise VocabularyError(f"{where} has no phrases and nothing together")
        rules[flag] = tuple(found)
    return rules


def parse_vocabulary(code: str, data: Mapping[str, Any], source: str = "") -> Vocabulary:
    """Check one parsed file against `SCHEMA`; every problem is a VocabularyError."""
    unknown = sorted(set(data) - set(SCHEMA))
    missing = sorted(set(SCHEMA) - set(data))
    if unknown or missing:
        raise VocabularyError(f"sections {missing} are missing, {unknown} unknown")
    for section, keys in SCHEMA.items():
        if isinstance(keys, str):
            continue
        table = data[section]
        if not isinstance(table, dict):
            raise VocabularyError(f"[{section}] must be a table")
        unknown = sorted(set(table) - set(keys))
        missing = sorted(set(keys) - set(table))
        if unknown or missing:
            raise VocabularyError(f"[{section}]: keys {missing} are missing, {unknown} unknown")
        for key, kind in keys.items():
            _check_value(f"{section}.{key}", kind, table[key])
    folding = _folding(data)
    return Vocabulary(code, source, data, folding, _symptoms(data, folding))


def load_vocabularies(directory: Path | None = None) -> dict[str, Vocabulary]:
    """Every `<code>.toml` in `directory` (the shipped ones by default), checked."""
    folder = SHIPPED if directory is None else Path(directory)
    try:
        paths = sorted(folder.glob("*.toml"))
    except OSError as error:
        raise VocabularyError(f"cannot read input vocabularies in {folder}: {error}") from error
    found: dict[str, Vocabulary] = {}
    for path in paths:
        code = path.stem
        if not _CODE_RE.match(code):
            raise VocabularyError(f"{path}: the file name must be a language code like fr.toml")
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise VocabularyError(f"{path}: {error}") from error
        try:
            found[code] = parse_vocabulary(code, data, str(path))
        except VocabularyError as error:
            raise VocabularyError(f"{path}: {error}") from None
    if FALLBACK not in found:
        raise VocabularyError(f"{folder}: the fallback language {FALLBACK}.toml is missing")
    return found


# ---- the installed languages -----------------------------------------------------------------

Check = Callable[[Mapping[str, "Vocabulary"]], None]
_CHECKS: list[Check] = []
_LEXICONS: list[Lexicon] = []


def add_check(check: Check) -> Check:
    """Run `check` on every set of vocabularies before it is used (the rep words' exercise ids,
    the screening flags): modules that give entries a meaning register their own rules. The
    vocabularies already in use are checked at once."""
    _CHECKS.append(check)
    if _STATE.loaded is not None:
        check(_STATE.loaded)
    return check


@dataclass(slots=True)
class _Installed:
    loaded: dict[str, Vocabulary] | None = None
    generation: int = 0
    """Bumped by `use`, so the lexicons' cached indexes of older vocabularies are not used."""


_STATE = _Installed()


def _checked(found: dict[str, Vocabulary]) -> dict[str, Vocabulary]:
    for lexicon in _LEXICONS:
        for vocabulary in found.values():
            lexicon.index_of(vocabulary)
    for check in _CHECKS:
        check(found)
    return found


def use(directory: Path | None = None, only: Iterable[str] | None = None) -> tuple[str, ...]:
    """Read the vocabularies in `directory` (None: the shipped ones), keep the languages in
    `only` (None: all), check them, and make them the ones every parser reads.

    Returns the languages in use. A broken file raises VocabularyError and changes nothing.
    """
    found = load_vocabularies(directory)
    if only is not None:
        wanted = frozenset(only)
        if FALLBACK not in wanted:
            raise VocabularyError(
                f"the fallback language {FALLBACK} is not among those asked for: {sorted(wanted)}"
            )
        found = {code: vocab for code, vocab in found.items() if code in wanted}
    _checked(found)
    _STATE.loaded = found
    _STATE.generation += 1
    return languages()


def vocabularies() -> Mapping[str, Vocabulary]:
    """The vocabularies in use; the shipped ones, read on first use, until `use` is called."""
    if _STATE.loaded is None:
        _STATE.loaded = _checked(load_vocabularies())
    return _STATE.loaded


def languages() -> tuple[str, ...]:
    """The languages in use: the fallback first, then by code."""
    codes = vocabularies()
    return (FALLBACK, *sorted(code for code in codes if code != FALLBACK))


def reading_order(language: str | None) -> tuple[str, ...]:
    """The languages a text is read in: the user's first (the fallback's when unknown)."""
    codes = languages()
    first = language if language in codes else FALLBACK
    return (first, *(code for code in codes if code != first))


# ---- reading texts ---------------------------------------------------------------------------

Meaning = tuple[str, str | int]
"""(kind, value): ("yes", ""), ("day", "monday"), ("number", 12), ("exercise", "bridge")."""

NUMBER: Final = "number"
"""The kind of digits ("10") and of number words ("ten", "zehn")."""
MARK: Final = "mark"
UNKNOWN: Final = ""


@dataclass(frozen=True, slots=True)
class Word:
    """One unit of a read text: a phrase, a number, a mark, or an unknown word."""

    kind: str
    value: str | int
    text: str
    """The folded spelling (the digits for a number, the character for a mark)."""

    @property
    def digits(self) -> bool:
        return self.kind == NUMBER and self.text.isdigit()


def _token_re(marks: str) -> re.Pattern[str]:
    mark = f"|[{re.escape(marks)}]" if marks else ""
    return re.compile(rf"[0-9]+|[^\W\d_]+{mark}")


class Lexicon:
    """The entries one parser reads, by the meaning they have for it.

    `entries` maps a kind to a path: "yes" → "answers.yes" (every word means ("yes", "")),
    "day" → "day_names" (a table: ("day", "monday")), "number" → "numbers.counts" (("number",
    12)), "exercise" → "reps.exercises". `marks` are characters kept as words of their own
    ("/", "×", ":"); any other character that is not a letter or digit separates words.
    Within one language a spelling has one meaning, or the file is refused.
    """

    def __init__(self, entries: Mapping[str, str], *, marks: str = "") -> None:
        for path in entries.values():
            section, _, key = path.partition(".")
            keys = SCHEMA.get(section)
            if keys is None or (key and (isinstance(keys, str) or key not in keys)):
                raise ValueError(f"no vocabulary entry {path!r}")
        self.entries = dict(entries)
        self.marks = marks
        self._tokens = _token_re(marks)
        self._cache: dict[tuple[int, Folding, tuple[str, ...]], tuple[dict[str, Meaning], int]] = {}
        _LEXICONS.append(self)
        for found in (_STATE.loaded or {}).values():
            self.index_of(found)  # the vocabularies in use must read the same way

    def keys(self, phrase: str, folding: Folding) -> str:
        """The key a phrase is indexed under: its folded words joined without spaces, so
        "hip raises" and "hipraises", "Clam-Shell" and "clamshell" are one key."""
        return "".join(self._tokens.findall(folding.fold(phrase)))

    def _meanings(self, vocabulary: Vocabulary) -> Iterator[tuple[str, Meaning]]:
        for kind, path in self.entries.items():
            value = vocabulary.entry(path)
            if isinstance(value, list):
                for word in value:
                    yield word, (kind, "")
            elif isinstance(value, dict):
                for key, item in value.items():
                    if isinstance(item, list):
                        yield from ((word, (kind, key)) for word in item)
                    else:
                        yield key, (kind, item)

    def index_of(
        self, vocabulary: Vocabulary, folding: Folding | None = None, *, strict: bool = True
    ) -> dict[str, Meaning]:
        """One language's phrases by key, read in `folding` (the language's own by default).

        `strict`: a spelling with two meanings is a VocabularyError (in its own folding, a
        mistake in the file); otherwise the first one listed stays.
        """
        fold = folding or vocabulary.folding
        index: dict[str, Meaning] = {}
        where = f"{vocabulary.source or vocabulary.code}"
        for phrase, meaning in self._meanings(vocabulary):
            key = self.keys(phrase, fold)
            if not key:
                continue  # a mark this parser does not read ("*" for days)
            if key.isdigit():
                raise VocabularyError(f"{where}: {phrase!r} would hide a number")
            known = index.get(key)
            if known is not None and known != meaning:
                if strict:
                    raise VocabularyError(
                        f"{where}: {phrase!r} means both {known[0]} {known[1]!r} and "
                        f"{meaning[0]} {meaning[1]!r}"
                    )
                continue
            index[key] = meaning
        return index

    def _index(self, folding: Folding, order: tuple[str, ...]) -> tuple[dict[str, Meaning], int]:
        cache_key = (_STATE.generation, folding, order)
        cached = self._cache.get(cache_key)
        if cached is None:
            if len(self._cache) > 64:
                self._cache.clear()
            found = vocabularies()
            merged: dict[str, Meaning] = {}
            longest = 1
            for code in reversed(order):  # the first language's meaning wins
                merged.update(self.index_of(found[code], folding, strict=False))
                for phrase, _meaning in self._meanings(found[code]):
                    longest = max(longest, len(self._tokens.findall(folding.fold(phrase))))
            cached = self._cache[cache_key] = (merged, longest)
        return cached

    def foldings(self, language: str | None) -> list[Folding]:
        """The foldings a text is read in, the user's language's first, each once."""
        found = vocabularies()
        ordered: list[Folding] = []
        for code in reading_order(language):
            folding = found[code].folding
            if folding not in ordered:
                ordered.append(folding)
        return ordered

    def read(self, text: str, language: str | None, folding: Folding) -> list[Word]:
        """`text` as words in one folding, longest known phrase first."""
        order = reading_order(language)
        index, longest = self._index(folding, order)
        raw = self._tokens.findall(folding.fold(text))
        words: list[Word] = []
        i = 0
        while i < len(raw):
            for length in range(min(longest, len(raw) - i), 0, -1):
                key = "".join(raw[i : i + length])
                meaning = index.get(key)
                if meaning is not None:
                    words.append(Word(meaning[0], meaning[1], key))
                    i += length
                    break
            else:
                token = raw[i]
                if token.isascii() and token.isdigit():  # not str.isdigit alone: '፩', '²'
                    number = int(token) if len(token) <= 9 else _BIG
                    words.append(Word(NUMBER, number, token))
                elif token in self.marks:
                    words.append(Word(MARK, token, token))
                else:
                    words.append(Word(UNKNOWN, "", token))
                i += 1
        return words

    def readings(self, text: str, language: str | None) -> Iterator[list[Word]]:
        """`text` read in each folding in turn, the user's first."""
        for folding in self.foldings(language):
            yield self.read(text, language, folding)

    def whole(self, text: str, language: str | None) -> Meaning | None:
        """The meaning of a text that is exactly one known phrase ("Stop!", "tut weh")."""
        for words in self.readings(text, language):
            if len(words) == 1 and words[0].kind not in (UNKNOWN, MARK, NUMBER):
                return words[0].kind, words[0].value
        return None
