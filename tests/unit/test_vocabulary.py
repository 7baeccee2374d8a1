"""What people type is data: the input vocabularies are complete, sound, and the only place.

Like the text catalogue test: every language has every key, the patterns compile and are
written the way the text arrives, a file with a mistake is refused at load, the languages come
from the data, and no typed word is left in the code (the scanner is tested on small snippets
first, so it is known to fail when it should).
"""

from __future__ import annotations

import ast
import copy
import re
import shutil
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.texts import load_catalogue as load_texts
from coach import languages, pause_phrases, profile_answers, reps, typed_walkthrough, vocabulary
from coach.screening import Severity, load_questionnaire
from coach.vocabulary import SCHEMA, VocabularyError, parse_vocabulary
from tests.support.languages import LANGUAGES
from tests.support.toml_text import to_toml

MEANINGS = (pause_phrases, profile_answers, reps, typed_walkthrough)
"""Every module that gives the entries a meaning, imported so its rules check each file."""

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = vocabulary.load_vocabularies()
CODES = tuple(SHIPPED)
QUESTIONNAIRE = load_questionnaire()


def raw(code: str) -> dict[str, Any]:
    return tomllib.loads((vocabulary.SHIPPED / f"{code}.toml").read_text("utf-8"))


@pytest.fixture
def restore() -> Iterator[None]:
    """A test that installs other vocabularies puts the shipped ones back."""
    yield
    vocabulary.use()


# ---- every language has every key ---------------------------------------------------------


def keys_of(data: dict[str, Any]) -> set[str]:
    """Every key path of a file, except the names of its own [symptom_parts] (helpers)."""
    found = set()
    for section, table in data.items():
        found.add(section)
        if isinstance(table, dict) and section != "symptom_parts":
            for key, value in table.items():
                found.add(f"{section}.{key}")
                if isinstance(value, dict) and section not in ("numbers", "folding"):
                    found |= {f"{section}.{key}.{inner}" for inner in value}
    return found


@pytest.mark.parametrize("code", CODES)
def test_every_language_has_every_key(code: str) -> None:
    assert keys_of(raw(code)) == keys_of(raw(vocabulary.FALLBACK))


def test_the_shipped_languages_are_english_german_french_and_italian() -> None:
    assert set(CODES) >= {"en", "de", "fr", "it"}


@pytest.mark.parametrize("code", CODES)
def test_symptom_words_are_keyed_by_the_screening_flags(code: str) -> None:
    flags = {question.id for question in QUESTIONNAIRE.flags}
    watched = set(SHIPPED[code].symptoms)
    assert watched <= flags
    # Every urgent flag a reply can mention is watched in every language.
    urgent = {q.id for q in QUESTIONNAIRE.flags if q.severity is Severity.URGENT}
    assert urgent <= watched


@pytest.mark.parametrize("code", CODES)
def test_every_pattern_compiles_and_every_list_has_words(code: str) -> None:
    found = SHIPPED[code]
    assert all(rule.patterns for rules in found.symptoms.values() for rule in rules)
    for section in ("answers", "day_names", "walkthrough", "units"):
        for key, words in found.data[section].items():
            assert words, f"{code}: {section}.{key} is empty"
    assert found.name and found.locale


TEXTS = load_texts()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("exercise", reps.load_vocabulary().exercise_ids)
def test_the_names_the_bot_shows_are_understood_as_typed(language: str, exercise: str) -> None:
    """A reply may quote what the bot called the exercise ("10 Coquillages")."""
    keys = (
        f"exercise-{exercise}-name",
        f"progress-exercise-{exercise}",
        f"progress-button-{exercise}",
    )
    for key in keys:
        name = re.sub(r"\s*\(.*?\)", "", TEXTS.text(language, key))  # "Coquillage (clamshell)"
        parsed = reps.parse_reps(f"10 {name}", language=language)
        assert isinstance(parsed, reps.Parsed), (key, name, parsed)
        assert {entry.exercise_id for entry in parsed.entries} == {exercise}, (key, name)


# ---- mistakes are refused at load -----------------------------------------------------------


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        table = data
        for part in parents:
            table = table[part]
        table[last] = value

    return change


def _append(path: str, word: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        section, key = path.split(".")
        data[section][key].append(word)

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("answers"), "missing"),
        (lambda d: d["answers"].pop("yes"), "missing"),
        (_set("answers.maybe", ["vielleicht"]), "unknown"),
        (_set("answers.yes", "ja"), "list of strings"),
        (_set("answers.yes", ["ja", " "]), "empty entry"),
        (_set("numbers.counts.null", 0), "positive integer"),
        (_set("folding.strip_accents", "yes"), "true or false"),
        (_set("symptom_parts.leg", "(unclosed"), "does not compile"),
        (_set("symptom_parts.leg", "lähmung"), "write it that way"),
        (_set("symptom_parts.leg", "can't"), "write it that way"),
        (_set("symptoms.numbness.together", [["leg"]]), "two or more"),
        (_set("symptoms.numbness.together", [["leg", "knee"]]), "two or more"),
        (_set("symptoms.numbness", {"phrases": []}), "exactly `phrases` and `together`"),
        (_set("symptoms.numbness", {"phrases": [], "together": []}), "nothing together"),
    ],
)
def test_a_broken_file_is_refused(change: Callable[[dict[str, Any]], object], message: str) -> None:
    data = copy.deepcopy(raw("de"))
    change(data)
    with pytest.raises(VocabularyError, match=re.escape(message)):
        parse_vocabulary("de", data)


