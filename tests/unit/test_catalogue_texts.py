"""Every text a user sees comes from the catalogues, complete in English and German.

Two kinds of check: the Fluent files themselves (same keys, values, attributes and
placeholders in every language; every key the code asks for exists), and the bot's source
(no prose in code that would bypass the catalogues). The source checker is tested on small
snippets first, so it is known to fail when it should.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fluent.syntax import FluentParser
from fluent.syntax import ast as fluent

from bot import texts
from bot.commands import MENU_COMMANDS
from bot.render import settings as settings_render
from bot.texts import COMMANDS_FILE, LOCALES, Catalogue, load_catalogue
from coach.catalogue import load_catalogue as load_exercises
from coach.profile_answers import WORK_DAY_PRESETS
from coach.screening import load_questionnaire
from coach.services import settings, setup
from tests.support.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
BOT = ROOT / "bot"

# ---- the catalogues ----------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One message or term: which file, whether it has a value, placeholders per part."""

    path: Path
    has_value: bool
    placeholders: dict[str | None, frozenset[str]]  # None = the value, else an attribute


def _variables(node: fluent.BaseNode) -> Iterator[str]:
    if isinstance(node, fluent.VariableReference):
        yield node.id.name
    for value in vars(node).values():
        children = value if isinstance(value, list) else [value]
        for child in children:
            if isinstance(child, fluent.BaseNode):
                yield from _variables(child)


def _entries(path: Path) -> Iterator[tuple[str, Entry | fluent.Junk]]:
    resource = FluentParser(with_spans=False).parse(path.read_text(encoding="utf-8"))
    for item in resource.body:
        if isinstance(item, fluent.Junk):
            yield "", item
        elif isinstance(item, fluent.Message | fluent.Term):
            prefix = "-" if isinstance(item, fluent.Term) else ""
            parts: dict[str | None, frozenset[str]] = {}
            if item.value is not None:
                parts[None] = frozenset(_variables(item.value))
            for attribute in item.attributes:
                parts[attribute.id.name] = frozenset(_variables(attribute.value))
            yield prefix + item.id.name, Entry(path, item.value is not None, parts)


def _catalogue(language: str) -> tuple[dict[str, Entry], list[str]]:
    """Entries of one language, and problems found while reading them."""
    entries: dict[str, Entry] = {}
    problems: list[str] = []
    for path in sorted((LOCALES / language).glob("*.ftl")):
        for key, entry in _entries(path):
            name = path.relative_to(ROOT)
            if isinstance(entry, fluent.Junk):
                problems.append(f"{name}: cannot parse {entry.content.strip()[:60]!r}")
            elif key in entries:
                problems.append(f"{name}: {key} is also in {entries[key].path.relative_to(ROOT)}")
            else:
                entries[key] = entry
    return entries, problems


@functools.cache
def catalogue_of(language: str) -> tuple[dict[str, Entry], list[str]]:
    """Parsed when a test first asks, not while every pytest worker collects."""
    return _catalogue(language)


def missing_or_different(
    reference: dict[str, Entry], other: dict[str, Entry], language: str
) -> list[str]:
    """Everything `other` lacks or has differently from `reference`."""
    problems = []
    for key, entry in sorted(reference.items()):
        found = other.get(key)
        if found is None:
            problems.append(f"{key}: no {language} text")
            continue
        if entry.has_value and not found.has_value:
            problems.append(f"{key}: {language} has attributes only, no text")
        for part, names in entry.placeholders.items():
            label = key if part is None else f"{key}.{part}"
            if part is None and not found.has_value:
                continue  # reported above
            if part not in found.placeholders:
                problems.append(f"{label}: no {language} text")
            elif found.placeholders[part] != names:
                problems.append(
                    f"{label}: placeholders {sorted(names)} vs {sorted(found.placeholders[part])}"
                    f" in {language}"
                )
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_file_parses_and_no_key_is_defined_twice(language: str) -> None:
    _entries_of, problems = catalogue_of(language)
    assert problems == []


