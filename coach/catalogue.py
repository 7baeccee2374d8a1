"""The exercise catalogue: exercises, session levels and ladder rules, loaded from data.

The exercises come from the source article (PRODUCT.md §2) and live in
`coach/data/exercises.toml` with stable ids, so content changes need no code change and a
broken file fails at start with a message naming the spot. Texts are not in the data file:
each exercise names the Fluent keys of its texts, derived from its id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Final, Literal

from coach.data_files import load_toml

__all__ = [
    "PAIN_MAX",
    "SIDES",
    "Catalogue",
    "CatalogueError",
    "Exercise",
    "Light",
    "PainRules",
    "ProgressionRules",
    "Side",
    "load_catalogue",
    "parse_catalogue",
    "traffic_light",
]

Side = Literal["left", "right"]
Light = Literal["green", "amber", "red"]

SIDES: Final[tuple[Side, ...]] = ("left", "right")
PAIN_MAX: Final = 10
"""Pain is asked on the usual 0-10 scale."""

_ID_RE: Final = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
"""Ids travel in callback data and Fluent keys: short, lower case, no separators."""


class CatalogueError(ValueError):
    """The catalogue file is broken; raised at load so a bad deploy fails at start."""


@dataclass(frozen=True, slots=True)
class Exercise:
    id: str
    reps: int
    """Repetitions per side (or in total when the exercise has no sides); 0 when timed."""
    sides: tuple[Side, ...]
    steps: int
    cues: int
    mistakes: int
    picture: str
    labels: tuple[str, ...]
    """Names of the key points the picture labels; texts are picture-<picture>-<label>."""
    regression: str | None = None
    progression: str | None = None
    levels: tuple[str, ...] = ()
    """The levels whose sessions include this exercise."""
    seconds: int | None = None
    """A timed exercise (e.g. walking for 30 seconds) instead of counted repetitions."""

    @property
    def name_key(self) -> str:
        return f"exercise-{self.id}-name"

    @property
    def start_key(self) -> str:
        return f"exercise-{self.id}-start"

    @property
    def stop_key(self) -> str:
        return f"exercise-{self.id}-stop"

    def step_key(self, n: int) -> str:
        return f"exercise-{self.id}-step-{n}"

    @property
    def step_keys(self) -> tuple[str, ...]:
        return tuple(self.step_key(n) for n in range(1, self.steps + 1))

    @property
    def cue_keys(self) -> tuple[str, ...]:
        return tuple(f"exercise-{self.id}-cue-{n}" for n in range(1, self.cues + 1))

    @property
    def mistake_keys(self) -> tuple[str, ...]:
        return tuple(f"exercise-{self.id}-mistake-{n}" for n in range(1, self.mistakes + 1))

    @property
    def label_keys(self) -> dict[str, str]:
        """Picture label name → text key, for the picture renderer."""
        return {label: f"picture-{self.picture}-{label}" for label in self.labels}

    @property
    def text_keys(self) -> tuple[str, ...]:
        """Every text key this exercise needs, for the referential-integrity test."""
        return (
            self.name_key,
            self.start_key,
            *self.step_keys,
            *self.cue_keys,
            *self.mistake_keys,
            self.stop_key,
            *self.label_keys.values(),
        )

    @property
    def set_sides(self) -> tuple[Side | None, ...]:
        """The sets of one round: each side in turn, or one set without a side."""
        return self.sides if self.sides else (None,)


@dataclass(frozen=True, slots=True)
class ProgressionRules:
    start_level: str = "base"
    unlocked_level: str = "progressed"
    counted_exercise: str = "bridge"
    """The exercise whose pain-free sessions unlock the next level."""
    unlock_after_pain_free_sessions: int = 3
    pain_free_max: int = 3
    step_down_pain: int = 6


@dataclass(frozen=True, slots=True)
class PainRules:
    """Traffic light bounds: 0..green_max green, ..amber_max amber, above that red."""

    green_max: int = 3
    amber_max: int = 5

    def light(self, pain: int) -> Light:
        if not 0 <= pain <= PAIN_MAX:
            raise ValueError(f"pain must be 0-{PAIN_MAX}, got {pain}")
        if pain <= self.green_max:
            return "green"
        if pain <= self.amber_max:
            return "amber"
        return "red"


def traffic_light(pain: int, rules: PainRules | None = None) -> Light:
    """The physiotherapy traffic light: 0-3 green, 4-5 amber, 6-10 red (shipped bounds)."""
    return (rules or PainRules()).light(pain)


@dataclass(frozen=True, slots=True)
class Catalogue:
    version: int
    exercises: Mapping[str, Exercise]
    """By id, in file order."""
    levels: Mapping[str, tuple[str, ...]]
    """Level → exercise ids of a full session, in the order done."""
    progression: ProgressionRules
    pain: PainRules
    break_exercises: tuple[str, ...]
    """The desk break after long sitting, in order: standing exercises, none of a level's
    floor exercises (the break happens in the office)."""

    def exercise(self, exercise_id: str) -> Exercise:
        found = self.exercises.get(exercise_id)
        if found is None:
            raise KeyError(f"unknown exercise {exercise_id!r}")
        return found

    def session(self, level: str) -> tuple[Exercise, ...]:
        ids = self.levels.get(level)
        if ids is None:
            raise KeyError(f"unknown level {level!r}")
        return tuple(self.exercises[i] for i in ids)

    def traffic_light(self, pain: int) -> Light:
        return self.pain.light(pain)

    @property
    def text_keys(self) -> frozenset[str]:
        return frozenset(key for ex in self.exercises.values() for key in ex.text_keys)


# ---------------------------------------------------------------------------------------------
# Parsing and validation

_EXERCISE_KEYS: Final = frozenset(
    {
        "id",
        "reps",
        "sides",
        "steps",
        "cues",
        "mistakes",
        "picture",
        "labels",
        "regression",
        "progression",
        "seconds",
    }
)
_TOP_KEYS: Final = frozenset(
    {"version", "levels", "progression", "traffic_light", "break", "exercises"}
)


def _int(where: str, raw: Mapping[str, object], key: str, minimum: int) -> int:
    value = raw.get(key)
    if type(value) is not int or value < minimum:
        raise CatalogueError(f"{where}: {key} must be an integer >= {minimum}, got {value!r}")
    return value


def _name(where: str, what: str, value: object) -> str:
    if not isinstance(value, str) or not _ID_RE.match(value):
        raise CatalogueError(
            f"{where}: {what} {value!r} must be 1-32 characters of a-z, 0-9 and '_'"
        )
    return value


def _names(where: str, what: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise CatalogueError(f"{where}: {what} must be a list, got {value!r}")
    names = tuple(_name(where, what, item) for item in value)
    if len(set(names)) != len(names):
        raise CatalogueError(f"{where}: duplicate entries in {what} {list(names)}")
    return names


def _table(raw: Mapping[str, object], key: str) -> Mapping[str, object]:
    value = raw.get(key, {})
    if not isinstance(value, Mapping):
        raise CatalogueError(f"[{key}] must be a table")
    return value


def _parse_exercise(index: int, raw: object) -> Exercise:
    where = f"exercise #{index + 1}"
    if not isinstance(raw, Mapping):
        raise CatalogueError(f"{where}: expected a table, got {type(raw).__name__}")
    eid = _name(where, "id", raw.get("id"))
    where = f"exercise {eid!r}"
    unknown = sorted(set(raw) - _EXERCISE_KEYS)
    if unknown:
        raise CatalogueError(f"{where}: unexpected key(s) {unknown}")
    seconds: int | None = None
    if "seconds" in raw:
        if "reps" in raw:
            raise CatalogueError(f"{where}: give reps or seconds, not both")
        seconds = _int(where, raw, "seconds", 1)
        reps = 0
    else:
        raw_reps = raw.get("reps")
        if type(raw_reps) is not int or raw_reps <= 0:
            raise CatalogueError(f"{where}: reps must be a positive integer, got {raw_reps!r}")
        reps = raw_reps
    raw_sides = raw.get("sides")
    if not isinstance(raw_sides, list):
        raise CatalogueError(f"{where}: sides must be a list ([] or ['left', 'right'])")
    sides: list[Side] = []
    for side in raw_sides:
        if side == "left" or side == "right":
            sides.append(side)
        else:
            raise CatalogueError(f"{where}: unknown side {side!r} (expected 'left' or 'right')")
    if len(set(sides)) != len(sides):
        raise CatalogueError(f"{where}: duplicate sides {sides}")
    regression = raw.get("regression")
    progression = raw.get("progression")
    return Exercise(
        id=eid,
        reps=reps,
        sides=tuple(sides),
        steps=_int(where, raw, "steps", 1),
        cues=_int(where, raw, "cues", 0),
        mistakes=_int(where, raw, "mistakes", 0),
        picture=_name(where, "picture", raw.get("picture", eid)),
        labels=_names(where, "labels", raw.get("labels", [])),
        regression=None if regression is None else _name(where, "regression", regression),
        progression=None if progression is None else _name(where, "progression", progression),
        seconds=seconds,
    )


def _parse_progression(raw: Mapping[str, object]) -> ProgressionRules:
    where = "[progression]"
    unknown = sorted(set(raw) - set(ProgressionRules.__dataclass_fields__))
    if unknown:
        raise CatalogueError(f"{where}: unexpected key(s) {unknown}")
    defaults = ProgressionRules()
    rules = ProgressionRules(
        start_level=_name(where, "start_level", raw.get("start_level", defaults.start_level)),
        unlocked_level=_name(
            where, "unlocked_level", raw.get("unlocked_level", defaults.unlocked_level)
        ),
        counted_exercise=_name(
            where, "counted_exercise", raw.get("counted_exercise", defaults.counted_exercise)
        ),
        unlock_after_pain_free_sessions=_int(where, raw, "unlock_after_pain_free_sessions", 1),
        pain_free_max=_int(where, raw, "pain_free_max", 0),
        step_down_pain=_int(where, raw, "step_down_pain", 1),
    )
    if not rules.pain_free_max < rules.step_down_pain <= PAIN_MAX:
        raise CatalogueError(
            f"{where}: need pain_free_max ({rules.pain_free_max}) < step_down_pain "
            f"({rules.step_down_pain}) <= {PAIN_MAX}"
        )
    return rules


def _parse_pain(raw: Mapping[str, object]) -> PainRules:
    where = "[traffic_light]"
    unknown = sorted(set(raw) - {"green_max", "amber_max"})
    if unknown:
        raise CatalogueError(f"{where}: unexpected key(s) {unknown}")
    rules = PainRules(
        green_max=_int(where, raw, "green_max", 0), amber_max=_int(where, raw, "amber_max", 0)
    )
    if not rules.green_max < rules.amber_max < PAIN_MAX:
        raise CatalogueError(
            f"{where}: need green_max ({rules.green_max}) < amber_max ({rules.amber_max}) "
            f"< {PAIN_MAX}"
        )
    return rules


def _check_links(exercises: Mapping[str, Exercise]) -> None:
    for ex in exercises.values():
        for kind, target in (("regression", ex.regression), ("progression", ex.progression)):
            if target is None:
                continue
            if target == ex.id:
                raise CatalogueError(f"exercise {ex.id!r} names itself as its {kind}")
            if target not in exercises:
                raise CatalogueError(
                    f"exercise {ex.id!r} names {kind} {target!r}, which is not in the catalogue"
                )


def parse_catalogue(data: Mapping[str, object]) -> Catalogue:
    """Validate raw catalogue data; every problem is a CatalogueError naming the spot."""
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise CatalogueError(f"unexpected top-level key(s): {unknown}")
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise CatalogueError(f"version must be a positive integer, got {version!r}")

    raw_exercises = data.get("exercises")
    if not isinstance(raw_exercises, list) or not raw_exercises:
        raise CatalogueError("exercises must be a non-empty list of [[exercises]] tables")
    by_id: dict[str, Exercise] = {}
    for index, raw in enumerate(raw_exercises):
        ex = _parse_exercise(index, raw)
        if ex.id in by_id:
            raise CatalogueError(f"duplicate exercise id {ex.id!r}")
        by_id[ex.id] = ex
    _check_links(by_id)

    raw_levels = _table(data, "levels")
    if not raw_levels:
        raise CatalogueError("[levels] must name at least one level")
    levels: dict[str, tuple[str, ...]] = {}
    for level, members in raw_levels.items():
        where = f"level {level!r}"
        _name("[levels]", "level", level)
        ids = _names(where, "exercises", members)
        if not ids:
            raise CatalogueError(f"{where} has no exercises")
        for eid in ids:
            if eid not in by_id:
                raise CatalogueError(
                    f"{where} names exercise {eid!r}, which is not in the catalogue"
                )
            if by_id[eid].seconds is not None:
                raise CatalogueError(f"{where} names timed exercise {eid!r}; sessions count reps")
        levels[level] = ids

    rules = _parse_progression(_table(data, "progression"))
    for what, level in (
        ("start_level", rules.start_level),
        ("unlocked_level", rules.unlocked_level),
    ):
        if level not in levels:
            raise CatalogueError(f"[progression] {what} {level!r} is not a level")
    if rules.counted_exercise not in levels[rules.start_level]:
        raise CatalogueError(
            f"[progression] counted_exercise {rules.counted_exercise!r} is not in level "
            f"{rules.start_level!r}"
        )

    raw_break = _table(data, "break")
    break_exercises = _names("[break]", "exercises", raw_break.get("exercises", []))
    for eid in break_exercises:
        if eid not in by_id:
            raise CatalogueError(f"[break] names exercise {eid!r}, which is not in the catalogue")
        if any(eid in ids for ids in levels.values()):
            raise CatalogueError(
                f"[break] names exercise {eid!r} of a level: the desk break needs no floor"
            )

    with_levels = {
        eid: replace(ex, levels=tuple(level for level, ids in levels.items() if eid in ids))
        for eid, ex in by_id.items()
    }
    return Catalogue(
        version=version,
        exercises=MappingProxyType(with_levels),
        levels=MappingProxyType(levels),
        progression=rules,
        pain=_parse_pain(_table(data, "traffic_light")),
        break_exercises=break_exercises,
    )


def load_catalogue(path: Path | str | None = None) -> Catalogue:
    """Load and validate the catalogue; the shipped file when no path is given."""
    return load_toml("exercises.toml", path, parse_catalogue, CatalogueError, "exercise catalogue")
