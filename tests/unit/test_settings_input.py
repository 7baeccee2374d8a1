"""Typed goal and language answers, and locale-aware formatting of what settings show."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.render.formatting import clock, day, language_name, number, weekdays
from coach.profile_input import parse_goal_days, parse_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5", 5),
        ("5 days", 5),
        ("5 days a week", 5),
        ("4x", 4),
        ("3 × per week", 3),
        ("3 Tage pro Woche", 3),
        ("2 mal", 2),
        ("1 day", 1),
        ("7", 7),
        ("every day", 7),
        ("täglich", 7),
        ("Jeden Tag", 7),
        ("0", None),
        ("8", None),
        ("-3", None),
        ("five", None),
        ("🙂", None),
        ("", None),
        ("5" * 5000, None),
    ],
)
def test_goal_days(text: str, expected: int | None) -> None:
    assert parse_goal_days(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("English", "en"),
        ("englisch", "en"),
        ("EN", "en"),
        ("Deutsch", "de"),
        ("german", "de"),
        ("de.", "de"),
        ("français", "fr"),
        ("Italiano", "it"),
        ("klingon", None),
        ("", None),
        ("x" * 5000, None),
    ],
)
def test_language(text: str, expected: str | None) -> None:
    assert parse_language(text) == expected


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("en", time(17, 0), "5:00\u202fPM"),
        ("en", time(8, 30), "8:30\u202fAM"),
        ("de", time(17, 0), "17:00"),
        ("de", time(8, 30), "08:30"),
        ("fr", time(8, 30), "08:30"),
        ("it", time(17, 0), "17:00"),
    ],
)
def test_clock_is_12_hour_in_english_and_24_hour_in_german(
    language: str, value: time, expected: str
) -> None:
    assert clock(value, language) == expected


@pytest.mark.parametrize(
    ("language", "days", "expected"),
    [
        ("en", frozenset(range(5)), "Mon–Fri"),
        ("de", frozenset(range(5)), "Mo–Fr"),
        ("de", frozenset({0, 1, 3}), "Mo, Di, Do"),
        ("en", frozenset({5, 6}), "Sat, Sun"),
        ("de", frozenset(range(7)), "Mo–So"),
        ("fr", frozenset(range(5)), "lun–ven"),
        ("it", frozenset({5, 6}), "sab, dom"),
    ],
)
def test_weekdays(language: str, days: frozenset[int], expected: str) -> None:
    assert weekdays(days, language) == expected


@pytest.mark.parametrize(
    ("language", "expected_number", "expected_day", "expected_name"),
    [
        ("en", "1,234.5", "Nov 26, 2026", "English"),
        ("de", "1.234,5", "26.11.2026", "Deutsch"),
        # Swiss French and Italian: the locales their files name (fr_CH, it_CH).
        ("fr", "1'234,5", "26 nov. 2026", "Français"),
        ("it", "1'234.5", "26 nov 2026", "Italiano"),
    ],
)
def test_numbers_dates_and_language_names(
    language: str, expected_number: str, expected_day: str, expected_name: str
) -> None:
    assert number(1234.5, language) == expected_number
    assert day(date(2026, 11, 26), language) == expected_day
    assert language_name(language) == expected_name