@pytest.mark.parametrize(
    ("reference", "other"),
    [(a, b) for a in LANGUAGES for b in LANGUAGES if a != b],
)
def test_every_key_attribute_and_placeholder_exists_in_every_language(
    reference: str, other: str
) -> None:
    problems = missing_or_different(catalogue_of(reference)[0], catalogue_of(other)[0], other)
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_formats_without_errors(language: str) -> None:
    """Fluent reports a broken reference or selector only when formatting; format them all."""
    bundle = load_catalogue().bundle(language)
    problems = []
    for key, entry in catalogue_of(language)[0].items():
        if key.startswith("-"):
            continue
        message = bundle.get_message(key)
        patterns = {None: message.value, **message.attributes}
        for part, pattern in patterns.items():
            if pattern is None:
                continue
            args = {name: 2 for name in entry.placeholders.get(part, frozenset())}
            _text, errors = bundle.format_pattern(pattern, args)
            problems += [f"{key}{'.' + part if part else ''}: {error}" for error in errors]
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_command_menu_reads_the_whole_catalogues_texts_from_its_file_alone(
    language: str,
) -> None:
    catalogue = load_catalogue()
    for name in MENU_COMMANDS:
        assert catalogue.command(language, name) == catalogue.text(language, f"command-{name}")
    alone = FluentParser().parse((LOCALES / language / COMMANDS_FILE).read_text("utf-8"))
    assert not [entry for entry in alone.body if isinstance(entry, fluent.Junk)]
    assert not [
        element
        for entry in alone.body
        if isinstance(entry, fluent.Message) and entry.value is not None
        for element in entry.value.elements
        if isinstance(element, fluent.Placeable)
    ], "a menu text refers to another text or a variable"


def test_a_language_is_parsed_at_its_first_text_and_the_menu_needs_only_its_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parsed: list[str] = []
    parse = texts._parsed

    def counting(source: str) -> object:
        parsed.append(source)
        return parse(source)

    monkeypatch.setattr(texts, "_parsed", counting)
    catalogue = load_catalogue()
    assert parsed == []
    for language in catalogue.languages:
        catalogue.command(language, "start")
    assert len(parsed) == len(catalogue.languages)
    assert catalogue.text("de", "button-expired") == "Dieser Button ist abgelaufen."
    assert len(parsed) == len(catalogue.languages) + len(list((LOCALES / "de").glob("*.ftl")))
    catalogue.text("de", "error-apology")
    assert len(parsed) == len(catalogue.languages) + len(list((LOCALES / "de").glob("*.ftl")))


@pytest.mark.parametrize(
    ("english", "german", "expected"),
    [
        ("a = A\n", "a = A\n", []),
        ("a = A\nb = B\n", "a = A\n", ["b: no de text"]),
        ("a = Hi { $name }\n", "a = Hallo\n", ["a: placeholders ['name'] vs [] in de"]),
        ("a = A\n    .title = T\n", "a = A\n", ["a.title: no de text"]),
        ("a = { $n ->\n  [one] x\n *[other] y\n}\n", "a = y\n", ["a: placeholders ['n'] vs []"]),
        ("a = A\n", "a =\n    .title = T\n", ["a: de has attributes only, no text"]),
    ],
)
def test_the_completeness_check_finds_what_is_missing(
    english: str, german: str, expected: list[str], tmp_path: Path
) -> None:
    """The check above, on tiny catalogues: it must report each kind of gap."""
    (tmp_path / "en.ftl").write_text(english, encoding="utf-8")
    (tmp_path / "de.ftl").write_text(german, encoding="utf-8")
    en = {key: entry for key, entry in _entries(tmp_path / "en.ftl") if isinstance(entry, Entry)}
    de = {key: entry for key, entry in _entries(tmp_path / "de.ftl") if isinstance(entry, Entry)}
    found = missing_or_different(en, de, "de")
    assert [problem[: len(want)] for problem, want in zip(found, expected, strict=False)] == (
        expected
    )
    assert len(found) == len(expected)


# ---- keys the code asks for ----------------------------------------------------------------


def _python_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.py") if "__pycache__" not in path.parts)


def literal_keys(tree: ast.AST) -> set[str]:
    """Catalogue keys written literally: `texts.text(lang, "key")`, `t(lang, "key")`, `say(...)`."""
    keys = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else None
        name = name or (node.func.id if isinstance(node.func, ast.Name) else None)
        position = {"text": 1, "t": 1, "say": 2}.get(name or "")
        if position is not None and len(node.args) > position:
            argument = node.args[position]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                keys.add(argument.value)
    return keys


