"""Drawing one moment of an exercise: the body model seen through the exercise's camera.

Pillow draws at twice the size and scales down (smooth edges at a fraction of matplotlib's
time). Limbs are thick rounded strokes with a white rim, drawn far to near, so a limb in front
of another stays visible; the limbs of the far side are lighter. The left side is the right
side's image mirrored, labels and title left unmirrored.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from PIL import Image, ImageDraw, ImageFont

from bot.render.chart_fonts import font
from coach import body_model as bm
from coach.body_model import Side, Vec
from coach.poses import Box, Frame, Movement

WIDTH: Final = 640
HEIGHT: Final = 480
SUPERSAMPLE: Final = 2
TITLE_BAND: Final = 56
"""Pixels at the top kept for the title."""
MARGIN: Final = 28

BACKGROUND: Final = (255, 255, 255)
TITLE: Final = (31, 59, 87)
TRUNK: Final = (44, 74, 107)
NEAR: Final = (27, 51, 80)
FAR: Final = (138, 161, 184)
RIM: Final = (255, 255, 255)
LABEL: Final = (43, 138, 62)
ARROW: Final = (232, 89, 12)
MAT: Final = (214, 232, 220)
MAT_EDGE: Final = (160, 196, 172)
FLOOR: Final = (236, 228, 214)
FLOOR_EDGE: Final = (176, 152, 118)
PROP_FACES: Final = ((199, 206, 214), (176, 185, 196), (154, 165, 177))
PROP_EDGE: Final = (120, 132, 146)
INKS: Final = (
    BACKGROUND,
    TITLE,
    TRUNK,
    NEAR,
    FAR,
    LABEL,
    ARROW,
    MAT,
    MAT_EDGE,
    FLOOR,
    FLOOR_EDGE,
    *PROP_FACES,
    PROP_EDGE,
)
"""Every flat colour of a picture: kept exact when the animation gets its palette."""

# Stroke widths in metres: what makes the stick figure a body.
THICKNESS: Final[Mapping[str, float]] = {
    "trunk": 0.17,
    "neck": 0.08,
    "upper_arm": 0.085,
    "forearm": 0.07,
    "thigh": 0.13,
    "shank": 0.10,
    "foot": 0.065,
}
RIM_WIDTH: Final = 0.025
FACING: Final = 0.05
"""Hips closer than this in depth (metres): the body faces the viewer, no side is far."""
LIMBS: Final[tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...]] = (
    ("arm", (("shoulder", "elbow", "upper_arm"), ("elbow", "hand", "forearm"))),
    (
        "leg",
        (("hip", "knee", "thigh"), ("knee", "ankle", "shank"), ("heel", "toe", "foot")),
    ),
)

Point2 = tuple[float, float]


@dataclass(frozen=True)
class Texts:
    """The words on a picture, in the reader's language."""

    title: str
    labels: Mapping[str, str]


@dataclass(frozen=True)
class Scene:
    """Where the room lands on the picture: one fit for every frame of a movement."""

    movement: Movement
    mirrored: bool
    scale: float
    """Pixels (at the drawing size) per metre."""
    offset: Point2
    floor: tuple[Vec, ...]

    def project(self, point: Vec) -> tuple[float, float, float]:
        """Drawing x, y (y down) and depth (larger is nearer)."""
        x, y, depth = self.movement.camera.project(point)
        if self.mirrored:
            x = -x
        return (
            self.offset[0] + x * self.scale,
            self.offset[1] - y * self.scale,
            depth,
        )

    def xy(self, point: Vec) -> Point2:
        x, y, _ = self.project(point)
        return (x, y)


