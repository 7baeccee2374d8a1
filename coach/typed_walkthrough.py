"""What people type during a walkthrough instead of tapping: a word to stop, or their reps.

People at a desk type "stop", "Stopp!", "/cancel" or "10/10 clamshells" rather than look for
the right button. Both are read here, purely, so the service only decides what to do with them.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from coach import vocabulary
from coach.catalogue import Exercise
from coach.reps import Parsed, Refused, parse_reps

__all__ = ["OUT_OF_RANGE", "is_stop_word", "typed_sets", "typed_word"]

_WORDS: Final = vocabulary.Lexicon(
    {
        "stop": "walkthrough.stop",
        "next": "walkthrough.next",
        "done": "walkthrough.done",
        "hurts": "walkthrough.hurts",
    }
)
"""Whole-message words (coach/data/input/<lang>.toml, [walkthrough]): "stop" ends the
walkthrough for today, the others stand for its buttons."""

_REFUSED_AS_RANGE: Final = frozenset({"zero", "negative", "too_many", "fraction"})

OUT_OF_RANGE: Final = "out_of_range"
"""A number that cannot be a set (0, 500, -3, 2.5): the hint shows what fits."""


def typed_word(text: str, language: str | None = None) -> str | None:
    """ "next", "done", "hurts" or "stop" for a message that is just that word, in any
    language ("weiter", "ça fait mal"); None for anything else."""
    if len(text) > 40:
        return None
    meaning = _WORDS.whole(text, language)
    return None if meaning is None else meaning[0]


def is_stop_word(text: str, language: str | None = None) -> bool:
    """True for a message that is just a stop word ("Stop!", "/cancel", "abbrechen 🛑")."""
    if typed_word(text, language) == "stop":
        return True
    # "/cancel@StrongBackBot": the bot's name after a command does not change it.
    first = text.strip().split("@", 1)[0]
    return first.startswith("/") and typed_word(first, language) == "stop"


def typed_sets(
    text: str, exercise: Exercise, set_index: int, max_reps: int, language: str | None = None
) -> tuple[int, ...] | Literal["out_of_range"] | None:
    """Typed reps for the current set and the sets after it, in order.

    "8" is the current set; "10/10" or "10/10 clamshells" on the left side is left and right.
    On the right side (left already done) the right-hand number counts. Returns OUT_OF_RANGE
    for an impossible number, None for text that is not reps for this exercise.
    """
    plain = re.fullmatch(r"\s*([+-]?\d{1,9})\s*", text)
    if plain is not None:
        reps = int(plain.group(1))
        return (reps,) if 1 <= reps <= max_reps else OUT_OF_RANGE
    sides = exercise.set_sides[set_index:]
    if not sides:
        return None
    side = sides[0]
    try:
        result = parse_reps(
            text, context_exercise=exercise.id, context_side=side, language=language
        )
    except ValueError:  # an exercise the rep vocabulary does not know
        return None
    if isinstance(result, Refused):
        return OUT_OF_RANGE if result.reason in _REFUSED_AS_RANGE else None
    if not isinstance(result, Parsed) or not result.entries:
        return None
    if any(entry.exercise_id != exercise.id for entry in result.entries):
        return None
    by_side: dict[str | None, int] = {}
    for entry in result.entries:
        if entry.side in by_side:
            return None  # "8 left 9 left": not one count per side
        by_side[entry.side] = entry.reps
    if side not in by_side:
        return None
    sets: list[int] = []
    for wanted in sides:
        if wanted not in by_side:
            break
        sets.append(by_side.pop(wanted))
    # Numbers left over are for sides already done ("10/10" on the right side): fine.
    done = set(exercise.set_sides[:set_index])
    if any(leftover not in done for leftover in by_side):
        return None
    if any(not 1 <= reps <= max_reps for reps in sets):
        return OUT_OF_RANGE
    return tuple(sets)