def test_every_literal_key_in_the_code_has_english_and_german_text() -> None:
    used = set()
    for path in _python_files(BOT):
        used |= literal_keys(ast.parse(path.read_text(encoding="utf-8")))
    assert len(used) > 20, "the key scanner found too little; is it still reading the calls?"
    for language in LANGUAGES:
        defined = catalogue_of(language)[0]
        assert sorted(used - defined.keys()) == [], f"keys without {language} text"


KEY_FAMILIES = [
    *(f"command-{name}" for name in MENU_COMMANDS),
    *(f"settings-row-{field}" for field in settings.FIELDS),
    *(f"settings-button-{field}" for field in settings.FIELDS),
    *(f"setup-ask-{field}" for field in setup.PROFILE_FIELDS),
    *(f"setup-hint-{field}" for field in setup.PROFILE_FIELDS),
    *(f"setup-field-{field}" for field in setup.PROFILE_FIELDS),
    *(f"setup-button-{preset}" for preset in WORK_DAY_PRESETS),
    *(f"settings-ask-{field}" for field in settings.FIELDS if field not in setup.PROFILE_FIELDS),
    *(f"settings-hint-{field}" for field in settings.FIELDS if field not in setup.PROFILE_FIELDS),
    *(f"settings-ask-{field}" for field in settings.FOLLOW_UPS.values()),
    *(f"settings-hint-{field}" for field in settings.FOLLOW_UPS.values()),
    # Every exercise's name, start position, steps, cues, mistakes, stop note, picture labels.
    *load_exercises().text_keys,
    *(f"screening-q-{question.id}" for question in load_questionnaire().questions),
    *(f"screening-hint-{question.kind.value}" for question in load_questionnaire().questions),
]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """Loaded once for the module (a fifth of a second each): the tests only read it."""
    return load_catalogue()


@pytest.mark.parametrize("key", sorted(set(KEY_FAMILIES)))
def test_keys_built_from_ids_exist_in_every_language(key: str, catalogue: Catalogue) -> None:
    for language in LANGUAGES:
        assert key in catalogue.keys[language], f"{key} has no {language} text"


def test_every_settings_field_has_a_row_and_a_prompt() -> None:
    assert set(settings_render.VALUES) == set(settings.FIELDS)
    prompts = set(settings.FIELDS) - set(setup.PROFILE_FIELDS) | set(settings.FOLLOW_UPS.values())
    assert set(settings_render.CHOICES) == prompts


# ---- no prose in code --------------------------------------------------------------------

# Calls whose argument is shown to the user, and which argument: (position, keyword names).
USER_FACING_ARGUMENTS: dict[str, tuple[int | None, tuple[str, ...]]] = {
    "send_message": (1, ("text",)),
    "reply_text": (0, ("text",)),
    "reply_html": (0, ("text",)),
    "reply_markdown": (0, ("text",)),
    "edit_message_text": (0, ("text",)),
    "edit_text": (0, ("text",)),
    "answer": (0, ("text",)),
    "answer_callback_query": (1, ("text",)),
    "send_photo": (2, ("caption",)),
    "send_document": (2, ("caption",)),
    "send_video": (2, ("caption",)),
    "reply_photo": (1, ("caption",)),
    "reply_document": (1, ("caption",)),
    "edit_message_caption": (None, ("caption",)),
    "edit_caption": (0, ("caption",)),
    "InputMediaPhoto": (None, ("caption",)),
    "InlineKeyboardButton": (0, ("text",)),
    "KeyboardButton": (0, ("text",)),
    "BotCommand": (1, ("description",)),
    "set_my_description": (0, ("description",)),
    "set_my_short_description": (0, ("short_description",)),
    "Outgoing": (0, ("text",)),
}
# Where every string literal is suspect, not only the arguments above.
PROSE_FREE = ("bot/handlers", "bot/render", "bot/keyboards.py", "bot/callbacks.py")
# Deliberate exceptions: (file, literal). Keep this tiny and say why.
ALLOWED: frozenset[tuple[str, str]] = frozenset()

_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+[.!?]?$")
_LOGGERS = {"log", "logger", "logging", "_log"}


