"""The progress picture of /stats and the weekly summary, painted with Pillow.

`chart_texts` gathers the words (catalogue, Babel), `chart_layout.lay_out` decides where each
box and text goes, and this module only paints that list. Pillow draws the picture in about
a tenth of the time matplotlib took (`python -m bench.summary_render`), which is what bounds
how fast one process sends a time zone's weekly summaries. It is CPU-bound and holds no
shared state but per-thread fonts: call it in a worker thread
(`await in_thread(render_png, …)`, which first commits the update, see `bot.threads`).
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageColor, ImageDraw

from bot.render.chart_fonts import font
from bot.render.chart_layout import PANEL, Box, Layout, Line, Text, lay_out
from bot.render.chart_model import chart_model
from bot.render.chart_texts import ChartTexts, chart_texts
from coach.services.progress import StatsView

__all__ = ["ChartTexts", "chart_texts", "paint", "render_png"]

SMOOTH = 4
"""Round shapes and slanted lines are drawn this many times larger, then scaled down: Pillow
draws them without anti-aliasing, and a jagged pain line looks broken on a sharp phone."""

PNG_COMPRESSION = 1
"""zlib level: a palette picture of flat colours is as small at 1 as at 6 (43 vs 35 kB)."""
BLENDS = 8
"""Shades between each colour and each background kept in the palette: the edges of
anti-aliased letters and lines."""
BACKGROUNDS = ("#ffffff", PANEL)
LETTERING_CACHE = 400
"""Text masks kept per thread (a few kB each)."""

_letters = threading.local()


def render_png(stats: StatsView, labels: ChartTexts) -> bytes:
    """The picture as PNG bytes (CPU-bound; call it in a thread)."""
    return paint(lay_out(chart_model(stats), labels))


def paint(layout: Layout) -> bytes:
    image = Image.new("RGB", (layout.width, layout.height), "white")
    draw = ImageDraw.Draw(image)
    for item in layout.items:
        if isinstance(item, Text):
            mask, (left, top) = _lettering(item.text, item.size, item.bold)
            x, y = round(item.x) + left, round(item.y) + top
            image.paste(item.colour, (x, y, x + mask.width, y + mask.height), mask)
        elif isinstance(item, Line):
            _smooth_line(image, item)
        elif item.ellipse:
            _smooth_ellipse(image, item)
        else:
            box = item.box
            corners = (round(box.left), round(box.top), round(box.right) - 1, round(box.bottom) - 1)
            if item.radius:
                draw.rounded_rectangle(corners, item.radius, fill=item.fill)
            else:
                draw.rectangle(corners, fill=item.fill)
    # A palette PNG encodes five times faster than an RGB one (Pillow tries five filters on
    # every RGB row); the palette holds every colour drawn and its blends with the backgrounds.
    colours = {item.colour for item in layout.items if isinstance(item, Text | Line)}
    for item in layout.items:
        if isinstance(item, Box):
            colours.update(colour for colour in (item.fill, item.outline) if colour)
    palette = _palette(tuple(sorted(colours)))
    paletted = image.quantize(palette=palette.image, dither=Image.Dither.NONE)
    paletted.putpalette(palette.exact)
    buffer = io.BytesIO()
    paletted.save(buffer, format="PNG", compress_level=PNG_COMPRESSION)
    return buffer.getvalue()


@dataclass(frozen=True)
class _Palette:
    image: Image.Image
    """What `quantize` maps to: the nearest entry, as Pillow's lookup finds it."""
    exact: list[int]
    """The same entries, but each drawn colour exactly where its pixels land: the lookup
    matches at a precision of 4 levels a channel, so white would land on a near-white blend."""


