"""The progress picture (/stats, weekly summary): readable on a phone, nothing over the data,
dates in the reader's language, a welcome instead of an empty chart.

The layout is checked as geometry (`bot.render.chart_layout`): every text's size and box,
every bar, legend and point, before any pixel is painted.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from itertools import combinations, pairwise
from pathlib import Path

import pytest
from PIL import Image

from bot.render.chart_fonts import font_path
from bot.render.chart_layout import WIDTH, Layout, Line, Rect, Role, lay_out
from bot.render.chart_model import chart_model
from bot.render.chart_samples import (
    SUNDAY,
    THURSDAY,
    busy_month,
    new_user,
    two_days,
    write_chart_samples,
)
from bot.render.chart_texts import Tone, Written, chart_texts
from bot.render.progress_chart import render_png
from bot.texts import load_catalogue
from coach import languages
from coach.services.progress import StatsView

CATALOGUE = load_catalogue()
WEDNESDAY = date(2026, 12, 16)

Build = Callable[[date, str], StatsView]


def four_exercises(today: date, language: str) -> StatsView:
    """Every exercise, the longest names (German "Einbeinige Brücken")."""
    stats = busy_month(today, language)
    return replace(stats, reps={**stats.reps, "single_leg_bridge": stats.reps["bridge"]})


def big_numbers(today: date, language: str) -> StatsView:
    """A thousand reps a day ("1.000" on the axis), three-digit sit breaks."""
    stats = busy_month(today, language)
    return replace(
        stats,
        reps={ex: (200,) * len(stats.days) for ex in stats.reps},
        breaks_taken=(150, 180, 199, 120),
        breaks_prompted=(199, 200, 199, 180),
    )


def pain_swings(today: date, language: str) -> StatsView:
    """Pain from 10 to 0 and back: steep lines, labels at the top and the bottom."""
    return replace(busy_month(today, language), pain=(10.0, 0.0, 10.0, 0.0))


def breaks_only(today: date, language: str) -> StatsView:
    """Reminders went out, nothing else yet: charts, each empty one saying so."""
    stats = new_user(today, language)
    return replace(stats, breaks_prompted=(0, 0, 0, 4), first_day=today - timedelta(days=3))


def more_taken_than_prompted(today: date, language: str) -> StatsView:
    return replace(busy_month(today, language), breaks_taken=(3, 4, 5, 6), breaks_prompted=(0,) * 4)


def returning(today: date, language: str) -> StatsView:
    """Joined two months ago, nothing in the last four weeks."""
    return replace(new_user(today, language), first_day=today - timedelta(days=60))


CASES: dict[str, Build] = {
    "new user": new_user,
    "two days": two_days,
    "busy month": busy_month,
    "four exercises": four_exercises,
    "big numbers": big_numbers,
    "pain swings": pain_swings,
    "breaks only": breaks_only,
    "more taken than prompted": more_taken_than_prompted,
    "returning": returning,
}
PICTURES = [
    pytest.param(build, today, language, id=f"{name}-{today:%a}-{language}")
    for name, build in CASES.items()
    for today in (THURSDAY, SUNDAY)
    for language in languages.available()
]


def layout_of(build: Build, today: date, language: str) -> Layout:
    stats = build(today, language)
    return lay_out(chart_model(stats), chart_texts(stats, CATALOGUE, language))


def crosses(box: Rect, line: Line) -> bool:
    """Whether the polyline enters `box` (checked every pixel along each segment)."""
    for (ax, ay), (bx, by) in pairwise(line.points):
        steps = int(max(abs(bx - ax), abs(by - ay))) + 1
        for k in range(steps + 1):
            x, y = ax + (bx - ax) * k / steps, ay + (by - ay) * k / steps
            if box.left <= x <= box.right and box.top <= y <= box.bottom:
                return True
    return False


# ---- readable on a phone -------------------------------------------------------------------


@pytest.mark.parametrize(("build", "today", "language"), PICTURES)
def test_the_smallest_text_is_a_thirtieth_of_the_width(
    build: Build, today: date, language: str
) -> None:
    layout = layout_of(build, today, language)
    assert layout.width == WIDTH and layout.height >= layout.width  # portrait or square
    assert layout.texts, "a picture without words"
    assert min(text.size for text in layout.texts) >= layout.width / 30


@pytest.mark.parametrize(("build", "today", "language"), PICTURES)
def test_nothing_overlaps_and_everything_is_on_the_picture(
    build: Build, today: date, language: str
) -> None:
    layout = layout_of(build, today, language)
    canvas = Rect(0, 0, layout.width, layout.height)
    bars = layout.boxes(Role.BAR)
    data = [*bars, *layout.boxes(Role.POINT), *layout.boxes(Role.LEGEND_KEY)]
    lines = [item for item in layout.items if isinstance(item, Line)]
    for item in layout.items:
        assert item.box.inside(canvas), item
    for legend in layout.legends:
        assert not any(legend.intersects(bar) for bar in bars), legend
    for first, second in combinations(layout.texts, 2):
        assert not first.box.intersects(second.box), (first.text, second.text)
    for text in layout.texts:
        assert not any(text.box.intersects(box) for box in data), text.text
        assert not any(crosses(text.box, line) for line in lines), text.text


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        (Rect(0, 0, 10, 10), Rect(5, 5, 15, 15), True),
        (Rect(0, 0, 10, 10), Rect(2, 2, 4, 4), True),  # one inside the other
        (Rect(0, 0, 10, 10), Rect(10, 0, 20, 10), False),  # sharing an edge only
        (Rect(0, 0, 10, 10), Rect(0, 11, 10, 20), False),
    ],
)
def test_the_overlap_check_itself(first: Rect, second: Rect, overlap: bool) -> None:
    assert first.intersects(second) is overlap
    assert second.intersects(first) is overlap


def test_the_legend_sits_above_the_plot_not_on_the_first_bars() -> None:
    layout = layout_of(busy_month, SUNDAY, "en")
    legends, bars = layout.legends, layout.boxes(Role.BAR)
    assert len(legends) == 3 + 2  # three exercises, then prompted and taken
    first_bars = min(bar.top for bar in bars if bar.left < WIDTH / 3)
    assert max(legend.bottom for legend in legends[:3]) < first_bars


# ---- what it says --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "week_labels", "mondays"),
    [
        ("en", ("23 Nov", "30 Nov", "7 Dec", "this week"), ["23 Nov", "30 Nov", "7 Dec", "14 Dec"]),
        (
            "de",
            ("23. Nov.", "30. Nov.", "7. Dez.", "diese Woche"),
            ["23. Nov.", "30. Nov.", "7. Dez.", "14. Dez."],
        ),
    ],
)
def test_dates_in_the_readers_language(
    language: str, week_labels: tuple[str, ...], mondays: list[str]
) -> None:
    texts = chart_texts(busy_month(WEDNESDAY, language), CATALOGUE, language)
    assert texts.week_labels == week_labels
    assert list(texts.day_labels.values()) == mondays


@pytest.mark.parametrize(
    ("locale", "day", "number"),
    [
        ("en_GB", "7 Dec", "2.5"),
        ("de", "7. Dez.", "2,5"),
        ("fr", "7 déc.", "2,5"),  # a new language needs only its catalogue's locale
        ("it", "7 dic", "2,5"),
    ],
)
def test_dates_and_numbers_come_from_the_locale(locale: str, day: str, number: str) -> None:
    written = Written(locale)
    assert written.day(date(2026, 12, 7)) == day
    assert written.number(2.5) == number
    assert written.number(4.25) == number.replace("2", "4").replace("5", "3")  # half up


def test_a_first_week_shows_its_days_by_name() -> None:
    texts = chart_texts(two_days(THURSDAY, "de"), CATALOGUE, "de")
    assert list(texts.day_labels.values()) == ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]


@pytest.mark.parametrize(
    ("build", "values", "pain_tone"),
    [
        (busy_month, ("4 weeks", "5 of 5", "15 of 18", "5.5 → 2.5"), Tone.GOOD),
        (two_days, ("1 day", "1 of 7", "2 of 3", "4"), Tone.PLAIN),
        (more_taken_than_prompted, ("4 weeks", "5 of 5", "6", "5.5 → 2.5"), Tone.GOOD),
        (pain_swings, ("4 weeks", "5 of 5", "15 of 18", "10 → 0"), Tone.GOOD),
        (breaks_only, ("0 days", "0 of 7", "0 of 4", "no check-ins"), Tone.PLAIN),
    ],
)
def test_the_headline_numbers(build: Build, values: tuple[str, ...], pain_tone: Tone) -> None:
    tiles = chart_texts(build(SUNDAY, "en"), CATALOGUE, "en").tiles
    assert [tile.title for tile in tiles] == [
        "Streak",
        "Sessions this week",
        "Sit breaks this week",
        "Back pain (0–10)",
    ]
    assert tuple(tile.value for tile in tiles) == values
    assert tiles[3].tone is pain_tone


def test_rising_pain_is_marked_as_worse() -> None:
    stats = replace(busy_month(SUNDAY, "de"), pain=(2.0, None, 3.0, 4.5))
    (*_, pain) = chart_texts(stats, CATALOGUE, "de").tiles
    assert (pain.value, pain.tone) == ("2 → 4,5", Tone.WORSE)


# ---- empty and nearly empty histories ------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "language", "headline", "days"),
    [
        (new_user, "en", "Your first week starts today", ("Thu", "Fri", "Sat", "Sun", "Mon")),
        (new_user, "de", "Deine erste Woche beginnt heute", ("Do.", "Fr.", "Sa.", "So.", "Mo.")),
        (returning, "en", "A fresh week starts today", ("Thu", "Fri", "Sat", "Sun", "Mon")),
        (breaks_only, "en", None, ()),
        (two_days, "en", None, ()),
    ],
)
def test_an_empty_history_gets_a_welcome_not_an_empty_chart(
    build: Build, language: str, headline: str | None, days: tuple[str, ...]
) -> None:
    texts = chart_texts(build(THURSDAY, language), CATALOGUE, language)
    layout = lay_out(chart_model(build(THURSDAY, language)), texts)
    if headline is None:
        assert texts.welcome is None and layout.legends
        return
    assert texts.welcome is not None
    assert texts.welcome.headline == headline
    assert texts.welcome.days[:5] == days  # the seven days from today on
    shown = " ".join(text.text for text in layout.texts)
    assert headline in shown
    assert not layout.boxes(Role.BAR) and not layout.legends


@pytest.mark.parametrize(
    ("joined_days_ago", "today", "shown", "first", "weeks"),
    [
        (0, THURSDAY, 7, date(2026, 11, 30), 1),  # a first week: Monday to Sunday
        (1, SUNDAY, 7, date(2026, 11, 30), 1),
        (10, THURSDAY, 11, date(2026, 11, 23), 2),  # from the first week's Monday to today
        (60, THURSDAY, 28, THURSDAY - timedelta(days=27), 4),
    ],
)
def test_a_new_users_charts_start_at_their_first_week(
    joined_days_ago: int, today: date, shown: int, first: date, weeks: int
) -> None:
    stats = replace(two_days(today, "en"), first_day=today - timedelta(days=joined_days_ago))
    model = chart_model(stats)
    assert (len(model.days), model.days[0], len(model.weeks)) == (shown, first, weeks)
    assert model.days[model.today_index] == today
    assert all(len(per_day) == shown for per_day in model.reps.values())
    assert model.reps["hip_raise"][model.today_index] == 16  # today's reps stay on today


# ---- the picture itself --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "size"),
    [(busy_month, (1080, 1440)), (two_days, (1080, 1440)), (new_user, (1080, 1080))],
)
def test_the_picture_is_a_png_of_the_layouts_size(build: Build, size: tuple[int, int]) -> None:
    stats = build(SUNDAY, "de")
    png = render_png(stats, chart_texts(stats, CATALOGUE, "de"))
    with Image.open(io.BytesIO(png)) as image:
        assert (image.format, image.size) == ("PNG", size)
        rgb = image.convert("RGB")
        assert rgb.getpixel((2, 2)) == (255, 255, 255)  # the palette keeps white white
        assert len(rgb.getcolors(4096) or []) > 20  # letters are anti-aliased


@pytest.mark.parametrize("bold", [False, True])
def test_the_font_has_every_letter_the_pictures_use(bold: bool) -> None:
    # Imported here: matplotlib's font module loads numpy, which collection need not pay.
    from matplotlib.ft2font import FT2Font

    charmap = FT2Font(str(font_path(bold=bold))).get_charmap()
    used: set[str] = set()
    for language in languages.available():
        for build in CASES.values():
            stats = build(THURSDAY, language)
            layout = lay_out(chart_model(stats), chart_texts(stats, CATALOGUE, language))
            used.update(*(text.text for text in layout.texts))
    assert {"ä", "ü", "“", "„", "→", "–"} & used  # the scan sees the catalogue's letters
    assert sorted(char for char in used if ord(char) not in charmap) == []


def test_the_review_samples_are_written(tmp_path: Path) -> None:
    written = write_chart_samples(tmp_path / "charts")
    names = sorted(path.name for path in written)
    assert len(names) == 3 * 2 * len(languages.available())
    assert {"new-user-stats-en.png", "two-days-weekly-de.png", "busy-month-stats-de.png"} <= set(
        names
    )
    for path in written:
        assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
