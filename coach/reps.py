"""Turn a plain chat reply ("8 L 10 R", "3x10 hip raises", "je Seite 10 Muscheln") into rep entries.

Users report reps with one thumb and in their own words, so the parser is forgiving about form
(order, case, accents, emoji, filler words, any language the bot reads) and strict about
meaning: when a reply could mean two different things, or contains a word we do not know, it is
refused or a question is asked. Nothing is ever logged by guess (PRODUCT.md §4).

The words live in `coach/data/input/<lang>.toml` ([reps]) and which exercises have sides in
`coach/data/rep_words.toml`, so new words or a new language need no code change.

Semantics chosen:

- A bare number counts for the exercise named in the reply, else the context exercise (the
  reminder or walkthrough step being replied to). With neither, `NeedsExercise` is returned and
  the caller asks one question with exercise buttons.
- The context side applies only to a bare number for the context exercise itself. A context side
  of "both" means the prompt asked for reps on each side: a bare number is then logged for left
  and right.
- "10/10" is left then right. "8 L 10 R", "L8 R10", "links 10 rechts 12" pair each number with
  the side word next to it.
- "each side" / "je Seite" on a sided exercise logs the number for left and for right; on the
  two-legged bridge (which has no sides) the number is logged as is.
- Sets are multiplied into one entry: "3x10 hip raises" is one entry of 30 with no side, so
  totals per day add up the same whichever way sets are reported.
- `parse_reps` never emits side "both": reps on both sides are two entries, so per-side totals
  stay exact. The value exists for entries made elsewhere (e.g. a Done button).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from typing import Final, Literal

from coach import vocabulary

Side = Literal["left", "right", "both"]
RefusalReason = Literal[
    "zero",
    "negative",
    "too_many",
    "fraction",
    "nonsense",
    "unrecognised",
    "too_long",
    "ambiguous",
]

MAX_TEXT_CHARS = 300
"""Longer replies are not rep reports; refusing them also bounds the work per message."""

MAX_REPS_PER_ENTRY = 200
"""More than this in one entry is a typo, not a workout."""


@dataclass(frozen=True, slots=True)
class RepEntryDraft:
    """One entry ready to be stored: `reps` done of `exercise_id`, on `side` when stated."""

    exercise_id: str
    side: Side | None
    reps: int


@dataclass(frozen=True, slots=True)
class Parsed:
    """The reply was understood; log these entries."""

    entries: tuple[RepEntryDraft, ...]


@dataclass(frozen=True, slots=True)
class Refused:
    """The reply cannot be logged; `reason` picks the explanation shown to the user.

    `detail` is the first unknown word for `unrecognised`, else empty.
    """

    reason: RefusalReason
    detail: str = ""


@dataclass(frozen=True, slots=True)
class NeedsExercise:
    """Numbers understood, exercise not named and no context: ask which exercise.

    `text` is the reply as received (at most `MAX_TEXT_CHARS`), so the question can survive a
    restart: store `text`, and on the answer call `complete` or `parse_reps(text,
    context_exercise=choice)`. `choices` are the exercises the numbers fit (a "10/10" does not
    fit the two-legged bridge); offer only those as buttons. `language` is the one it was read
    in first.
    """

    text: str
    choices: tuple[str, ...]
    language: str | None = None

    def complete(self, exercise_id: str) -> Parsed:
        """The entries for the exercise the user picked; ValueError for a choice not offered."""
        if exercise_id not in self.choices:
            raise ValueError(f"{exercise_id!r} is not one of the offered choices")
        result = parse_reps(self.text, context_exercise=exercise_id, language=self.language)
        if not isinstance(result, Parsed):  # pragma: no cover - choices were computed this way
            raise ValueError(f"{exercise_id!r} does not fit {self.text!r}")
        return result


ParseResult = Parsed | NeedsExercise | Refused


# --- vocabulary -----------------------------------------------------------------------------


class _Kind(Enum):
    NUM = "number"
    EXERCISE = "exercise"
    SIDE = "side"
    EACH = "each"
    SETS = "sets"
    TIMES = "times"
    REPS = "reps"
    FILLER = "filler"
    SLASH = "slash"
    UNKNOWN = "unknown"


_WORDS: Final = vocabulary.Lexicon(
    {
        "exercise": "reps.exercises",
        "left": "reps.left",
        "right": "reps.right",
        "each": "reps.each_side",
        "sets": "reps.sets",
        "times": "words.times",
        "reps": "reps.units",
        "filler": "reps.filler",
        vocabulary.NUMBER: "numbers.counts",
    },
    marks="/×*",
)
"""The rep words of every language (coach/data/input/<lang>.toml, [reps]). "one"/"ein" are
not counts here: they are articles far more often."""


@dataclass(frozen=True, slots=True)
class RepVocabulary:
    """What the words of `rep_words.toml` mean whatever the language: which exercises have sides."""

    version: int
    sided: Mapping[str, bool]

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        return tuple(self.sided)


def vocabulary_from_toml(data: Mapping[str, object]) -> RepVocabulary:
    """Validate a parsed `rep_words.toml`; ValueError on any inconsistency."""
    version = data.get("version")
    exercises = data.get("exercises")
    if not isinstance(version, int):
        raise ValueError("rep_words: version must be an integer")
    if not isinstance(exercises, dict) or not exercises:
        raise ValueError("rep_words: [exercises] is missing")
    sided: dict[str, bool] = {}
    for exercise_id, table in exercises.items():
        if not isinstance(table, dict) or not isinstance(table.get("sided"), bool):
            raise ValueError(f"rep_words: exercise {exercise_id} needs `sided = true|false`")
        sided[exercise_id] = table["sided"]
    return RepVocabulary(version=version, sided=sided)


@cache
def load_vocabulary() -> RepVocabulary:
    """The shipped meanings, read once on first use (never at import)."""
    text = resources.files("coach.data").joinpath("rep_words.toml").read_text(encoding="utf-8")
    return vocabulary_from_toml(tomllib.loads(text))


@vocabulary.add_check
def _every_language_names_every_exercise(found: Mapping[str, vocabulary.Vocabulary]) -> None:
    wanted = set(load_vocabulary().sided)
    for language in found.values():
        named = set(language.data["reps"]["exercises"])
        if named != wanted:
            raise vocabulary.VocabularyError(
                f"{language.source or language.code}: [reps.exercises] names {sorted(named)},"
                f" rep_words.toml {sorted(wanted)}"
            )


# --- tokens ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    kind: _Kind
    value: str = ""
    number: int = 0


_NEGATIVE = re.compile(r"(?<![\w/])[-−‐‑–](?=[0-9])")
_FRACTION = re.compile(r"[0-9]\.[0-9]|⁄")
_DIGIT_COMMA = re.compile(r"[0-9],[0-9]")
_SIDE_KINDS: Final = {"left": "left", "right": "right"}


def _token(word: vocabulary.Word) -> _Token:
    """A word of the reply as the rep grammar sees it."""
    if word.kind == vocabulary.NUMBER:
        number = int(word.value)
        return _Token(_Kind.NUM, number=min(number, MAX_REPS_PER_ENTRY + 1))
    if word.kind in _SIDE_KINDS:
        return _Token(_Kind.SIDE, word.kind)
    if word.kind == vocabulary.MARK:
        return _Token(_Kind.SLASH) if word.value == "/" else _Token(_Kind.TIMES)
    if word.kind == vocabulary.UNKNOWN:
        return _Token(_Kind.UNKNOWN, word.text)
    return _Token(_Kind(word.kind), str(word.value))


class _Ambiguous(Exception):
    """Internal: the reply can be read in more than one way (or in none)."""


class _TooMany(Exception):
    """Internal: a product of sets and reps is above the limit."""


def _fold_sets(tokens: list[_Token]) -> list[_Token]:
    """Multiply "3x10", "3 sets of 10", "3 Sätze je 10"; drop units and stray "x"."""
    out: list[_Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind is _Kind.NUM:
            j = i + 1
            operators: list[_Kind] = []
            while j < len(tokens) and tokens[j].kind in (_Kind.TIMES, _Kind.SETS, _Kind.EACH):
                operators.append(tokens[j].kind)
                j += 1
            multiplies = _Kind.TIMES in operators or _Kind.SETS in operators
            if multiplies and j < len(tokens) and tokens[j].kind is _Kind.NUM:
                product = token.number * tokens[j].number
                if product > MAX_REPS_PER_ENTRY:
                    raise _TooMany
                out.append(_Token(_Kind.NUM, "product", product))
                i = j + 1
                if i < len(tokens) and tokens[i].kind is _Kind.SETS:
                    i += 1  # "10 x 3 sets"
                continue
            if _Kind.SETS in operators:
                raise _Ambiguous  # "3 sets" without the reps per set
        if token.kind is _Kind.SETS:
            raise _Ambiguous
        if token.kind is not _Kind.TIMES:
            out.append(token)
        i += 1
    return out


def _segments(tokens: list[_Token]) -> list[tuple[str | None, list[_Token]]]:
    """Split the reply into (exercise, its numbers and side words).

    With several exercises, numbers must consistently come all before ("10 hip raises 12
    clamshells") or all after ("hip raises 10, clamshells 12") their exercise; every exercise
    needs a number of its own ("hip raises and clamshells 10" is refused).
    """
    positions = [i for i, t in enumerate(tokens) if t.kind is _Kind.EXERCISE]
    if not positions:
        return [(None, tokens)]
    if len(positions) == 1:
        p = positions[0]
        return [(tokens[p].value, tokens[:p] + tokens[p + 1 :])]
    bounds = [-1, *positions, len(tokens)]
    chunks = [tokens[bounds[k] + 1 : bounds[k + 1]] for k in range(len(bounds) - 1)]
    names = [tokens[p].value for p in positions]

    def has_number(chunk: list[_Token]) -> bool:
        return any(t.kind is _Kind.NUM for t in chunk)

    if not chunks[0]:
        # Numbers after their exercise: everything up to the next exercise belongs to it.
        if all(has_number(c) for c in chunks[1:]):
            return list(zip(names, chunks[1:], strict=True))
        raise _Ambiguous
    # Numbers before their exercise; side words right after a name still belong to it
    # ("10 clamshells left, 12 clamshells right").
    if has_number(chunks[-1]) or not all(has_number(c) for c in chunks[:-1]):
        raise _Ambiguous
    segments: list[list[_Token]] = [list(chunks[0])]
    for chunk in chunks[1:-1]:
        first_number = next(i for i, t in enumerate(chunk) if t.kind is _Kind.NUM)
        segments[-1].extend(chunk[:first_number])
        segments.append(list(chunk[first_number:]))
    segments[-1].extend(chunks[-1])
    return list(zip(names, segments, strict=True))


def _read_segment(
    tokens: list[_Token], sided: bool, default_side: Side | None
) -> list[tuple[Side | None, int]]:
    """The (side, reps) pairs one exercise's words describe; _Ambiguous when unclear."""
    kinds = [t.kind for t in tokens]
    numbers = [t.number for t in tokens if t.kind is _Kind.NUM]
    if not numbers:
        raise _Ambiguous
    if _Kind.SIDE in kinds:
        if not sided or _Kind.EACH in kinds:
            raise _Ambiguous
        rest = [t for t in tokens if t.kind is not _Kind.SLASH]
        if len(rest) % 2:
            raise _Ambiguous
        pairs: list[tuple[Side | None, int]] = []
        number_first = rest[0].kind is _Kind.NUM
        for k in range(0, len(rest), 2):
            num, side = (rest[k], rest[k + 1]) if number_first else (rest[k + 1], rest[k])
            if num.kind is not _Kind.NUM or side.kind is not _Kind.SIDE:
                raise _Ambiguous
            pairs.append((_side(side.value), num.number))
        return pairs
    if kinds == [_Kind.NUM, _Kind.SLASH, _Kind.NUM]:
        if not sided or any(t.value == "product" for t in tokens):
            raise _Ambiguous
        return [("left", numbers[0]), ("right", numbers[1])]
    if _Kind.SLASH in kinds or len(numbers) != 1:
        raise _Ambiguous
    if _Kind.EACH in kinds:
        if not sided:
            return [(None, numbers[0])]
        return [("left", numbers[0]), ("right", numbers[0])]
    if default_side == "both":
        return [("left", numbers[0]), ("right", numbers[0])]
    return [(default_side, numbers[0])]


def _side(value: str) -> Side:
    return "left" if value == "left" else "right"


def _entries(
    tokens: list[_Token],
    meanings: RepVocabulary,
    context_exercise: str | None,
    context_side: Side | None,
) -> tuple[RepEntryDraft, ...] | None:
    """Entries for the reply, or None when it names no exercise and there is no context."""
    drafts: list[RepEntryDraft] = []
    for named, segment in _segments(tokens):
        exercise_id = named or context_exercise
        if exercise_id is None:
            return None
        sided = meanings.sided[exercise_id]
        default_side = context_side if sided and exercise_id == context_exercise else None
        for side, reps in _read_segment(segment, sided, default_side):
            drafts.append(RepEntryDraft(exercise_id, side, reps))
    return tuple(drafts)


# --- public entry point ---------------------------------------------------------------------


def as_typed(text: str, word: str, language: str | None = None) -> str:
    """The spelling the user typed for a folded `word` (e.g. from `Refused.detail`).

    "10 Liegestütze" is refused with the detail "liegestuetze"; the explanation should quote
    "Liegestütze". Falls back to `word` when it cannot be found.
    """
    candidates = re.findall(r"[^\W\d_]+", unicodedata.normalize("NFKC", text[:MAX_TEXT_CHARS]))
    for folding in _WORDS.foldings(language):
        for candidate in candidates:
            if _WORDS.keys(candidate, folding) == word:
                return str(candidate)
    return word


def parse_reps(
    text: str,
    *,
    context_exercise: str | None = None,
    context_side: Side | None = None,
    language: str | None = None,
) -> ParseResult:
    """Read a rep report. Never raises for any `text`; ValueError only for a bad context.

    `context_exercise` / `context_side` come from the message being replied to (a reminder or
    a walkthrough step); the words in the reply always win over them. Every language's words
    are read, `language`'s first (see coach.vocabulary).
    """
    meanings = load_vocabulary()
    if context_exercise is not None and context_exercise not in meanings.sided:
        raise ValueError(f"unknown exercise id {context_exercise!r}")
    if context_side is not None and context_side not in ("left", "right", "both"):
        raise ValueError(f"unknown side {context_side!r}")

    stripped = text.strip()
    if len(stripped) > MAX_TEXT_CHARS:
        return Refused("too_long")
    first: ParseResult | None = None
    for words in _WORDS.readings(stripped, language):
        tokens = [_token(word) for word in words]
        result = _read(stripped, tokens, meanings, context_exercise, context_side, language)
        if not isinstance(result, Refused):
            return result
        first = first or result
    assert first is not None  # there is always the user's own folding
    return first


def _read(
    stripped: str,
    tokens: list[_Token],
    meanings: RepVocabulary,
    context_exercise: str | None,
    context_side: Side | None,
    language: str | None,
) -> ParseResult:
    """One reading of the reply (one folding of its letters)."""
    has_number = any(t.kind is _Kind.NUM for t in tokens)
    if not has_number:
        return Refused("nonsense")
    unknown = next((t.value for t in tokens if t.kind is _Kind.UNKNOWN), None)
    if unknown is not None:
        return Refused("unrecognised", unknown)
    normalised = unicodedata.normalize("NFKC", stripped)
    if _NEGATIVE.search(normalised):
        return Refused("negative")
    if _FRACTION.search(normalised):
        return Refused("fraction")
    if _DIGIT_COMMA.search(normalised):
        return Refused("ambiguous")  # "8,10": a decimal comma or two counts?
    numbers = [t.number for t in tokens if t.kind is _Kind.NUM]
    if any(n == 0 for n in numbers):
        return Refused("zero")
    if any(n > MAX_REPS_PER_ENTRY for n in numbers):
        return Refused("too_many")

    meaningful = [t for t in tokens if t.kind not in (_Kind.FILLER, _Kind.REPS)]
    try:
        folded = _fold_sets(meaningful)
        entries = _entries(folded, meanings, context_exercise, context_side)
        if entries is not None:
            return Parsed(entries)
    except _TooMany:
        return Refused("too_many")
    except _Ambiguous:
        return Refused("ambiguous")

    choices: list[str] = []
    for exercise_id in meanings.exercise_ids:
        try:
            if _entries(folded, meanings, exercise_id, None):
                choices.append(exercise_id)
        except _Ambiguous:
            continue
    if not choices:
        return Refused("ambiguous")
    return NeedsExercise(stripped, tuple(choices), language)
