"""Exercise movements as data: a start and an end pose of the body model, and what moves.

Each exercise picture in `coach/data/poses.toml` is a start pose and an end pose (joint angles
of `coach.body_model`), the joints that differ between them (declared, so a test can hold the
data to it), the working side, the view, what stays put (a knee on the floor, a hand on the
desk) and where the key points are that the picture labels. The movement is the frames
between the two poses; the other side is the mirror image of the same frames. Drawing is
`bot.figure`'s job.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Final, Literal

from coach import body_model as bm
from coach.body_model import Camera, Side, Vec
from coach.data_files import load_toml

__all__ = [
    "FLOORS",
    "Box",
    "Frame",
    "Label",
    "Movement",
    "PoseError",
    "load_movements",
    "parse_movements",
]

Floor = Literal["mat", "floor"]
FLOORS: Final[tuple[Floor, ...]] = ("mat", "floor")

DESK_HEIGHT: Final = 0.74
DESK_DEPTH: Final = 0.70
DESK_TOP: Final = 0.04
SEAT_HEIGHT: Final = 0.47
SEAT_DEPTH: Final = 0.44
BACKREST: Final = 0.45
LEG: Final = 0.04
WIDTH: Final = 0.55
"""Half the width of the desk and chair across the view (z)."""


class PoseError(ValueError):
    """The pose file is broken; raised at load so a bad deploy fails at start."""


@dataclass(frozen=True)
class Box:
    """A piece of furniture: an axis-aligned box between two corners (metres)."""

    low: Vec
    high: Vec

    @property
    def corners(self) -> tuple[Vec, ...]:
        (x0, y0, z0), (x1, y1, z1) = self.low, self.high
        return tuple((x, y, z) for x in (x0, x1) for y in (y0, y1) for z in (z0, z1))


@dataclass(frozen=True)
class Label:
    """A key point the picture names: the middle of ``at``; the text box centred at
    ``place`` (fractions of the picture, from the top left)."""

    name: str
    at: tuple[str, ...]
    place: tuple[float, float]


@dataclass(frozen=True)
class Frame:
    """One moment of the movement: the angles and where every body point is."""

    angles: Mapping[str, float]
    points: Mapping[str, Vec]


@dataclass(frozen=True)
class Movement:
    """One exercise picture: start and end pose, and how to show them."""

    name: str
    start: Mapping[str, float]
    end: Mapping[str, float]
    moves: frozenset[str]
    """The joint angles that differ between start and end."""
    side: Side | None
    """The working side in this drawing; the other side is its mirror image."""
    anchor: str | None
    """The body point that stays where it is; None: the figure stays on the floor."""
    still: tuple[str, ...]
    """Points that touch something and stay put during the movement (within a few cm)."""
    camera: Camera
    floor: Floor
    props: tuple[Box, ...]
    labels: tuple[Label, ...]
    arrow: str | tuple[Vec, Vec]
    """The point whose path the arrow shows, or a straight arrow between two places in the
    room (walking: the way forward)."""
    arrow_shift: Vec = (0.0, 0.0, 0.0)
    """The arrow runs beside the path, not on the limb: shifted by this (metres)."""
    places: Mapping[str, Vec] = field(default_factory=lambda: MappingProxyType({}))
    """Points of the furniture a label can name ("chair", "desk")."""
    planted: tuple[str, ...] = ()
    """Limbs ("left_leg", "right_arm"…) whose foot or hand stays exactly where the start
    pose put it: their joints follow the body (a foot flat on the floor in a bridge, a hand
    on the desk in a squat)."""

    def pose_at(self, t: float) -> dict[str, float]:
        """The angles a fraction ``t`` (0 start, 1 end) along the movement, eased in and out."""
        eased = (1.0 - math.cos(math.pi * min(max(t, 0.0), 1.0))) / 2.0
        return {
            name: self.start[name] + (self.end[name] - self.start[name]) * eased
            for name in self.start
        }

    def frame(self, t: float) -> Frame:
        angles = self.pose_at(t)
        points = self._place(angles)
        if self.planted and t > 0.0:  # the start pose is where planted limbs are planted
            start = self._start_points
            for limb in self.planted:
                side: Side = "left" if limb.startswith("left_") else "right"
                if limb.endswith("_leg"):
                    foot = bm.foot_angle(self.start, side)
                    hip, ankle = points[f"{side}_hip"], start[f"{side}_ankle"]
                    angles = bm.plant_leg(angles, side, hip, ankle, foot)
                else:
                    shoulder, hand = points[f"{side}_shoulder"], start[f"{side}_hand"]
                    angles = bm.plant_arm(angles, side, shoulder, hand)
            points = self._place(angles)
        return Frame(MappingProxyType(angles), MappingProxyType(points))

    def frames(self, count: int) -> list[Frame]:
        """``count`` evenly spaced frames from the start pose to the end pose."""
        if count < 2:
            raise ValueError("a movement needs at least its start and its end")
        return [self.frame(i / (count - 1)) for i in range(count)]

    def point(self, frame: Frame, name: str) -> Vec:
        """A body point in ``frame``, or a point of the furniture."""
        return self.places[name] if name in self.places else frame.points[name]

    @cached_property
    def _start_points(self) -> dict[str, Vec]:
        """The start pose resting on the floor, its pelvis over the origin."""
        start = bm.forward_kinematics(self.start)
        return bm.translate(start, (0.0, -bm.lowest_surface(start), 0.0))

    def _place(self, angles: Mapping[str, float]) -> dict[str, Vec]:
        """Body points in the room: the start pose rests on the floor with its pelvis over
        the origin; later poses keep the anchor where the start pose had it."""
        points = bm.forward_kinematics(angles)
        if self.anchor is None:
            return bm.translate(points, (0.0, -bm.lowest_surface(points), 0.0))
        target = self._start_points[self.anchor]
        here = points[self.anchor]
        return bm.translate(points, (target[0] - here[0], target[1] - here[1], target[2] - here[2]))


# ---------------------------------------------------------------------------------------------
# Parsing and validation

_PICTURE_KEYS: Final = frozenset(
    {
        "view",
        "side",
        "anchor",
        "still",
        "moves",
        "floor",
        "desk",
        "chair",
        "arrow",
        "arrow_shift",
        "planted",
        "start",
        "end",
        "labels",
    }
)
_POINTS: Final = frozenset(bm.POINT_RADII)


def _number(where: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PoseError(f"{where}: expected a number, got {value!r}")
    return float(value)


def _point(where: str, value: object) -> str:
    if not isinstance(value, str) or value not in _POINTS:
        raise PoseError(f"{where}: unknown body point {value!r}")
    return value


def _angles(where: str, raw: object) -> dict[str, float]:
    if not isinstance(raw, Mapping):
        raise PoseError(f"{where}: expected a table of joint angles")
    try:
        return bm.angles_of({k: _number(f"{where}.{k}", v) for k, v in raw.items()})
    except KeyError as exc:
        raise PoseError(f"{where}: {exc.args[0]}") from None


def _vector(where: str, raw: object, size: int) -> tuple[float, ...]:
    if not isinstance(raw, list) or len(raw) != size:
        raise PoseError(f"{where}: expected a list of {size} numbers, got {raw!r}")
    return tuple(_number(where, item) for item in raw)


def _desk(front: float) -> tuple[Box, ...]:
    """A desk whose near edge is ``front`` metres ahead of the pelvis (x)."""
    back = front + DESK_DEPTH
    top = Box((front, DESK_HEIGHT - DESK_TOP, -WIDTH), (back, DESK_HEIGHT, WIDTH))
    legs = tuple(
        Box((x, 0.0, z), (x + LEG, DESK_HEIGHT - DESK_TOP, z + LEG))
        for x in (front + 0.05, back - 0.05 - LEG)
        for z in (-WIDTH + 0.05, WIDTH - 0.05 - LEG)
    )
    return (top, *legs)


def _chair(front: float) -> tuple[Box, ...]:
    """A chair facing +x whose seat's front edge is ``front`` metres from the pelvis (x)."""
    back = front - SEAT_DEPTH
    half = 0.22
    seat = Box((back, SEAT_HEIGHT - 0.05, -half), (front, SEAT_HEIGHT, half))
    rest = Box((back - 0.04, SEAT_HEIGHT, -half), (back, SEAT_HEIGHT + BACKREST, half))
    legs = tuple(
        Box((x, 0.0, z), (x + LEG, SEAT_HEIGHT - 0.05, z + LEG))
        for x in (back, front - LEG)
        for z in (-half, half - LEG)
    )
    return (seat, rest, *legs)


