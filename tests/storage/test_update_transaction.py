"""One update, one transaction: every use case of the update joins it; it is stored whole
before a reply leaves, or not at all. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from coach.dialog import Dialog
from coach.profile import Profile
from coach.screening import Outcome, ScreeningRecord, ScreeningResult
from storage.uow import SqlUnitOfWorkFactory, commit_update, rollback_update

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
USER = 41


class Boom(Exception):
    pass


async def stored(engine: AsyncEngine) -> dict[str, int]:
    """What another process would see: committed rows only (on SQLite a plain reader of
    its own, which takes no write lock)."""
    sqlite = engine.dialect.name == "sqlite"
    observer = create_async_engine(engine.url) if sqlite else engine
    try:
        async with observer.connect() as connection:
            claims = (
                await connection.execute(text("SELECT count(*) FROM processed_updates"))
            ).scalar()
            dialogs = (await connection.execute(text("SELECT count(*) FROM dialogs"))).scalar()
    finally:
        if sqlite:
            await observer.dispose()
    return {"claims": int(claims or 0), "dialogs": int(dialogs or 0)}


async def add_user(uow: SqlUnitOfWorkFactory) -> None:
    async with uow() as work:
        await work.users.add(Profile(user_id=USER, chat_id=USER, created_at=NOW))
        await work.commit()


async def claim(uow: SqlUnitOfWorkFactory, update_id: int, person: int | None = None) -> bool:
    """The gate's use case: claim the update id (and read the sender's rows with it)."""
    async with uow() as work:
        fresh = await work.updates.claim(update_id, NOW, person)
        await work.commit()
    return fresh


async def open_flow(uow: SqlUnitOfWorkFactory) -> None:
    """A handler's use case: open a flow in the user's dialog."""
    async with uow() as work:
        await work.dialogs.put(USER, Dialog("settings", "view"), NOW)
        await work.commit()


async def test_the_use_cases_of_an_update_are_stored_together_before_the_reply(
    uow: SqlUnitOfWorkFactory, engine: AsyncEngine
) -> None:
    await add_user(uow)
    async with uow.update_transaction():
        assert await claim(uow, 1)
        await open_flow(uow)
        # Each use case said commit, yet nothing is visible to anyone else yet.
        assert await stored(engine) == {"claims": 0, "dialogs": 0}
        await commit_update()  # what the bot does before its reply leaves
        assert await stored(engine) == {"claims": 1, "dialogs": 1}
    assert await stored(engine) == {"claims": 1, "dialogs": 1}


async def test_a_failing_use_case_rolls_back_the_whole_update(
    uow: SqlUnitOfWorkFactory, engine: AsyncEngine
) -> None:
    await add_user(uow)
    async with uow.update_transaction():
        assert await claim(uow, 1)
        await open_flow(uow)
        with pytest.raises(Boom):
            async with uow() as work:
                await work.users.claim_zone_notice(USER, "Mars/Olympus")
                raise Boom
    # Neither the claim nor the flow opened before the failure was kept.
    assert await stored(engine) == {"claims": 0, "dialogs": 0}


async def test_the_error_handlers_rollback_drops_what_the_update_did(
    uow: SqlUnitOfWorkFactory, engine: AsyncEngine
) -> None:
    await add_user(uow)
    async with uow.update_transaction():
        assert await claim(uow, 1)
        await open_flow(uow)
        await rollback_update()  # a handler raised; PTB gave the error to the error handler
        assert await claim(uow, 1)  # which claims the update again, on its own
    assert await stored(engine) == {"claims": 1, "dialogs": 0}


async def test_what_a_reply_showed_stays_when_a_later_step_fails(
    uow: SqlUnitOfWorkFactory, engine: AsyncEngine
) -> None:
    await add_user(uow)
    async with uow.update_transaction():
        assert await claim(uow, 1)
        await commit_update()  # a reply left: the claim is stored
        with pytest.raises(Boom):
            async with uow() as work:
                await work.dialogs.put(USER, Dialog("settings", "view"), NOW)
                raise Boom
    assert await stored(engine) == {"claims": 1, "dialogs": 0}


async def test_a_task_that_outlives_its_update_works_on_its_own(
    uow: SqlUnitOfWorkFactory, engine: AsyncEngine
) -> None:
    await add_user(uow)
    release = asyncio.Event()

    async def later() -> None:
        await release.wait()
        await open_flow(uow)

    async with uow.update_transaction():
        task = asyncio.create_task(later())  # copies the update's context
        assert await claim(uow, 1)
    release.set()
    await task
    assert await stored(engine) == {"claims": 1, "dialogs": 1}


async def test_outside_an_update_each_use_case_is_its_own_transaction(
    uow: SqlUnitOfWorkFactory, engine: AsyncEngine
) -> None:
    await add_user(uow)
    assert await claim(uow, 1)
    assert await stored(engine) == {"claims": 1, "dialogs": 0}


@pytest.fixture
def selects(engine: AsyncEngine) -> Iterator[list[str]]:
    """The tables each SELECT statement reads, as they are executed."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        words = str(args[2]).split()
        if words[0].upper() == "SELECT" and "FROM" in words:
            seen.append(words[words.index("FROM") + 1])

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine.sync_engine, "before_cursor_execute", record)


