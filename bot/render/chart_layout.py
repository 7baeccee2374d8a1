"""Where everything on the progress picture goes: a list of boxes, texts and lines.

Layout is kept apart from painting so a test can check the geometry itself: the smallest
text against the width, legends clear of bars, no text over another text or over data. The
picture is a phone's portrait (1080 × 1440, the 3:4 of a phone camera's photo): Telegram
shows it at the width of the chat, so 1/30 of the width (36 px) is the smallest text, the
size of a chat message's letters. What matters most comes first: four headline numbers, then
the charts.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from bot.render.chart_fonts import font
from bot.render.chart_model import ChartModel
from bot.render.chart_texts import ChartTexts, Tile, Tone, Welcome, Written

WIDTH = 1080
HEIGHT = 1440
WELCOME_HEIGHT = 1080
MARGIN = 48
SMALL = WIDTH // 30
"""The smallest text: readable at a phone's width without zooming in."""
TITLE = 40
VALUE = 68
HEADLINE = 66
BODY = 40
GAP = 36
TILE_GAP = 24
TILE_PAD = 20
PAIN_TOP = 10
POINT_RADIUS = 12
PAIN_TICKS = (0, 5, 10)
LABEL_GAP = POINT_RADIUS + 2
"""From a plot's foot to its date labels: clear of a point at 0."""

INK = "#1d2d35"
MUTED = "#4f5d66"
PANEL = "#edf4f3"
GRID = "#d9e0e3"
PROMPTED = "#b9c2c8"
TAKEN = "#2a9d8f"
PAIN = "#e76f51"
TONES = {Tone.PLAIN: INK, Tone.GOOD: "#1f7a6f", Tone.WORSE: "#b8472a"}
EXERCISE_COLOURS = ("#2a9d8f", "#e9c46a", "#f4a261", "#e76f51", "#264653")


class Role(Enum):
    PANEL = "panel"
    """A background: tiles, the welcome's day circles."""
    GRID = "grid"
    BAR = "bar"
    LEGEND_KEY = "legend_key"
    LINE = "line"
    POINT = "point"
    TEXT = "text"


@dataclass(frozen=True)
class Rect:
    left: float
    top: float
    right: float
    bottom: float

    def intersects(self, other: Rect) -> bool:
        """Sharing area, not just an edge."""
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def inside(self, other: Rect) -> bool:
        return (
            other.left <= self.left
            and self.right <= other.right
            and other.top <= self.top
            and self.bottom <= other.bottom
        )


@dataclass(frozen=True)
class Box:
    """A filled rectangle (rounded when `radius`) or, with `ellipse`, the ellipse inside it."""

    box: Rect
    role: Role
    fill: str | None
    outline: str | None = None
    outline_width: int = 0
    radius: int = 0
    ellipse: bool = False


@dataclass(frozen=True)
class Text:
    text: str
    x: float
    y: float
    """The top of the line (the font's ascent above the baseline)."""
    size: int
    bold: bool
    colour: str
    box: Rect
    role: Role = Role.TEXT


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    colour: str
    width: int
    box: Rect
    role: Role = Role.LINE


Item = Box | Text | Line


@dataclass
class Layout:
    width: int
    height: int
    items: list[Item] = field(default_factory=list)
    legends: list[Rect] = field(default_factory=list)
    """Each legend entry's whole box: its colour key and its label."""

    def boxes(self, role: Role) -> list[Rect]:
        return [item.box for item in self.items if item.role is role]

    @property
    def texts(self) -> list[Text]:
        return [item for item in self.items if isinstance(item, Text)]


# ---- text measuring --------------------------------------------------------------------------


def line_height(size: int, *, bold: bool = False) -> int:
    ascent, descent = font(size, bold=bold).getmetrics()
    return int(ascent + descent)


def text_width(text: str, size: int, *, bold: bool = False) -> float:
    return float(font(size, bold=bold).getlength(text))


