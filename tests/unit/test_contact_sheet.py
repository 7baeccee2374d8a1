"""`make pictures`: the overview puts start and end side by side and takes the chart samples
when that module exists."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PIL import Image

from bot import contact_sheet

CHARTS = """
from pathlib import Path
from PIL import Image


def write_chart_samples(folder: Path) -> list[Path]:
    path = folder / "weekly.png"
    Image.new("RGB", (800, 500), "red").save(path)
    (folder / "notes.txt").write_text("not a picture")
    return [path, folder / "notes.txt"]
"""


def test_without_the_charts_module_there_are_no_chart_samples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contact_sheet, "CHARTS_MODULE", "no_such_chart_samples_module")
    assert contact_sheet.chart_samples(tmp_path) == []


def test_the_charts_module_writes_its_samples_into_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "src"
    package.mkdir()
    (package / "sample_charts_for_test.py").write_text(CHARTS)
    monkeypatch.syspath_prepend(str(package))
    monkeypatch.setattr(contact_sheet, "CHARTS_MODULE", "sample_charts_for_test")
    try:
        charts = contact_sheet.chart_samples(tmp_path)
    finally:
        sys.modules.pop("sample_charts_for_test", None)
    assert charts == [tmp_path / "charts" / "weekly.png"]  # PNGs only


def test_the_overview_shows_each_start_and_end_then_the_charts(tmp_path: Path) -> None:
    start, end = Image.new("RGB", (640, 480), "white"), Image.new("RGB", (640, 480), "black")
    chart = tmp_path / "chart.png"
    Image.new("RGB", (800, 500), (255, 0, 0)).save(chart)
    sheet = contact_sheet.overview([("bridge", start, end)] * 2, [chart])
    width, height = contact_sheet.TILE[0], contact_sheet.TILE[1] + contact_sheet.CAPTION
    assert sheet.size == (contact_sheet.COLUMNS * width, 2 * height)  # 5 cells, 4 a row

    def middle(cell: int) -> tuple[int, ...]:
        x = cell % contact_sheet.COLUMNS * width + width // 2
        y = cell // contact_sheet.COLUMNS * height + contact_sheet.CAPTION + height // 2
        return tuple(sheet.getpixel((x, y - contact_sheet.CAPTION // 2)))

    assert [middle(cell) for cell in range(5)] == [
        (255, 255, 255),
        (0, 0, 0),
        (255, 255, 255),
        (0, 0, 0),
        (255, 0, 0),
    ]
