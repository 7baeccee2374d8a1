"""Update-handling child: our real Application, or a bare echo bot, long-polling the fake API.

``ours`` is ``bot.app.build_application`` run the way ``Application.run_polling`` runs it
(initialize, post_init, polling, start; then the reverse), on a SQLite file seeded with
set-up users. The outbound budget is lifted (``SEND_PER_SECOND``, ``SEND_PER_CHAT_SECONDS``)
so what is measured is handling, not Telegram's 30 messages a second, which binds both bots
alike. ``echo`` is python-telegram-bot's echo example with default settings.
"""

from __future__ import annotations

import resource
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bench.probe import StallMonitor, peak_rss_mb, rss_mb
from bench.protocol import say_ready, wait_for_stop
from bot.app import build_application
from bot.config import Settings
from bot.metrics import JOB_RUNS, SKIPPED_TICKS

LIFTED_PER_SECOND = 100_000
LIFTED_PER_CHAT_SECONDS = 0.000_001


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.message is not None and update.message.text is not None:
        await update.message.reply_text(update.message.text)


def _echo_application(args: dict[str, Any]) -> Application[Any, Any, Any, Any, Any, Any]:
    base = args["api_url"]
    application = (
        ApplicationBuilder()
        .token(args["token"])
        .base_url(f"{base}/bot")
        .base_file_url(f"{base}/file/bot")
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
    return application


def _our_application(args: dict[str, Any]) -> Application[Any, Any, Any, Any, Any, Any]:
    settings = Settings(
        telegram_bot_token=args["token"],
        database_url=args["database_url"],
        telegram_api_base_url=args["api_url"],
        send_per_second=LIFTED_PER_SECOND,
        send_per_chat_seconds=LIFTED_PER_CHAT_SECONDS,
        log_level="INFO",
        city_index_path=Path(args["city_index"]),
    )
    return build_application(settings)


async def run(design: str, args: dict[str, Any], monitor: StallMonitor) -> dict[str, Any]:
    application = _our_application(args) if design == "ours" else _echo_application(args)
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    updater = application.updater
    if updater is None:
        raise RuntimeError("no updater")
    await updater.start_polling(allowed_updates=Update.ALL_TYPES)
    await application.start()
    rss_ready = rss_mb()
    monitor.mark()
    cpu_ready = _cpu_seconds()
    say_ready()
    await wait_for_stop()
    result = {
        **monitor.summary(),
        "rss_ready_mb": rss_ready,
        "cpu_seconds": _cpu_seconds() - cpu_ready,
        **_job_counts(),
    }
    await updater.stop()
    await application.stop()
    if application.post_stop is not None:
        await application.post_stop(application)
    await application.shutdown()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)
    return {**result, "rss_end_mb": rss_mb(), "rss_peak_mb": peak_rss_mb()}


def _cpu_seconds() -> float:
    """CPU time this process used so far (user and system, every thread): unlike wall
    time, it barely depends on what else the machine is running."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _job_counts() -> dict[str, int]:
    """Runs of the sit-break tick and the runs APScheduler skipped (any job): a skipped tick
    means reminders waited while updates were handled."""
    ticks = skipped = 0
    for metric in JOB_RUNS.collect():
        for sample in metric.samples:
            if sample.name.endswith("_total") and sample.labels.get("job") == "sit_break":
                ticks += int(sample.value)
    for metric in SKIPPED_TICKS.collect():
        for sample in metric.samples:
            if sample.name.endswith("_total"):
                skipped += int(sample.value)
    return {"tick_runs": ticks, "skipped_job_runs": skipped}
