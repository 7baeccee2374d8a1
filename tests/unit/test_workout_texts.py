"""Every text the walkthroughs can show exists in English and German; pictures draw."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import pictures
from bot.texts import LOCALES, message_ids
from bot.texts import load_catalogue as load_texts
from coach.catalogue import load_catalogue
from coach.hold import HoldReason
from coach.progression import LadderReason
from coach.screening import AccessReason

ROOT = Path(__file__).resolve().parents[2]


def used_keys() -> set[str]:
    """Fixed keys named in the walkthrough code, and the keys built from data and enums."""
    keys: set[str] = set(load_catalogue().text_keys)
    source = (ROOT / "bot/render/workout.py").read_text(encoding="utf-8")
    keys |= set(re.findall(r'"((?:workout|ladder)-[a-z0-9-]+)"', source))
    keys |= {f"workout-refused-{reason.value}" for reason in AccessReason}
    keys |= {f"ladder-{reason.value}" for reason in LadderReason}
    keys |= {f"workout-light-{light}" for light in ("green", "amber", "red")}
    keys |= {f"workout-stop-{reason}" for reason in ("pain", "new_symptom")}
    keys |= {f"workout-reps-{side}" for side in ("left", "right", "both")}
    keys |= {f"workout-summary-set-{side}" for side in ("left", "right", "both")}
    keys |= {f"workout-hint-{kind}" for kind in ("reps", "pain", "steps", "buttons", "unsupported")}
    keys |= {"command-workout", "command-exercise"}
    keys.discard("workout-refused-allowed")
    keys.discard("workout-refused-held")  # a hold says its own reason (bot/render/safety.py)
    keys |= {f"safety-held-{reason.value}" for reason in HoldReason}
    return keys


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_walkthrough_text_exists(language: str) -> None:
    defined: set[str] = set()
    for path in (LOCALES / language).glob("*.ftl"):
        defined |= message_ids(path.read_text(encoding="utf-8"))
    missing = sorted(used_keys() - defined)
    assert not missing, f"{language} lacks {missing}"


@pytest.mark.parametrize("language", ["en", "de"])
def test_texts_format_with_their_arguments(language: str) -> None:
    texts = load_texts()
    assert "10" in texts.text(language, "workout-reps-left", reps=10)
    assert "/screen" in texts.text(language, "workout-stop-pain")
    assert "2" in texts.text(language, "ladder-need_n_more_pain_free", remaining=2)


def test_every_picture_has_a_pose_and_anchors_for_its_labels() -> None:
    for exercise in load_catalogue().exercises.values():
        pose = pictures.POSES[exercise.picture]
        assert set(exercise.labels) <= set(pose.anchors), exercise.id


async def test_a_picture_is_drawn_once_and_cached(tmp_path: Path) -> None:
    labels = {"straight_line": "Straight line", "feet_flat": "Both feet on the floor"}
    key = pictures.picture_key("bridge", "en", "Two-legged bridge", labels)
    assert key != pictures.picture_key("bridge", "de", "Two-legged bridge", labels)
    assert key != pictures.picture_key("bridge", "en", "Two-legged bridge", {})
    path = await pictures.picture_file(key, "bridge", "Two-legged bridge", labels, tmp_path)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 5000
    path.write_bytes(b"cached")  # a second call must not draw again
    again = await pictures.picture_file(key, "bridge", "Two-legged bridge", labels, tmp_path)
    assert again == path and again.read_bytes() == b"cached"