@cache
def _palette(colours: tuple[str, ...]) -> _Palette:
    """The backgrounds, `colours`, and BLENDS - 1 shades from each colour to each background."""
    base = list(dict.fromkeys(ImageColor.getrgb(c)[:3] for c in (*BACKGROUNDS, *colours)))
    entries: list[tuple[int, ...]] = list(base)
    for fg in base:
        for bg in base[: len(BACKGROUNDS)]:
            for step in range(1, BLENDS):
                share = step / BLENDS
                entries.append(
                    tuple(round(f * share + b * (1 - share)) for f, b in zip(fg, bg, strict=True))
                )
    entries = list(dict.fromkeys(entries))[:256]
    image = Image.new("P", (1, 1))
    image.putpalette([channel for entry in entries for channel in entry])
    exact = list(image.getpalette() or [])
    swatch = Image.new("RGB", (len(base), 1))
    swatch.putdata(base)
    landed = swatch.quantize(palette=image, dither=Image.Dither.NONE)
    for x, colour in enumerate(base):
        index = landed.getpixel((x, 0))
        assert isinstance(index, int)
        exact[3 * index : 3 * index + 3] = colour
    return _Palette(image, exact)


def _lettering(text: str, size: int, bold: bool) -> tuple[Image.Image, tuple[int, int]]:
    """The anti-aliased letters of `text` as a mask, and its offset from the line's top left.

    Most texts repeat from picture to picture (titles, axis numbers, this week's dates), so
    each thread keeps the last few hundred: drawing letters was half of a picture's time.
    """
    cache: dict[tuple[str, int, bool], tuple[Image.Image, tuple[int, int]]] | None = getattr(
        _letters, "cache", None
    )
    if cache is None or len(cache) >= LETTERING_CACHE:
        cache = _letters.cache = {}
    key = (text, size, bold)
    found = cache.get(key)
    if found is None:
        face = font(size, bold=bold)
        left, top, right, bottom = (int(v) for v in face.getbbox(text, anchor="la"))
        mask = Image.new("L", (max(right - left, 1), max(bottom - top, 1)), 0)
        ImageDraw.Draw(mask).text((-left, -top), text, fill=255, font=face, anchor="la")
        found = cache[key] = (mask, (left, top))
    return found


def _stamp(image: Image.Image, left: int, top: int, mask: Image.Image, colour: str) -> None:
    """Fill `colour` through `mask` (drawn SMOOTH times larger) at (left, top)."""
    small = mask.resize((mask.width // SMOOTH, mask.height // SMOOTH), Image.Resampling.BOX)
    image.paste(colour, (left, top, left + small.width, top + small.height), small)


def _smooth_line(image: Image.Image, line: Line) -> None:
    pad = line.width
    left, top = int(line.box.left) - pad, int(line.box.top) - pad
    width = int(line.box.right) + pad - left + 1
    height = int(line.box.bottom) + pad - top + 1
    mask = Image.new("L", (width * SMOOTH, height * SMOOTH), 0)
    points = [((x - left) * SMOOTH, (y - top) * SMOOTH) for x, y in line.points]
    ImageDraw.Draw(mask).line(points, fill=255, width=line.width * SMOOTH, joint="curve")
    _stamp(image, left, top, mask, line.colour)


def _smooth_ellipse(image: Image.Image, item: Box) -> None:
    box = item.box
    left, top = int(box.left), int(box.top)
    width, height = int(box.right) - left + 1, int(box.bottom) - top + 1
    size = (width * SMOOTH, height * SMOOTH)
    inner = (
        (box.left - left) * SMOOTH,
        (box.top - top) * SMOOTH,
        (box.right - left) * SMOOTH - 1,
        (box.bottom - top) * SMOOTH - 1,
    )
    if item.outline is not None:
        outer = Image.new("L", size, 0)
        ImageDraw.Draw(outer).ellipse(inner, fill=255)
        _stamp(image, left, top, outer, item.outline)
        ring = item.outline_width * SMOOTH
        inner = (inner[0] + ring, inner[1] + ring, inner[2] - ring, inner[3] - ring)
    if item.fill is not None:
        mask = Image.new("L", size, 0)
        ImageDraw.Draw(mask).ellipse(inner, fill=255)
        _stamp(image, left, top, mask, item.fill)
