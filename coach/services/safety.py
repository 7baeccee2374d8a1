"""Re-offering the safety screening: after a worrying pain score or a reply about new symptoms.

The workout walkthrough applies `coach.safety.pain_rise` inside its own transaction; other
areas that ask for a pain score call `check_pain`, and every free-text reply outside a
conversation goes through `check_reply` before the rep parser sees it.
"""

from __future__ import annotations

from coach import safety
from coach.ports import UnitOfWorkFactory
from coach.safety import PainRise, SymptomReply

View = PainRise | SymptomReply


class SafetyService:
    """Use cases of the safety re-offer."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def check_pain(self, user_id: int, pain: int) -> list[View]:
        """A pain score the user gave: the /screen offer when it is ≥ 2 above the baseline."""
        async with self._uow() as work:
            latest = await work.screenings.latest(user_id)
        offer = safety.pain_rise(latest.pain_baseline if latest else None, pain)
        return [offer] if offer else []

    def check_reply(self, text: str) -> list[View]:
        """A free-text reply: the stop-and-seek-advice note when it mentions a new symptom.

        Nothing is stored; the caller must not log the reply as reps when a view comes back.
        """
        note = safety.symptom_reply(text)
        return [note] if note else []
