"""When to re-offer the safety screening after it was passed (PRODUCT.md §1).

Pure decisions: a pain score well above the screening's baseline, or a reply that mentions a
new symptom, means "stop and re-check" rather than carrying on with exercises or logging reps.
The detection rules themselves (regexes, the 2-point rise) live in coach.screening.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.screening import mentions_new_symptom, mentions_urgent_symptom, rescreen_on_pain

__all__ = ["PainRise", "SymptomReply", "pain_rise", "symptom_reply"]


@dataclass(frozen=True, slots=True)
class PainRise:
    """Pain is ≥ 2 points above the last screening's baseline: offer /screen."""

    pain: int
    baseline: int


@dataclass(frozen=True, slots=True)
class SymptomReply:
    """A reply mentions a new symptom: stop, seek advice, offer /screen; log nothing.

    `urgent`: bladder, bowel or saddle-area trouble — seek urgent care today.
    """

    urgent: bool


def pain_rise(baseline: int | None, pain: int) -> PainRise | None:
    """The re-offer for this pain score, or None (also when there is no baseline)."""
    if baseline is None or not rescreen_on_pain(baseline, pain):
        return None
    return PainRise(pain, baseline)


def symptom_reply(text: str) -> SymptomReply | None:
    """What a free-text reply means for safety; None when it mentions no new symptom."""
    urgent = mentions_urgent_symptom(text)
    if urgent or mentions_new_symptom(text):
        return SymptomReply(urgent=urgent)
    return None
