"""Typed profile answers: accepted and refused, English and German."""

from __future__ import annotations

from datetime import time

import pytest

from coach.profile_input import (
    is_overnight_hours,
    parse_interval,
    parse_time_of_day,
    parse_work_days,
    parse_work_hours,
)

MON_FRI = frozenset({0, 1, 2, 3, 4})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon-Fri", MON_FRI),
        ("mon – fri", MON_FRI),
        ("Montag bis Freitag", MON_FRI),
        ("Mo-Fr", MON_FRI),
        ("weekdays", MON_FRI),
        ("every day", frozenset(range(7))),
        ("täglich", frozenset(range(7))),
        ("mon, tue, thu", frozenset({0, 1, 3})),
        ("Mo Di Do", frozenset({0, 1, 3})),
        ("sat and sun", frozenset({5, 6})),
        ("fri-mon", frozenset({4, 5, 6, 0})),
        ("Sunday", frozenset({6})),
        ("", None),
        ("🙂", None),
        ("someday", None),
        ("mon-", None),
        ("x" * 5000, None),
    ],
)
def test_work_days(text: str, expected: frozenset[int] | None) -> None:
    assert parse_work_days(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9-17", (time(9), time(17))),
        ("09:00–17:00", (time(9), time(17))),
        ("8:30 - 16:45", (time(8, 30), time(16, 45))),
        ("9am to 5pm", (time(9), time(17))),
        ("9 bis 17 Uhr", (time(9), time(17))),
        ("7.15-15.30", (time(7, 15), time(15, 30))),
        ("17-9", None),
        ("9-9", None),
        ("25-26", None),
        ("9:75-17", None),
        ("nine to five", None),
        ("", None),
    ],
)
def test_work_hours(text: str, expected: tuple[time, time] | None) -> None:
    assert parse_work_hours(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7:45", time(7, 45)),
        ("17.30", time(17, 30)),
        ("5pm", time(17)),
        ("12am", time(0)),
        ("17 Uhr", time(17)),
        ("9h", time(9)),
        ("24:00", None),
        ("13pm", None),
        ("noon", None),
        ("-1", None),
    ],
)
def test_time_of_day(text: str, expected: time | None) -> None:
    assert parse_time_of_day(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("45", 45),
        ("45 min", 45),
        ("1 h", 60),
        ("1,5 Stunden", 90),
        ("90 Minuten", 90),
        ("50", None),
        ("0", None),
        ("-30", None),
        ("lots", None),
    ],
)
def test_interval(text: str, expected: int | None) -> None:
    assert parse_interval(text) == expected


@pytest.mark.parametrize(
    ("text", "overnight"),
    [
        ("22:00-06:00", True),
        ("22-6", True),
        ("10pm to 6am", True),
        ("22 bis 6 Uhr", True),
        ("9-17", False),
        ("9-9", False),
        ("lots", False),
    ],
)
def test_overnight_work_hours_are_recognised(text: str, overnight: bool) -> None:
    assert is_overnight_hours(text) is overnight
    if overnight:
        assert parse_work_hours(text) is None