def install(tmp_path: Path, change: Callable[[dict[str, Any]], object], code: str = "en") -> None:
    """The shipped files in a folder, `code`'s changed, installed."""
    for path in vocabulary.SHIPPED.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    data = raw(code)
    change(data)
    (tmp_path / f"{code}.toml").write_text(to_toml(data), "utf-8")
    vocabulary.use(tmp_path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_append("reps.filler", "clamshell"), "means both"),
        (_append("reps.filler", "Clam-Shell"), "means both"),
        (_append("reps.left", "10"), "hide a number"),
        (_append("answers.no", "Yes"), "means both"),
        (_append("walkthrough.done", "stop"), "means both"),
        (lambda d: d["reps"]["exercises"].pop("bridge"), "[reps.exercises] names"),
        (lambda d: d["symptoms"].pop("bladder_bowel"), "[symptoms] watches"),
        (_set("symptoms.fever", {"phrases": ["fever"], "together": []}), "no screening flags"),
        (_append("language.names", "deutsch"), "already names de"),
    ],
)
def test_a_mistake_between_entries_is_refused_and_changes_nothing(
    tmp_path: Path, restore: None, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    with pytest.raises(VocabularyError, match=re.escape(message)):
        install(tmp_path, change)
    assert languages.available() == ("en", *sorted(set(CODES) - {"en"}))


def test_the_fallback_language_must_exist(tmp_path: Path) -> None:
    shutil.copy(vocabulary.SHIPPED / "de.toml", tmp_path / "de.toml")
    with pytest.raises(VocabularyError, match=r"en\.toml is missing"):
        vocabulary.load_vocabularies(tmp_path)


def test_a_file_name_must_be_a_language_code(tmp_path: Path) -> None:
    shutil.copy(vocabulary.SHIPPED / "en.toml", tmp_path / "english.toml")
    with pytest.raises(VocabularyError, match="language code"):
        vocabulary.load_vocabularies(tmp_path)


# ---- the languages come from the data -------------------------------------------------------


def test_a_language_exists_when_its_file_does(tmp_path: Path, restore: None) -> None:
    for code in ("en", "de"):
        shutil.copy(vocabulary.SHIPPED / f"{code}.toml", tmp_path / f"{code}.toml")
    assert vocabulary.use(tmp_path) == ("en", "de")
    assert languages.from_client("fr-CH") == "en"
    assert vocabulary.use() == ("en", *sorted(set(CODES) - {"en"}))
    assert languages.from_client("fr-CH") == ("fr" if "fr" in CODES else "en")


def test_only_the_languages_asked_for_are_read(restore: None) -> None:
    assert vocabulary.use(only={"en", "de"}) == ("en", "de")
    assert vocabulary.reading_order("it") == ("en", "de")
    with pytest.raises(VocabularyError, match="fallback"):
        vocabulary.use(only={"de"})


@pytest.mark.parametrize(
    ("client", "language"),
    [
        ("de", "de"),
        ("de-CH", "de"),
        ("fr", "fr"),
        ("fr-CH", "fr"),
        ("it-CH", "it"),
        ("it", "it"),
        ("en-GB", "en"),
        ("rm", "en"),
        (None, "en"),
        ("", "en"),
    ],
)
def test_the_client_language_picks_an_available_one(client: str | None, language: str) -> None:
    assert languages.from_client(client) == language


@pytest.mark.parametrize(
    ("code", "name", "locale"),
    [("en", "English", "en"), ("de", "Deutsch", "de"), ("fr", "Français", "fr_CH"),
     ("it", "Italiano", "it_CH")],
)  # fmt: skip
def test_own_names_and_locales(code: str, name: str, locale: str) -> None:
    assert (languages.own_name(code), languages.locale(code)) == (name, locale)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("English", "en"),
        ("englisch", "en"),
        ("Deutsch", "de"),
        ("allemand", "de"),
        ("Français", "fr"),
        ("francais", "fr"),
        ("Französisch", "fr"),
        ("italiano", "it"),
        ("Italienisch", "it"),
        ("it", "it"),
        ("de", "de"),
        ("klingon", None),
    ],
)
def test_languages_are_named_in_any_language(typed: str, code: str | None) -> None:
    assert languages.named(typed) == code


