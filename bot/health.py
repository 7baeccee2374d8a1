"""`/healthz` and `/metrics` over HTTP: on the webhook's port, or on METRICS_PORT when polling.

Healthy means: the process answers, the database answers a `SELECT 1` within a few seconds,
the reminder tick finished within ``TICK_STALE_SECONDS``, and Telegram answered the last
call (or a 429 pause it asked for is running: that is known, not an outage). The body says
which check failed; it holds no user data. `/metrics` is Prometheus' text format.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Final

import tornado.web
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from tornado.httpserver import HTTPServer

from bot.metrics import DUE_BACKLOG, LAST_TICK
from bot.outbound import OutboundLimiter

log = logging.getLogger(__name__)

TICK_STALE_SECONDS: Final = 60.0
"""The tick runs every second; a minute without one means reminders have stalled."""
DATABASE_TIMEOUT_SECONDS: Final = 3.0


@dataclass(frozen=True, slots=True)
class HealthReport:
    database: bool
    tick_age_seconds: float
    telegram: str
    """"ok", "paused" (a 429 pause Telegram asked for) or "unreachable"."""

    @property
    def tick_fresh(self) -> bool:
        return self.tick_age_seconds <= TICK_STALE_SECONDS

    @property
    def healthy(self) -> bool:
        return self.database and self.tick_fresh and self.telegram != "unreachable"

    def as_json(self) -> str:
        return json.dumps(
            {
                "healthy": self.healthy,
                "database": "ok" if self.database else "unreachable",
                "reminder_tick": "ok" if self.tick_fresh else "stalled",
                "reminder_tick_age_seconds": round(self.tick_age_seconds, 1),
                "telegram": self.telegram,
            }
        )


class Health:
    """What the checks read; the scheduler's tick wrapper calls ``tick_done``."""

    def __init__(
        self,
        engine: AsyncEngine,
        limiter: OutboundLimiter | None,
        due_backlog: Callable[[], Awaitable[int]],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._engine = engine
        self._limiter = limiter
        self._due_backlog = due_backlog
        self._clock = clock
        self._last_tick = clock()  # a fresh process has a minute before its first tick counts

    def tick_done(self) -> None:
        self._last_tick = self._clock()
        LAST_TICK.set_to_current_time()

    async def _database_answers(self) -> bool:
        async def ping() -> None:
            async with self._engine.connect() as connection:
                await connection.execute(text("SELECT 1"))

        try:
            await asyncio.wait_for(ping(), DATABASE_TIMEOUT_SECONDS)
        except Exception:
            return False
        return True

    def _telegram(self) -> str:
        limiter = self._limiter
        if limiter is None:
            return "ok"
        if limiter.is_paused():
            return "paused"
        return "ok" if limiter.reach.reachable else "unreachable"

    async def report(self) -> HealthReport:
        return HealthReport(
            database=await self._database_answers(),
            tick_age_seconds=self._clock() - self._last_tick,
            telegram=self._telegram(),
        )

    async def metrics(self) -> bytes:
        """The metrics text; the due backlog is counted now (one indexed count)."""
        try:
            backlog = await asyncio.wait_for(self._due_backlog(), DATABASE_TIMEOUT_SECONDS)
        except Exception:
            log.warning("could not count the due backlog for /metrics")
        else:
            DUE_BACKLOG.set(backlog)
        return generate_latest(REGISTRY)


class _HealthHandler(tornado.web.RequestHandler):
    def initialize(self, health: Health) -> None:
        self.health = health

    async def get(self) -> None:
        report = await self.health.report()
        self.set_status(200 if report.healthy else 503)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        await self.finish(report.as_json())


class _MetricsHandler(tornado.web.RequestHandler):
    def initialize(self, health: Health) -> None:
        self.health = health

    async def get(self) -> None:
        body = await self.health.metrics()
        self.set_header("Content-Type", CONTENT_TYPE_LATEST)
        await self.finish(body)


def routes(health: Health) -> list[Any]:
    """The two endpoints, for the webhook's application or a server of their own."""
    shared = {"health": health}
    return [
        (r"/healthz", _HealthHandler, shared),
        (r"/metrics", _MetricsHandler, shared),
    ]


def serve(health: Health, host: str, port: int) -> HTTPServer | None:
    """Listen on ``host:port`` (polling mode); a port in use is logged, never fatal."""
    server = HTTPServer(tornado.web.Application(routes(health)), max_body_size=1024)
    try:
        server.listen(port, address=host)
    except OSError as error:
        log.warning("health and metrics are not served on %s:%s: %s", host, port, error.strerror)
        return None
    log.info("health and metrics on http://%s:%s/healthz and /metrics", host, port)
    return server
