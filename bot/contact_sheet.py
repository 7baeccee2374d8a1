"""`python -m bot.contact_sheet [FOLDER]` (`make pictures`): every exercise picture, to look at.

Writes into FOLDER (default `build/pictures/`) each exercise animation (GIF) for every side
and language, its frames and its first frame (the still) as PNG, and `overview.png`: the start
and end position of every exercise in English, as its walkthrough first shows it (plus the
chart samples, when the charts module is there), so a change to a pose or a drawing is
reviewed by eye before it ships.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final, cast

from PIL import Image, ImageDraw

from bot import pictures
from bot.render.chart_fonts import font
from bot.texts import load_catalogue as load_texts
from coach import languages
from coach.catalogue import Exercise, load_catalogue

DEFAULT_FOLDER: Final = Path("build/pictures")
CHARTS_MODULE: Final = "bot.render.chart_samples"
TILE: Final = (320, 240)
CAPTION: Final = 30
COLUMNS: Final = 4


def _sides(exercise: Exercise) -> Sequence[str | None]:
    return exercise.sides or (None,)


def write_animations(folder: Path) -> list[tuple[str, Image.Image, Image.Image]]:
    """Every animation, its frames and its still; returns (caption, start, end) in English."""
    texts = load_texts()
    catalogue = load_catalogue()
    shown: list[tuple[str, Image.Image, Image.Image]] = []
    for exercise in catalogue.exercises.values():
        for side in _sides(exercise):
            for language in languages.available():
                title = texts.text(language, exercise.name_key)
                labels = {n: texts.text(language, k) for n, k in exercise.label_keys.items()}
                drawn = pictures.animation(exercise.picture, side, title, labels)
                stem = f"{exercise.id}-{side or 'both'}-{language}"
                (folder / f"{stem}.gif").write_bytes(pictures.gif_bytes(drawn))
                drawn.frames[0].save(folder / f"{stem}-still.png")
                frames = folder / "frames"
                frames.mkdir(exist_ok=True)
                for number, frame in enumerate(drawn.frames[: pictures.FRAMES], start=1):
                    frame.save(frames / f"{stem}-{number:02d}.png")
                if language == "en" and side == (exercise.sides or (None,))[0]:
                    caption = f"{exercise.id}" + (f" ({side})" if side else "")
                    end = drawn.frames[pictures.FRAMES - 1]
                    shown.append((caption, drawn.frames[0], end))
    return shown


def chart_samples(folder: Path) -> list[Path]:
    """The chart samples of `bot.render.chart_samples`, when that module exists."""
    if importlib.util.find_spec(CHARTS_MODULE) is None:
        return []
    module = importlib.import_module(CHARTS_MODULE)
    write = cast(Callable[[Path], list[Path]], module.write_chart_samples)
    charts = folder / "charts"
    charts.mkdir(exist_ok=True)
    return [path for path in write(charts) if path.suffix == ".png"]


def _fit(image: Image.Image) -> Image.Image:
    """``image`` scaled into one tile, centred on white."""
    tile = Image.new("RGB", TILE, "white")
    copy = image.convert("RGB")
    copy.thumbnail(TILE, Image.Resampling.LANCZOS)
    tile.paste(copy, ((TILE[0] - copy.width) // 2, (TILE[1] - copy.height) // 2))
    return tile


def overview(
    shown: Sequence[tuple[str, Image.Image, Image.Image]], charts: Sequence[Path]
) -> Image.Image:
    """A grid: each exercise's start and end side by side under its name, then the charts."""
    cells: list[tuple[str, Image.Image]] = []
    for caption, start, end in shown:
        cells += [(f"{caption}: start", start), (f"{caption}: end", end)]
    cells += [(path.stem, Image.open(path)) for path in charts]
    rows = (len(cells) + COLUMNS - 1) // COLUMNS
    width, height = TILE[0], TILE[1] + CAPTION
    sheet = Image.new("RGB", (COLUMNS * width, rows * height), "white")
    pen = ImageDraw.Draw(sheet)
    face = font(15, bold=True)
    for index, (caption, image) in enumerate(cells):
        x, y = index % COLUMNS * width, index // COLUMNS * height
        sheet.paste(_fit(image), (x, y + CAPTION))
        pen.text((x + width / 2, y + CAPTION / 2), caption, font=face, fill="black", anchor="mm")
        pen.rectangle([x, y, x + width - 1, y + height - 1], outline=(220, 220, 220))
    return sheet


def main(argv: Sequence[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    shown = write_animations(folder)
    charts = chart_samples(folder)
    sheet = overview(shown, charts)
    sheet.save(folder / "overview.png", optimize=True)
    # A smaller copy for docs/pictures-overview.png (kept under 300 KB in the repository).
    small = sheet.resize((sheet.width * 3 // 4, sheet.height * 3 // 4), Image.Resampling.LANCZOS)
    small.quantize(128, method=Image.Quantize.MEDIANCUT).save(
        folder / "overview-docs.png", optimize=True
    )
    print(f"{len(shown)} exercise animations and {len(charts)} charts in {folder}/overview.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
