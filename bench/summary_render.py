"""`python -m bench.summary_render`: how fast one process draws weekly summary pictures.

The weekly job draws each picture (matplotlib, CPU-bound, in a worker thread) before it is
sent, one after another, so drawing bounds how many summaries a process sends a second when
a whole time zone falls due at once. ``BENCH_PICTURES`` sets the count (default 60).
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import date, timedelta

from bot.render.progress_chart import chart_texts, render_png
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
    )


def main() -> None:
    stats = sample_stats()
    labels = chart_texts(stats, load_catalogue(), "en")
    started = time.perf_counter()
    render_png(stats, labels)  # the first one imports matplotlib
    first = time.perf_counter() - started
    times = []
    for _ in range(PICTURES):
        started = time.perf_counter()
        render_png(stats, labels)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    p95 = sorted(times)[int(len(times) * 0.95) - 1]
    per_second = 1 / median
    print(f"first picture (imports matplotlib): {first * 1000:.0f} ms")
    print(f"per picture over {PICTURES}: median {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    print(f"one process draws {per_second:.1f} pictures/s")
    print(f"{CROWD:,} summaries in one slot: {CROWD / per_second / 3600:.1f} h of drawing")


if __name__ == "__main__":
    main()
