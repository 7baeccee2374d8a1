"""Typed button data: what the walkthrough and reminder buttons carry, parsed or expired."""

from __future__ import annotations

import pytest

from bot.callbacks import ReminderPress, WalkthroughPress, decode


@pytest.mark.parametrize(
    "press",
    [
        WalkthroughPress("a1b2", 0, "n"),
        WalkthroughPress("a1b2", 17, "f", 8),
        WalkthroughPress("a1b2", 3, "p", 0),
    ],
)
def test_walkthrough_press_comes_back_as_sent(press: WalkthroughPress) -> None:
    assert WalkthroughPress.parse(decode(press.encode())) == press


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("v1:wo:s1:4:n", WalkthroughPress("s1", 4, "n")),
        ("v1:wo:s1:4:p:7", WalkthroughPress("s1", 4, "p", 7)),
        ("v1:wo:s1:x:n", None),  # the step is no number
        ("v1:wo:s1:4:p:seven", None),  # the score is no number
        ("v1:wo:s1:4", None),  # too few parts
        ("v1:rem:done:1700000000", None),  # another area
        ("v2:wo:s1:4:n", None),  # another version
        (None, None),
    ],
)
def test_walkthrough_press_parse(data: str | None, expected: WalkthroughPress | None) -> None:
    assert WalkthroughPress.parse(decode(data)) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("v1:rem:done:1700000000", ReminderPress("done", 1700000000)),
        ("v1:rem:start:0", ReminderPress("start", 0)),
        ("v1:rem:done:soon", None),  # the stamp is no number
        ("v1:rem:done", None),
        ("v1:wo:s1:4:n", None),
        ("", None),
    ],
)
def test_reminder_press_parse(data: str, expected: ReminderPress | None) -> None:
    assert ReminderPress.parse(decode(data)) == expected


def test_reminder_press_comes_back_as_sent() -> None:
    press = ReminderPress("snooze", 1700000123)
    assert ReminderPress.parse(decode(press.encode())) == press
