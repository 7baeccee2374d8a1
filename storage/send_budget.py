"""Telegram's send limits shared by replicas through PostgreSQL.

Each replica's outbound queue keeps its own limits; this budget makes them hold across
processes too. Both rules are decided by the database, on its clock:

* bot-wide: ``send_budget`` has one row per message allowed in a second (30). A slot whose
  stamp is at least a window old may be used again. A replica takes slots **in batches**
  (one ``UPDATE … FROM (SELECT … LIMIT k FOR UPDATE SKIP LOCKED) … RETURNING``, so replicas
  never wait on each other): the first for the send asking now, stamped now; the others
  for its next sends, slot i stamped i steps later (a step is one and a half of the
  replica's recent spacing between sends), the last moment the replica may use it, after
  which it drops it unused. Each use lies at or before its slot's stamp and the next use
  of the slot a window after that stamp, so no window, wherever it starts, holds more than
  30 sends. (Per-second counters would allow 30 at the
  end of one second and 30 more at the start of the next.) The batch follows the replica's
  own rate over the last second: one slot when it sends fewer than about six a second
  (nothing is held from the others); when it sends many, as many as fit in
  ``HOLD_SECONDS`` (and one for each send waiting meanwhile), up to a fifth of a second's
  slots, so a busy replica writes the hot rows a few times a second instead of once a
  send; a spare slot costs the others the time between its use and its stamp, a few
  hundredths of a second.
* per chat: ``chat_sends`` keeps the tokens and time of the chat's last send, the same
  bucket as ``coach.rate_limit.SendLimiter``: replies may burst, reminders need a full
  interval since the last send. One upsert with a condition (a statement of its own, no
  transaction around it) takes a token or refuses.

A refusal counts nothing (a refused chat gives its slot back to the replica's next send)
and tells how long to wait. A ``RetryAfter`` one replica gets stamps every slot into the
pause and drops the slots it held, so all replicas hold their sends until it ends (another
replica may still use the spare slots it took before, for at most ``HOLD_SECONDS``). Only for
PostgreSQL: with SQLite there is one process, and the local limiter is enough.

Slots that vanish under a running process (a failover, an operator's ``DELETE``, a crash of a
fresh database before the commits of its first sends reached the disk: they skip the flush)
are re-created when a send finds fewer than 30, stamped with the latest stamp left or now,
whichever is later (so a pause held in the remaining slots still holds, and no second gets
more than 30), and a warning is logged. Otherwise no slot would ever be free again and every
send would wait forever.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from coach.rate_limit import REPLY_BURST, SAFE_WINDOW_SECONDS
from storage.engine import ping_when_idle

log = logging.getLogger(__name__)

# A refusal is never answered with "ask again at once": that would only load the database.
MIN_WAIT_SECONDS = 0.01
PRUNE_EVERY_SECONDS = 60.0
HOLD_SECONDS = 0.25
"""A batch's slots are for this long: its last spare is stamped (and dropped) then."""
SPARE_STEP_SPACINGS = 1.5
"""A spare slot's stamp follows the previous one by this many of the replica's spacings."""

_NOW = "extract(epoch from clock_timestamp())::double precision"
# Typed once, so the driver never has to guess a parameter's type from two uses.
_BURST = "CAST(:burst AS double precision)"
_INTERVAL = "CAST(:interval AS double precision)"
_STRICT = "CAST(:strict AS boolean)"
_WINDOW = "CAST(:window AS double precision)"
_HOLD = "CAST(:hold AS double precision)"

