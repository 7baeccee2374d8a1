"""Exactly-once handling of incoming updates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from coach.clock import Clock
from coach.ports import UnitOfWorkFactory
from coach.services.safety import UrgentFollowUp, take_urgent_followup

KEEP_PROCESSED_UPDATES = timedelta(days=7)
GROUP_NOTE_EVERY = timedelta(minutes=1)
"""Telegram allows about 20 messages a minute in a group; one note a minute is plenty."""


@dataclass(frozen=True, slots=True)
class Admission:
    fresh: bool
    """False for a redelivered update: it must not be handled again."""
    followup: UrgentFollowUp | None = None
    """The reminder of urgent advice this message gets instead of its usual answer."""


async def claim_update(
    uow: UnitOfWorkFactory,
    clock: Clock,
    update_id: int,
    followup_for: int | None = None,
    person: int | None = None,
) -> Admission:
    """Claim an update id: fresh the first time it is seen, not for a redelivered update.

    The claim is committed before the update is handled: a crash mid-handling loses that one
    update rather than applying it twice (Telegram has no idempotency keys of its own). For a
    message of user `followup_for`, the pending reminder of urgent advice is taken in the same
    transaction, so it is given once. ``person``: the sender, whose rows the update reads
    next (read with the claim where the store can).
    """
    async with uow() as work:
        fresh = await work.updates.claim(update_id, clock.now(), person)
        followup = None
        if fresh and followup_for is not None:
            followup = await take_urgent_followup(work, followup_for)
        await work.commit()
    return Admission(fresh, followup)


async def prune_processed_updates(uow: UnitOfWorkFactory, clock: Clock) -> int:
    """Forget update ids old enough that Telegram can no longer redeliver them."""
    async with uow() as work:
        removed = await work.updates.prune(clock.now() - KEEP_PROCESSED_UPDATES)
        await work.commit()
    return removed


async def claim_group_note(uow: UnitOfWorkFactory, clock: Clock, chat_id: int) -> bool:
    """Whether a group may get the "talk to me in private" note now: at most one a minute,
    counted in the database so every replica shares the count."""
    async with uow() as work:
        allowed = await work.updates.claim_group_note(chat_id, clock.now(), GROUP_NOTE_EVERY)
        await work.commit()
    return allowed
