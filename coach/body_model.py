"""An articulated body: fixed segment lengths, joint angles, forward kinematics, camera views.

Exercise figures are drawn from this one model so every pose is one a person can take: the
head sits on a neck on the trunk, limbs hang from shoulders and hips, and a pose is nothing
but joint angles within their anatomical ranges. Nothing here draws; `bot.figure` does.

Coordinates are metres, y up. The body's own frame: x forward, y up the spine, z to the
person's right. A pose turns, leans and rolls the trunk as a whole (``turn``, ``lean``,
``roll``); every other angle is a joint's, relative to its parent segment, 0 in a relaxed
upright stance. Positive is flexion (hip, knee, shoulder, elbow, neck), abduction (limb away
from the midline), external rotation (hip), internal rotation (shoulder) and dorsiflexion
(ankle: toes up).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

__all__ = [
    "ANGLE_NAMES",
    "JOINT_RANGES",
    "POINT_RADII",
    "SEGMENTS",
    "SIDES",
    "Camera",
    "Mat",
    "Vec",
    "angles_of",
    "distance",
    "forward_kinematics",
    "mirror_pose",
    "neutral",
    "other_side",
    "swap_side_name",
]

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]
"""A 3x3 rotation as three rows."""
Side = Literal["left", "right"]

SIDES: Final[tuple[Side, Side]] = ("left", "right")

# Segment lengths in metres for a person 1.75 m tall, rounded from Winter's anthropometric
# proportions (Biomechanics and Motor Control of Human Movement): what makes a figure look
# like a person is the ratio of its parts, so these are fixed and never part of a pose.
TRUNK: Final = 0.50
"""Pelvis centre to the base of the neck (between the shoulders)."""
NECK: Final = 0.10
HEAD_RADIUS: Final = 0.11
HIP_HALF_WIDTH: Final = 0.09
SHOULDER_HALF_WIDTH: Final = 0.17
SHOULDER_DROP: Final = 0.04
"""The shoulder joints sit a little below the base of the neck."""
UPPER_ARM: Final = 0.31
FOREARM: Final = 0.30
"""Elbow to the middle of the hand."""
THIGH: Final = 0.43
SHANK: Final = 0.42
FOOT: Final = 0.17
"""Ankle to toes."""
HEEL: Final = 0.05

LENGTHS: Final[Mapping[tuple[str, str], float]] = MappingProxyType(
    {
        ("pelvis", "neck"): TRUNK,
        ("neck", "head"): NECK + HEAD_RADIUS,
        ("pelvis", "left_hip"): HIP_HALF_WIDTH,
        ("pelvis", "right_hip"): HIP_HALF_WIDTH,
        ("neck", "left_shoulder"): math.hypot(SHOULDER_HALF_WIDTH, SHOULDER_DROP),
        ("neck", "right_shoulder"): math.hypot(SHOULDER_HALF_WIDTH, SHOULDER_DROP),
        **{
            pair: length
            for side in ("left", "right")
            for pair, length in (
                ((f"{side}_shoulder", f"{side}_elbow"), UPPER_ARM),
                ((f"{side}_elbow", f"{side}_hand"), FOREARM),
                ((f"{side}_hip", f"{side}_knee"), THIGH),
                ((f"{side}_knee", f"{side}_ankle"), SHANK),
                ((f"{side}_ankle", f"{side}_toe"), FOOT),
                ((f"{side}_ankle", f"{side}_heel"), HEEL),
            )
        },
    }
)
"""Every rigid distance of the skeleton: the same in every pose."""

SEGMENTS: Final[tuple[tuple[str, str], ...]] = tuple(LENGTHS)

POINT_RADII: Final[Mapping[str, float]] = MappingProxyType(
    {
        "pelvis": 0.11,
        "neck": 0.08,
        "head": HEAD_RADIUS,
        **{
            f"{side}_{part}": radius
            for side in ("left", "right")
            for part, radius in (
                ("hip", 0.10),
                ("shoulder", 0.07),
                ("elbow", 0.045),
                ("hand", 0.035),
                ("knee", 0.055),
                ("ankle", 0.05),
                ("toe", 0.025),
                ("heel", 0.035),
            )
        },
    }
)
"""How far the body's surface is from each point: what touches the floor."""

# Anatomical ranges in degrees (AAOS normal values, a little wider where people commonly
# reach further, e.g. hip flexion with the knee bent). The whole-body angles are free.
_LIMB_RANGES: Final[Mapping[str, tuple[float, float]]] = {
    "shoulder_flexion": (-60.0, 180.0),
    "shoulder_abduction": (-30.0, 180.0),
    "shoulder_rotation": (-60.0, 70.0),
    "elbow": (0.0, 150.0),
    "hip_flexion": (-30.0, 130.0),
    "hip_abduction": (-30.0, 45.0),
    "hip_rotation": (-45.0, 60.0),
    "knee": (0.0, 150.0),
    "ankle": (-50.0, 30.0),
}
JOINT_RANGES: Final[Mapping[str, tuple[float, float]]] = MappingProxyType(
    {
        "turn": (-180.0, 180.0),
        "lean": (-180.0, 180.0),
        "roll": (-180.0, 180.0),
        "neck": (-50.0, 60.0),
        **{f"{side}_{name}": bounds for side in SIDES for name, bounds in _LIMB_RANGES.items()},
    }
)
"""Every angle a pose has, with the range a healthy adult reaches."""

