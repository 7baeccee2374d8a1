"""Callback data: short, versioned, validated — the one parser every button handler uses.

Format `v1:<area>:<arg>:<arg>…` (Telegram allows 64 bytes). A button's data comes back from
the client unchecked, so anyone can forge it: every part must be plain ASCII (letters, digits,
`_`, `-`, `.`; never empty, never a negative number), numbers are ASCII digits only with at
most 12 of them, and each area has a fixed number of arguments. Anything else is treated as an
expired button, never as an error. `encode` checks its own output with `decode`, so the bot
cannot send a button it would not accept back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from telegram import Update

VERSION = "v1"
MAX_BYTES = 64
MAX_DIGITS = 12
"""A Unix time stamp has 10; no button number needs more."""

_PART = re.compile(r"[A-Za-z0-9_.\-]+")
_SIGNED = re.compile(r"[+-][0-9]+")
_NUMBER = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")

ARGUMENTS: dict[str, tuple[int, int]] = {
    "help": (0, 0),
    "begin": (0, 0),
    "scr": (2, 2),
    "pf": (2, 3),
    "sum": (1, 1),
    "doc": (1, 1),
    "wo": (3, 4),
    "wx": (1, 1),
    "wk": (0, 0),
    "rep": (2, 2),
    "del": (1, 1),
    "setf": (1, 1),
    "setv": (2, 3),
    "set": (1, 1),
    "lang": (1, 1),
    "safe": (1, 1),
    "rem": (2, 2),
    "why": (1, 1),
    "pause": (1, 1),
    "adm": (1, 1),
}
"""Per area, the fewest and most arguments its buttons carry."""


@dataclass(frozen=True)
class CallbackData:
    area: str
    args: tuple[str, ...]


def encode(area: str, *args: str | int) -> str:
    data = ":".join((VERSION, area, *(str(arg) for arg in args)))
    parsed = decode(data)
    if parsed is None or parsed != CallbackData(area, tuple(str(arg) for arg in args)):
        raise ValueError(f"callback data does not fit: {data!r}")
    return data


def decode(data: str | None) -> CallbackData | None:
    """The parsed data, or None for anything forged, stale or of another version."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) < 2 or parts[0] != VERSION:
        return None
    if not all(_PART.fullmatch(part) for part in parts[1:]):
        return None
    if any(
        _SIGNED.fullmatch(part) or (part.isdigit() and len(part) > MAX_DIGITS) for part in parts[1:]
    ):
        return None
    area, args = parts[1], tuple(parts[2:])
    bounds = ARGUMENTS.get(area)
    if bounds is None or not bounds[0] <= len(args) <= bounds[1]:
        return None
    return CallbackData(area, args)


def of(update: Update) -> CallbackData | None:
    """The update's button data, parsed (None for no button or bad data)."""
    query = update.callback_query
    return decode(query.data if query is not None else None)


def number(text: str, *, high: int = 10**MAX_DIGITS - 1) -> int | None:
    """A button's number: ASCII digits only ("²" and "٣" are not), 0 ≤ n ≤ high; else None."""
    if not _NUMBER.fullmatch(text):
        return None
    value = int(text)
    return value if value <= high else None


WALKTHROUGH = "wo"
REMINDER = "rem"


@dataclass(frozen=True)
class WalkthroughPress:
    """`v1:wo:<session>:<seq>:<action>[:<number>]`: a walkthrough button.

    `seq` is the step the button was shown at (a press on an older step has expired);
    `number` is the reps or pain score the button stands for, if any.
    """

    session: str
    seq: int
    action: str
    number: int | None = None

    def encode(self) -> str:
        extra = () if self.number is None else (self.number,)
        return encode(WALKTHROUGH, self.session, self.seq, self.action, *extra)

    @classmethod
    def parse(cls, data: CallbackData | None) -> WalkthroughPress | None:
        """The press, or None for another area, a step that is no number, or a bad number."""
        if data is None or data.area != WALKTHROUGH or len(data.args) < 3:
            return None
        session, seq_text, action, *rest = data.args
        seq = number(seq_text)
        value = number(rest[0]) if rest else None
        if seq is None or (rest and value is None):
            return None
        return cls(session, seq, action, value)


@dataclass(frozen=True)
class ReminderPress:
    """`v1:rem:<action>:<stamp>`: a sit-break reminder's button; the stamp names the reminder."""

    action: str
    stamp: int

    def encode(self) -> str:
        return encode(REMINDER, self.action, self.stamp)

    @classmethod
    def parse(cls, data: CallbackData | None) -> ReminderPress | None:
        if data is None or data.area != REMINDER or len(data.args) != 2:
            return None
        stamp = number(data.args[1])
        return None if stamp is None else cls(data.args[0], stamp)


def profile_value(args: tuple[str, ...]) -> tuple[str, str] | None:
    """`<field>:<value>` or `<field>:city:<id>` as (field, raw value); None for anything else."""
    if len(args) == 2:
        return args[0], args[1]
    if len(args) == 3 and args[1] == "city" and number(args[2]) is not None:
        return args[0], f"city:{args[2]}"
    return None