def scene_for(movement: Movement, side: Side | None, frames: Sequence[Frame]) -> Scene:
    """Fit every frame and the furniture into the picture below the title (one scale for the
    whole movement, so nothing jumps); the floor reaches beyond the body on every side."""
    mirrored = side is not None and movement.side is not None and side != movement.side
    body = [p for frame in frames for p in frame.points.values()]
    xs = [p[0] for p in body] + [c[0] for box in movement.props for c in box.corners]
    zs = [p[2] for p in body]
    pad_x, pad_z = (0.25, 0.2) if movement.floor == "mat" else (0.6, 0.6)
    floor: tuple[Vec, ...] = (
        (min(xs) - pad_x, 0.0, min(zs) - pad_z),
        (max(xs) + pad_x, 0.0, min(zs) - pad_z),
        (max(xs) + pad_x, 0.0, max(zs) + pad_z),
        (min(xs) - pad_x, 0.0, max(zs) + pad_z),
    )
    corners = [c for box in movement.props for c in box.corners]
    radius = max(bm.POINT_RADII.values())
    projected = [movement.camera.project(p) for p in [*body, *corners]]
    xs2 = [(-p[0] if mirrored else p[0]) for p in projected]
    ys2 = [p[1] for p in projected]
    left, right = min(xs2) - radius, max(xs2) + radius
    bottom, top = min(ys2) - radius, max(ys2) + radius
    s = SUPERSAMPLE
    box_w = (WIDTH - 2 * MARGIN) * s
    box_h = (HEIGHT - TITLE_BAND - 2 * MARGIN) * s
    scale = min(box_w / (right - left), box_h / (top - bottom))
    cx = WIDTH * s / 2 - (left + right) / 2 * scale
    cy = (TITLE_BAND + MARGIN) * s + box_h / 2 + (top + bottom) / 2 * scale
    return Scene(movement, mirrored, scale, (cx, cy), floor)


def _near_side(scene: Scene, frame: Frame) -> Side | None:
    """The side whose hip is nearer the viewer (its far twin is drawn lighter); None when
    the body faces the viewer and both sides are near."""
    left = scene.project(frame.points["left_hip"])[2]
    right = scene.project(frame.points["right_hip"])[2]
    if abs(left - right) < FACING:
        return None
    return "left" if left > right else "right"


def _stroke(draw: ImageDraw.ImageDraw, a: Point2, b: Point2, width: float, color: object) -> None:
    w = max(1, round(width))
    draw.line([a, b], fill=color, width=w)  # type: ignore[arg-type]
    r = width / 2
    for x, y in (a, b):
        draw.ellipse([x - r, y - r, x + r, y + r], fill=color)  # type: ignore[arg-type]


def _draw_limb(
    draw: ImageDraw.ImageDraw,
    scene: Scene,
    segments: Sequence[tuple[Vec, Vec, float]],
    color: tuple[int, int, int],
) -> None:
    """A limb: the white rim of every segment first, then the segments, so no seams."""
    rim = RIM_WIDTH * scene.scale * 2
    for a, b, width in segments:
        _stroke(draw, scene.xy(a), scene.xy(b), width * scene.scale + rim, RIM)
    for a, b, width in segments:
        _stroke(draw, scene.xy(a), scene.xy(b), width * scene.scale, color)


def _torso_outline(scene: Scene, points: Mapping[str, Vec]) -> list[Point2]:
    """The trunk's silhouette: the hull of its widths (hips, shoulders) and its depths
    (belly and back, chest), so it is broad from the front, deep from the side and rounded,
    never a box, from anywhere between."""
    pelvis, neck = points["pelvis"], points["neck"]
    up = _unit(_sub(neck, pelvis))
    right = _unit(_sub(points["right_hip"], points["left_hip"]))
    forward = _cross(up, right)
    shoulders = _mid(points["left_shoulder"], points["right_shoulder"])
    chest = _mid(_mid(pelvis, shoulders), shoulders)

    def at(base: Vec, along: Vec, amount: float) -> Vec:
        return (
            base[0] + along[0] * amount,
            base[1] + along[1] * amount,
            base[2] + along[2] * amount,
        )

    outline: list[Vec] = []
    for sign in (-1.0, 1.0):
        outline += [
            at(pelvis, right, sign * (bm.HIP_HALF_WIDTH + 0.01)),
            at(shoulders, right, sign * (bm.SHOULDER_HALF_WIDTH - 0.03)),
            at(pelvis, forward, sign * 0.04),
            at(chest, forward, sign * 0.06),
            at(shoulders, forward, sign * 0.03),
        ]
    return _hull([scene.xy(c) for c in outline])


