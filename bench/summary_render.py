"""`python -m bench.summary_render`: how fast one process draws weekly summary pictures.

The weekly job draws each picture (CPU-bound, in a worker thread) before it is sent, one after
another, so drawing bounds how many summaries a process sends a second when a whole time zone
falls due at once. One run draws the same four busy weeks with the old matplotlib drawing
(`bench.matplotlib_chart`, the baseline) and the bot's Pillow drawing, alternating picture by
picture so a machine that gets busier during the run slows both alike. ``BENCH_PICTURES``
sets the count of each (default 60). `make bench` runs it too (`bench/__main__.py`).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from bench import matplotlib_chart
from bot.render import progress_chart
from bot.texts import load_catalogue
from coach.progress import StreakLine
from coach.services.progress import StatsView
from coach.streaks import Goal

PICTURES = int(os.environ.get("BENCH_PICTURES", "60"))
CROWD = 100_000
"""Users sharing one summary slot (a time zone's Sunday 18:00) in the design target."""


def sample_stats() -> StatsView:
    """Four busy weeks: every exercise on most days, breaks and pain each week."""
    days = tuple(date(2026, 11, 2) + timedelta(days=i) for i in range(28))
    reps = {
        ex: tuple((i * 7) % 15 for i in range(28)) for ex in ("hip_raise", "clamshell", "bridge")
    }
    return StatsView(
        language="en",
        days=days,
        reps=reps,
        weeks=days[::7],
        breaks_taken=(12, 15, 9, 14),
        breaks_prompted=(20, 20, 18, 21),
        pain=(4.0, 3.5, None, 2.5),
        streak=StreakLine(Goal("day", 1), 6, 11, 0.7),
        sessions_this_week=5,
        first_day=days[0] - timedelta(days=90),
    )


@dataclass(frozen=True)
class Timing:
    first: float
    """The first picture, which imports and loads what drawing needs (seconds)."""
    times: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        return sorted(self.times)[max(int(len(self.times) * 0.95) - 1, 0)]


def _timed(draw: Callable[[], bytes]) -> float:
    started = time.perf_counter()
    draw()
    return time.perf_counter() - started


def measure(pictures: int = PICTURES) -> tuple[Timing, Timing]:
    """(old, new): the same picture drawn `pictures` times each, alternating."""
    stats = sample_stats()
    catalogue = load_catalogue()
    old_texts = matplotlib_chart.chart_texts(stats, catalogue, "en")
    new_texts = progress_chart.chart_texts(stats, catalogue, "en")

    def old() -> bytes:
        return matplotlib_chart.render_png(stats, old_texts)

    def new() -> bytes:
        return progress_chart.render_png(stats, new_texts)

    old_first, new_first = _timed(old), _timed(new)
    old_times, new_times = [], []
    for _ in range(pictures):
        old_times.append(_timed(old))
        new_times.append(_timed(new))
    return Timing(old_first, old_times), Timing(new_first, new_times)


def table(pictures: int = PICTURES) -> list[str]:
    """The figures as a Markdown table, with the load average before and after."""
    before = os.getloadavg()[0]
    old, new = measure(pictures)
    after = os.getloadavg()[0]
    lines = [
        f"| {pictures} pictures each, alternating | first picture | per picture "
        "(median / p95) | pictures/s | 100,000 users in one slot |",
        "|---|---|---|---|---|",
    ]
    for label, timing in (
        ("matplotlib, 800 × 900 (before)", old),
        ("Pillow, 1080 × 1440 (now)", new),
    ):
        lines.append(
            f"| {label} | {timing.first * 1000:.0f} ms | {timing.median * 1000:.1f} ms / "
            f"{timing.p95 * 1000:.1f} ms | {1 / timing.median:.1f} | "
            f"{CROWD * timing.median / 3600:.2f} h |"
        )
    lines.append(
        f"\nPillow draws {old.median / new.median:.1f}× faster (median); "
        f"load average {before:.1f} before, {after:.1f} after."
    )
    return lines


def main() -> None:
    print("\n".join(table()))


if __name__ == "__main__":
    main()
