"""Sizes of one bench run, from the environment; ``BENCH_QUICK=1`` shrinks them all.

The default fan-out is scaled: 3,000 reminders due within 9 s (the rate of 20,000 due in
one minute) instead of 20,000, which would take 11 minutes at 30 a second.
``BENCH_FANOUT_DUE=20000`` runs the full peak (about 25 minutes in all).
"""

from __future__ import annotations

import os
from dataclasses import dataclass


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _ints(name: str, default: tuple[int, ...]) -> tuple[int, ...]:
    raw = os.environ.get(name)
    return default if not raw else tuple(int(part) for part in raw.split(","))


@dataclass(frozen=True)
class Sizes:
    quick: bool
    fanout_users: int
    fanout_due: int
    rss_users: tuple[int, ...]
    rss_due: int
    update_users: tuple[int, ...]
    update_burst: int
    update_paced: int
    update_rate: int
    update_reminders: int
    update_backends: tuple[str, ...]
    tick_users: tuple[int, ...]
    summary_pictures: int
    starts: int
    postgres_url: str


def _backends(postgres_url: str) -> tuple[str, ...]:
    """The databases our bot handles updates on: SQLite, and PostgreSQL unless it is off."""
    raw = os.environ.get("BENCH_UPDATE_BACKENDS")
    if raw:
        return tuple(part.strip() for part in raw.split(","))
    return ("sqlite",) if postgres_url.lower() == "none" else ("sqlite", "postgresql")


def from_environment() -> Sizes:
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    postgres_url = os.environ.get(
        "BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
    )
    return Sizes(
        quick=quick,
        fanout_users=_int("BENCH_FANOUT_USERS", 2_000 if quick else 100_000),
        fanout_due=_int("BENCH_FANOUT_DUE", 60 if quick else 3_000),
        rss_users=_ints("BENCH_RSS_USERS", () if quick else (1_000, 10_000)),
        rss_due=_int("BENCH_RSS_DUE", 30 if quick else 300),
        update_users=_ints("BENCH_UPDATE_USERS", (20,) if quick else (1, 1_000)),
        update_burst=_int("BENCH_UPDATE_BURST", 60 if quick else 400),
        update_paced=_int("BENCH_UPDATE_PACED", 60 if quick else 300),
        update_rate=_int("BENCH_UPDATE_RATE", 30),
        update_reminders=_int("BENCH_UPDATE_REMINDERS", 20 if quick else 150),
        update_backends=_backends(postgres_url),
        tick_users=_ints(
            "BENCH_TICK_USERS", (1_000, 10_000) if quick else (1_000, 100_000, 1_000_000)
        ),
        summary_pictures=_int("BENCH_PICTURES", 5 if quick else 60),
        starts=_int("BENCH_STARTS", 1 if quick else 3),
        postgres_url=postgres_url,
    )


SIZES = from_environment()
