"""Exercise animations: short, looping, small, and their first frame is the start position."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageOps, ImageSequence, ImageStat

from bot import figure, pictures
from bot.render import workout as workout_render
from bot.texts import load_catalogue as load_texts
from coach import walkthrough as w
from coach.catalogue import load_catalogue
from coach.services import workout

CATALOGUE = load_catalogue()
TEXTS = load_texts()
EXERCISES = sorted(CATALOGUE.exercises)
MAX_SECONDS = 3.0
MAX_BYTES = 1024 * 1024


def _texts(exercise_id: str, language: str = "en") -> tuple[str, dict[str, str]]:
    exercise = CATALOGUE.exercise(exercise_id)
    labels = {name: TEXTS.text(language, key) for name, key in exercise.label_keys.items()}
    return TEXTS.text(language, exercise.name_key), labels


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Mean difference per channel, 0-255."""
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_each_exercise_is_a_short_small_looping_gif_starting_at_the_start_pose(
    exercise_id: str,
) -> None:
    exercise = CATALOGUE.exercise(exercise_id)
    side = exercise.sides[0] if exercise.sides else None
    title, labels = _texts(exercise_id)
    drawn = pictures.animation(exercise.picture, side, title, labels)
    data = pictures.gif_bytes(drawn)
    assert data.startswith(b"GIF89a") and len(data) < MAX_BYTES

    gif = Image.open(io.BytesIO(data))
    assert gif.info["loop"] == 0  # for ever
    frames = [
        (frame.convert("RGB"), frame.info["duration"]) for frame in ImageSequence.Iterator(gif)
    ]
    assert 12 <= len(frames) <= 60
    assert sum(duration for _frame, duration in frames) <= MAX_SECONDS * 1000
    assert frames[0][1] >= 300, "the start position is held, so it reads as a still"

    # The first frame is the start pose (with its labels); the middle one is the end pose.
    movement = pictures.movements()[exercise.picture]
    start = movement.frame(0.0)
    moving = movement.frames(pictures.FRAMES)
    scene = figure.scene_for(movement, pictures.drawn_side(exercise.picture, side), moving)
    arrow = figure.arrow_path(scene, moving)
    near = figure.near_side(scene, moving)
    texts = figure.Texts(title, labels)
    still = figure.draw(scene, start, texts, arrow, near)
    ending = figure.draw(scene, moving[-1], texts, arrow, near)
    assert _difference(frames[0][0], still) < 0.5
    assert _difference(frames[0][0], ending) > 2.0, "the movement shows"
    assert _difference(frames[len(frames) // 2][0], ending) < 0.5
    assert _difference(frames[-1][0], frames[1][0]) < 0.5, "the way back ends where it began"


@pytest.mark.parametrize("exercise_id", [e for e in EXERCISES if CATALOGUE.exercise(e).sides])
def test_the_left_side_is_the_right_side_mirrored(exercise_id: str) -> None:
    exercise = CATALOGUE.exercise(exercise_id)
    movement = pictures.movements()[exercise.picture]
    frames = movement.frames(5)
    untitled = figure.Texts("", {})
    drawn = {}
    for side in ("left", "right"):
        scene = figure.scene_for(movement, side, frames)
        near = figure.near_side(scene, frames)
        arrow = figure.arrow_path(scene, frames)
        drawn[side] = [figure.draw(scene, frame, untitled, arrow, near) for frame in frames]
    for left, right in zip(drawn["left"], drawn["right"], strict=True):
        assert _difference(left, ImageOps.mirror(right)) < 1.0
        assert _difference(left, right) > 1.0  # a picture that is its own mirror proves nothing


def test_the_key_names_the_movement_side_language_and_texts() -> None:
    title, labels = _texts("clamshell")
    key = pictures.picture_key("clamshell", "left", "en", title, labels)
    assert key.startswith("clamshell-l-en-") and len(key) <= 64
    others = {
        pictures.picture_key("clamshell", "right", "en", title, labels),
        pictures.picture_key("clamshell", "left", "de", title, labels),
        pictures.picture_key("clamshell", "left", "en", title, {}),
        pictures.picture_key("clamshell", "left", "en", "Clams", labels),
    }
    assert key not in others and len(others) == 4
    # No sides: one drawing, whatever side a caller names.
    bridge = _texts("bridge")
    assert pictures.picture_key("bridge", None, "en", *bridge) == pictures.picture_key(
        "bridge", "left", "en", *bridge
    )


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


async def test_an_animation_is_drawn_once_and_cached(tmp_path: Path) -> None:
    title, labels = _texts("bridge")
    key = pictures.picture_key("bridge", None, "en", title, labels)
    path = await pictures.animation_file(key, "bridge", None, title, labels, tmp_path)
    assert path.name == f"{key}.gif" and path.read_bytes().startswith(b"GIF89a")
    path.write_bytes(b"cached")  # a second call must not draw again
    again = await pictures.animation_file(key, "bridge", None, title, labels, tmp_path)
    assert again == path and again.read_bytes() == b"cached"
    assert _names(tmp_path) == [path.name]  # no partial file left


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_other_side_of_an_exercise_brings_its_own_animation(language: str) -> None:
    """Done with the left side: the right side's reps come with the mirrored animation."""
    exercise = CATALOGUE.exercise("clamshell")
    views: list[workout.View] = [
        workout.Show(w.ShowIntro("clamshell", 2, 3), "s1", 0, w.Kind.WORKOUT),
        workout.Show(w.AskReps("clamshell", "left", exercise.reps), "s1", 4, w.Kind.WORKOUT),
        workout.Show(w.AskReps("clamshell", "right", exercise.reps), "s1", 5, w.Kind.WORKOUT),
    ]
    intro, left, right = workout_render.render(views, TEXTS, language, CATALOGUE)
    assert isinstance(intro, workout_render.Picture) and intro.side == "left"
    assert not isinstance(left, workout_render.Picture)  # a caption under the same animation
    assert isinstance(right, workout_render.Picture) and right.side == "right"
    assert right.title == intro.title and right.labels == intro.labels
