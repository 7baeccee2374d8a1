"""Fan-out child: one design sends the reminders that fall due, against the fake Bot API.

``ours`` wires the real pieces the way ``bot/app.py`` does: the Application's Bot (with the
real ``OutboundLimiter``) from ``build_application``, ``TelegramNotifier``,
``ReminderService`` and ``ReminderScheduler``; only the scheduler's dispatch callable is
wrapped, to add up its reports. ``jobqueue`` is the common design: a default
python-telegram-bot Application (no rate limiter) with one ``JobQueue.run_once`` job per
user at the user's due time, APScheduler's default misfire grace, and a send per job.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any

from apscheduler.events import EVENT_JOB_MISSED, JobExecutionEvent
from sqlalchemy import select
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ApplicationBuilder, ContextTypes

from bench.probe import StallMonitor, peak_rss_mb, rss_mb
from bench.protocol import say_ready
from bot.app import build_application
from bot.config import Settings
from bot.notifier import TelegramNotifier
from bot.render.reminders import reminder_message
from bot.texts import load_catalogue
from coach.catalogue import load_catalogue as load_exercises
from coach.clock import SystemClock
from coach.reminder_state import SitBreakReminder
from coach.services.reminders import DispatchReport, ReminderService
from scheduler.jobs import Jobs, ReminderScheduler
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.models import ReminderStateRow, UserRow
from storage.uow import SqlUnitOfWorkFactory

POLL_SECONDS = 0.05


@dataclass
class Outcome:
    """What the design itself says it did with the due reminders."""

    sent: int = 0
    missed: int = 0
    failed: int = 0
    blocked: int = 0
    dropped: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.missed + self.failed + self.blocked + self.dropped


async def _wait(done: Any, deadline: float) -> bool:
    while not done():
        if time.time() > deadline:
            return False
        await asyncio.sleep(POLL_SECONDS)
    return True


def _settings(args: dict[str, Any]) -> Settings:
    return Settings(
        telegram_bot_token=args["token"],
        database_url=args["database_url"],
        telegram_api_base_url=args["api_url"],
        log_level="INFO",
    )


async def run_ours(args: dict[str, Any], monitor: StallMonitor) -> dict[str, Any]:
    settings = _settings(args)
    outcome = Outcome()
    claimed = 0

    async with build_application(settings) as application:
        engine = create_engine(settings.database_url)
        await upgrade(engine)
        texts = load_catalogue()
        uow = SqlUnitOfWorkFactory(engine)
        service = ReminderService(
            uow,
            SystemClock(),
            grace=timedelta(minutes=settings.reminder_grace_minutes),
            min_interval=timedelta(minutes=settings.reminder_min_interval_minutes),
            notifier=TelegramNotifier(application.bot, texts),
            catalogue=load_exercises(),
        )

        async def dispatch_due(limit: int) -> DispatchReport:
            nonlocal claimed
            report = await service.dispatch_due(limit)
            claimed += report.claimed
            outcome.sent += report.sent
            outcome.missed += report.missed
            outcome.failed += report.failed
            outcome.blocked += report.blocked
            outcome.dropped += report.dropped
            return report

        async def nothing() -> None:
            return None

        scheduler = ReminderScheduler(
            Jobs(
                dispatch_due=dispatch_due,
                daily=nothing,
                dispatch_sessions=service.dispatch_sessions,
            )
        )
        ready = _ready(monitor)
        scheduler.start()
        finished = await _wait(lambda: outcome.handled >= args["due"], args["deadline"])
        await scheduler.shutdown()
        await engine.dispose()
    return {**ready, **_end(monitor), **asdict(outcome), "finished": finished}


async def run_jobqueue(args: dict[str, Any], monitor: StallMonitor) -> dict[str, Any]:
    base = args["api_url"]
    application = (
        ApplicationBuilder()
        .token(args["token"])
        .base_url(f"{base}/bot")
        .base_file_url(f"{base}/file/bot")
        .build()
    )
    outcome = Outcome()
    texts = load_catalogue()
    due_ids = set(range(1, args["due"] + 1))

    async def remind(context: ContextTypes.DEFAULT_TYPE) -> None:
        job, jobs = context.job, context.job_queue
        if job is None or jobs is None or job.chat_id is None or job.user_id is None:
            return
        language: str
        minutes: int
        language, minutes = job.data  # type: ignore[misc]
        reminder = SitBreakReminder(job.user_id, job.chat_id, language, minutes, int(time.time()))
        message = reminder_message(reminder, texts)
        try:
            await context.bot.send_message(
                job.chat_id, message.text, reply_markup=message.markup, parse_mode=ParseMode.HTML
            )
            sent = True
        except TelegramError:  # a 429 here is simply lost: the job has run
            sent = False
        if job.user_id in due_ids:
            outcome.sent += sent
            outcome.failed += not sent
        # The next reminder of this user, as such a bot would plan it.
        jobs.run_once(
            remind,
            when=timedelta(minutes=minutes),
            data=job.data,
            chat_id=job.chat_id,
            user_id=job.user_id,
            name=job.name,
            job_kwargs={"id": f"{job.user_id}:next"},
        )

    def missed(event: JobExecutionEvent) -> None:
        if int(event.job_id.split(":")[0]) in due_ids:
            outcome.missed += 1

    async with application:
        job_queue = application.job_queue
        if job_queue is None:
            raise RuntimeError("python-telegram-bot was installed without its job queue")
        engine = create_engine(args["database_url"])
        query = (
            select(
                UserRow.id,
                UserRow.chat_id,
                UserRow.language,
                UserRow.sit_interval_min,
                ReminderStateRow.next_due_at,
            )
            .join(ReminderStateRow, ReminderStateRow.user_id == UserRow.id)
            .where(ReminderStateRow.next_due_at.is_not(None), UserRow.active.is_(True))
        )
        async with engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        await engine.dispose()
        for user_id, chat_id, language, interval, due_at in rows:
            if due_at is None:
                continue
            job_queue.run_once(
                remind,
                when=due_at,
                data=(language, interval),
                chat_id=chat_id,
                user_id=user_id,
                name=str(user_id),
                # Only a label, so a missed job can be told apart by its user.
                job_kwargs={"id": f"{user_id}:first"},
            )
        job_queue.scheduler.add_listener(missed, EVENT_JOB_MISSED)
        del rows
        # Starting the scheduler files every pending job: part of set-up, not of sending.
        await application.start()
        ready = _ready(monitor)
        finished = await _wait(lambda: outcome.handled >= args["due"], args["deadline"])
        await application.stop()
    return {**ready, **_end(monitor), **asdict(outcome), "finished": finished, "jobs": len(due_ids)}


def _ready(monitor: StallMonitor) -> dict[str, Any]:
    """Set-up is over: report it and start measuring the run."""
    result = {
        "ready_at": time.time(),
        "setup_stall_ms": monitor.worst * 1000,
        "rss_ready_mb": rss_mb(),
    }
    monitor.mark()
    say_ready()
    return result


def _end(monitor: StallMonitor) -> dict[str, Any]:
    return {
        **monitor.summary(),
        "rss_end_mb": rss_mb(),
        "rss_peak_mb": peak_rss_mb(),
    }
