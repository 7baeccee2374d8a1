"""Prometheus metrics of one bot process (`/metrics`): counts and timings, never a person.

Labels are fixed small sets (a Bot API method, an outcome, a job's name); no user id, chat
id or text is ever a label value, so nothing about a person reaches a metrics store.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Final, TypeVar

from prometheus_client import Counter, Gauge, Histogram
from sqlalchemy.exc import SQLAlchemyError

from coach.services.reminder_views import DispatchReport

T = TypeVar("T")

UPDATES: Final = Counter("strongback_updates", "Updates handled (failed ones included).")
UPDATE_ERRORS: Final = Counter(
    "strongback_update_errors", "Updates whose handling raised (the user got the apology)."
)
UPDATE_SECONDS: Final = Histogram(
    "strongback_update_seconds",
    "Time from an update's turn to the end of its handling, reply sends included.",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
TELEGRAM_CALLS: Final = Counter(
    "strongback_telegram_calls",
    "Bot API calls to a chat, by method and outcome (ok, retry_after, error).",
    ["method", "outcome"],
)
RETRY_AFTER: Final = Counter(
    "strongback_telegram_429",
    "Telegram's 429 answers, by what they paused (bot: every send; chat: one group).",
    ["scope"],
)
PAUSED_SECONDS: Final = Counter(
    "strongback_telegram_paused_seconds", "Seconds of pause Telegram's 429 answers asked for."
)
REMINDERS: Final = Counter(
    "strongback_reminders",
    "Reminder rows by kind (sit_break, session) and outcome (sent, missed, failed, errors, "
    "parked, not_sent).",
    ["kind", "outcome"],
)
JOB_RUNS: Final = Counter(
    "strongback_job_runs",
    "Scheduled job runs, by job and outcome (ok, failed).",
    ["job", "outcome"],
)
SKIPPED_TICKS: Final = Counter(
    "strongback_skipped_job_runs",
    "Job runs the scheduler skipped because the previous run had not finished.",
    ["job"],
)
LAST_TICK: Final = Gauge(
    "strongback_last_reminder_tick_timestamp_seconds", "When the last reminder tick finished."
)
DUE_BACKLOG: Final = Gauge(
    "strongback_reminders_due_backlog", "Sit-break reminders due and not claimed (at scrape)."
)
DATABASE_ERRORS: Final = Counter(
    "strongback_database_errors", "Database errors, by where (update, job).", ["where"]
)

_REPORT_FIELDS: Final = ("sent", "missed", "failed", "errors", "parked", "not_sent")


def count_report(kind: str, report: DispatchReport) -> None:
    for field in _REPORT_FIELDS:
        value = getattr(report, field)
        if value:
            REMINDERS.labels(kind, field).inc(value)


def observed(job: str, run: Callable[[], Awaitable[T]]) -> Callable[[], Awaitable[T]]:
    """``run`` counted per outcome; a database error is counted as such too."""

    async def wrapper() -> T:
        try:
            result = await run()
        except Exception as error:
            JOB_RUNS.labels(job, "failed").inc()
            if isinstance(error, SQLAlchemyError):
                DATABASE_ERRORS.labels("job").inc()
            raise
        JOB_RUNS.labels(job, "ok").inc()
        return result

    return wrapper


def observed_dispatch(
    kind: str, dispatch: Callable[[int], Awaitable[DispatchReport]], on_done: Callable[[], None]
) -> Callable[[int], Awaitable[DispatchReport]]:
    """A dispatcher round counted by outcome; ``on_done`` runs after each finished round."""

    async def wrapper(limit: int) -> DispatchReport:
        report = await observed(kind, lambda: dispatch(limit))()
        count_report(kind, report)
        on_done()
        return report

    return wrapper


class UpdateTimer:
    """Times one update's handling into ``UPDATE_SECONDS`` and counts it handled."""

    def __init__(self) -> None:
        self._started = time.perf_counter()

    def done(self) -> None:
        UPDATE_SECONDS.observe(time.perf_counter() - self._started)
        UPDATES.inc()


def retry_after_total() -> int:
    """The 429 answers this process got since it started (all scopes)."""
    return int(
        sum(
            sample.value
            for metric in RETRY_AFTER.collect()
            for sample in metric.samples
            if sample.name.endswith("_total")
        )
    )
