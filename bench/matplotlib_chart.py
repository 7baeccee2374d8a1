"""The baseline of `bench.summary_render`: the progress picture as matplotlib drew it.

Until 2026-12 the bot drew /stats and the weekly summary with matplotlib's object API on the
Agg canvas, 800 × 900 (about 155 ms a picture). It is kept here, unchanged but for where its
texts come from, only so one benchmark run can measure the old drawing next to the new one
(`bot.render.progress_chart`, Pillow); the bot no longer calls it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from bot.texts import Catalogue
from coach.services.progress import StatsView

LEGEND_PLACE = 2  # matplotlib's code for the upper left corner

_COLOURS = ("#2a9d8f", "#e9c46a", "#f4a261", "#e76f51", "#264653")


@dataclass(frozen=True)
class ChartTexts:
    reps: str
    no_reps: str
    breaks: str
    taken: str
    prompted: str
    pain: str
    no_pain: str
    exercises: dict[str, str]
    weeks: tuple[str, ...]


def chart_texts(stats: StatsView, texts: Catalogue, lang: str) -> ChartTexts:
    t = texts.text
    return ChartTexts(
        reps=t(lang, "progress-chart-reps"),
        no_reps=t(lang, "progress-chart-no-reps"),
        breaks=t(lang, "progress-chart-breaks"),
        taken=t(lang, "progress-chart-taken"),
        prompted=t(lang, "progress-chart-prompted"),
        pain=t(lang, "progress-chart-pain"),
        no_pain=t(lang, "progress-chart-no-pain"),
        exercises={ex: t(lang, f"progress-button-{ex}") for ex in stats.reps},
        weeks=tuple(w.strftime("%d.%m.") for w in stats.weeks),
    )


def render_png(stats: StatsView, labels: ChartTexts) -> bytes:
    """The picture as PNG bytes (CPU-bound; call it in a thread)."""
    # Imported here, in the worker thread that draws: matplotlib costs most of a second.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    # Fixed margins, not a layout engine: constrained layout measured every text of the
    # figure in an extra draw, a third of the time of a picture (bench.summary_render).
    figure = Figure(figsize=(8, 9), dpi=100)
    figure.subplots_adjust(left=0.08, right=0.98, top=0.96, bottom=0.04, hspace=0.38)
    reps_axes, breaks_axes, pain_axes = figure.subplots(3, 1, height_ratios=(3, 2, 2))

    x = list(range(len(stats.days)))
    bottom = [0] * len(stats.days)
    for n, (exercise, per_day) in enumerate(stats.reps.items()):
        reps_axes.bar(
            x,
            per_day,
            bottom=bottom,
            label=labels.exercises.get(exercise, exercise),
            color=_COLOURS[n % len(_COLOURS)],
        )
        bottom = [b + v for b, v in zip(bottom, per_day, strict=True)]
    reps_axes.set_title(labels.reps)
    ticks = [*x[::7], x[-1]] if x else []
    reps_axes.set_xticks(ticks, [stats.days[i].strftime("%d.%m.") for i in ticks])
    if stats.reps:
        reps_axes.legend(loc=LEGEND_PLACE, fontsize="small")
    else:
        reps_axes.text(
            0.5, 0.5, labels.no_reps, ha="center", va="center", transform=reps_axes.transAxes
        )
        reps_axes.set_yticks([])

    weeks = list(range(len(stats.weeks)))
    width = 0.38
    breaks_axes.bar(
        [w - width / 2 for w in weeks],
        stats.breaks_prompted,
        width,
        label=labels.prompted,
        color="#bbbbbb",
    )
    breaks_axes.bar(
        [w + width / 2 for w in weeks],
        stats.breaks_taken,
        width,
        label=labels.taken,
        color="#2a9d8f",
    )
    breaks_axes.set_title(labels.breaks)
    breaks_axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    breaks_axes.set_xticks(weeks, labels.weeks)
    breaks_axes.legend(loc=LEGEND_PLACE, fontsize="small")

    points = [(w, p) for w, p in zip(weeks, stats.pain, strict=True) if p is not None]
    pain_axes.set_title(labels.pain)
    pain_axes.set_ylim(0, 10)
    pain_axes.set_xlim(-0.5, len(weeks) - 0.5)
    pain_axes.set_xticks(weeks, labels.weeks)
    if points:
        pain_axes.plot([w for w, _ in points], [p for _, p in points], marker="o", color="#e76f51")
    else:
        pain_axes.text(
            0.5, 0.5, labels.no_pain, ha="center", va="center", transform=pain_axes.transAxes
        )

    buffer = io.BytesIO()
    FigureCanvasAgg(figure)  # attaches the Agg canvas to the figure
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
