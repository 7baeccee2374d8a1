"""Pause lengths in words: days with today as day 1, the unit `pause_days` takes."""

from __future__ import annotations

from datetime import date

import pytest

from coach.pause_phrases import parse_pause_days

WEDNESDAY = date(2026, 11, 25)
MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "today", "days"),
    [
        ("5", WEDNESDAY, 5),
        (" 5 ", WEDNESDAY, 5),
        ("3 days", WEDNESDAY, 3),
        ("3 Tage", WEDNESDAY, 3),
        ("1 day", WEDNESDAY, 1),
        ("a week", WEDNESDAY, 7),
        ("one week", WEDNESDAY, 7),
        ("week", WEDNESDAY, 7),
        ("1 Woche", WEDNESDAY, 7),
        ("eine Woche", WEDNESDAY, 7),
        ("2 weeks", WEDNESDAY, 14),
        ("2 Wochen", WEDNESDAY, 14),
        ("for 2 weeks please", WEDNESDAY, 14),
        ("until Monday", WEDNESDAY, 5),
        ("Until monday!", WEDNESDAY, 5),
        ("bis Montag", WEDNESDAY, 5),
        ("Montag", WEDNESDAY, 5),
        ("till Fri", WEDNESDAY, 2),
        ("until Monday", MONDAY, 7),  # today is Monday: the next one
        ("bis Dienstag", MONDAY, 1),
        ("tomorrow", WEDNESDAY, 1),
        ("bis morgen", WEDNESDAY, 1),
        ("9 weeks", WEDNESDAY, None),  # 63 days: more than 60
        ("61", WEDNESDAY, None),
        ("0", WEDNESDAY, None),
        ("0 days", WEDNESDAY, None),
        ("lots", WEDNESDAY, None),
        ("soon", WEDNESDAY, None),
        ("until", WEDNESDAY, None),
        ("🙂", WEDNESDAY, None),
        ("", WEDNESDAY, None),
        ("2 weeks " * 30, WEDNESDAY, None),
        ("99999999999999999999 days", WEDNESDAY, None),
    ],
)
def test_pause_phrases(text: str, today: date, days: int | None) -> None:
    assert parse_pause_days(text, today, 60) == days
