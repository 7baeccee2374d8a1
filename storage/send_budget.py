"""Telegram's send limits shared by replicas through PostgreSQL.

Each replica's outbound queue keeps its own limits; this budget makes them hold across
processes too. Both rules are decided by the database, on its clock, in one short
transaction per send:

* bot-wide: ``send_budget`` has one row per message allowed in a second (30). A send takes
  a slot whose last use is at least a second old and stamps it (``FOR UPDATE SKIP LOCKED``,
  so replicas never wait on each other). Each slot is used at most once in any second, so
  no window of one second, wherever it starts, holds more than 30 sends. (Per-second
  counters would allow 30 at the end of one second and 30 more at the start of the next.)
* per chat: ``chat_sends`` keeps the tokens and time of the chat's last send, the same
  bucket as ``coach.rate_limit.SendLimiter``: replies may burst, reminders need a full
  interval since the last send. An upsert with a condition takes a token or refuses.

If either refuses, the transaction is rolled back (nothing is counted) and the caller learns
how long to wait. A ``RetryAfter`` one replica gets stamps every slot into the pause, so
all replicas hold their sends until it ends. Only for PostgreSQL: with SQLite there is one
process, and the local limiter is enough.

Slots that vanish under a running process (a failover, an operator's ``DELETE``, a crash of a
fresh database before the commits of its first sends reached the disk: they skip the flush)
are re-created when a send finds fewer than 30, stamped with the latest stamp left or now,
whichever is later (so a pause held in the remaining slots still holds, and no second gets
more than 30), and a warning is logged. Otherwise no slot would ever be free again and every
send would wait forever.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from coach.rate_limit import REPLY_BURST, SAFE_WINDOW_SECONDS

log = logging.getLogger(__name__)

# A refusal is never answered with "ask again at once": that would only load the database.
MIN_WAIT_SECONDS = 0.01
PRUNE_EVERY_SECONDS = 60.0

_NOW = "extract(epoch from clock_timestamp())::double precision"
# Typed once, so the driver never has to guess a parameter's type from two uses.
_BURST = "CAST(:burst AS double precision)"
_INTERVAL = "CAST(:interval AS double precision)"
_STRICT = "CAST(:strict AS boolean)"
_WINDOW = "CAST(:window AS double precision)"

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
_TAKE_CHAT = text(
    f"""
    INSERT INTO chat_sends AS c (chat_id, tokens, sent_at)
    VALUES (:chat, {_BURST} - 1, {_NOW})
    ON CONFLICT (chat_id) DO UPDATE SET
        tokens = LEAST({_BURST}, c.tokens + (EXCLUDED.sent_at - c.sent_at) / {_INTERVAL}) - 1,
        sent_at = EXCLUDED.sent_at
    WHERE CASE
        WHEN {_STRICT} THEN EXCLUDED.sent_at - c.sent_at >= {_INTERVAL}
        ELSE LEAST({_BURST}, c.tokens + (EXCLUDED.sent_at - c.sent_at) / {_INTERVAL}) >= 1
    END
    RETURNING sent_at
    """
)
_CHAT_WAIT = text(
    f"""
    SELECT CASE
        WHEN {_STRICT} THEN sent_at + {_INTERVAL}
        ELSE sent_at + (1 - tokens) * {_INTERVAL}
    END - {_NOW}
    FROM chat_sends WHERE chat_id = :chat
    """
)
_TAKE_SLOT = text(
    f"""
    UPDATE send_budget SET sent_at = {_NOW}
    WHERE slot = (
        SELECT slot FROM send_budget
        WHERE slot < :n AND sent_at <= {_NOW} - {_WINDOW}
        ORDER BY sent_at LIMIT 1
        FOR UPDATE SKIP LOCKED
    )
    RETURNING sent_at
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
    disk flush (``synchronous_commit=off``): a granted permit costs a few round trips, not
    an fsync. Durability of every other table is unchanged."""
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=6,
        pool_pre_ping=True,
        connect_args={"server_settings": {"synchronous_commit": "off"}},
    )


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
    ) -> None:
        self._engine = engine
        self._owns_engine = owns_engine
        self._per_second = per_second
        self._interval = per_chat_interval
        self._burst = reply_burst
        self._seeded = False
        self._pruned_at = time.monotonic()
        # Told (chat, chat stamp, slot stamp) of every grant, database clock: for tests.
        self._on_grant = on_grant

    @classmethod
    def for_url(cls, url: str, **limits: Any) -> PostgresSendBudget:
        """A budget with a small pool of its own, so sends never wait for handlers' connections."""
        return cls(budget_engine(url), owns_engine=True, **limits)

    async def take(self, chat_id: int, *, strict: bool) -> float:
        """0.0 and the send is counted, or the seconds to wait before asking again."""
        await self._seed()
        async with self._engine.connect() as connection:
            wait = await self._take(connection, chat_id, strict)
            if wait is None:  # slots are missing: re-create them, then ask once more
                await connection.rollback()
                await self._heal(connection)
                wait = await self._take(connection, chat_id, strict)
            if wait is None or wait > 0:
                await connection.rollback()
                return MIN_WAIT_SECONDS if wait is None else wait
            await connection.commit()
            if time.monotonic() - self._pruned_at >= PRUNE_EVERY_SECONDS:
                self._pruned_at = time.monotonic()
                await connection.execute(
                    _PRUNE_CHATS, {"keep": self._burst * self._interval + SAFE_WINDOW_SECONDS}
                )
                await connection.commit()
        return 0.0

    async def _take(self, connection: AsyncConnection, chat_id: int, strict: bool) -> float | None:
        """0.0 (granted), the seconds to wait, or None if ``send_budget`` lacks slots."""
        chat = {"chat": chat_id, "burst": self._burst, "interval": self._interval}
        taken = (await connection.execute(_TAKE_CHAT, {**chat, "strict": strict})).first()
        if taken is None:
            wait = (await connection.execute(_CHAT_WAIT, {**chat, "strict": strict})).scalar()
            return max(MIN_WAIT_SECONDS, float(wait or 0.0))
        limits = {"n": self._per_second, "window": SAFE_WINDOW_SECONDS}
        slot = (await connection.execute(_TAKE_SLOT, limits)).first()
        if slot is None:
            count, wait = (await connection.execute(_SLOT_WAIT, limits)).one()
            if count < self._per_second:
                return None
            return max(MIN_WAIT_SECONDS, float(wait or 0.0))
        if self._on_grant is not None:
            self._on_grant(chat_id, float(taken[0]), float(slot[0]))
        return 0.0

    async def pause(self, seconds: float) -> None:
        """A ``RetryAfter`` holds every replica: no slot is free until the pause is over."""
        async with self._engine.begin() as connection:
            # A pause is rare and must hold in every slot, including any that vanished.
            await connection.execute(_HEAL_SLOTS, {"n": self._per_second})
            await connection.execute(
                _PAUSE, {"seconds": seconds, "window": SAFE_WINDOW_SECONDS, "n": self._per_second}
            )

    async def forget(self, chat_id: int) -> None:
        """The chat's row goes now, not at the next prune (its user deleted their data)."""
        async with self._engine.begin() as connection:
            await connection.execute(_FORGET_CHAT, {"chat": chat_id})

    async def _heal(self, connection: AsyncConnection) -> None:
        count = (await connection.execute(_SLOT_WAIT, {"n": self._per_second, "window": 0})).one()[
            0
        ]
        await connection.execute(_HEAL_SLOTS, {"n": self._per_second})
        await connection.commit()
        log.warning(
            "send_budget had %s of %s slots; the missing ones are re-created",
            count,
            self._per_second,
        )

    async def _seed(self) -> None:
        if not self._seeded:
            async with self._engine.begin() as connection:
                await connection.execute(_SEED_SLOTS, {"n": self._per_second})
            self._seeded = True

    async def close(self) -> None:
        if self._owns_engine:
            await self._engine.dispose()
