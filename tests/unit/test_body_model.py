"""The body model and the exercise movements: every frame is a body a person could have."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pytest

from coach import body_model as bm
from coach.catalogue import load_catalogue
from coach.poses import Movement, PoseError, load_movements, parse_movements, still_drift

MOVEMENTS = load_movements()
NAMES = sorted(MOVEMENTS)
FRAMES = 21
FLOOR_TOLERANCE = 0.01
"""A body surface may sink this far into the floor (metres): a cushion, a soft mat."""
STILL_TOLERANCE = 0.025
"""A hand on the desk or a foot on the floor may slide this far at most (metres)."""


def frames(name: str) -> list[Mapping[str, bm.Vec]]:
    return [frame.points for frame in MOVEMENTS[name].frames(FRAMES)]


@pytest.mark.parametrize("name", NAMES)
def test_segment_lengths_are_the_same_in_every_frame(name: str) -> None:
    for number, points in enumerate(frames(name)):
        for (a, b), length in bm.LENGTHS.items():
            assert bm.distance(points[a], points[b]) == pytest.approx(length, abs=1e-9), (
                f"{name} frame {number}: {a}-{b}"
            )


@pytest.mark.parametrize("name", NAMES)
def test_the_head_stays_on_its_neck(name: str) -> None:
    on_neck = bm.NECK + bm.HEAD_RADIUS
    for points in frames(name):
        assert bm.distance(points["neck"], points["head"]) == pytest.approx(on_neck, abs=1e-9)
        assert bm.distance(points["pelvis"], points["neck"]) == pytest.approx(bm.TRUNK, abs=1e-9)


@pytest.mark.parametrize("name", NAMES)
def test_every_joint_angle_stays_in_its_anatomical_range(name: str) -> None:
    for number, frame in enumerate(MOVEMENTS[name].frames(FRAMES)):
        for joint, (low, high) in bm.JOINT_RANGES.items():
            angle = frame.angles[joint]
            assert low <= angle <= high, f"{name} frame {number}: {joint} = {angle:.1f}"


@pytest.mark.parametrize("name", NAMES)
def test_start_and_end_differ_in_the_declared_joints_and_only_those(name: str) -> None:
    movement = MOVEMENTS[name]
    all_frames = movement.frames(FRAMES)
    first, last = all_frames[0].angles, all_frames[-1].angles
    moved = {joint for joint in bm.ANGLE_NAMES if abs(first[joint] - last[joint]) > 1.0}
    assert moved == movement.moves
    for frame in all_frames:
        for joint in set(bm.ANGLE_NAMES) - movement.moves:
            assert frame.angles[joint] == first[joint], f"{name}: {joint} moves undeclared"


@pytest.mark.parametrize("name", NAMES)
def test_the_first_frame_is_the_start_pose_resting_on_the_floor(name: str) -> None:
    movement = MOVEMENTS[name]
    first = movement.frame(0.0)
    assert dict(first.angles) == dict(movement.start)
    assert bm.lowest_surface(first.points) == pytest.approx(0.0, abs=1e-9)
    for points in frames(name):
        assert bm.lowest_surface(points) >= -FLOOR_TOLERANCE, name


@pytest.mark.parametrize("name", NAMES)
def test_what_touches_the_floor_or_the_desk_stays_put(name: str) -> None:
    movement = MOVEMENTS[name]
    drift = still_drift(movement, movement.frames(FRAMES))
    assert {point: d for point, d in drift.items() if d > STILL_TOLERANCE} == {}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("when", ["start", "end"])
def test_the_other_side_is_the_mirror_image(name: str, when: str) -> None:
    """The same movement with the other side is the body reflected in a mirror (x → -x):
    each point is its twin's reflection, so one drawing serves both sides."""
    pose = dict(getattr(MOVEMENTS[name], when))
    points = bm.forward_kinematics(pose)
    mirrored = bm.forward_kinematics(bm.mirror_pose(pose))
    for point, (x, y, z) in points.items():
        twin = mirrored[bm.swap_side_name(point)]
        assert twin == pytest.approx((-x, y, z), abs=1e-9), f"{name} {when}: {point}"


