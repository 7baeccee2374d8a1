"""Stored progress of a multi-step conversation.

Kept in the database (not in memory) so a restart resumes exactly where the user was; the
flow and step names are stable strings because they outlive deployments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Dialog:
    flow: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)

    def at(self, step: str, **data: Any) -> Dialog:
        """The same flow at another step, with `data` merged in."""
        return Dialog(self.flow, step, {**self.data, **data})
