"""A test-only clock read from a file, so end-to-end tests move time without sleeping."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path


class FileClock:
    """`now()` is the ISO instant written in the file (re-read on every call)."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def now(self) -> datetime:
        instant = datetime.fromisoformat(self._path.read_text(encoding="utf-8").strip())
        if instant.tzinfo is None:
            raise ValueError("the test clock file must hold an aware ISO-8601 instant")
        return instant.astimezone(UTC)