_SEED_SLOTS = text(
    "INSERT INTO send_budget (slot, sent_at) SELECT g, 0 FROM generate_series(0, :n - 1) AS g "
    "ON CONFLICT (slot) DO NOTHING"
)
# Slots that vanished come back in use (the latest stamp left, or now): never more than 30 in
# a second, and a pause the remaining slots hold is kept.
_HEAL_SLOTS = text(
    "INSERT INTO send_budget (slot, sent_at) "
    f"SELECT g, (SELECT GREATEST(COALESCE(max(sent_at), 0), {_NOW}) FROM send_budget) "
    "FROM generate_series(0, :n - 1) AS g ON CONFLICT (slot) DO NOTHING"
)
# The per-chat rule: a token of the chat's bucket (a reply), or a full interval since its
# last send (a reminder, `strict`); the row is written only when the send may go.
_CHAT_RULE = f"""
    ON CONFLICT (chat_id) DO UPDATE SET
        tokens = LEAST({_BURST}, c.tokens + (EXCLUDED.sent_at - c.sent_at) / {_INTERVAL}) - 1,
        sent_at = EXCLUDED.sent_at
    WHERE CASE
        WHEN {_STRICT} THEN EXCLUDED.sent_at - c.sent_at >= {_INTERVAL}
        ELSE LEAST({_BURST}, c.tokens + (EXCLUDED.sent_at - c.sent_at) / {_INTERVAL}) >= 1
    END
    RETURNING sent_at
"""
# One instant for the whole statement (clock_timestamp() would differ from row to row).
_STATEMENT_NOW = "extract(epoch from statement_timestamp())::double precision"
# A send with a spare slot of this replica's batch: the chat's rule alone.
_TAKE_CHAT = text(
    f"""
    INSERT INTO chat_sends AS c (chat_id, tokens, sent_at)
    VALUES (:chat, {_BURST} - 1, {_STATEMENT_NOW})
    {_CHAT_RULE}
    """
)
# A send without one: the chat's rule and a batch of slots in one statement, all or
# nothing. The chat is counted only if a slot is free, the slots only if the chat may have
# a send. Slot i of the batch is stamped i steps after now: the last moment this replica may
# use it (the first is this send's).
_TAKE_CHAT_AND_SLOTS = text(
    f"""
    WITH free AS (
        SELECT slot FROM send_budget
        WHERE slot < :n AND sent_at <= {_STATEMENT_NOW} - {_WINDOW}
        LIMIT :k
        FOR UPDATE SKIP LOCKED
    ), chat AS (
        INSERT INTO chat_sends AS c (chat_id, tokens, sent_at)
        SELECT :chat, {_BURST} - 1, {_STATEMENT_NOW} WHERE EXISTS (SELECT 1 FROM free)
        {_CHAT_RULE}
    ), numbered AS (
        SELECT slot, row_number() OVER (ORDER BY slot) - 1 AS i FROM free
        WHERE EXISTS (SELECT 1 FROM chat)
    )
    UPDATE send_budget AS s
    SET sent_at = {_STATEMENT_NOW} + CAST(:step AS double precision) * numbered.i
    FROM numbered WHERE s.slot = numbered.slot
    RETURNING numbered.i, s.sent_at, (SELECT sent_at FROM chat)
    """
)
# Why a send was refused, and for how long: the slots there are, the free ones, the wait
# for the first slot to be free, and the chat's wait.
_CHAT_WAIT_EXPRESSION = f"""CASE
        WHEN {_STRICT} THEN sent_at + {_INTERVAL}
        ELSE sent_at + (1 - tokens) * {_INTERVAL}
    END - {_NOW}"""
_CHAT_WAIT = text(f"SELECT {_CHAT_WAIT_EXPRESSION} FROM chat_sends WHERE chat_id = :chat")
_WAITS = text(
    f"""
    SELECT count(*),
        count(*) FILTER (WHERE sent_at <= {_NOW} - {_WINDOW}),
        min(sent_at) + {_WINDOW} - {_NOW},
        (SELECT {_CHAT_WAIT_EXPRESSION} FROM chat_sends WHERE chat_id = :chat)
    FROM send_budget WHERE slot < :n
    """
)
_SLOT_WAIT = text(
    f"SELECT count(*), min(sent_at) + {_WINDOW} - {_NOW} FROM send_budget WHERE slot < :n"
)
# Every slot in use until the pause ends: each becomes free `window` after its stamp.
_PAUSE = text(
    f"UPDATE send_budget SET sent_at = GREATEST(sent_at, {_NOW} + "
    f"CAST(:seconds AS double precision) - {_WINDOW}) WHERE slot < :n"
)
_FORGET_CHAT = text("DELETE FROM chat_sends WHERE chat_id = :chat")
_PRUNE_CHATS = text(
    f"DELETE FROM chat_sends WHERE sent_at < {_NOW} - CAST(:keep AS double precision)"
)