ANGLE_NAMES: Final[tuple[str, ...]] = tuple(JOINT_RANGES)
BODY_ANGLES: Final = frozenset({"turn", "lean", "roll"})


def neutral() -> dict[str, float]:
    """A relaxed upright stance: every angle 0."""
    return dict.fromkeys(ANGLE_NAMES, 0.0)


def angles_of(partial: Mapping[str, float]) -> dict[str, float]:
    """A full pose from the angles given; the rest are neutral. Unknown names are an error."""
    unknown = sorted(set(partial) - set(ANGLE_NAMES))
    if unknown:
        raise KeyError(f"unknown joint angle(s) {unknown}")
    return {**neutral(), **partial}


def other_side(side: Side) -> Side:
    return "left" if side == "right" else "right"


def swap_side_name(name: str) -> str:
    """left_knee ↔ right_knee; names of no side stay."""
    for side in SIDES:
        if name.startswith(f"{side}_"):
            return f"{other_side(side)}_{name.removeprefix(f'{side}_')}"
    return name


def mirror_pose(pose: Mapping[str, float]) -> dict[str, float]:
    """The same movement done with the other side: each side takes the other's angles, and
    the body faces the mirrored way (what a mirror standing across the x axis would show)."""
    mirrored = {swap_side_name(name): value for name, value in pose.items()}
    mirrored["turn"] = _wrap(180.0 - pose["turn"])
    mirrored["roll"] = _wrap(-pose["roll"])
    return mirrored


def _wrap(degrees: float) -> float:
    return (degrees + 180.0) % 360.0 - 180.0


# ---------------------------------------------------------------------------------------------
# Small vector algebra (no numpy: coach stays free of heavy imports)