def _draw_trunk(draw: ImageDraw.ImageDraw, scene: Scene, points: Mapping[str, Vec]) -> None:
    outline = _torso_outline(scene, points)
    width = THICKNESS["trunk"] * scene.scale
    rim = RIM_WIDTH * scene.scale * 2
    ring = [*outline, outline[0]]
    for color, extra in ((RIM, rim), (TRUNK, 0.0)):
        for a, b in itertools.pairwise(ring):
            _stroke(draw, a, b, width + extra, color)
        draw.polygon(outline, fill=color)
    neck, head = points["neck"], points["head"]
    _stroke(draw, scene.xy(neck), scene.xy(head), THICKNESS["neck"] * scene.scale, TRUNK)


def _sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _mid(a: Vec, b: Vec) -> Vec:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2)


def _unit(v: Vec) -> Vec:
    length = math.sqrt(v[0] ** 2 + v[1] ** 2 + v[2] ** 2)
    return (v[0] / length, v[1] / length, v[2] / length)


def _cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _hull(points: Sequence[Point2]) -> list[Point2]:
    """Convex hull, counter-clockwise (Andrew's monotone chain)."""
    ordered = sorted(set(points))
    if len(ordered) < 3:
        return list(ordered)

    def turn(o: Point2, a: Point2, b: Point2) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point2] = []
    for p in ordered:
        while len(lower) >= 2 and turn(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point2] = []
    for p in reversed(ordered):
        while len(upper) >= 2 and turn(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _draw_head(draw: ImageDraw.ImageDraw, scene: Scene, points: Mapping[str, Vec]) -> None:
    x, y = scene.xy(points["head"])
    r = bm.HEAD_RADIUS * scene.scale
    rim = RIM_WIDTH * scene.scale
    draw.ellipse([x - r - rim, y - r - rim, x + r + rim, y + r + rim], fill=RIM)
    draw.ellipse([x - r, y - r, x + r, y + r], fill=TRUNK)


def _draw_box(draw: ImageDraw.ImageDraw, scene: Scene, box: Box) -> None:
    """The faces of a box that face the viewer, nearest last."""
    (x0, y0, z0), (x1, y1, z1) = box.low, box.high
    faces = (
        ((x0, y1, z0), (x1, y1, z0), (x1, y1, z1), (x0, y1, z1)),  # top
        ((x0, y0, z1), (x1, y0, z1), (x1, y1, z1), (x0, y1, z1)),  # +z
        ((x0, y0, z0), (x1, y0, z0), (x1, y1, z0), (x0, y1, z0)),  # -z
        ((x1, y0, z0), (x1, y0, z1), (x1, y1, z1), (x1, y1, z0)),  # +x
        ((x0, y0, z0), (x0, y0, z1), (x0, y1, z1), (x0, y1, z0)),  # -x
    )
    shaded = []
    for index, face in enumerate(faces):
        projected = [scene.project(c) for c in face]
        area = _signed_area([(p[0], p[1]) for p in projected])
        depth = sum(p[2] for p in projected) / 4
        shaded.append((depth, index, [(p[0], p[1]) for p in projected], abs(area)))
    for _depth, index, polygon, area in sorted(shaded):
        if area < 1.0:
            continue
        color = PROP_FACES[0] if index == 0 else PROP_FACES[1 + index % 2]
        draw.polygon(polygon, fill=color, outline=PROP_EDGE)


def _signed_area(polygon: Sequence[Point2]) -> float:
    return (
        sum(
            a[0] * b[1] - b[0] * a[1]
            for a, b in zip(polygon, [*polygon[1:], polygon[0]], strict=True)
        )
        / 2
    )


def _draw_floor(draw: ImageDraw.ImageDraw, scene: Scene) -> None:
    fill, edge = (MAT, MAT_EDGE) if scene.movement.floor == "mat" else (FLOOR, FLOOR_EDGE)
    polygon = [scene.xy(c) for c in scene.floor]
    draw.polygon(polygon, fill=fill)
    near = max(range(4), key=lambda i: scene.project(scene.floor[i])[2])
    # The floor's front edge, a clear line even when the floor is seen edge-on.
    a, b = polygon[near], polygon[(near + 1) % 4]
    if abs(a[1] - b[1]) > abs(polygon[(near + 3) % 4][1] - a[1]):
        b = polygon[(near + 3) % 4]
    draw.line([a, b], fill=edge, width=3 * SUPERSAMPLE)


def _draw_body(draw: ImageDraw.ImageDraw, scene: Scene, frame: Frame, near: Side | None) -> None:
    points = frame.points
    items: list[tuple[float, int, str, Side | None]] = []
    trunk_depth = sum(
        scene.project(points[n])[2]
        for n in ("left_hip", "right_hip", "left_shoulder", "right_shoulder")
    )
    items.append((trunk_depth / 4, 1, "trunk", None))
    items.append((scene.project(points["head"])[2], 2, "head", None))
    for limb_side in bm.SIDES:
        for limb, segments in LIMBS:
            names = [n for seg in segments for n in seg[:2]]
            depth = sum(scene.project(points[f"{limb_side}_{n}"])[2] for n in names) / len(names)
            items.append((depth, 0, limb, limb_side))
    for _depth, _order, kind, side in sorted(items, key=lambda item: (item[0], item[1])):
        if kind == "trunk":
            _draw_trunk(draw, scene, points)
        elif kind == "head":
            _draw_head(draw, scene, points)
        elif side is not None:
            segments = dict(LIMBS)[kind]
            color = NEAR if near is None or side == near else FAR
            _draw_limb(
                draw,
                scene,
                [
                    (points[f"{side}_{a}"], points[f"{side}_{b}"], THICKNESS[part])
                    for a, b, part in segments
                ],
                color,
            )


def _anchor(scene: Scene, frame: Frame, names: Iterable[str]) -> Point2:
    xys = [scene.xy(scene.movement.point(frame, n)) for n in names]
    return (sum(p[0] for p in xys) / len(xys), sum(p[1] for p in xys) / len(xys))


def _wrap(text: str, face: ImageFont.FreeTypeFont, width: float) -> str:
    lines: list[str] = []
    for word in text.split():
        if lines and face.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def _draw_label(
    draw: ImageDraw.ImageDraw, scene: Scene, text: str, place: Point2, target: Point2
) -> None:
    s = SUPERSAMPLE
    face = font(19 * s, bold=True)
    x = (1.0 - place[0] if scene.mirrored else place[0]) * WIDTH * s
    y = place[1] * HEIGHT * s
    wrapped = _wrap(text, face, WIDTH * s * 0.34)
    left, top, right, bottom = draw.multiline_textbbox(
        (x, y), wrapped, font=face, anchor="mm", align="center", spacing=3 * s
    )
    pad = 7 * s
    box = (left - pad, top - pad, right + pad, bottom + pad)
    edge = (min(max(target[0], box[0]), box[2]), min(max(target[1], box[1]), box[3]))
    draw.line([edge, target], fill=LABEL, width=3 * s)
    r = 5 * s
    draw.ellipse([target[0] - r, target[1] - r, target[0] + r, target[1] + r], fill=LABEL)
    draw.rounded_rectangle(box, radius=8 * s, fill=(255, 255, 255), outline=LABEL, width=3 * s)
    draw.multiline_text(
        (x, y), wrapped, font=face, fill=LABEL, anchor="mm", align="center", spacing=3 * s
    )


def arrow_path(scene: Scene, frames: Sequence[Frame]) -> list[Point2]:
    """Where the arrow runs: the path of the moving point, beside the limb."""
    arrow = scene.movement.arrow
    if not isinstance(arrow, str):
        return [scene.xy(arrow[0]), scene.xy(arrow[1])]
    shift = scene.movement.arrow_shift
    return [
        scene.xy(
            (
                frame.points[arrow][0] + shift[0],
                frame.points[arrow][1] + shift[1],
                frame.points[arrow][2] + shift[2],
            )
        )
        for frame in frames
    ]


def _draw_arrow(draw: ImageDraw.ImageDraw, path: Sequence[Point2]) -> None:
    """A thick orange line along ``path`` with a head at its end, on a white rim."""
    s = SUPERSAMPLE
    width = 5 * s
    head = 16 * s
    tip = path[-1]
    # The shaft stops where the head begins: walk back from the tip by the head's length.
    index = len(path) - 1
    while index > 0 and math.dist(path[index - 1], tip) < head:
        index -= 1
    if index == 0:
        return  # a movement too small to show
    a, b = path[index - 1], path[index]
    remaining = head - math.dist(b, tip)
    step = math.dist(a, b)
    fraction = 0.0 if step == 0 else max(0.0, min(1.0, remaining / step))
    base = (b[0] + (a[0] - b[0]) * fraction, b[1] + (a[1] - b[1]) * fraction)
    shaft = [*path[:index], base]
    angle = math.atan2(tip[1] - base[1], tip[0] - base[0])
    left = (
        tip[0] - head * math.cos(angle) + head * 0.55 * math.sin(angle),
        tip[1] - head * math.sin(angle) - head * 0.55 * math.cos(angle),
    )
    right = (
        tip[0] - head * math.cos(angle) - head * 0.55 * math.sin(angle),
        tip[1] - head * math.sin(angle) + head * 0.55 * math.cos(angle),
    )
    draw.line(shaft, fill=RIM, width=width + 4 * s, joint="curve")
    draw.polygon([tip, left, right], fill=RIM, outline=RIM, width=2 * s)
    draw.line(shaft, fill=ARROW, width=width, joint="curve")
    draw.polygon([tip, left, right], fill=ARROW)


def draw(
    scene: Scene,
    frame: Frame,
    texts: Texts,
    arrow: Sequence[Point2],
    near: Side | None,
) -> Image.Image:
    """One picture of the movement at ``frame``, at the final size; ``near`` is the side
    drawn dark (None: the body faces the viewer, both are)."""
    s = SUPERSAMPLE
    image = Image.new("RGB", (WIDTH * s, HEIGHT * s), BACKGROUND)
    pen = ImageDraw.Draw(image)
    _draw_floor(pen, scene)
    boxes = sorted(
        scene.movement.props,
        key=lambda box: sum(scene.project(c)[2] for c in box.corners) / 8,
    )
    for box in boxes:
        _draw_box(pen, scene, box)
    _draw_body(pen, scene, frame, near)
    if len(arrow) > 1:
        _draw_arrow(pen, arrow)
    for label in scene.movement.labels:
        text = texts.labels.get(label.name)
        if text:
            _draw_label(pen, scene, text, label.place, _anchor(scene, frame, label.at))
    title_font = font(28 * s, bold=True)
    pen.text(
        (WIDTH * s / 2, TITLE_BAND * s / 2 + 4 * s),
        texts.title,
        font=title_font,
        fill=TITLE,
        anchor="mm",
    )
    return image.reduce(SUPERSAMPLE)


def near_side(scene: Scene, frames: Sequence[Frame]) -> Side | None:
    """The side drawn darker in every frame (from the start pose: no flicker)."""
    return _near_side(scene, frames[0])
