"""Exercise pictures: stick figures drawn with matplotlib from pose data, cached as PNG files.

People would rather look than read (PRODUCT.md §2), so every exercise has one clear picture:
the body position as a stick figure (on the floor, or standing at a desk for the desk break),
labelled key points and an arrow for the movement. Pictures are drawn from the data below,
never shipped as binaries, rendered once per picture and language into a cache folder
(DATA_DIR/pictures, private to the bot: a shared, predictable temp folder would let any
local user plant images), in a worker thread so the event loop keeps answering. The file
name carries a hash of the drawing and its texts: a changed label or pose is drawn afresh,
and the bot's stored Telegram file_id (keyed the same way) is not reused for an outdated
picture.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from bot.threads import in_thread

DRAWING_VERSION: Final = 1

Point = tuple[float, float]


@dataclass(frozen=True)
class Pose:
    """One picture: limbs as polylines, the head, the movement arrow and label anchors."""

    head: Point
    limbs: tuple[tuple[Point, ...], ...]
    arrow: tuple[Point, Point]
    anchors: Mapping[str, Point]
    ghosts: tuple[tuple[Point, ...], ...] = ()
    """The start position of the moving limb, drawn faint."""
    width: float = 5.0
    height: float = 3.0
    offsets: Mapping[str, Point] = field(default_factory=dict)
    """Where each label's text sits relative to its anchor."""
    props: tuple[tuple[Point, ...], ...] = ()
    """Furniture (a desk, a chair), drawn grey behind the figure."""


