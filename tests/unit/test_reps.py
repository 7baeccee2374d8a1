"""Rep replies as users type them, English and German, understood, asked about or refused."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.reps import (
    MAX_REPS_PER_ENTRY,
    MAX_TEXT_CHARS,
    NeedsExercise,
    Parsed,
    Refused,
    RepEntryDraft,
    Side,
    as_typed,
    load_vocabulary,
    parse_reps,
    vocabulary_from_toml,
)

Entry = tuple[str, Side | None, int]

HR, CS, SLB, BR = "hip_raise", "clamshell", "single_leg_bridge", "bridge"


def entries(result: object) -> list[Entry]:
    assert isinstance(result, Parsed), result
    return [(e.exercise_id, e.side, e.reps) for e in result.entries]


# --- understood without context -------------------------------------------------------------

ACCEPTED: list[tuple[str, list[Entry]]] = [
    # English
    ("12 clamshells", [(CS, None, 12)]),
    ("12 Clamshells", [(CS, None, 12)]),
    ("clamshells 12", [(CS, None, 12)]),
    ("12 clams", [(CS, None, 12)]),
    ("12 clam shells", [(CS, None, 12)]),
    ("1 clamshell", [(CS, None, 1)]),
    ("💪 10 clamshells!!", [(CS, None, 10)]),
    ("did 10 hip raises", [(HR, None, 10)]),
    ("just done 10 hipraises :)", [(HR, None, 10)]),
    ("10 hip-raises", [(HR, None, 10)]),
    ("10 reps of hip raises", [(HR, None, 10)]),
    ("10x clamshells", [(CS, None, 10)]),
    ("bridges 10 each side", [(BR, None, 10)]),
    ("10 glute bridges", [(BR, None, 10)]),
    ("10 two-legged bridges", [(BR, None, 10)]),
    ("2-legged bridge 10", [(BR, None, 10)]),
    ("single leg bridges 10 each side", [(SLB, "left", 10), (SLB, "right", 10)]),
    ("10 single-leg bridges", [(SLB, None, 10)]),
    ("1-leg bridge 8 L 10 R", [(SLB, "left", 8), (SLB, "right", 10)]),
    ("did 10 hip raises each leg", [(HR, "left", 10), (HR, "right", 10)]),
    ("10 hip raises per side", [(HR, "left", 10), (HR, "right", 10)]),
    ("hip raises 10 both sides", [(HR, "left", 10), (HR, "right", 10)]),
    ("3x10 hip raises", [(HR, None, 30)]),
    ("3 x 10 hip raises", [(HR, None, 30)]),
    ("3×10 hip raises", [(HR, None, 30)]),
    ("3 sets of 10 hip raises", [(HR, None, 30)]),
    ("10 x 3 sets clamshells", [(CS, None, 30)]),
    ("3x10 clamshells each side", [(CS, "left", 30), (CS, "right", 30)]),
    ("10 left 12 right clamshells", [(CS, "left", 10), (CS, "right", 12)]),
    ("clamshells: L8 R10", [(CS, "left", 8), (CS, "right", 10)]),
    ("8L/10R hip raises", [(HR, "left", 8), (HR, "right", 10)]),
    ("hip raises left 8, right 10", [(HR, "left", 8), (HR, "right", 10)]),
    ("10/10 clamshells", [(CS, "left", 10), (CS, "right", 10)]),
    ("clamshells 10 left", [(CS, "left", 10)]),
    ("ten clamshells", [(CS, None, 10)]),
    ("a dozen bridges", [(BR, None, 12)]),
    ("10 hip raises 12 clamshells", [(HR, None, 10), (CS, None, 12)]),
    ("hip raises 10, clamshells 12", [(HR, None, 10), (CS, None, 12)]),
    ("hip raises 10 left clamshells 12", [(HR, "left", 10), (CS, None, 12)]),
    (
        "10 clamshells left, 12 clamshells right",
        [(CS, "left", 10), (CS, "right", 12)],
    ),
    (
        "10 hip raises each side and 12 bridges",
        [(HR, "left", 10), (HR, "right", 10), (BR, None, 12)],
    ),
    ("200 clamshells", [(CS, None, 200)]),
    # German
    ("10 Brücken", [(BR, None, 10)]),
    ("10 Bruecken", [(BR, None, 10)]),
    ("zehn Brücken", [(BR, None, 10)]),
    ("je Seite 10 Clamshells", [(CS, "left", 10), (CS, "right", 10)]),
    ("10 links 10 rechts Clamshells", [(CS, "left", 10), (CS, "right", 10)]),
    ("12 Muscheln", [(CS, None, 12)]),
    ("eine Muschel: 8 links", [(CS, "left", 8)]),
    ("10 Muscheln links, 12 Muscheln rechts", [(CS, "left", 10), (CS, "right", 12)]),
    ("ich habe 10 einbeinige Brücken gemacht", [(SLB, None, 10)]),
    ("Einbeinige Brücke 10 pro Seite", [(SLB, "left", 10), (SLB, "right", 10)]),
    ("Hüftheben 10 je Seite", [(HR, "left", 10), (HR, "right", 10)]),
    ("HÜFTHEBEN beidseitig 10", [(HR, "left", 10), (HR, "right", 10)]),
    ("3 Sätze à 10 Brücken", [(BR, None, 30)]),
    ("3 Saetze a 10 Bruecken", [(BR, None, 30)]),
    ("3 mal 10 Muscheln", [(CS, None, 30)]),
    ("Brücke: 15 Wiederholungen", [(BR, None, 15)]),
    ("zwölf Muscheln, geschafft!", [(CS, None, 12)]),
    ("10 Hüftheben je Bein", [(HR, "left", 10), (HR, "right", 10)]),
    ("Clamshells 8 links 10 rechts", [(CS, "left", 8), (CS, "right", 10)]),
    ("3x10 Brücken", [(BR, None, 30)]),
    ("Brücken 3 mal 12", [(BR, None, 36)]),
    ("ich hab 12 Muscheln auf jeder Seite gemacht", [(CS, "left", 12), (CS, "right", 12)]),
    ("Hüftheben: 10/10", [(HR, "left", 10), (HR, "right", 10)]),
    ("zwölf Brücken 💪", [(BR, None, 12)]),
    ("einbeinige Brücke links 8 rechts 9", [(SLB, "left", 8), (SLB, "right", 9)]),
    ("10 Hüftheben und 12 Muscheln", [(HR, None, 10), (CS, None, 12)]),
    ("Brücken 12 bitte", [(BR, None, 12)]),
    # English, more
    ("did 3 sets of 10 bridges", [(BR, None, 30)]),
    ("hip raises 10/10 💪🔥", [(HR, "left", 10), (HR, "right", 10)]),
    ("ten clamshells each leg", [(CS, "left", 10), (CS, "right", 10)]),
    ("12 clamshells 😀 yay!", [(CS, None, 12)]),
    ("Did 10 single leg bridges each side today", [(SLB, "left", 10), (SLB, "right", 10)]),
    ("bridges 12 please", [(BR, None, 12)]),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_understood(text: str, expected: list[Entry]) -> None:
    assert entries(parse_reps(text)) == expected


# --- a reply to a reminder or walkthrough step ----------------------------------------------

WITH_CONTEXT: list[tuple[str, str, Side | None, list[Entry]]] = [
    ("10", HR, None, [(HR, None, 10)]),
    ("10", HR, "left", [(HR, "left", 10)]),
    ("done 10", CS, "right", [(CS, "right", 10)]),
    ("10", CS, "both", [(CS, "left", 10), (CS, "right", 10)]),
    ("10/10", HR, None, [(HR, "left", 10), (HR, "right", 10)]),
    ("10 / 12", HR, "left", [(HR, "left", 10), (HR, "right", 12)]),
    ("8 L 10 R", SLB, None, [(SLB, "left", 8), (SLB, "right", 10)]),
    ("10 each side", CS, None, [(CS, "left", 10), (CS, "right", 10)]),
    ("10 je Seite", CS, "left", [(CS, "left", 10), (CS, "right", 10)]),
    ("8 rechts", HR, "left", [(HR, "right", 8)]),
    ("only 7", BR, None, [(BR, None, 7)]),
    ("10", BR, "left", [(BR, None, 10)]),  # the bridge has no sides
    ("10 each side", BR, None, [(BR, None, 10)]),
    ("3x10", BR, None, [(BR, None, 30)]),
    ("zehn", HR, "right", [(HR, "right", 10)]),
    # The words in the reply win over the context, and the context side stays with its exercise.
    ("12 clamshells", HR, "left", [(CS, None, 12)]),
    ("10 hip raises", HR, "left", [(HR, "left", 10)]),
]


@pytest.mark.parametrize(("text", "exercise", "side", "expected"), WITH_CONTEXT)
def test_context_from_the_message_replied_to(
    text: str, exercise: str, side: Side | None, expected: list[Entry]
) -> None:
    assert entries(parse_reps(text, context_exercise=exercise, context_side=side)) == expected


# --- refused --------------------------------------------------------------------------------

REFUSED: list[tuple[str, str | None, str]] = [
    ("0", HR, "zero"),
    ("0 clamshells", None, "zero"),
    ("10/0", HR, "zero"),
    ("3x0 bridges", None, "zero"),
    ("-5 clamshells", None, "negative"),
    ("−5", HR, "negative"),
    ("clamshells -10", None, "negative"),
    ("201 clamshells", None, "too_many"),
    ("1000", HR, "too_many"),
    ("99999999999999999999999999 bridges", None, "too_many"),
    ("10x30 hip raises", None, "too_many"),
    ("300/10", HR, "too_many"),
    ("hello", HR, "nonsense"),
    ("", HR, "nonsense"),
    ("   ", None, "nonsense"),
    ("🍑🍑🍑", HR, "nonsense"),
    ("hip raises", None, "nonsense"),
    ("done", HR, "nonsense"),
    ("gemacht!", CS, "nonsense"),
    ("10 pushups", HR, "unrecognised"),
    ("10 but my back hurts", HR, "unrecognised"),
    ("10 Kniebeugen", None, "unrecognised"),
    ("10.5", HR, "fraction"),
    ("10½ clamshells", None, "fraction"),
    ("8,10", HR, "ambiguous"),
    ("x" * (MAX_TEXT_CHARS + 1), HR, "too_long"),
    ("10 " * 200, HR, "too_long"),
    # Two exercises, one number: which one?
    ("10 hip raises clamshells", None, "ambiguous"),
    ("hip raises and clamshells 10", None, "ambiguous"),
    ("hip raises 10 clamshells", None, "ambiguous"),
    # Two numbers without sides or a slash
    ("10 12", HR, "ambiguous"),
    ("8-10 clamshells", None, "ambiguous"),
    ("12 clamshells 3x10", None, "ambiguous"),
    # Sides on the two-legged bridge, or sides mixed with "each side"
    ("10/10 bridges", None, "ambiguous"),
    ("bridge 8 L 10 R", None, "ambiguous"),
    ("10 left each side", CS, "ambiguous"),
    ("left 10 right", CS, "ambiguous"),
    ("10 left right", CS, "ambiguous"),
    ("3x10/10", HR, "ambiguous"),
    # Sets without the reps per set
    ("3 sets", HR, "ambiguous"),
    ("3 sets hip raises", None, "ambiguous"),
    # A "10 10" with no exercise fits none
    ("10 10", None, "ambiguous"),
    # German
    ("0 Brücken", None, "zero"),
    ("-3 Muscheln", None, "negative"),
    ("250 Hüftheben", None, "too_many"),
    ("1000 Muscheln", None, "too_many"),
    ("Hallo", None, "nonsense"),
    ("Hallo", HR, "nonsense"),
    ("10 Liegestütze", None, "unrecognised"),
    ("8,5 Brücken", None, "ambiguous"),
    ("10 und 12 Muscheln", None, "ambiguous"),
    ("Brücken 10/10", None, "ambiguous"),
]


@pytest.mark.parametrize(("text", "exercise", "reason"), REFUSED)
def test_refused(text: str, exercise: str | None, reason: str) -> None:
    result = parse_reps(text, context_exercise=exercise)
    assert isinstance(result, Refused), result
    assert result.reason == reason


def test_an_unknown_word_is_named() -> None:
    assert parse_reps("10 Pushups") == Refused("unrecognised", "pushups")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10 Pushups", "Pushups"),
        ("10 Liegestütze", "Liegestütze"),
        ("10 clamshells and 5 Kniebeugen", "Kniebeugen"),
    ],
)
def test_the_unknown_word_is_quoted_as_typed(text: str, expected: str) -> None:
    result = parse_reps(text)
    assert isinstance(result, Refused)
    assert as_typed(text, result.detail) == expected


# --- no exercise named, no context: ask ----------------------------------------------------

ALL = (HR, CS, SLB, BR)
SIDED = (HR, CS, SLB)

NEEDS_EXERCISE: list[tuple[str, tuple[str, ...], str, list[Entry]]] = [
    ("10", ALL, HR, [(HR, None, 10)]),
    ("10", ALL, BR, [(BR, None, 10)]),
    ("did 12 reps", ALL, CS, [(CS, None, 12)]),
    ("3x10", ALL, BR, [(BR, None, 30)]),
    ("10/10", SIDED, CS, [(CS, "left", 10), (CS, "right", 10)]),
    ("8 L 10 R", SIDED, SLB, [(SLB, "left", 8), (SLB, "right", 10)]),
    ("10 each side", ALL, HR, [(HR, "left", 10), (HR, "right", 10)]),
    ("10 each side", ALL, BR, [(BR, None, 10)]),
    ("zehn je Seite", ALL, CS, [(CS, "left", 10), (CS, "right", 10)]),
]


@pytest.mark.parametrize(("text", "choices", "choice", "expected"), NEEDS_EXERCISE)
def test_asks_for_the_exercise_and_completes(
    text: str, choices: tuple[str, ...], choice: str, expected: list[Entry]
) -> None:
    result = parse_reps(text)
    assert isinstance(result, NeedsExercise), result
    assert result.choices == choices
    assert entries(result.complete(choice)) == expected
    # What the caller stores survives a restart: the same text with the choice as context.
    assert parse_reps(result.text, context_exercise=choice) == result.complete(choice)


def test_a_choice_that_was_not_offered_is_an_error() -> None:
    result = parse_reps("10/10")
    assert isinstance(result, NeedsExercise)
    with pytest.raises(ValueError):
        result.complete(BR)


@pytest.mark.parametrize(("exercise", "side"), [("push_up", None), (HR, "middle"), ("", "left")])
def test_a_bad_context_is_a_programming_error(exercise: str, side: str | None) -> None:
    with pytest.raises(ValueError):
        parse_reps("10", context_exercise=exercise, context_side=side)  # type: ignore[arg-type]


# --- the vocabulary file --------------------------------------------------------------------


def test_shipped_vocabulary_covers_the_catalogue_ids() -> None:
    vocabulary = load_vocabulary()
    assert vocabulary.exercise_ids == (HR, CS, SLB, BR)
    assert dict(vocabulary.sided) == {HR: True, CS: True, SLB: True, BR: False}


def _shipped() -> dict[str, Any]:
    text = resources.files("coach.data").joinpath("rep_words.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["exercises"]["bridge"].pop("sided"), "sided"),
        (lambda d: d.pop("version"), "version"),
        (lambda d: d.pop("exercises"), "exercises"),
    ],
)
def test_rep_meaning_mistakes_are_caught_at_load(
    change: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = _shipped()
    change(data)
    with pytest.raises(ValueError, match=message):
        vocabulary_from_toml(data)


# --- never raises, never logs an impossible count ------------------------------------------


def _check_any(result: object) -> None:
    assert isinstance(result, Parsed | NeedsExercise | Refused)
    if isinstance(result, Parsed):
        assert result.entries
        for entry in result.entries:
            assert isinstance(entry, RepEntryDraft)
            assert 1 <= entry.reps <= MAX_REPS_PER_ENTRY
    if isinstance(result, NeedsExercise):
        assert result.choices
        for choice in result.choices:
            _check_any(result.complete(choice))


@settings(max_examples=400, deadline=None)
@given(text=st.text(), exercise=st.sampled_from([None, HR, CS, SLB, BR]))
def test_any_text_is_answered(text: str, exercise: str | None) -> None:
    _check_any(parse_reps(text, context_exercise=exercise))


_WORDS = [
    "10",
    "0",
    "200",
    "201",
    "3",
    "-4",
    "x",
    "/",
    "l",
    "r",
    "left",
    "rechts",
    "each side",
    "je Seite",
    "sets of",
    "Sätze",
    "à",
    "clamshells",
    "hip raises",
    "Brücken",
    "bridge",
    "single leg bridge",
    "ten",
    "reps",
    "did",
    "💪",
    ",",
    ".",
    "pushups",
    "mal",
]


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), max_size=12),
    exercise=st.sampled_from([None, HR, BR]),
    side=st.sampled_from([None, "left", "right", "both"]),
)
def test_any_mix_of_known_words_is_answered(
    words: list[str], exercise: str | None, side: Side | None
) -> None:
    _check_any(parse_reps(" ".join(words), context_exercise=exercise, context_side=side))


@pytest.mark.parametrize(
    "text",
    [
        "1" * 1_000_000,
        "10 clamshells " * 100_000,
        "💪" * 500_000,
        "\u0000\ud7ff\ufffd" * 1000,
        "ﷺ" * 300,  # one character that NFKC expands to 18
        "1" * 300,
        "㍲" * 300,
        "፩ clamshells",  # a digit to str.isdigit, not to int()
        "² ³ ¹⁰ ٣ ४ 10",
    ],
)
def test_huge_and_strange_inputs(text: str) -> None:
    _check_any(parse_reps(text, context_exercise=HR))
