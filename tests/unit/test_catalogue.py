"""The exercise catalogue: the shipped file loads, and every broken file is refused clearly."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from coach.catalogue import CatalogueError, load_catalogue, parse_catalogue, traffic_light


def shipped() -> dict[str, Any]:
    text = resources.files("coach.data").joinpath("exercises.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_the_shipped_catalogue_loads() -> None:
    catalogue = load_catalogue()
    floor = ["hip_raise", "clamshell", "single_leg_bridge", "bridge"]
    desk = ["desk_walk", "desk_squat", "desk_hip_extension", "desk_side_leg", "desk_sit_stand"]
    assert list(catalogue.exercises) == floor + desk
    assert list(catalogue.break_exercises) == desk
    assert [e.id for e in catalogue.session("base")] == ["hip_raise", "clamshell", "bridge"]
    assert [e.id for e in catalogue.session("progressed")][-1] == "single_leg_bridge"
    assert catalogue.exercise("single_leg_bridge").regression == "bridge"
    assert catalogue.exercise("bridge").progression == "single_leg_bridge"
    assert all(catalogue.exercise(e).reps == 10 for e in floor)
    assert catalogue.exercise("desk_walk").seconds == 30
    assert [catalogue.exercise(e).reps for e in desk[1:]] == [5, 5, 5, 5]
    assert catalogue.exercise("desk_hip_extension").sides == ("left", "right")
    assert catalogue.exercise("bridge").set_sides == (None,)
    assert catalogue.exercise("clamshell").set_sides == ("left", "right")
    rules = catalogue.progression
    assert (rules.unlock_after_pain_free_sessions, rules.pain_free_max, rules.step_down_pain) == (
        3,
        3,
        6,
    )


def _edit(path: str, value: object) -> dict[str, Any]:
    """The shipped data with one value replaced (`exercises.2.regression`) or removed (...)."""
    data = copy.deepcopy(shipped())
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    key: Any = int(last) if last.isdigit() else last
    if value is ...:
        del node[key]
    else:
        node[key] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            "exercises.2.regression",
            "wall_sit",
            "exercise 'single_leg_bridge' names regression 'wall_sit', which is not in the "
            "catalogue",
        ),
        (
            "exercises.3.progression",
            "pistol_squat",
            "names progression 'pistol_squat', which is not in the catalogue",
        ),
        ("exercises.3.regression", "bridge", "exercise 'bridge' names itself as its regression"),
        ("exercises.1.id", "hip_raise", "duplicate exercise id 'hip_raise'"),
        ("exercises.0.reps", 0, "reps must be a positive integer"),
        ("exercises.0.sides", ["left", "up"], "unknown side 'up'"),
        ("exercises.0.steps", 0, "steps must be an integer >= 1"),
        ("exercises.0.colour", "red", "unexpected key(s) ['colour']"),
        ("exercises.0.id", "Hip Raise", "must be 1-32 characters"),
        ("levels.base", ["hip_raise", "lunge"], "names exercise 'lunge', which is not in"),
        ("levels.base", [], "level 'base' has no exercises"),
        ("progression.start_level", "expert", "start_level 'expert' is not a level"),
        ("progression.pain_free_max", 7, "need pain_free_max (7) < step_down_pain (6)"),
        ("traffic_light.amber_max", 2, "need green_max (3) < amber_max (2)"),
        ("break.exercises", ["plank"], "[break] names exercise 'plank'"),
        ("break.exercises", ["desk_walk", "bridge"], "'bridge' of a level: the desk break"),
        ("exercises.4.reps", 3, "give reps or seconds, not both"),
        ("exercises.4.seconds", 0, "seconds must be an integer >= 1"),
        ("levels.base", ["hip_raise", "desk_walk"], "timed exercise 'desk_walk'"),
        ("version", 0, "version must be a positive integer"),
        ("exercises", [], "exercises must be a non-empty list"),
    ],
)
def test_broken_catalogues_are_refused_with_a_clear_message(
    path: str, value: object, message: str
) -> None:
    with pytest.raises(CatalogueError) as error:
        parse_catalogue(_edit(path, value))
    assert message in str(error.value)


def test_a_broken_file_names_itself(tmp_path: Path) -> None:
    broken = tmp_path / "exercises.toml"
    broken.write_text(
        (resources.files("coach.data") / "exercises.toml")
        .read_text("utf-8")
        .replace('regression = "bridge"', 'regression = "bridgee"'),
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match=r"exercises\.toml: .*regression 'bridgee'"):
        load_catalogue(broken)
    broken.write_text("version = [", encoding="utf-8")
    with pytest.raises(CatalogueError, match="invalid TOML"):
        load_catalogue(broken)


@pytest.mark.parametrize(
    ("pain", "light"),
    [(0, "green"), (3, "green"), (4, "amber"), (5, "amber"), (6, "red"), (10, "red")],
)
def test_traffic_light(pain: int, light: str) -> None:
    assert traffic_light(pain) == light


@pytest.mark.parametrize("pain", [-1, 11])
def test_traffic_light_refuses_impossible_pain(pain: int) -> None:
    with pytest.raises(ValueError, match="pain must be 0-10"):
        traffic_light(pain)