def _arrow(where: str, raw: object) -> str | tuple[Vec, Vec]:
    if isinstance(raw, list):
        if len(raw) != 2:
            raise PoseError(f"{where}: a body point, or [[x, y, z], [x, y, z]]")
        a, b = (_vector(where, end, 3) for end in raw)
        return ((a[0], a[1], a[2]), (b[0], b[1], b[2]))
    return _point(where, raw)


def _labels(where: str, raw: object, places: Mapping[str, Vec]) -> tuple[Label, ...]:
    if not isinstance(raw, Mapping):
        raise PoseError(f"{where}: expected a table of labels")
    labels = []
    for name, spec in raw.items():
        here = f"{where}.{name}"
        if not isinstance(spec, Mapping) or set(spec) != {"at", "place"}:
            raise PoseError(f"{here}: expected {{ at = [points], place = [x, y] }}")
        at = spec["at"]
        if not isinstance(at, list) or not at:
            raise PoseError(f"{here}.at: expected a list of body points")
        x, y = _vector(f"{here}.place", spec["place"], 2)
        if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
            raise PoseError(f"{here}.place: fractions of the picture, 0-1")
        points = tuple(p if p in places else _point(f"{here}.at", p) for p in at)
        labels.append(Label(name, points, (x, y)))
    return tuple(labels)