def _text_of(node: ast.expr) -> str | None:
    """The literal text of a string or f-string (placeholders as {}), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
        )
    return None


def _looks_like_prose(text: str) -> bool:
    words = _LETTER.search(text) is not None
    return words and (any(char.isspace() for char in text.strip()) or bool(_WORD.match(text)))


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return node.func.id if isinstance(node.func, ast.Name) else None


def _exempt_nodes(tree: ast.AST) -> set[int]:
    """Docstrings (a string as a statement), log and exception messages: for developers."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and _text_of(node.value) is not None:
            exempt.add(id(node.value))
        is_log = (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in _LOGGERS
        )
        if isinstance(node, ast.Raise) or is_log:
            exempt.update(id(child) for child in ast.walk(node))
    return exempt


def prose_in_code(source: str, *, strict: bool) -> list[str]:
    """Literal texts in `source` that bypass the catalogues.

    Always: a literal with a letter passed as the text of a user-facing call. With `strict`
    (handlers, rendering): any literal that reads like prose, wherever it is.
    """
    tree = ast.parse(source)
    exempt = _exempt_nodes(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (name := _call_name(node)) in USER_FACING_ARGUMENTS:
            position, keywords = USER_FACING_ARGUMENTS[name]
            candidates = [kw.value for kw in node.keywords if kw.arg in keywords]
            if position is not None and len(node.args) > position:
                candidates.append(node.args[position])
            for candidate in candidates:
                text = _text_of(candidate)
                if text is not None and _LETTER.search(text):
                    found.append(text)
        if strict and isinstance(node, ast.Constant | ast.JoinedStr) and id(node) not in exempt:
            text = _text_of(node)
            if text is not None and _looks_like_prose(text) and text not in found:
                found.append(text)
    # Parts of an f-string are visited on their own too; keep only whole texts.
    return [text for text in found if not any(text != other and text in other for other in found)]


@pytest.mark.parametrize(
    ("source", "strict", "expected"),
    [
        ('bot.send_message(chat, "Hello there")', False, ["Hello there"]),
        ('bot.send_message(chat_id=chat, text="Hi")', False, ["Hi"]),
        ('await query.answer("Expired")', False, ["Expired"]),
        ('message.reply_text(f"Hi {name}")', False, ["Hi {}"]),
        ('bot.send_photo(chat, photo, caption="Your week")', False, ["Your week"]),
        ('InlineKeyboardButton("Done", callback_data="v1:x")', False, ["Done"]),
        ('Outgoing("Saved.")', False, ["Saved."]),
        ('BotCommand("help", "What I can do")', False, ["What I can do"]),
        ('label = "Snooze 15 min"', True, ["Snooze 15 min"]),
        ('label = "Done"', True, ["Done"]),
        ('text = f"Well done, {name}!"', True, ["Well done, {}!"]),
        # Not prose: keys, callback data, markup, docstrings, logs, errors.
        ('bot.send_message(chat, texts.text(lang, "start-welcome"))', True, []),
        ('bot.send_message(chat, f"{a}\\n\\n{b}")', True, []),
        ('InlineKeyboardButton(label, callback_data="v1:set:done")', True, []),
        ('BotCommand("help", texts.text(lang, "command-help"))', True, []),
        ('def f():\n    """Say why, in words."""', True, []),
        ('AREA = "setf"\n"""Callback area of a button."""', True, []),
        ('log.info("update %s was handled before; ignored", 3)', True, []),
        ('raise ValueError(f"callback data does not fit: {data!r}")', True, []),
        ('label = "Snooze 15 min"', False, []),
        ("await query.answer(None)", True, []),
    ],
)
def test_the_prose_checker_finds_texts_in_code(
    source: str, strict: bool, expected: list[str]
) -> None:
    assert prose_in_code(source, strict=strict) == expected


@pytest.mark.parametrize("path", _python_files(BOT), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_text_in_the_bot_bypasses_the_catalogues(path: Path) -> None:
    name = str(path.relative_to(ROOT))
    strict = name.startswith(PROSE_FREE)
    found = prose_in_code(path.read_text(encoding="utf-8"), strict=strict)
    assert [text for text in found if (name, text) not in ALLOWED] == []