async def test_within_an_update_each_row_is_read_once(
    uow: SqlUnitOfWorkFactory, selects: list[str]
) -> None:
    await add_user(uow)
    async with uow() as work:
        result = ScreeningResult(1, Outcome.CLEARED, (), 2, "gt_3m", True, ())
        await work.screenings.add(USER, result, ScreeningRecord(Outcome.CLEARED, NOW, 2))
        await work.commit()
    selects.clear()
    async with uow.update_transaction():
        for _ in range(2):  # two use cases of the update, each reading what it needs
            async with uow() as work:
                assert await work.users.get(USER) is not None
                assert await work.dialogs.get(USER) is None  # no flow open
                assert await work.screenings.latest(USER) is not None
                assert await work.screenings.hold_spans(USER) == []
                await work.commit()
    # The user's row and dialog row are one statement (FROM users LEFT OUTER JOIN dialogs).
    assert sorted(selects) == ["screenings", "users"]


@pytest.mark.postgres
@pytest.mark.parametrize("person", [None, USER], ids=["claim alone", "claim with the sender"])
async def test_two_replicas_claiming_one_update_answer_it_once(
    postgres_url: str, person: int | None
) -> None:
    """The same update at two processes at once: the second claim waits for the first
    transaction and then finds the update taken, so only one handles it (also when the
    claim reads the sender's rows in the same statement)."""
    from storage.engine import create_engine
    from storage.migrate import upgrade

    engines = [create_engine(postgres_url) for _ in range(2)]
    await upgrade(engines[0])
    factories = [SqlUnitOfWorkFactory(engine) for engine in engines]
    first_claimed = asyncio.Event()
    finish_first = asyncio.Event()
    outcomes: dict[str, bool] = {}

    async def replica(name: str, uow: SqlUnitOfWorkFactory) -> None:
        async with uow.update_transaction():
            outcomes[name] = await claim(uow, 7, person)
            if name == "a":
                first_claimed.set()
                await finish_first.wait()  # still handling: the transaction is open
                async with uow() as work:
                    await work.users.add(Profile(user_id=USER, chat_id=USER, created_at=NOW))
                    await work.commit()

    try:
        a = asyncio.create_task(replica("a", factories[0]), context=contextvars.Context())
        await first_claimed.wait()
        b = asyncio.create_task(replica("b", factories[1]), context=contextvars.Context())
        await asyncio.sleep(0.2)
        assert not b.done(), "the second claim waits for the first update's transaction"
        finish_first.set()
        await asyncio.gather(a, b)
        assert outcomes == {"a": True, "b": False}
        async with factories[1]() as work:
            assert await work.users.get(USER) is not None
    finally:
        for engine in engines:
            await engine.dispose()


async def test_a_reader_outside_an_update_does_not_wait_for_a_writer(
    uow: SqlUnitOfWorkFactory,
) -> None:
    """On SQLite a read-only unit of work takes no write lock: it reads what is committed
    while a writer (a tick, an update) holds the lock, instead of queueing behind it."""
    await add_user(uow)
    writing = asyncio.Event()
    finish = asyncio.Event()

    async def writer() -> None:
        async with uow() as work:
            await work.dialogs.put(USER, Dialog("settings", "view"), NOW)
            writing.set()
            await finish.wait()
            await work.commit()

    task = asyncio.create_task(writer())
    await writing.wait()
    async with asyncio.timeout(5):
        async with uow(read_only=True) as work:
            assert await work.users.get(USER) is not None
            assert await work.dialogs.get(USER) is None  # not committed yet
    finish.set()
    await task
