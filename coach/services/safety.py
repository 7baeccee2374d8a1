"""The safety hold in use: placing it wherever a stop is announced, and what follows urgent advice.

`place_hold` runs inside the caller's transaction (a walkthrough, a reply, a pain answer), so
the stop and the hold are stored together. After "seek urgent medical care today" the user's
dialog is the `safety`/`urgent` step: the next message they send gets a short reminder of that
advice and what the bot can still do (`take_urgent_followup`), once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from coach import safety
from coach.clock import Clock
from coach.dialog import Dialog
from coach.hold import Hold, hold_for_pain, hold_for_symptom, stronger
from coach.ports import UnitOfWork, UnitOfWorkFactory
from coach.safety import SymptomReply

FLOW: Final = "safety"
URGENT: Final = "urgent"


@dataclass(frozen=True, slots=True)
class HoldPlaced:
    """A stop was announced and stored: say why, and offer the safety check again."""

    hold: Hold


@dataclass(frozen=True, slots=True)
class UrgentFollowUp:
    """The reminder of the urgent advice, for the next message after it."""

    onboarded: bool


View = SymptomReply | HoldPlaced


async def place_hold(work: UnitOfWork, user_id: int, hold: Hold) -> Hold | None:
    """Store `hold` on the latest screening (a graver reason replaces a milder one).

    None when the user has no screening: no exercises are open to hold back.
    """
    latest = await work.screenings.latest(user_id)
    if latest is None:
        return None
    kept = stronger(latest.hold, hold)
    if kept != latest.hold:
        await work.screenings.put_hold(user_id, kept)
    return kept


async def hold_for_pain_score(
    work: UnitOfWork, user_id: int, pain: int, now: datetime
) -> Hold | None:
    """Place the hold a pain score calls for (6+, or 2+ above the screening's pain)."""
    latest = await work.screenings.latest(user_id)
    hold = hold_for_pain(pain, latest.pain_baseline if latest else None, now)
    if hold is None:
        return None
    return await place_hold(work, user_id, hold)


async def expect_urgent_followup(work: UnitOfWork, user_id: int, now: datetime) -> None:
    """Urgent advice was just given: the next message gets the follow-up."""
    await work.dialogs.put(user_id, Dialog(FLOW, URGENT), now)


async def take_urgent_followup(work: UnitOfWork, user_id: int) -> UrgentFollowUp | None:
    """The follow-up, once: the pending step is cleared in the caller's transaction."""
    dialog = await work.dialogs.get(user_id)
    if dialog is None or dialog.flow != FLOW or dialog.step != URGENT:
        return None
    await work.dialogs.clear(user_id)
    profile = await work.users.get(user_id)
    return UrgentFollowUp(onboarded=profile is not None and profile.onboarded)


class SafetyService:
    """Use cases of the hold outside a walkthrough."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def check_pain(self, user_id: int, pain: int) -> list[View]:
        """A pain score given outside a walkthrough: a hold (and its note) when it calls for one."""
        async with self._uow() as work:
            hold = await hold_for_pain_score(work, user_id, pain, self._clock.now())
            await work.commit()
        return [HoldPlaced(hold)] if hold else []

    async def check_reply(self, user_id: int, text: str) -> list[View]:
        """A free-text reply: when it mentions a new symptom, a hold and the stop note.

        The caller must not log the reply as reps when a view comes back.
        """
        note = safety.symptom_reply(text)
        if note is None:
            return []
        now = self._clock.now()
        async with self._uow() as work:
            if await work.users.get(user_id) is None:
                return [note]  # someone who never sent /start: nothing to hold or follow up
            await place_hold(work, user_id, hold_for_symptom(note.urgent, now))
            if note.urgent:
                await expect_urgent_followup(work, user_id, now)
            await work.commit()
        return [note]
