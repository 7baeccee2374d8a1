"""Exercise pictures: stick figures drawn with matplotlib from pose data, cached as PNG files.

People would rather look than read (PRODUCT.md §2), so every exercise has one clear picture:
the body position as a stick figure on the floor, labelled key points and an arrow for the
movement. Pictures are drawn from the data below, never shipped as binaries, rendered once per
picture and language into a cache folder (DATA_DIR/pictures, private to the bot: a shared,
predictable temp folder would let any local user plant images), in a worker thread so the
event loop keeps answering. The file name carries a hash of the drawing and its texts: a
changed label or pose is drawn afresh, and the bot's stored Telegram file_id (keyed the
same way) is not reused for an outdated picture.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

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
        await asyncio.to_thread(render_png, picture, title, labels, path)
    return path


UNKNOWN_FILE_ID = ("wrong file identifier", "wrong remote file identifier", "file reference")
"""How Telegram refuses a file id it does not know (another token, or a dropped file)."""


def is_unknown_file_id(error: str) -> bool:
    """Whether a Bad Request means the stored file id is no good and the file must be sent."""
    lowered = error.lower()
    return any(fragment in lowered for fragment in UNKNOWN_FILE_ID)