_LIMBS: Final = frozenset(f"{side}_{kind}" for side in bm.SIDES for kind in ("arm", "leg"))


def _planted(
    where: str,
    raw: object,
    start: Mapping[str, float],
    end: Mapping[str, float],
    anchor: object,
) -> tuple[str, ...]:
    """Planted limbs bend in the body's sagittal plane only, the body neither turns nor
    rolls, and the anchor is elsewhere (it would move with the limb)."""
    if not isinstance(raw, list) or not all(limb in _LIMBS for limb in raw):
        raise PoseError(f"{where}.planted: a list of {sorted(_LIMBS)}")
    for limb in raw:
        side, kind = limb.split("_")
        sideways = (
            ("hip_abduction", "hip_rotation")
            if kind == "leg"
            else ("shoulder_abduction", "shoulder_rotation")
        )
        names = [*(f"{side}_{n}" for n in sideways), "turn", "roll"]
        if any(start[n] != end[n] for n in names) or any(start[n] for n in names[:2]):
            raise PoseError(f"{where}.planted: {limb} must move in the sagittal plane only")
        if isinstance(anchor, str) and anchor in _limb_points(limb):
            raise PoseError(f"{where}.planted: the anchor {anchor} is on {limb}")
    return tuple(raw)


def _limb_points(limb: str) -> frozenset[str]:
    side, kind = limb.split("_")
    parts = (
        ("shoulder", "elbow", "hand") if kind == "arm" else ("hip", "knee", "ankle", "toe", "heel")
    )
    return frozenset(f"{side}_{part}" for part in parts)


