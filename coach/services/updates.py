"""Exactly-once handling of incoming updates."""

from __future__ import annotations

from datetime import timedelta

from coach.clock import Clock
from coach.ports import UnitOfWorkFactory

KEEP_PROCESSED_UPDATES = timedelta(days=7)


async def claim_update(uow: UnitOfWorkFactory, clock: Clock, update_id: int) -> bool:
    """True the first time an update id is seen; a redelivered update gets False.

    The claim is committed before the update is handled: a crash mid-handling loses that one
    update rather than applying it twice (Telegram has no idempotency keys of its own).
    """
    async with uow() as work:
        fresh = await work.updates.claim(update_id, clock.now())
        await work.commit()
    return fresh


async def prune_processed_updates(uow: UnitOfWorkFactory, clock: Clock) -> int:
    """Forget update ids old enough that Telegram can no longer redeliver them."""
    async with uow() as work:
        removed = await work.updates.prune(clock.now() - KEEP_PROCESSED_UPDATES)
        await work.commit()
    return removed
