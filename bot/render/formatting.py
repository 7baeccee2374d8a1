"""Locale-aware formatting of times and weekdays (Babel)."""

from __future__ import annotations

from datetime import time

from babel.dates import format_time, get_day_names


def clock(value: time, language: str) -> str:
    return str(format_time(value, format="short", locale=language))


def weekdays(days: frozenset[int], language: str) -> str:
    """'Mon–Fri' style ranges where days are consecutive, else a list."""
    names = get_day_names("abbreviated", locale=language)
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