def budget_engine(url: str, pool_size: int = 4) -> AsyncEngine:
    """Connections for the budget alone. A permit is worth nothing after a crash of the
    database (the second it counted is long over), so its commits skip the wait for the
    disk flush (``synchronous_commit=off``): a granted permit costs a round trip, not an
    fsync. Durability of every other table is unchanged."""
    engine = create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=6,
        # Every statement of the budget commits on its own (no BEGIN, no COMMIT).
        isolation_level="AUTOCOMMIT",
        connect_args={"server_settings": {"synchronous_commit": "off"}},
    )
    ping_when_idle(engine)
    return engine


class PostgresSendBudget:
    """The ``coach.rate_limit.SendPermit`` of replicas sharing one PostgreSQL database."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        per_second: int = 30,
        per_chat_interval: float = 1.0,
        reply_burst: int = REPLY_BURST,
        owns_engine: bool = False,
        on_grant: Callable[[int, float, float], None] | None = None,
        max_batch: int | None = None,
        hold: float = HOLD_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._engine = engine
        self._owns_engine = owns_engine
        self._per_second = per_second
        self._interval = per_chat_interval
        self._burst = reply_burst
        # A fifth of a second's slots at most: 6 of Telegram's 30.
        self._max_batch = max(1, per_second // 5 if max_batch is None else max_batch)
        self._hold = hold
        self._clock = clock
        self._seeded = False
        self._pruned_at = clock()
        # Spare slots of this replica's batches: (the last moment to use it, local clock;
        # its stamp, database clock), the earliest first.
        self._slots: deque[tuple[float, float]] = deque()
        self._granted: deque[float] = deque()  # this replica's grants of the last second
        self._reserving = asyncio.Lock()
        self._asking = 0  # sends of this replica waiting for a batch now
        # Told (chat, chat stamp, slot stamp) of every grant, database clock: for tests.
        self._on_grant = on_grant

    @classmethod
    def for_url(cls, url: str, **limits: Any) -> PostgresSendBudget:
        """A budget with a small pool of its own, so sends never wait for handlers' connections."""
        return cls(budget_engine(url), owns_engine=True, **limits)

    async def take(self, chat_id: int, *, strict: bool) -> float:
        """0.0 and the send is counted, or the seconds to wait before asking again."""
        await self._seed()
        chat = {"chat": chat_id, "burst": self._burst, "interval": self._interval, "strict": strict}
        slot = self._spare()
        if slot is None:
            self._asking += 1
            try:
                async with self._reserving:  # one batch at a time; those behind use its spares
                    slot = self._spare()
                    if slot is None:
                        granted = await self._with_batch(chat)
            finally:
                self._asking -= 1
        if slot is not None:
            granted = await self._with_spare(chat, slot)
        if isinstance(granted, float):
            return granted
        self._granted.append(self._clock())
        if self._on_grant is not None:
            self._on_grant(chat_id, *granted)
        return 0.0

    def _spare(self) -> tuple[float, float] | None:
        """A spare slot of this replica's batches whose moment is not over, or None."""
        now = self._clock()
        while self._slots and self._slots[0][0] <= now:
            self._slots.popleft()  # its moment is over: dropped, never used
        return self._slots.popleft() if self._slots else None

    async def _with_spare(
        self, chat: dict[str, Any], slot: tuple[float, float]
    ) -> tuple[float, float] | float:
        """The send on a spare slot: (chat stamp, slot stamp) if the chat may have it, else
        its wait (the slot stays for the next send)."""
        async with self._connect() as connection:
            taken = (await connection.execute(_TAKE_CHAT, chat)).first()
            if taken is None:
                self._slots.appendleft(slot)
                wait = (await connection.execute(_CHAT_WAIT, chat)).scalar()
                return max(MIN_WAIT_SECONDS, float(wait or 0.0))
            await self._prune(connection)
        return float(taken[0]), slot[1]

    async def _with_batch(self, chat: dict[str, Any]) -> tuple[float, float] | float:
        """The send with a new batch of slots (the first is the send's, the others kept for
        this replica's next sends), or how long to wait. Nothing is counted on a refusal."""
        limits = {"n": self._per_second, "window": SAFE_WINDOW_SECONDS}
        async with self._connect() as connection:
            for attempt in range(2):
                k, step = self._batch()
                started = self._clock()  # before the database's now: an earlier deadline
                rows = (
                    await connection.execute(
                        _TAKE_CHAT_AND_SLOTS, {**chat, **limits, "k": k, "step": step}
                    )
                ).all()
                if rows:
                    ordered = sorted((int(i), float(stamp), float(at)) for i, stamp, at in rows)
                    self._slots.extend((started + i * step, stamp) for i, stamp, _ in ordered[1:])
                    await self._prune(connection)
                    return ordered[0][2], ordered[0][1]
                slots, free, slot_wait, chat_wait = (
                    await connection.execute(_WAITS, {**chat, **limits})
                ).one()
                if free:
                    return max(MIN_WAIT_SECONDS, float(chat_wait or 0.0))
                if slots >= self._per_second or attempt:
                    return max(MIN_WAIT_SECONDS, float(slot_wait or 0.0))
                await self._heal(connection, slots)
        return MIN_WAIT_SECONDS

    def _batch(self) -> tuple[int, float]:
        """How many slots to take, and the step between their stamps, from this replica's
        rate over the last second: a step half again its spacing (its sends come before
        their slot's stamp even when a little late), as many as fit in the hold, and at
        least one for each send waiting for this batch. One slot while it sends fewer than
        about six a second, so it keeps none from the others."""
        now = self._clock()
        while self._granted and self._granted[0] <= now - 1.0:
            self._granted.popleft()
        rate = max(1, len(self._granted))
        step = SPARE_STEP_SPACINGS / rate
        wanted = max(1 + int(self._hold / step), self._asking)  # the sends waiting get one each
        return min(self._max_batch, wanted), step

    @asynccontextmanager
    async def _connect(self) -> AsyncIterator[AsyncConnection]:
        """A connection whose every statement commits on its own: one round trip each, no
        transaction around them."""
        async with self._engine.connect() as connection:
            # Already so on budget_engine's connections; set for any other engine (tests).
            yield await connection.execution_options(isolation_level="AUTOCOMMIT")

    async def _prune(self, connection: AsyncConnection) -> None:
        if self._clock() - self._pruned_at >= PRUNE_EVERY_SECONDS:
            self._pruned_at = self._clock()
            await connection.execute(
                _PRUNE_CHATS, {"keep": self._burst * self._interval + SAFE_WINDOW_SECONDS}
            )

    async def pause(self, seconds: float) -> None:
        """A ``RetryAfter`` holds every replica: no slot is free until the pause is over."""
        self._slots.clear()
        async with self._connect() as connection:
            # A pause is rare and must hold in every slot, including any that vanished.
            await connection.execute(_HEAL_SLOTS, {"n": self._per_second})
            await connection.execute(
                _PAUSE, {"seconds": seconds, "window": SAFE_WINDOW_SECONDS, "n": self._per_second}
            )

    async def forget(self, chat_id: int) -> None:
        """The chat's row goes now, not at the next prune (its user deleted their data)."""
        async with self._connect() as connection:
            await connection.execute(_FORGET_CHAT, {"chat": chat_id})

    async def _heal(self, connection: AsyncConnection, count: int) -> None:
        await connection.execute(_HEAL_SLOTS, {"n": self._per_second})
        log.warning(
            "send_budget had %s of %s slots; the missing ones are re-created",
            count,
            self._per_second,
        )

    async def prepare(self) -> None:
        """The slots, at start: a fresh database gets them before the first send."""
        await self._seed()

    async def _seed(self) -> None:
        if self._seeded:
            return
        async with self._reserving:  # once, not by every send waiting for the first
            if not self._seeded:
                async with self._connect() as connection:
                    await connection.execute(_SEED_SLOTS, {"n": self._per_second})
                self._seeded = True

    async def close(self) -> None:
        if self._owns_engine:
            await self._engine.dispose()
