"""The charts' typeface: DejaVu Sans, as shipped inside matplotlib (already a dependency).

DejaVu covers what the catalogues write (ä ö ü ß é à, “ ” „ “, – → ·). Its files are found
without importing matplotlib (that import costs most of a second and pulls in numpy): the
package's folder is enough. Fonts are cached per thread, since a FreeType face must not be
used by two threads at once and pictures are drawn in worker threads.
"""

from __future__ import annotations

import importlib.util
import threading
from functools import cache
from pathlib import Path

from PIL import ImageFont

Font = ImageFont.FreeTypeFont

_local = threading.local()


@cache
def font_folder() -> Path:
    """matplotlib's ``mpl-data/fonts/ttf`` (what ``matplotlib.get_data_path()`` points into)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed: the charts' font comes with it")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def font_path(*, bold: bool = False) -> Path:
    return font_folder() / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


def font(size: int, *, bold: bool = False) -> Font:
    """DejaVu Sans at `size` pixels (em height), loaded once per thread."""
    fonts: dict[tuple[int, bool], Font] | None = getattr(_local, "fonts", None)
    if fonts is None:
        fonts = _local.fonts = {}
    key = (size, bold)
    loaded = fonts.get(key)
    if loaded is None:
        loaded = fonts[key] = ImageFont.truetype(str(font_path(bold=bold)), size)
    return loaded
