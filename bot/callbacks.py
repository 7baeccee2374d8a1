"""Callback data: short, versioned, validated.

Format `v1:<area>:<arg>:<arg>…` (Telegram allows 64 bytes). Anything that does not parse is
treated as an expired button, never as an error.
"""

from __future__ import annotations

from dataclasses import dataclass

VERSION = "v1"
MAX_BYTES = 64


@dataclass(frozen=True)
class CallbackData:
    area: str
    args: tuple[str, ...]


def encode(area: str, *args: str | int) -> str:
    data = ":".join((VERSION, area, *(str(arg) for arg in args)))
    if len(data.encode()) > MAX_BYTES or any(":" in str(arg) for arg in args):
        raise ValueError(f"callback data does not fit: {data!r}")
    return data


def decode(data: str | None) -> CallbackData | None:
    """The parsed data, or None for anything forged, stale or of another version."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) < 2 or parts[0] != VERSION or not parts[1]:
        return None
    return CallbackData(parts[1], tuple(parts[2:]))