# ---- folding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "typed", "folded"),
    [
        ("de", "Hüftheben", "hueftheben"),
        ("de", "Füße", "fuesse"),
        ("de", "FUSS", "fuss"),
        ("de", "à", "a"),
        ("en", "Brücke", "brucke"),
        ("en", "can’t", "cant"),
        ("fr", "Élévation", "elevation"),
        ("fr", "jusqu'à", "jusqua"),
        ("fr", "cœur", "coeur"),
        ("fr", "ça", "ca"),
        ("it", "lunedì", "lunedi"),
        ("it", "Più", "piu"),
        ("it", "dell'anca", "dellanca"),
    ],
)
def test_each_language_folds_its_own_letters(code: str, typed: str, folded: str) -> None:
    assert SHIPPED[code].folding.fold(typed) == folded


def test_a_word_typed_without_its_accents_is_found_in_its_language() -> None:
    lexicon = vocabulary.Lexicon({"day": "day_names"})
    for text, language in (("Mittwoch", "de"), ("mercredi", "fr"), ("mercoledi", "it")):
        readings = list(lexicon.readings(text, language))
        assert any(w[0].value == "wednesday" for w in readings if w)


# ---- no typed word is left in the code ------------------------------------------------------

ALSO_ENGLISH = frozenset({"cest", "del", "due", "elevation", "exact", "extension", "lang", "non",
                          "part", "resume", "top"})  # fmt: skip
"""Words of another language's vocabulary that are also English or identifiers in the code
("due", "del" a callback area, "CEST" a zone name, "elevation" a camera angle in the pose
data). Keep this tiny and say why."""
_LETTERS = re.compile(r"[^\W\d_]+")
_IDENTIFIER = re.compile(r"[\w-]+")


def _words_of(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _words_of(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from ([key] if isinstance(item, int) else _words_of(item))


def known_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(words only other languages than English have, every word including those in symptom
    patterns, every multi-word phrase)."""
    plain = vocabulary.Folding(strip_accents=True)
    by_language: dict[str, set[str]] = {}
    in_patterns: set[str] = set()
    phrases: set[str] = set()
    for code, found in SHIPPED.items():
        words = by_language.setdefault(code, set())
        for section, table in found.data.items():
            if section in ("language", "folding"):
                continue
            pattern = section in ("symptom_parts", "symptoms")
            for entry in _words_of(table):
                tokens = _LETTERS.findall(plain.fold(entry))
                (in_patterns if pattern else words).update(t for t in tokens if len(t) >= 3)
                if not pattern and len(tokens) > 1:
                    phrases.add(" ".join(tokens))
    english = by_language.pop(vocabulary.FALLBACK)
    foreign = set().union(*by_language.values()) - english - ALSO_ENGLISH
    every = english | foreign | in_patterns
    return frozenset(foreign), frozenset(every), frozenset(phrases)


FOREIGN, EVERY_WORD, PHRASES = known_words()


def _docstrings(tree: ast.AST) -> set[int]:
    """Strings as statements: docstrings and attribute docs, for readers, not for parsing."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


def typed_words_in_code(source: str) -> list[str]:
    """String literals that hold what people type: a word another language has, a phrase of
    the vocabularies, or a known word in a regular expression's alternatives."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    plain = vocabulary.Folding(strip_accents=True)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        if id(node) in skip:
            continue
        tokens = _LETTERS.findall(plain.fold(node.value))
        regex = "|" in node.value and any(char in node.value for char in "\\([")
        bad = [t for t in tokens if t in FOREIGN or (regex and t in EVERY_WORD)]
        identifier = _IDENTIFIER.fullmatch(node.value) is not None
        if bad or (not identifier and len(tokens) > 1 and " ".join(tokens) in PHRASES):
            found.append(f"line {node.lineno}: {node.value!r}")
    return found


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ('_OFF = frozenset({"off", "aus", "nein"})', True),
        ('DAYS = {"montag": 0, "lundi": 0}', True),
        ('_TIME = r"(\\d{1,2})\\s*(am|pm|uhr|h)?"', True),
        ('_SYMPTOM = re.compile(r"numb|tingl|\\btaub")', True),
        ('HURTS = ("it hurts", "this hurts")', True),
        ('WORDS = ["ça fait mal"]', True),
        ('def f():\n    """Reads "Montag bis Freitag" and "lundi"."""', False),
        ('KIND = "left"', False),
        ('raise ValueError("unknown exercise id")', False),
        ('PATTERN = re.compile(r"[0-9]+|[^\\W\\d_]+")', False),
    ],
)
def test_the_scanner_finds_typed_words(source: str, flagged: bool) -> None:
    assert bool(typed_words_in_code(source)) is flagged


@pytest.mark.parametrize("folder", ["coach", "bot"])
def test_no_typed_word_is_left_in_the_code(folder: str) -> None:
    problems = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for problem in typed_words_in_code(path.read_text("utf-8")):
            problems.append(f"{path.relative_to(ROOT)} {problem}")
    assert problems == [], "move these words to coach/data/input/<lang>.toml"


# ---- the TOML writer the tests above use ---------------------------------------------------


def test_the_toml_writer_round_trips_every_shipped_file() -> None:
    for code in CODES:
        assert tomllib.loads(to_toml(raw(code))) == raw(code)


def test_schema_sections_match_the_files() -> None:
    assert set(SCHEMA) == set(raw("en"))