def wrap(text: str, size: int, width: float, *, bold: bool = False) -> list[str]:
    """Greedy word wrap at spaces (a no-break space holds "10 clamshells" together); a
    single word wider than `width` keeps a line of its own."""
    lines: list[str] = []
    for word in filter(None, text.split(" ")):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, size, bold=bold) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [""]


def fitted(text: str, size: int, width: float, smallest: int) -> int:
    """The largest size from `size` down to `smallest` at which `text` fits on one line."""
    while size > smallest and text_width(text, size, bold=True) > width:
        size -= 2
    return size


class _Builder:
    def __init__(self, width: int, height: int) -> None:
        self.layout = Layout(width, height)

    def add(self, item: Item) -> Item:
        self.layout.items.append(item)
        return item

    def text(
        self,
        text: str,
        x: float,
        y: float,
        size: int,
        *,
        bold: bool = False,
        colour: str = INK,
        align: str = "left",
    ) -> Text:
        width = text_width(text, size, bold=bold)
        if align == "centre":
            x -= width / 2
        elif align == "right":
            x -= width
        box = Rect(x, y, x + width, y + line_height(size, bold=bold))
        item = Text(text, x, y, size, bold, colour, box)
        self.add(item)
        return item

    def lines(
        self,
        lines: Sequence[str],
        x: float,
        y: float,
        size: int,
        *,
        bold: bool = False,
        colour: str = INK,
        align: str = "left",
    ) -> float:
        """Each line below the last; returns the bottom of the last line."""
        for line in lines:
            y = self.text(line, x, y, size, bold=bold, colour=colour, align=align).box.bottom
        return y

    def rect(self, box: Rect, role: Role, fill: str, *, radius: int = 0) -> None:
        self.add(Box(box, role, fill, radius=radius))


# ---- the charts picture ----------------------------------------------------------------------


