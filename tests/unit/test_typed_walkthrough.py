"""Typed words and reps during a walkthrough: which text ends it, which counts as a set."""

from __future__ import annotations

import pytest

from coach.catalogue import load_catalogue
from coach.typed_walkthrough import OUT_OF_RANGE, is_stop_word, typed_sets

CAT = load_catalogue()


@pytest.mark.parametrize(
    ("text", "stops"),
    [
        ("stop", True),
        ("Stop!", True),
        ("STOPP", True),
        ("stopp 🛑", True),
        ("cancel", True),
        ("/cancel", True),
        ("/cancel@StrongBackBot", True),
        ("Abbrechen.", True),
        ("  abbrechen  ", True),
        ("beenden", True),
        ("aufhören", True),
        ("stop it", False),
        ("don't stop", False),
        ("cancelled", False),
        ("10", False),
        ("next", False),
        ("", False),
        ("stop " * 20, False),
    ],
)
def test_stop_words(text: str, stops: bool) -> None:
    assert is_stop_word(text) is stops


@pytest.mark.parametrize(
    ("text", "exercise", "set_index", "expected"),
    [
        ("8", "clamshell", 0, (8,)),
        (" 12 ", "clamshell", 1, (12,)),
        ("10/10", "clamshell", 0, (10, 10)),
        ("10/12", "clamshell", 0, (10, 12)),
        ("10/10 clamshells", "clamshell", 0, (10, 10)),
        ("10/12", "clamshell", 1, (12,)),  # left is done: the right-hand number counts
        ("8 L", "clamshell", 0, (8,)),
        ("10 R", "clamshell", 1, (10,)),
        ("10 R", "clamshell", 0, None),  # the left side is asked for
        ("10 hip raises", "clamshell", 0, None),  # another exercise
        ("12", "bridge", 0, (12,)),
        ("10/10", "bridge", 0, None),  # the bridge has no sides
        ("0", "clamshell", 0, OUT_OF_RANGE),
        ("-3", "clamshell", 0, OUT_OF_RANGE),
        ("201", "clamshell", 0, OUT_OF_RANGE),
        ("500/10", "clamshell", 0, OUT_OF_RANGE),
        ("lots", "clamshell", 0, None),
        ("🙂", "clamshell", 0, None),
        ("x" * 5000, "clamshell", 0, None),
    ],
)
def test_typed_sets(
    text: str, exercise: str, set_index: int, expected: tuple[int, ...] | str | None
) -> None:
    assert typed_sets(text, CAT.exercise(exercise), set_index, 200) == expected
