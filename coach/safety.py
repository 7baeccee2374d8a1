"""What a free-text reply means for safety (PRODUCT.md §1).

A reply that mentions a new symptom means "stop and re-check" rather than carrying on with
exercises or logging reps. The detection rules themselves (the regexes) live in
coach.screening; the hold that follows lives in coach.hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.screening import mentions_new_symptom, mentions_urgent_symptom

__all__ = ["SymptomReply", "symptom_reply"]


@dataclass(frozen=True, slots=True)
class SymptomReply:
    """A reply mentions a new symptom: stop, seek advice, offer /screen; log nothing.

    `urgent`: bladder, bowel or saddle-area trouble — seek urgent care today.
    """

    urgent: bool


def symptom_reply(text: str) -> SymptomReply | None:
    """What a free-text reply means for safety; None when it mentions no new symptom."""
    urgent = mentions_urgent_symptom(text)
    if urgent or mentions_new_symptom(text):
        return SymptomReply(urgent=urgent)
    return None
