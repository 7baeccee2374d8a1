"""Stored zone names the installed tz database may not know.

A zone stored once (chosen from a city) can be missing from the server's tz database later,
e.g. after a deploy onto an older image. Such a user is served in UTC until they choose their
city again; nothing that reads their zone may fail because of it.
"""

from __future__ import annotations

import functools
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

FALLBACK: Final = "UTC"


@functools.lru_cache(maxsize=1024)
def is_known(key: str) -> bool:
    """Whether the installed tz database has the zone ``key``."""
    try:
        ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return False
    return True


def served_zone(key: str | None) -> str:
    """The zone a user is served in: their own when known, else UTC."""
    return key if key and is_known(key) else FALLBACK


def is_unknown(key: str | None) -> bool:
    """A stored zone the tz database lacks (no zone at all is not unknown, only unset)."""
    return bool(key) and not is_known(key or "")