def lay_out(model: ChartModel, texts: ChartTexts) -> Layout:
    if texts.welcome is not None:
        return _welcome(texts.welcome)
    builder = _Builder(WIDTH, HEIGHT)
    y = _tiles(builder, texts.tiles, MARGIN)

    reps_legend = [
        (name, EXERCISE_COLOURS[n % len(EXERCISE_COLOURS)])
        for n, name in enumerate(texts.exercises[ex] for ex in model.reps)
    ]
    breaks_legend = [(texts.prompted, PROMPTED), (texts.taken, TAKEN)]
    headers = [
        (texts.reps, reps_legend),
        (texts.breaks, breaks_legend),
        (texts.pain, []),
    ]
    header_heights = [_header(None, title, legend, 0) for title, legend in headers]
    label_row = line_height(SMALL) + LABEL_GAP + 4
    free = HEIGHT - 30 - (y + GAP) - sum(header_heights) - 3 * label_row - 2 * GAP
    weights = (3, 2, 2)
    plot_heights = [free * w / sum(weights) for w in weights]

    # As many steps as fit the plot's height with a line of air between their numbers: a
    # long legend (Italian wraps to three lines) leaves a shorter plot.
    fitting = int(plot_heights[0] // (1.5 * line_height(SMALL)))
    reps_ticks = _ticks(
        max((sum(day) for day in zip(*model.reps.values(), strict=True)), default=0),
        most=max(1, min(3, fitting)),
    )
    # One left edge for all three plots, so the weeks of the two lower charts line up.
    axis_labels = [_number(value, texts.locale) for value in (*reps_ticks, *PAIN_TICKS)]
    left = MARGIN + max(text_width(label, SMALL) for label in axis_labels) + 14
    right = WIDTH - MARGIN

    y += GAP
    tops = []
    for (title, legend), height, plot_height in zip(
        headers, header_heights, plot_heights, strict=True
    ):
        _header(builder, title, legend, y)
        tops.append(y + height)
        y += height + plot_height + label_row + GAP
    _reps(builder, model, texts, Rect(left, tops[0], right, tops[0] + plot_heights[0]), reps_ticks)
    _breaks(builder, model, texts, Rect(left, tops[1], right, tops[1] + plot_heights[1]))
    _pain(builder, model, texts, Rect(left, tops[2], right, tops[2] + plot_heights[2]))
    return builder.layout


def _number(value: float, locale: str) -> str:
    return Written(locale).number(value)


def _tiles(builder: _Builder, tiles: Sequence[Tile], top: float) -> float:
    """Two tiles a row; a row is as tall as its taller tile. Returns the bottom."""
    width = (WIDTH - 2 * MARGIN - TILE_GAP) / 2
    inner = width - 2 * TILE_PAD
    y = top
    for row in range(0, len(tiles), 2):
        pair = tiles[row : row + 2]
        titles = [wrap(tile.title, SMALL, inner) for tile in pair]
        sizes = [fitted(tile.value, VALUE, inner, SMALL + 4) for tile in pair]
        height = 2 * TILE_PAD + max(
            len(lines) * line_height(SMALL) + 4 + line_height(VALUE, bold=True) for lines in titles
        )
        for column, (tile, lines, size) in enumerate(zip(pair, titles, sizes, strict=True)):
            x = MARGIN + column * (width + TILE_GAP)
            builder.rect(Rect(x, y, x + width, y + height), Role.PANEL, PANEL, radius=22)
            bottom = builder.lines(lines, x + TILE_PAD, y + TILE_PAD, SMALL, colour=MUTED)
            # Values of every size sit on one baseline at the tile's foot.
            value_top = y + height - TILE_PAD - line_height(VALUE, bold=True)
            ascent_gap = (
                font(VALUE, bold=True).getmetrics()[0] - font(size, bold=True).getmetrics()[0]
            )
            builder.text(
                tile.value,
                x + TILE_PAD,
                max(bottom + 4, value_top + ascent_gap),
                size,
                bold=True,
                colour=TONES[tile.tone],
            )
        y += height + TILE_GAP
    return y - TILE_GAP


def _header(
    builder: _Builder | None, title: str, legend: Sequence[tuple[str, str]], top: float
) -> float:
    """A chart's title, then its legend entries flowing after it; returns the height.

    With `builder` None it only measures. The legend sits above the plot, never on the data.
    """
    width = WIDTH - 2 * MARGIN
    titles = wrap(title, TITLE, width, bold=True)
    row = line_height(TITLE, bold=True)
    y = top
    x: float = MARGIN
    for line in titles:
        if builder is not None:
            builder.text(line, MARGIN, y, TITLE, bold=True)
        x = MARGIN + text_width(line, TITLE, bold=True)
        y += row
    y -= row  # legend entries may continue the title's last line
    key = SMALL * 0.7
    baseline_gap = font(TITLE, bold=True).getmetrics()[0] - font(SMALL).getmetrics()[0]
    for label, colour in legend:
        entry = key + 10 + text_width(label, SMALL)
        x += 30
        if x + entry > MARGIN + width:
            x, y = MARGIN, y + row
        if builder is not None:
            text_top = y + baseline_gap
            key_top = text_top + (line_height(SMALL) - key) / 2
            builder.rect(Rect(x, key_top, x + key, key_top + key), Role.LEGEND_KEY, colour)
            label_box = builder.text(label, x + key + 10, text_top, SMALL, colour=MUTED).box
            builder.layout.legends.append(Rect(x, key_top, label_box.right, label_box.bottom))
        x += entry
    return y + row + 12 - top


def _ticks(highest: int, most: int = 3) -> list[int]:
    """0 and at most `most` round steps (1, 2, 5 × 10ⁿ) up to `highest` or just above."""
    if highest <= 0:
        return [0]
    steps = (m * 10**n for n in range(12) for m in (1, 2, 5))
    step = next(step for step in steps if step * most >= highest)
    return [step * i for i in range(math.ceil(highest / step) + 1)]


def _x_label(
    builder: _Builder, label: str, centre: float, top: float, *, bold: bool = False
) -> None:
    width = text_width(label, SMALL, bold=bold)
    x = min(max(centre - width / 2, MARGIN), WIDTH - MARGIN - width)
    builder.text(label, x, top, SMALL, bold=bold, colour=INK if bold else MUTED)


def _reps(
    builder: _Builder, model: ChartModel, texts: ChartTexts, plot: Rect, ticks: list[int]
) -> None:
    count = len(model.days)
    slot = (plot.right - plot.left) / count
    bar = max(slot * 0.72, 2)
    has_reps = any(any(per_day) for per_day in model.reps.values())
    if has_reps:
        scale = (plot.bottom - plot.top - line_height(SMALL) / 2) / ticks[-1]
        builder.rect(Rect(plot.left, plot.bottom - 1, plot.right, plot.bottom + 1), Role.GRID, GRID)
        for value in ticks[1:]:  # no "0": the first day's date sits below the axis's foot
            y = plot.bottom - value * scale
            builder.rect(Rect(plot.left, y - 1, plot.right, y + 1), Role.GRID, GRID)
            label = _number(value, texts.locale)
            builder.text(
                label,
                plot.left - 14,
                y - line_height(SMALL) / 2,
                SMALL,
                colour=MUTED,
                align="right",
            )
        for i in range(count):
            x = plot.left + i * slot + (slot - bar) / 2
            bottom = plot.bottom
            for n, per_day in enumerate(model.reps.values()):
                if per_day[i]:
                    top = bottom - per_day[i] * scale
                    colour = EXERCISE_COLOURS[n % len(EXERCISE_COLOURS)]
                    builder.rect(Rect(x, top, x + bar, bottom), Role.BAR, colour)
                    bottom = top
    else:
        builder.rect(Rect(plot.left, plot.bottom - 1, plot.right, plot.bottom + 1), Role.GRID, GRID)
        middle = (plot.top + plot.bottom) / 2 - line_height(SMALL) / 2
        builder.text(
            texts.no_reps, (plot.left + plot.right) / 2, middle, SMALL, colour=MUTED, align="centre"
        )
    for i in range(model.today_index + 1, count):  # the days still ahead: an empty slot
        x = plot.left + i * slot + (slot - bar) / 2
        builder.rect(Rect(x, plot.bottom - 8, x + bar, plot.bottom), Role.GRID, GRID)
    for i, label in texts.day_labels.items():
        _x_label(
            builder,
            label,
            plot.left + (i + 0.5) * slot,
            plot.bottom + LABEL_GAP,
            bold=i == model.today_index and len(model.days) <= 7,
        )


def _breaks(builder: _Builder, model: ChartModel, texts: ChartTexts, plot: Rect) -> None:
    count = len(model.weeks)
    slot = (plot.right - plot.left) / count
    bar = min(slot * 0.3, 120)
    label = line_height(SMALL)
    highest = max(*model.breaks_prompted, *model.breaks_taken, 1)
    scale = (plot.bottom - plot.top - label - 6) / highest
    builder.rect(Rect(plot.left, plot.bottom - 1, plot.right, plot.bottom + 1), Role.GRID, GRID)
    for i in range(count):
        centre = plot.left + (i + 0.5) * slot
        for value, x, colour in (
            (model.breaks_prompted[i], centre - 8 - bar, PROMPTED),
            (model.breaks_taken[i], centre + 8, TAKEN),
        ):
            top = plot.bottom - value * scale
            if value:
                builder.rect(Rect(x, top, x + bar, plot.bottom), Role.BAR, colour)
            builder.text(
                _number(value, texts.locale),
                x + bar / 2,
                top - label - 4,
                SMALL,
                colour=INK,
                align="centre",
            )
        _x_label(builder, texts.week_labels[i], centre, plot.bottom + LABEL_GAP)


def _pain(builder: _Builder, model: ChartModel, texts: ChartTexts, plot: Rect) -> None:
    count = len(model.weeks)
    slot = (plot.right - plot.left) / count
    scale = (plot.bottom - plot.top - PAIN_TOP) / 10
    for value in PAIN_TICKS:
        y = plot.bottom - value * scale
        builder.rect(Rect(plot.left, y - 1, plot.right, y + 1), Role.GRID, GRID)
        builder.text(
            _number(value, texts.locale),
            plot.left - 14,
            y - line_height(SMALL) / 2,
            SMALL,
            colour=MUTED,
            align="right",
        )
    points = [
        (plot.left + (i + 0.5) * slot, plot.bottom - value * scale, i)
        for i, value in enumerate(model.pain)
        if value is not None
    ]
    for i in range(count):
        _x_label(
            builder, texts.week_labels[i], plot.left + (i + 0.5) * slot, plot.bottom + LABEL_GAP
        )
    if not points:
        # Between the 5 and 10 lines, clear of both.
        middle = plot.bottom - 7.5 * scale - line_height(SMALL) / 2
        builder.text(
            texts.no_pain, (plot.left + plot.right) / 2, middle, SMALL, colour=MUTED, align="centre"
        )
        return
    segments = list(itertools.pairwise(points))
    if segments:
        xs = [x for x, _, _ in points]
        ys = [y for _, y, _ in points]
        builder.add(
            Line(
                tuple((x, y) for x, y, _ in points),
                PAIN,
                6,
                Rect(min(xs), min(ys), max(xs), max(ys)),
            )
        )
    radius = POINT_RADIUS
    for x, y, _ in points:
        builder.add(
            Box(
                Rect(x - radius, y - radius, x + radius, y + radius), Role.POINT, PAIN, ellipse=True
            )
        )
    height = line_height(SMALL)
    for x, y, i in points:
        label = texts.pain_labels[i] or ""
        width = text_width(label, SMALL, bold=True)
        above = Rect(x - width / 2, y - radius - 6 - height, x + width / 2, y - radius - 6)
        below = Rect(x - width / 2, y + radius + 4, x + width / 2, y + radius + 4 + height)
        lines = [((a[0], a[1]), (b[0], b[1])) for a, b in segments]
        choice = next(
            (
                place
                for place in (above, below)
                if place.top >= plot.top - 4
                and place.bottom <= plot.bottom
                and not any(_crosses(place, *segment) for segment in lines)
            ),
            above if y - plot.top > height else below,
        )
        builder.text(label, choice.left, choice.top, SMALL, bold=True, colour=INK)


def _crosses(box: Rect, a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether the segment a-b passes through `box` (sampled; the boxes are text-sized)."""
    steps = 64
    for k in range(steps + 1):
        x = a[0] + (b[0] - a[0]) * k / steps
        y = a[1] + (b[1] - a[1]) * k / steps
        if box.left - 3 <= x <= box.right + 3 and box.top - 3 <= y <= box.bottom + 3:
            return True
    return False


# ---- the welcome picture ---------------------------------------------------------------------


def _welcome(welcome: Welcome) -> Layout:
    """An empty history: a friendly headline, the seven days ahead from today, what to do."""
    builder = _Builder(WIDTH, WELCOME_HEIGHT)
    width = WIDTH - 2 * MARGIN
    headline = wrap(welcome.headline, HEADLINE, width, bold=True)
    body = wrap(welcome.body, BODY, width)
    circle = 104
    strip = circle + 12 + line_height(SMALL)
    total = (
        len(headline) * line_height(HEADLINE, bold=True)
        + 64
        + strip
        + 64
        + len(body) * line_height(BODY)
    )
    y = (WELCOME_HEIGHT - total) / 2
    y = builder.lines(headline, WIDTH / 2, y, HEADLINE, bold=True, align="centre") + 64
    slot = width / 7
    for day, name in enumerate(welcome.days):
        centre = MARGIN + (day + 0.5) * slot
        today = day == 0
        ring = Rect(centre - circle / 2, y, centre + circle / 2, y + circle)
        builder.add(
            Box(
                ring,
                Role.PANEL,
                TAKEN if today else PANEL,
                outline=None if today else GRID,
                outline_width=0 if today else 4,
                ellipse=True,
            )
        )
        builder.text(
            name,
            centre,
            y + circle + 12,
            SMALL,
            bold=today,
            colour=INK if today else MUTED,
            align="centre",
        )
    y += strip + 64
    builder.lines(body, WIDTH / 2, y, BODY, colour=INK, align="centre")
    return builder.layout