POSES: Final[Mapping[str, Pose]] = {
    # On forearms and both knees, one leg lifted until the thigh is parallel to the floor.
    "hip_raise": Pose(
        head=(4.35, 1.55),
        limbs=(
            ((3.7, 1.3), (1.6, 1.4)),  # trunk
            ((3.7, 1.3), (3.6, 0.12), (4.5, 0.12)),  # upper arm and forearm
            ((1.6, 1.4), (1.7, 0.12), (0.6, 0.12)),  # leg on the floor
            ((1.6, 1.4), (0.35, 1.4), (0.35, 2.45)),  # lifted leg: thigh parallel
        ),
        ghosts=(((1.6, 1.4), (1.55, 0.15), (0.5, 0.15)),),
        arrow=((0.9, 0.45), (0.55, 1.25)),
        anchors={"forearms": (4.05, 0.12), "thigh_parallel": (1.0, 1.4)},
        offsets={"forearms": (0.3, 1.1), "thigh_parallel": (-0.6, 1.0)},
    ),
    # On the side, legs stacked; the top knee opens like a shell, the feet stay together.
    "clamshell": Pose(
        head=(0.35, 0.55),
        limbs=(
            ((0.9, 0.35), (2.7, 0.35)),  # trunk on the floor
            ((0.9, 0.35), (0.5, 0.12), (0.15, 0.12)),  # arm under the head
            ((2.7, 0.35), (3.7, 0.2), (4.5, 0.3)),  # bottom leg
            ((2.7, 0.45), (3.55, 1.25), (4.5, 0.38)),  # top leg, knee opened
        ),
        ghosts=(((2.7, 0.45), (3.7, 0.32), (4.5, 0.38)),),
        arrow=((3.75, 0.45), (3.6, 1.1)),
        anchors={"knees_stacked": (3.15, 0.3), "knee_opens": (3.55, 1.25)},
        offsets={"knees_stacked": (-1.2, 1.0), "knee_opens": (0.5, 0.75)},
        height=2.4,
    ),
    # On the back, one foot on the floor, the other leg extended upwards, hips pushed up.
    "single_leg_bridge": Pose(
        head=(0.45, 0.25),
        limbs=(
            ((1.0, 0.18), (2.6, 1.05)),  # trunk: shoulders to hips
            ((1.0, 0.18), (2.0, 0.08)),  # arm on the floor
            ((2.6, 1.05), (3.6, 1.5), (3.75, 0.12), (4.2, 0.12)),  # supporting leg
            ((2.6, 1.05), (3.15, 2.7)),  # leg extended upwards
        ),
        ghosts=(((1.0, 0.18), (2.6, 0.2)),),
        arrow=((2.35, 0.3), (2.35, 0.95)),
        anchors={"straight_line": (1.8, 0.62), "leg_up": (3.0, 2.2)},
        offsets={"straight_line": (-1.3, 1.4), "leg_up": (-1.6, 0.45)},
    ),
    # The two-legged bridge: both feet on the floor, hips pushed up.
    "bridge": Pose(
        head=(0.45, 0.25),
        limbs=(
            ((1.0, 0.18), (2.6, 1.05)),
            ((1.0, 0.18), (2.0, 0.08)),
            ((2.6, 1.05), (3.6, 1.5), (3.75, 0.12), (4.2, 0.12)),
            ((2.6, 1.0), (3.5, 1.42), (3.6, 0.12), (4.05, 0.12)),
        ),
        ghosts=(((1.0, 0.18), (2.6, 0.2)),),
        arrow=((2.35, 0.3), (2.35, 0.95)),
        anchors={"straight_line": (1.8, 0.62), "feet_flat": (3.9, 0.12)},
        offsets={"straight_line": (-1.3, 1.4), "feet_flat": (-0.3, 1.9)},
    ),
    # ---- The desk break: standing figures, side view facing right unless noted. ----
    # Stand up and walk: mid-stride, arms swinging, walking away from the desk.
    "desk_walk": Pose(
        head=(2.25, 3.5),
        limbs=(
            ((2.2, 3.22), (2.1, 1.95)),  # trunk
            ((2.2, 3.05), (2.6, 2.4), (2.95, 2.05)),  # front arm
            ((2.2, 3.05), (1.85, 2.4), (1.55, 2.1)),  # back arm
            ((2.1, 1.95), (2.5, 1.05), (2.75, 0.12), (3.1, 0.12)),  # front leg
            ((2.1, 1.95), (1.85, 1.0), (1.45, 0.15), (1.7, 0.12)),  # back leg
        ),
        props=(((0.0, 1.65), (0.95, 1.65)), ((0.15, 1.65), (0.15, 0.0)), ((0.8, 1.65), (0.8, 0.0))),
        arrow=((3.2, 2.7), (4.4, 2.7)),
        anchors={},
        height=4.0,
    ),
    # Mini squat at the desk: hands on the desk, knees bent a little, back straight;
    # coming up again squeezes the glutes.
    "desk_squat": Pose(
        head=(2.02, 3.25),
        limbs=(
            ((1.95, 2.97), (1.65, 1.72)),  # trunk, leaning slightly forward from the hips
            ((1.95, 2.8), (2.5, 2.25), (3.35, 1.72)),  # arm to the desk
            ((1.65, 1.72), (2.3, 1.0), (2.0, 0.12), (2.45, 0.12)),  # bent legs
        ),
        ghosts=(((1.85, 1.95), (1.85, 1.0), (1.85, 0.12)),),
        props=(((3.2, 1.72), (4.7, 1.72)), ((3.4, 1.72), (3.4, 0.0)), ((4.5, 1.72), (4.5, 0.0))),
        arrow=((0.9, 1.0), (0.9, 2.0)),
        anchors={"squeeze": (1.55, 1.8)},
        offsets={"squeeze": (-0.9, 1.5)},
        height=4.0,
    ),
    # Standing hip extension: facing the desk, holding on, one straight leg moved back.
    "desk_hip_extension": Pose(
        head=(2.35, 3.48),
        limbs=(
            ((2.3, 3.2), (2.1, 1.95)),  # trunk, leaning very slightly forward
            ((2.3, 3.02), (2.8, 2.4), (3.35, 1.72)),  # arm to the desk
            ((2.1, 1.95), (2.15, 1.0), (2.15, 0.12), (2.6, 0.12)),  # standing leg
            ((2.1, 1.95), (1.45, 0.55), (1.15, 0.42)),  # straight leg moved back
        ),
        ghosts=(((2.1, 1.95), (2.0, 0.12)),),
        props=(((3.2, 1.72), (4.7, 1.72)), ((3.4, 1.72), (3.4, 0.0)), ((4.5, 1.72), (4.5, 0.0))),
        arrow=((1.85, 0.25), (1.05, 0.9)),
        anchors={"leg_back": (1.6, 0.85)},
        offsets={"leg_back": (-0.6, 1.9)},
        height=4.0,
    ),
    # Sideways leg lift, seen from the front: one hand on the desk, one leg out to the side.
    "desk_side_leg": Pose(
        head=(2.5, 3.5),
        limbs=(
            ((2.5, 3.22), (2.5, 1.95)),  # trunk
            ((2.1, 3.02), (2.9, 3.02)),  # shoulders
            ((2.1, 3.02), (1.75, 2.35), (1.45, 1.72)),  # arm to the desk
            ((2.9, 3.02), (3.05, 2.4), (3.1, 1.9)),  # other arm hanging
            ((2.3, 1.95), (2.7, 1.95)),  # hips
            ((2.3, 1.95), (2.3, 1.0), (2.3, 0.12)),  # standing leg
            ((2.7, 1.95), (3.25, 1.1), (3.7, 0.4)),  # leg lifted to the side
        ),
        ghosts=(((2.7, 1.95), (2.7, 0.12)),),
        props=(((0.0, 1.72), (1.6, 1.72)), ((0.2, 1.72), (0.2, 0.0)), ((1.4, 1.72), (1.4, 0.0))),
        arrow=((3.05, 0.2), (3.85, 0.85)),
        anchors={"leg_side": (3.45, 0.8)},
        offsets={"leg_side": (0.5, 1.8)},
        height=4.0,
    ),
    # Sit to stand: up from the chair using the legs, arms crossed; the seated start faint.
    "desk_sit_stand": Pose(
        head=(2.05, 3.48),
        limbs=(
            ((2.0, 3.2), (1.9, 1.95)),  # trunk
            ((2.0, 3.02), (2.4, 2.65), (2.05, 2.45)),  # arms crossed in front
            ((1.9, 1.95), (2.0, 1.0), (2.0, 0.12), (2.45, 0.12)),  # legs
        ),
        ghosts=(((1.2, 2.55), (1.2, 1.2), (2.1, 1.15), (2.15, 0.12)),),
        props=(
            ((0.6, 1.0), (1.6, 1.0)),  # seat
            ((0.65, 1.0), (0.65, 2.3)),  # backrest
            ((1.1, 1.0), (1.1, 0.0)),  # chair leg
        ),
        arrow=((2.75, 1.3), (2.75, 2.5)),
        anchors={"chair": (1.35, 1.0)},
        offsets={"chair": (-0.6, -0.5)},
        height=4.0,
    ),
}


