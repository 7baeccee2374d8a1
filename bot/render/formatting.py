"""Locale-aware formatting of times and weekdays (Babel)."""

from __future__ import annotations

from datetime import date, time

from babel.dates import format_date, format_time, get_day_names
from babel.numbers import format_decimal

from coach import languages


def locale(language: str) -> str:
    """The Babel locale a language's dates, times and numbers follow (from its data)."""
    return languages.locale(language)


def clock(value: time, language: str) -> str:
    return str(format_time(value, format="short", locale=locale(language)))


def weekdays(days: frozenset[int], language: str) -> str:
    """'Mon–Fri' style ranges where days are consecutive, else a list."""
    # German abbreviations carry a dot ("Mo."); day ranges read better without ("Mo–Fr").
    names = {
        index: str(name).rstrip(".")
        for index, name in get_day_names("abbreviated", locale=locale(language)).items()
    }
    ordered = sorted(days)
    runs: list[list[int]] = []
    for day in ordered:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0]]}–{names[run[-1]]}")
        else:
            parts.extend(str(names[day]) for day in run)
    return ", ".join(parts)


def weekday_name(index: int, language: str) -> str:
    """A weekday's full name (Monday is 0): 'Sunday', 'Sonntag'."""
    return str(get_day_names("wide", locale=locale(language))[index])


def number(value: float, language: str) -> str:
    """'1,234.5' in English, '1.234,5' in German."""
    return str(format_decimal(value, locale=locale(language)))


def day(value: date, language: str) -> str:
    """A calendar day the way the language writes it: 'Nov 26, 2026', '26.11.2026'."""
    return str(format_date(value, format="medium", locale=locale(language)))


def language_name(code: str) -> str:
    """A language's own name for itself ('English', 'Deutsch'), as people look for it."""
    return languages.own_name(code)
