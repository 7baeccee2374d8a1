"""Exercise animations: the body model moving start → end → start, as a looping GIF.

People would rather look than read (PRODUCT.md §2), so every exercise is a short silent
animation of a person doing it (`coach/data/poses.toml`, drawn by `bot.figure`): the first
frame is the start position with its labels, so it reads as a still too. The left side is the
right side's mirror image. Animations are drawn from data, never shipped as binaries,
rendered once per exercise, side and language into a cache folder (DATA_DIR/pictures,
private to the bot: a shared, predictable temp folder would let any local user plant
images), in a worker thread so the event loop keeps answering. The file name carries a hash
of the movement, the drawing and its texts: a changed label or pose is drawn afresh, and the
bot's stored Telegram file_id (keyed the same way) is not reused for an outdated animation.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from PIL import Image

from bot import figure
from bot.threads import in_thread
from coach.body_model import Side
from coach.poses import Movement, load_movements

DRAWING_VERSION: Final = 2
"""Part of every key: raise it when `bot.figure` draws differently, so no cached animation or
stored file id of the old drawing is sent again."""
FRAMES: Final = 16
"""Frames from the start pose to the end pose, both included; the way back reuses them."""
HOLD_START_MS: Final = 500
HOLD_END_MS: Final = 400
STEP_MS: Final = 60
COLOURS: Final = 64
"""One palette for every frame (no flicker); flat drawing needs few colours."""
NEAR_INK: Final = 12


@cache
def movements() -> Mapping[str, Movement]:
    """The shipped exercise movements, read once."""
    return load_movements()


def drawn_side(picture: str, side: str | None) -> Side | None:
    """The side a picture is drawn for: None for a movement without sides."""
    if movements()[picture].side is None or side is None:
        return None
    return "left" if side == "left" else "right"


def picture_key(
    picture: str, side: str | None, language: str, title: str, labels: Mapping[str, str]
) -> str:
    """Stable name of one rendering: movement, side, language, drawing version and texts."""
    movement = movements()[picture]
    digest = hashlib.sha256(
        repr(
            (
                DRAWING_VERSION,
                figure.WIDTH,
                figure.HEIGHT,
                FRAMES,
                movement,
                title,
                sorted(labels.items()),
            )
        ).encode()
    ).hexdigest()[:12]
    drawn = drawn_side(picture, side)
    return f"{picture}-{drawn[0] if drawn else 'x'}-{language}-{digest}"


@dataclass(frozen=True)
class Animation:
    """The frames of one animation and how long each is shown (milliseconds)."""

    frames: list[Image.Image]
    durations: list[int]
    """Per frame; the start and end positions are held a little longer."""


def animation(picture: str, side: str | None, title: str, labels: Mapping[str, str]) -> Animation:
    """Every frame, start → end → start (blocking: call it in a worker thread)."""
    movement = movements()[picture]
    frames = movement.frames(FRAMES)
    scene = figure.scene_for(movement, drawn_side(picture, side), frames)
    arrow = figure.arrow_path(scene, frames)
    near = figure.near_side(scene, frames)
    texts = figure.Texts(title, labels)
    there = [figure.draw(scene, frame, texts, arrow, near) for frame in frames]
    back = there[-2:0:-1]
    durations = [HOLD_START_MS, *[STEP_MS] * (FRAMES - 2), HOLD_END_MS, *[STEP_MS] * len(back)]
    return Animation([*there, *back], durations)


def gif_bytes(drawn: Animation) -> bytes:
    """The animation as a looping GIF with one shared palette."""
    width, height = drawn.frames[0].size
    # The palette from the start and the end position side by side: every colour shown.
    sample = Image.new("RGB", (width * 2, height))
    sample.paste(drawn.frames[0], (0, 0))
    sample.paste(drawn.frames[len(drawn.frames) // 2], (width, 0))
    shades = sample.quantize(COLOURS - len(figure.INKS), method=Image.Quantize.MEDIANCUT)
    # Pillow maps a colour to a near palette entry, not always the nearest: shades close to
    # an ink would take its place (white turning grey), so they make way for the inks.
    blends = [
        shade
        for shade in _triples(shades.getpalette() or [])
        if min(max(abs(a - b) for a, b in zip(shade, ink, strict=True)) for ink in figure.INKS)
        > NEAR_INK
    ]
    colours = [*figure.INKS, *blends][:256]
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    frames = [frame.quantize(palette=palette, dither=Image.Dither.NONE) for frame in drawn.frames]
    out = io.BytesIO()
    frames[0].save(
        out,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=drawn.durations,
        loop=0,
        disposal=1,
    )
    return out.getvalue()


def _triples(flat: list[int]) -> list[tuple[int, int, int]]:
    return [(flat[i], flat[i + 1], flat[i + 2]) for i in range(0, len(flat) - 2, 3)]


def render_gif(
    picture: str, side: str | None, title: str, labels: Mapping[str, str], path: Path
) -> None:
    """Draw one animation to `path` (blocking: call it in a worker thread)."""
    data = gif_bytes(animation(picture, side, title, labels))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, path)


async def animation_file(
    key: str,
    picture: str,
    side: str | None,
    title: str,
    labels: Mapping[str, str],
    cache_dir: Path,
) -> Path:
    """The cached GIF for `key` in `cache_dir`, drawn in a worker thread the first time."""
    path = cache_dir / f"{key}.gif"
    if not path.exists():
        await in_thread(render_gif, picture, side, title, labels, path)
    return path


UNKNOWN_FILE_ID = ("wrong file identifier", "wrong remote file identifier", "file reference")
"""How Telegram refuses a file id it does not know (another token, or a dropped file)."""


def is_unknown_file_id(error: str) -> bool:
    """Whether a Bad Request means the stored file id is no good and the file must be sent."""
    lowered = error.lower()
    return any(fragment in lowered for fragment in UNKNOWN_FILE_ID)
