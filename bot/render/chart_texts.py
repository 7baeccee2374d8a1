"""Every text on the progress picture, from the catalogue, with dates and numbers from Babel.

Dates are written with the CLDR skeleton "MMMd" in the locale the catalogue names
(`progress-chart-locale`): "7 Dec", "7. Dez.", "7 déc.", "7 dic" — a month name, never the
dd.mm / mm/dd that readers of the other convention misread. A new language needs its
catalogue, not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from babel.dates import format_skeleton, get_day_names
from babel.numbers import format_decimal

from bot.render.chart_model import WEEK, ChartModel, chart_model
from bot.texts import Catalogue
from coach.progress import week_of
from coach.services.progress import StatsView

DAY_SKELETON = "MMMd"


class Tone(Enum):
    PLAIN = "plain"
    GOOD = "good"
    """Better than before: back pain going down."""
    WORSE = "worse"


@dataclass(frozen=True)
class Tile:
    """One headline number: what it is (small) above its value (big)."""

    title: str
    value: str
    tone: Tone = Tone.PLAIN


@dataclass(frozen=True)
class Welcome:
    """The picture for an empty history: a headline, the week ahead, what to do."""

    headline: str
    body: str
    days: tuple[str, ...]
    """The seven days from today on, abbreviated in the user's language."""


@dataclass(frozen=True)
class ChartTexts:
    locale: str
    """The Babel locale numbers on the axes are written in."""
    tiles: tuple[Tile, ...]
    reps: str
    no_reps: str
    exercises: dict[str, str]
    day_labels: dict[int, str]
    """Index into the model's days → its label; unlabelled days get a tick only."""
    breaks: str
    taken: str
    prompted: str
    pain: str
    no_pain: str
    week_labels: tuple[str, ...]
    pain_labels: tuple[str | None, ...]
    welcome: Welcome | None


@dataclass(frozen=True)
class Written:
    """Dates and numbers the way `locale` writes them."""

    locale: str

    def day(self, value: date) -> str:
        return str(format_skeleton(DAY_SKELETON, value, locale=self.locale))

    def number(self, value: float) -> str:
        """One decimal at most, rounded half up as people do (4.25 → 4.3; Babel rounds to even)."""
        tenth = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return str(format_decimal(tenth, format="#,##0.#", locale=self.locale))

    def weekdays(self) -> tuple[str, ...]:
        """Monday first."""
        names = get_day_names("abbreviated", locale=self.locale)
        return tuple(str(names[index]) for index in range(7))


def chart_texts(stats: StatsView, texts: Catalogue, lang: str) -> ChartTexts:
    """The texts of `stats`' picture in `lang`."""
    model = chart_model(stats)
    t = texts.text
    written = Written(t(lang, "progress-chart-locale"))
    this_week = week_of(model.today)
    return ChartTexts(
        locale=written.locale,
        tiles=_tiles(stats, model, texts, lang, written),
        reps=t(lang, "progress-chart-reps"),
        no_reps=t(lang, "progress-chart-no-reps"),
        exercises={ex: t(lang, f"progress-button-{ex}") for ex in stats.reps},
        day_labels=_day_labels(model, written),
        breaks=t(lang, "progress-chart-breaks"),
        taken=t(lang, "progress-chart-taken"),
        prompted=t(lang, "progress-chart-prompted"),
        pain=t(lang, "progress-chart-pain"),
        no_pain=t(lang, "progress-chart-no-pain"),
        week_labels=tuple(
            t(lang, "progress-chart-this-week") if monday == this_week else written.day(monday)
            for monday in model.weeks
        ),
        pain_labels=tuple(None if value is None else written.number(value) for value in model.pain),
        welcome=_welcome(model, texts, lang, written) if model.empty else None,
    )


def _day_labels(model: ChartModel, written: Written) -> dict[int, str]:
    """A week: every day by its weekday. Longer: each Monday by its date."""
    if len(model.days) <= WEEK:
        names = written.weekdays()
        return {i: names[day.weekday()] for i, day in enumerate(model.days)}
    return {i: written.day(day) for i, day in enumerate(model.days) if day.weekday() == 0}


def _tiles(
    stats: StatsView, model: ChartModel, texts: Catalogue, lang: str, written: Written
) -> tuple[Tile, ...]:
    """Streak, this week's sessions, this week's sit breaks, the pain trend."""
    t = texts.text
    taken, prompted = model.breaks_taken[-1], model.breaks_prompted[-1]
    breaks = (
        t(lang, "progress-chart-breaks-value", taken=taken, prompted=prompted)
        if prompted > 0 and taken <= prompted
        else written.number(taken)
    )
    trend = model.pain_trend
    if trend is None:
        pain = Tile(t(lang, "progress-chart-tile-pain"), t(lang, "progress-chart-pain-none"))
    elif trend.weeks == 1:
        pain = Tile(t(lang, "progress-chart-tile-pain"), written.number(trend.last))
    else:
        first, last = written.number(trend.first), written.number(trend.last)
        tone = Tone.GOOD if trend.last < trend.first else Tone.PLAIN
        tone = Tone.WORSE if trend.last > trend.first else tone
        value = t(lang, "progress-chart-pain-trend", first=first, last=last)
        pain = Tile(t(lang, "progress-chart-tile-pain"), value, tone)
    streak = stats.streak
    return (
        Tile(
            t(lang, "progress-chart-tile-streak"),
            t(
                lang,
                "progress-chart-streak-value",
                current=streak.current,
                period=streak.goal.period,
            ),
        ),
        Tile(
            t(lang, "progress-chart-tile-sessions"),
            t(
                lang,
                "progress-chart-sessions-value",
                done=model.sessions_this_week,
                goal=model.sessions_goal,
            ),
        ),
        Tile(t(lang, "progress-chart-tile-breaks"), breaks),
        pain,
    )


def _welcome(model: ChartModel, texts: Catalogue, lang: str, written: Written) -> Welcome:
    key = "progress-chart-welcome-first" if model.first_week else "progress-chart-welcome-again"
    names = written.weekdays()
    return Welcome(
        headline=texts.text(lang, key),
        body=texts.text(lang, "progress-chart-welcome-body"),
        days=tuple(names[(model.today.weekday() + n) % WEEK] for n in range(WEEK)),
    )