def _rx(degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def _ry(degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def _rz(degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def _mul(a: Mat, b: Mat) -> Mat:
    rows = tuple(
        (
            sum(a[i][k] * b[k][0] for k in range(3)),
            sum(a[i][k] * b[k][1] for k in range(3)),
            sum(a[i][k] * b[k][2] for k in range(3)),
        )
        for i in range(3)
    )
    return (rows[0], rows[1], rows[2])


def _apply(m: Mat, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def _add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _chain(*matrices: Mat) -> Mat:
    result = matrices[0]
    for m in matrices[1:]:
        result = _mul(result, m)
    return result


def distance(a: Vec, b: Vec) -> float:
    return math.dist(a, b)


# ---------------------------------------------------------------------------------------------
# Forward kinematics


def forward_kinematics(pose: Mapping[str, float]) -> dict[str, Vec]:
    """Where every point of the body is, for a full pose, with the pelvis at the origin."""
    body = body_rotation(pose)
    pelvis: Vec = (0.0, 0.0, 0.0)
    neck = _apply(body, (0.0, TRUNK, 0.0))
    head_frame = _mul(body, _rz(-pose["neck"]))
    points: dict[str, Vec] = {
        "pelvis": pelvis,
        "neck": neck,
        "head": _add(neck, _apply(head_frame, (0.0, NECK + HEAD_RADIUS, 0.0))),
    }
    for side in SIDES:
        s = 1.0 if side == "right" else -1.0
        hip = _apply(body, (0.0, 0.0, s * HIP_HALF_WIDTH))
        thigh = _chain(
            body,
            _rz(pose[f"{side}_hip_flexion"]),
            _rx(-s * pose[f"{side}_hip_abduction"]),
            _ry(-s * pose[f"{side}_hip_rotation"]),
        )
        knee = _add(hip, _apply(thigh, (0.0, -THIGH, 0.0)))
        shank = _mul(thigh, _rz(-pose[f"{side}_knee"]))
        ankle = _add(knee, _apply(shank, (0.0, -SHANK, 0.0)))
        foot = _mul(shank, _rz(pose[f"{side}_ankle"]))
        shoulder = _add(neck, _apply(body, (0.0, -SHOULDER_DROP, s * SHOULDER_HALF_WIDTH)))
        upper_arm = _chain(
            body,
            _rz(pose[f"{side}_shoulder_flexion"]),
            _rx(-s * pose[f"{side}_shoulder_abduction"]),
            _ry(s * pose[f"{side}_shoulder_rotation"]),
        )
        elbow = _add(shoulder, _apply(upper_arm, (0.0, -UPPER_ARM, 0.0)))
        forearm = _mul(upper_arm, _rz(pose[f"{side}_elbow"]))
        points.update(
            {
                f"{side}_hip": hip,
                f"{side}_knee": knee,
                f"{side}_ankle": ankle,
                f"{side}_toe": _add(ankle, _apply(foot, (FOOT, 0.0, 0.0))),
                f"{side}_heel": _add(ankle, _apply(foot, (-HEEL, 0.0, 0.0))),
                f"{side}_shoulder": shoulder,
                f"{side}_elbow": elbow,
                f"{side}_hand": _add(elbow, _apply(forearm, (0.0, -FOREARM, 0.0))),
            }
        )
    return points


def body_rotation(pose: Mapping[str, float]) -> Mat:
    """The trunk's orientation: body axes (forward, up, right) as columns in the room."""
    return _chain(_ry(pose["turn"]), _rz(-pose["lean"]), _ry(pose["roll"]))


def _in_body_plane(pose: Mapping[str, float], root: Vec, target: Vec) -> tuple[float, float]:
    """``target`` seen from ``root`` in the body's sagittal plane: (forward, up)."""
    r = body_rotation(pose)
    d = (target[0] - root[0], target[1] - root[1], target[2] - root[2])
    forward = r[0][0] * d[0] + r[1][0] * d[1] + r[2][0] * d[2]
    up = r[0][1] * d[0] + r[1][1] * d[1] + r[2][1] * d[2]
    return forward, up


def _two_links(reach: float, first: float, second: float) -> tuple[float, float]:
    """The bend between two links spanning ``reach``, and the angle between the first link
    and the line to the end (radians); a reach too long or short is clamped."""
    cos_bend = (reach**2 - first**2 - second**2) / (2 * first * second)
    bend = math.acos(min(1.0, max(-1.0, cos_bend)))
    offset = math.atan2(second * math.sin(bend), first + second * math.cos(bend))
    return bend, offset


def foot_angle(pose: Mapping[str, float], side: Side) -> float:
    """The foot's angle in the sagittal plane, relative to the room (lean included)."""
    return (
        -pose["lean"] + pose[f"{side}_hip_flexion"] - pose[f"{side}_knee"] + pose[f"{side}_ankle"]
    )


def plant_leg(
    pose: Mapping[str, float], side: Side, hip: Vec, ankle: Vec, foot: float
) -> dict[str, float]:
    """Hip, knee and ankle angles that put the ankle at ``ankle`` with the foot at angle
    ``foot``, for a leg moving in the body's sagittal plane (a foot that stays on the floor
    while the body moves)."""
    forward, up = _in_body_plane(pose, hip, ankle)
    reach = math.hypot(forward, up)
    bend, offset = _two_links(reach, THIGH, SHANK)
    direction = math.atan2(forward, -up)  # from straight down, towards forward
    solved = dict(pose)
    solved[f"{side}_hip_flexion"] = math.degrees(direction + offset)
    solved[f"{side}_knee"] = math.degrees(bend)
    solved[f"{side}_ankle"] = (
        foot + pose["lean"] - solved[f"{side}_hip_flexion"] + math.degrees(bend)
    )
    return solved


def plant_arm(pose: Mapping[str, float], side: Side, shoulder: Vec, hand: Vec) -> dict[str, float]:
    """Shoulder and elbow angles that put the hand at ``hand``, for an arm moving in the
    body's sagittal plane (a hand resting on a desk while the body moves)."""
    forward, up = _in_body_plane(pose, shoulder, hand)
    bend, offset = _two_links(math.hypot(forward, up), UPPER_ARM, FOREARM)
    solved = dict(pose)
    solved[f"{side}_shoulder_flexion"] = math.degrees(math.atan2(forward, -up) - offset)
    solved[f"{side}_elbow"] = math.degrees(bend)
    return solved


def translate(points: Mapping[str, Vec], by: Vec) -> dict[str, Vec]:
    return {name: _add(point, by) for name, point in points.items()}


def lowest_surface(points: Mapping[str, Vec]) -> float:
    """The height of the body's lowest surface (what rests on the floor)."""
    return min(point[1] - POINT_RADII[name] for name, point in points.items())


def iter_limb_points(side: Side) -> Iterator[str]:
    for part in ("shoulder", "elbow", "hand", "hip", "knee", "ankle", "toe", "heel"):
        yield f"{side}_{part}"


@dataclass(frozen=True)
class Camera:
    """An orthographic view: turned ``azimuth`` degrees about the vertical, then looking down
    ``elevation`` degrees. Azimuth 0, elevation 0 looks along -z: the person's right side
    when they face +x."""

    azimuth: float = 0.0
    elevation: float = 0.0

    def project(self, point: Vec) -> tuple[float, float, float]:
        """Image x (right), image y (up) and depth (larger is nearer the viewer)."""
        rotated = _apply(_mul(_rx(self.elevation), _ry(-self.azimuth)), point)
        return rotated