def _movement(name: str, raw: object) -> Movement:
    where = f"[pictures.{name}]"
    if not isinstance(raw, Mapping):
        raise PoseError(f"{where}: expected a table")
    unknown = sorted(set(raw) - _PICTURE_KEYS)
    if unknown:
        raise PoseError(f"{where}: unexpected key(s) {unknown}")
    start = _angles(f"{where}.start", raw.get("start"))
    given_end = raw.get("end")
    if not isinstance(given_end, Mapping):
        raise PoseError(f"{where}.end: expected a table of the angles that change")
    changed = _angles(f"{where}.end", given_end)
    end = {**start, **{k: changed[k] for k in given_end}}
    moves = raw.get("moves")
    if not isinstance(moves, list) or not all(isinstance(m, str) for m in moves):
        raise PoseError(f"{where}.moves: expected a list of joint angle names")
    unknown_moves = sorted(set(moves) - set(bm.ANGLE_NAMES))
    if unknown_moves:
        raise PoseError(f"{where}.moves: unknown joint angle(s) {unknown_moves}")
    side = raw.get("side")
    if side not in (None, "left", "right"):
        raise PoseError(f"{where}.side: 'left', 'right' or absent, got {side!r}")
    anchor = raw.get("anchor")
    floor = raw.get("floor", "floor")
    if floor not in FLOORS:
        raise PoseError(f"{where}.floor: one of {list(FLOORS)}, got {floor!r}")
    view = raw.get("view", {})
    if not isinstance(view, Mapping) or set(view) - {"azimuth", "elevation"}:
        raise PoseError(f"{where}.view: expected {{ azimuth = .., elevation = .. }}")
    camera = Camera(
        _number(f"{where}.view", view.get("azimuth", 0.0)),
        _number(f"{where}.view", view.get("elevation", 0.0)),
    )
    props: list[Box] = []
    places: dict[str, Vec] = {}
    if "desk" in raw:
        front = _number(f"{where}.desk", raw["desk"])
        props.extend(_desk(front))
        places["desk"] = (front, DESK_HEIGHT, 0.0)
    if "chair" in raw:
        front = _number(f"{where}.chair", raw["chair"])
        props.extend(_chair(front))
        places["chair"] = (front - SEAT_DEPTH / 2, SEAT_HEIGHT, 0.2)
    still = raw.get("still", [])
    if not isinstance(still, list):
        raise PoseError(f"{where}.still: expected a list of body points")
    shift = _vector(f"{where}.arrow_shift", raw.get("arrow_shift", [0, 0, 0]), 3)
    planted = _planted(where, raw.get("planted", []), start, end, anchor)
    return Movement(
        name=name,
        start=MappingProxyType(start),
        end=MappingProxyType(end),
        moves=frozenset(moves),
        side=side,
        anchor=None if anchor is None else _point(f"{where}.anchor", anchor),
        still=tuple(_point(f"{where}.still", p) for p in still),
        camera=camera,
        floor=floor,
        props=tuple(props),
        labels=_labels(f"{where}.labels", raw.get("labels", {}), places),
        arrow=_arrow(f"{where}.arrow", raw.get("arrow")),
        places=MappingProxyType(places),
        arrow_shift=(shift[0], shift[1], shift[2]),
        planted=planted,
    )


def parse_movements(data: Mapping[str, object]) -> Mapping[str, Movement]:
    pictures = data.get("pictures")
    if not isinstance(pictures, Mapping) or not pictures:
        raise PoseError("expected [pictures.<name>] tables")
    return MappingProxyType({name: _movement(name, raw) for name, raw in pictures.items()})


def load_movements(path: str | None = None) -> Mapping[str, Movement]:
    """The shipped `coach/data/poses.toml` (or ``path``), checked."""
    return load_toml("poses.toml", path, parse_movements, PoseError, "exercise poses")


def still_drift(movement: Movement, frames: Sequence[Frame]) -> dict[str, float]:
    """How far each point that should stay put moves away from its start (metres)."""
    first = frames[0].points
    return {
        point: max(bm.distance(frame.points[point], first[point]) for frame in frames)
        for point in movement.still
    }