def picture_key(picture: str, language: str, title: str, labels: Mapping[str, str]) -> str:
    """Stable name of one rendering: picture, language, drawing version and texts."""
    digest = hashlib.sha256(
        repr((DRAWING_VERSION, POSES[picture], title, sorted(labels.items()))).encode()
    ).hexdigest()[:12]
    return f"{picture}-{language}-{digest}"


def render_png(picture: str, title: str, labels: Mapping[str, str], path: Path) -> None:
    """Draw one picture to `path` (blocking: call it in a worker thread)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Circle

    pose = POSES[picture]
    figure = Figure(figsize=(8, 5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_xlim(-0.3, pose.width)
    axes.set_ylim(-0.35, pose.height)
    axes.set_aspect("equal")
    axes.axis("off")
    axes.set_title(title, fontsize=20, fontweight="bold", color="#1f3b57")
    axes.plot([-0.3, pose.width], [0, 0], color="#8a6d3b", linewidth=3)  # the floor
    axes.fill_between([-0.3, pose.width], -0.35, 0, color="#eadfcb")
    for prop in pose.props:
        xs, ys = zip(*prop, strict=True)
        axes.plot(xs, ys, color="#9aa5b1", linewidth=6, solid_capstyle="round")
    for ghost in pose.ghosts:
        xs, ys = zip(*ghost, strict=True)
        axes.plot(xs, ys, color="#b8c4cf", linewidth=7, linestyle="--", solid_capstyle="round")
    for limb in pose.limbs:
        xs, ys = zip(*limb, strict=True)
        axes.plot(xs, ys, color="#1f3b57", linewidth=9, solid_capstyle="round")
        axes.plot(xs, ys, "o", color="#1f3b57", markersize=10)
    axes.add_patch(Circle(pose.head, 0.28, color="#1f3b57"))
    start, end = pose.arrow
    axes.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops={"arrowstyle": "-|>", "color": "#d9480f", "lw": 4, "mutation_scale": 30},
    )
    for name, text in labels.items():
        anchor = pose.anchors[name]
        dx, dy = pose.offsets.get(name, (0.0, 0.8))
        axes.annotate(
            text,
            xy=anchor,
            xytext=(anchor[0] + dx, anchor[1] + dy),
            fontsize=14,
            color="#2b8a3e",
            fontweight="bold",
            ha="center",
            arrowprops={"arrowstyle": "->", "color": "#2b8a3e", "lw": 2},
            bbox={"boxstyle": "round", "fc": "white", "ec": "#2b8a3e"},
        )
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    figure.savefig(partial, format="png")
    os.replace(partial, path)


async def picture_file(
    key: str,
    picture: str,
    title: str,
    labels: Mapping[str, str],
    cache_dir: Path,
) -> Path:
    """The cached PNG for `key` in `cache_dir`, drawn in a worker thread the first time."""
    path = cache_dir / f"{key}.png"
    if not path.exists():
        await in_thread(render_png, picture, title, labels, path)
    return path


UNKNOWN_FILE_ID = ("wrong file identifier", "wrong remote file identifier", "file reference")
"""How Telegram refuses a file id it does not know (another token, or a dropped file)."""


def is_unknown_file_id(error: str) -> bool:
    """Whether a Bad Request means the stored file id is no good and the file must be sent."""
    lowered = error.lower()
    return any(fragment in lowered for fragment in UNKNOWN_FILE_ID)