@pytest.mark.parametrize(
    ("pose", "point", "expected"),
    [
        ({}, "head", (0.0, bm.TRUNK + bm.NECK + bm.HEAD_RADIUS, 0.0)),
        ({}, "right_hip", (0.0, 0.0, bm.HIP_HALF_WIDTH)),  # the right side faces +z
        ({}, "right_knee", (0.0, -bm.THIGH, bm.HIP_HALF_WIDTH)),
        ({"right_hip_flexion": 90}, "right_knee", (bm.THIGH, 0.0, bm.HIP_HALF_WIDTH)),
        ({"right_hip_abduction": 90}, "right_knee", (0.0, 0.0, bm.HIP_HALF_WIDTH + bm.THIGH)),
        ({"left_hip_abduction": 90}, "left_knee", (0.0, 0.0, -bm.HIP_HALF_WIDTH - bm.THIGH)),
        ({"right_knee": 90}, "right_ankle", (-bm.SHANK, -bm.THIGH, bm.HIP_HALF_WIDTH)),
        ({"right_ankle": 90}, "right_toe", (0.0, -bm.THIGH - bm.SHANK + bm.FOOT, 0.09)),
        ({"lean": 90}, "neck", (bm.TRUNK, 0.0, 0.0)),  # on all fours, head forward
        ({"lean": -90}, "neck", (-bm.TRUNK, 0.0, 0.0)),  # on the back, head to the left
        ({"neck": 90}, "head", (bm.NECK + bm.HEAD_RADIUS, bm.TRUNK, 0.0)),
        ({"right_elbow": 90}, "right_hand", (bm.FOREARM, bm.TRUNK - 0.04 - bm.UPPER_ARM, 0.17)),
    ],
)
def test_each_angle_turns_its_segment_the_anatomical_way(
    pose: dict[str, float], point: str, expected: bm.Vec
) -> None:
    assert bm.forward_kinematics(bm.angles_of(pose))[point] == pytest.approx(expected, abs=1e-9)


def test_every_exercise_has_a_movement_with_its_sides_and_labels() -> None:
    for exercise in load_catalogue().exercises.values():
        movement = MOVEMENTS[exercise.picture]
        assert (movement.side is not None) == bool(exercise.sides), exercise.id
        assert set(exercise.labels) == {label.name for label in movement.labels}, exercise.id


def test_the_clamshell_opens_the_top_knee_with_the_feet_together() -> None:
    """On the side, hips about 45° and knees about 90° bent; the top knee rises away from
    the bottom one while the feet stay together."""
    clamshell = MOVEMENTS["clamshell"]
    start, end = clamshell.frame(0.0), clamshell.frame(1.0)
    top, bottom = clamshell.side, "left" if clamshell.side == "right" else "right"
    assert start.points[f"{top}_hip"][1] > start.points[f"{bottom}_hip"][1] + 0.15  # on the side
    for side in ("left", "right"):
        assert start.angles[f"{side}_hip_flexion"] == pytest.approx(45, abs=5)
        assert start.angles[f"{side}_knee"] == pytest.approx(90, abs=5)
    knees = [bm.distance(f.points["left_knee"], f.points["right_knee"]) for f in (start, end)]
    assert knees[1] > knees[0] + 0.2
    feet = [bm.distance(f.points["left_ankle"], f.points["right_ankle"]) for f in (start, end)]
    assert feet[1] == pytest.approx(feet[0], abs=STILL_TOLERANCE)


def test_the_bridge_ends_in_a_straight_line_with_both_legs_apart() -> None:
    bridge = MOVEMENTS["bridge"].frame(1.0).points
    shoulders, hips, knees = bridge["neck"], bridge["pelvis"], bridge["right_knee"]
    line = math.atan2(hips[1] - shoulders[1], hips[0] - shoulders[0])
    thigh = math.atan2(knees[1] - hips[1], knees[0] - hips[0])
    assert math.degrees(abs(line - thigh)) < 3
    assert hips[1] > MOVEMENTS["bridge"].frame(0.0).points["pelvis"][1] + 0.15
    assert bm.distance(bridge["left_knee"], bridge["right_knee"]) > 0.15  # two legs, not one


def _broken(**changes: object) -> dict[str, object]:
    picture: dict[str, object] = {
        "side": "right",
        "moves": ["right_knee"],
        "arrow": "right_knee",
        "start": {"lean": -90},
        "end": {"right_knee": 90},
    }
    picture.update(changes)
    return {"pictures": {"example": picture}}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "expected [pictures.<name>] tables"),
        (_broken(start={"right_knees": 3}), "unknown joint angle(s) ['right_knees']"),
        (_broken(moves=["elbow"]), "unknown joint angle(s) ['elbow']"),
        (_broken(side="up"), "'left', 'right' or absent"),
        (_broken(arrow="nose"), "unknown body point 'nose'"),
        (_broken(floor="grass"), "floor: one of"),
        (_broken(planted=["right_leg"], end={"right_hip_abduction": 20}), "sagittal plane"),
        (_broken(planted=["right_leg"], anchor="right_ankle"), "the anchor right_ankle is on"),
        (_broken(labels={"knee": {"at": ["right_knee"], "place": [2, 0]}}), "fractions"),
        (_broken(colour="red"), "unexpected key(s) ['colour']"),
    ],
)
def test_a_broken_pose_file_names_the_spot(data: dict[str, object], message: str) -> None:
    with pytest.raises(PoseError) as raised:
        parse_movements(data)
    assert message in str(raised.value)


def test_a_valid_minimal_picture_parses() -> None:
    movement = parse_movements(_broken())["example"]
    assert isinstance(movement, Movement) and movement.moves == {"right_knee"}
