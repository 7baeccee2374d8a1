"""Weekly summary claims on SQLite and PostgreSQL: leases, tokens, concurrent claims disjoint."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from coach.profile import Profile
from storage.uow import SqlUnitOfWorkFactory

NOW = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)
LEASE = timedelta(minutes=30)


async def add_due(uow: SqlUnitOfWorkFactory, user_ids: range, due: datetime) -> None:
    async with uow() as work:
        for user_id in user_ids:
            await work.users.add(
                Profile(
                    user_id=user_id,
                    chat_id=user_id,
                    created_at=NOW - timedelta(days=9),
                    timezone="Europe/Berlin",
                    onboarded_at=NOW - timedelta(days=9),
                )
            )
        await work.commit()
    async with uow() as work:
        for offset, user_id in enumerate(user_ids):
            await work.summaries.schedule(user_id, due + timedelta(seconds=offset), None)
        await work.commit()


def ids(claimed: list[tuple[Profile, datetime]]) -> list[int]:
    return [profile.user_id for profile, _ in claimed]


async def test_concurrent_claims_get_disjoint_users(
    engine: AsyncEngine, uow: SqlUnitOfWorkFactory
) -> None:
    await add_due(uow, range(1, 7), NOW - timedelta(minutes=5))

    async def claim(token: str, limit: int) -> list[int]:
        async with uow() as work:
            claimed = ids(await work.summaries.claim_due(NOW, NOW + LEASE, token, limit))
            await work.commit()
        return claimed

    async with uow() as first:
        held = ids(await first.summaries.claim_due(NOW, NOW + LEASE, "first", 3))
        assert held == [1, 2, 3], "earliest due first"
        second = asyncio.create_task(claim("second", 10))
        if engine.dialect.name == "postgresql":
            # SKIP LOCKED: the second claim neither waits for the first nor takes its rows.
            assert await second == [4, 5, 6]
        await first.commit()
    # On SQLite the second claim queued behind the first (BEGIN IMMEDIATE) and saw its leases.
    taken = await second
    assert sorted(held + taken) == [1, 2, 3, 4, 5, 6]
    assert not set(held) & set(taken)
    assert await claim("third", 10) == []


async def test_a_lease_holds_until_it_ends_and_only_its_token_confirms(
    uow: SqlUnitOfWorkFactory,
) -> None:
    await add_due(uow, range(1, 2), NOW)
    next_week = NOW + timedelta(days=7)
    async with uow() as work:
        assert ids(await work.summaries.claim_due(NOW, NOW + LEASE, "crashed", 10)) == [1]
        await work.commit()
    # The claimer crashed: nobody else gets the user while the lease runs ...
    async with uow() as work:
        assert await work.summaries.claim_due(NOW + LEASE / 2, NOW + 2 * LEASE, "x", 10) == []
        await work.commit()
    # ... and once it has run out, the user is offered again, to a new claim.
    later = NOW + LEASE
    async with uow() as work:
        assert ids(await work.summaries.claim_due(later, later + LEASE, "retry", 10)) == [1]
        await work.commit()
    async with uow() as work:
        assert await work.summaries.confirm(1, "crashed", next_week, NOW) is False
        assert await work.summaries.confirm(1, "retry", next_week, later) is True
        assert await work.summaries.confirm(1, "retry", next_week, later) is False
        await work.commit()
    async with uow() as work:
        assert (
            await work.summaries.claim_due(next_week - timedelta(seconds=1), next_week, "y", 9)
            == []
        )
        assert ids(await work.summaries.claim_due(next_week, next_week + LEASE, "z", 9)) == [1]


async def test_a_reschedule_wins_over_a_claim_in_flight(uow: SqlUnitOfWorkFactory) -> None:
    await add_due(uow, range(1, 2), NOW)
    moved = NOW + timedelta(days=3)
    async with uow() as work:
        assert ids(await work.summaries.claim_due(NOW, NOW + LEASE, "sending", 10)) == [1]
        await work.commit()
    async with uow() as work:  # the user picks another day meanwhile
        await work.summaries.schedule(1, moved, None)
        await work.commit()
    async with uow() as work:
        assert await work.summaries.confirm(1, "sending", NOW + timedelta(days=7), NOW) is False
        await work.commit()
    async with uow() as work:
        assert await work.summaries.claim_due(moved - timedelta(seconds=1), moved, "a", 9) == []
        assert ids(await work.summaries.claim_due(moved, moved + LEASE, "b", 9)) == [1]


async def test_a_release_frees_only_its_own_claims_and_keeps_them_due(
    uow: SqlUnitOfWorkFactory,
) -> None:
    due = NOW - timedelta(minutes=1)
    await add_due(uow, range(1, 4), due)
    async with uow() as work:
        assert ids(await work.summaries.claim_due(NOW, NOW + LEASE, "stopping", 2)) == [1, 2]
        assert ids(await work.summaries.claim_due(NOW, NOW + LEASE, "other", 9)) == [3]
        await work.commit()
    async with uow() as work:
        # Only the token's own rows: user 3 stays with the claim that holds it.
        assert await work.summaries.release([1, 2, 3], "stopping") == 2
        assert await work.summaries.release([1], "stopping") == 0
        assert await work.summaries.release([], "stopping") == 0
        await work.commit()
    # Released users are due again at once, not after the lease; their instant is kept.
    async with uow() as work:
        again = await work.summaries.claim_due(NOW, NOW + LEASE, "next", 9)
        await work.commit()
    assert [(profile.user_id, at) for profile, at in again] == [
        (1, due),
        (2, due + timedelta(seconds=1)),
    ]
