"""The composition root: the one place that wires storage, core and Telegram together.

Services are built in `post_init` (inside the running event loop) and released in
`post_shutdown`; nothing does I/O at import time.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any, NoReturn

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, JobSubmissionEvent
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest
from tornado.httpserver import HTTPServer

from bot.city_index import CityIndexLoader
from bot.clock_file import FileClock
from bot.commands import MENU_COMMANDS
from bot.config import Settings
from bot.context import BotData, CoachContext, Services
from bot.handlers import (
    admin,
    cancel,
    chats,
    errors,
    fallback,
    gate,
    progress,
    reminders,
    settings,
    setup,
    start,
)
from bot.handlers import safety as safety_handlers
from bot.handlers import workout as workout_handlers
from bot.health import Health, routes, serve
from bot.incoming import CoachBot, CoachUpdater
from bot.metrics import SKIPPED_TICKS, observed, observed_dispatch
from bot.notifier import TelegramNotifier
from bot.outbound import OutboundLimiter
from bot.summary_sender import TelegramSummarySender
from bot.texts import Catalogue, install_languages, load_catalogue
from bot.update_processor import PerUserUpdateProcessor
from coach import timezones
from coach.catalogue import load_catalogue as load_exercises
from coach.clock import Clock, SystemClock
from coach.languages import FALLBACK
from coach.screening import load_questionnaire
from coach.services.admin import AdminService
from coach.services.progress import ProgressService
from coach.services.reminders import ReminderService
from coach.services.safety import SafetyService
from coach.services.settings import SettingsService
from coach.services.setup import SetupService
from coach.services.updates import prune_processed_updates
from coach.services.weekly_summary import WeeklySummaryService, reschedule_summary
from coach.services.workout import WorkoutService
from scheduler.jobs import Jobs, ReminderScheduler
from storage.engine import create_engine, is_sqlite
from storage.send_budget import PostgresSendBudget
from storage.startup import prepare as prepare_database
from storage.uow import SqlUnitOfWorkFactory

log = logging.getLogger(__name__)

TELEGRAM_API = "https://api.telegram.org"
API_CONNECTIONS = 256  # ApplicationBuilder's default
JOBS_POOL_SIZE = 3
"""PostgreSQL connections of the scheduler's jobs: two ticks and a summary run at once."""
CoachApplication = Application[Any, CoachContext, dict[Any, Any], dict[Any, Any], BotData, Any]


def build_application(settings: Settings) -> CoachApplication:
    """The application, not yet started; VocabularyError when the language data is broken."""
    install_languages(settings.locales_dir, settings.input_dir)
    context_types = ContextTypes(context=CoachContext, bot_data=BotData)
    clock = _clock(settings)
    application: CoachApplication = (
        ApplicationBuilder()
        # Updates the library cannot read are skipped; the webhook reads small bodies only.
        .updater(CoachUpdater(bot=_bot(settings, clock), update_queue=asyncio.Queue()))
        .context_types(context_types)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .post_stop(_post_stop)
        # Different people's updates at once, one person's in order.
        .concurrent_updates(PerUserUpdateProcessor())
        .build()
    )
    application.bot_data.settings = settings
    application.bot_data.clock = clock
    register_handlers(application)
    return application


def _bot(settings: Settings, clock: Clock) -> CoachBot:
    """The bot with the connection pools ApplicationBuilder would give it."""
    base = settings.telegram_api_base_url or TELEGRAM_API
    return CoachBot(
        token=settings.token,
        base_url=f"{base}/bot",
        base_file_url=f"{base}/file/bot",
        request=HTTPXRequest(connection_pool_size=API_CONNECTIONS),
        get_updates_request=HTTPXRequest(connection_pool_size=1),
        defaults=Defaults(parse_mode=ParseMode.HTML),
        # Every Bot API call to a chat goes through one strict outbound queue.
        rate_limiter=_outbound(settings, clock),
    )


def _outbound(settings: Settings, clock: Clock) -> OutboundLimiter:
    """The outbound queue; on PostgreSQL (replicas possible) it also keeps a shared budget."""
    interval = settings.send_per_chat_seconds
    shared = None
    if not is_sqlite(settings.database_url):
        shared = PostgresSendBudget.for_url(
            settings.database_url, per_second=settings.send_per_second, per_chat_interval=interval
        )
    return OutboundLimiter(
        per_second=settings.send_per_second,
        per_chat_interval=interval,
        shared=shared,
        now=clock.now,
    )


def register_handlers(application: CoachApplication) -> None:
    """Every handler, in the order they are tried. Keep this the only registration site."""
    # Group -2 runs first for every update: only a person's own private chat goes on; groups,
    # channels and anonymous senders stop here, before anything is stored.
    application.add_handler(TypeHandler(Update, chats.private_only), group=-2)
    # Group -1: a redelivered update stops here.
    application.add_handler(TypeHandler(Update, gate.drop_redelivered), group=-1)

    # Commands.
    application.add_handler(CommandHandler("start", start.start))
    application.add_handler(CommandHandler("help", start.help_command))
    application.add_handler(CommandHandler("screen", setup.screen_command))
    application.add_handler(CommandHandler("workout", workout_handlers.workout_command))
    application.add_handler(CommandHandler("exercise", workout_handlers.exercise_command))
    application.add_handler(CommandHandler("undo", progress.undo_command))
    application.add_handler(CommandHandler("rest", progress.rest_command))
    application.add_handler(CommandHandler("stats", progress.stats_command))
    application.add_handler(CommandHandler("export", progress.export_command))
    application.add_handler(CommandHandler("delete", progress.delete_command))
    application.add_handler(CommandHandler("settings", settings.settings_command))
    application.add_handler(CommandHandler("language", settings.language_command))
    application.add_handler(CommandHandler("sit", reminders.sit_command))
    application.add_handler(CommandHandler("pause", reminders.pause_command))
    application.add_handler(CommandHandler("resume", reminders.resume_command))
    application.add_handler(CommandHandler("admin", admin.admin_command))
    application.add_handler(CommandHandler("cancel", cancel.cancel_command))

    # Buttons. The last one catches every button nobody else knows: forged or stale.
    buttons = {
        r"^v1:help$": start.help_button,
        r"^v1:begin$": setup.begin,
        r"^v1:scr:": setup.screening_button,
        r"^v1:pf:": setup.profile_button,
        r"^v1:sum:": setup.summary_button,
        r"^v1:doc:": setup.doctor_button,
        r"^v1:wo:": workout_handlers.walkthrough_button,
        r"^v1:wx:": workout_handlers.menu_button,
        r"^v1:wk$": workout_handlers.start_workout_button,
        r"^v1:rep:": progress.exercise_button,
        r"^v1:del:": progress.delete_button,
        r"^v1:setf:": settings.choose_button,
        r"^v1:setv:": settings.value_button,
        r"^v1:set:": settings.action_button,
        r"^v1:lang:": settings.language_button,
        r"^v1:safe:": safety_handlers.screen_button,
        r"^v1:rem:": reminders.reminder_button,
        r"^v1:why:": reminders.why_button,
        r"^v1:pause:": reminders.pause_button,
        r"^v1:adm:unpark$": admin.unpark_button,
    }
    for pattern, callback in buttons.items():
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))
    application.add_handler(CallbackQueryHandler(fallback.expired_button))

    # The user blocked (or unblocked) the bot.
    application.add_handler(
        ChatMemberHandler(reminders.member_changed, ChatMemberHandler.MY_CHAT_MEMBER)
    )

    # Everything else a person can send.
    message = filters.UpdateType.MESSAGE
    application.add_handler(MessageHandler(message & filters.COMMAND, fallback.unknown_command))
    application.add_handler(MessageHandler(message & filters.LOCATION, fallback.location_message))
    application.add_handler(MessageHandler(message & filters.TEXT, fallback.text_message))
    application.add_handler(MessageHandler(message, fallback.unsupported_message))
    # Group 1 runs after the reply: the one notice that a stored time zone is unknown.
    application.add_handler(TypeHandler(Update, gate.tell_unknown_zone), group=1)

    application.add_error_handler(errors.on_error)


def _clock(settings: Settings) -> Clock:
    if settings.test_clock_file is not None:
        log.warning("using the test clock from TEST_CLOCK_FILE; never do this in production")
        return FileClock(settings.test_clock_file)
    return SystemClock()


async def _post_init(application: CoachApplication) -> None:
    settings = application.bot_data.settings
    if settings is None:
        raise RuntimeError("settings missing")
    # Waits for a database not up yet and migrates it (under the migration lock); a problem
    # ends the start with one line (bot.__main__).
    await prepare_database(settings.database_url, wait_seconds=settings.database_wait_seconds)
    engine = create_engine(settings.database_url)
    application.bot_data.resources.append(engine)
    # The scheduler's jobs (and /healthz) never wait for a connection behind a crowd of
    # updates: on PostgreSQL they have a small pool of their own. SQLite keeps one engine,
    # whose write gate lets them go first instead.
    jobs_engine = engine
    if not is_sqlite(settings.database_url):
        jobs_engine = create_engine(settings.database_url, pool_size=JOBS_POOL_SIZE)
        application.bot_data.resources.append(jobs_engine)
    limiter = application.bot.rate_limiter
    if isinstance(limiter, OutboundLimiter):
        await limiter.prepare()
    texts = load_catalogue(settings.locales_dir)
    log.info("languages: %s", ", ".join(texts.languages))
    clock = application.bot_data.clock or _clock(settings)
    # Inside an update every unit of work joins the update's transaction (on `engine`);
    # outside one, the services' units of work use the jobs' connections.
    uow = SqlUnitOfWorkFactory(jobs_engine)
    processor = application.update_processor
    if isinstance(processor, PerUserUpdateProcessor):
        # Each update is one transaction, which its use cases join (storage/uow.py).
        processor.transaction = SqlUnitOfWorkFactory(engine).update_transaction
    # The zone names and the English texts load in a worker thread: not on the way to the
    # first getUpdates, and not on the event loop at the first update. The location finder
    # loads at the first shared location, in a worker thread too (`coach.timezones`).
    asyncio.get_running_loop().run_in_executor(None, _preload, texts)
    # Opened, not loaded: the city names stay in their file (built on a first start).
    cities = CityIndexLoader(settings.city_index_file)
    application.bot_data.resources.append(cities)
    await cities.start()
    exercises = load_exercises()
    reminder_service = ReminderService(
        uow,
        clock,
        grace=timedelta(minutes=settings.reminder_grace_minutes),
        min_interval=timedelta(minutes=settings.reminder_min_interval_minutes),
        notifier=TelegramNotifier(application.bot, texts),
        catalogue=exercises,
    )
    # Logged reps reset the sitting timer in the transaction that stores them.
    progress_service = ProgressService(
        uow, clock, exercises, on_logged=[reminder_service.movement_in]
    )
    weekly_summaries = WeeklySummaryService(
        uow,
        progress_service,
        TelegramSummarySender(application.bot, texts),
        on_blocked=reminder_service.deactivate,
        clock=clock,
    )
    application.bot_data.services = Services(
        settings=settings,
        clock=clock,
        uow=uow,
        texts=texts,
        setup=SetupService(
            uow, clock, load_questionnaire(), on_profile_saved=reminder_service.refresh_in
        ),
        reminders=reminder_service,
        workout=WorkoutService(uow, clock, exercises),
        progress=progress_service,
        weekly_summaries=weekly_summaries,
        # Profile listeners run after every saved settings change, in the same transaction.
        user_settings=SettingsService(
            uow,
            clock,
            listeners=[
                reschedule_summary,
                reminder_service.on_profile_changed,
                progress_service.keep_best_streak,
            ],
        ),
        safety=SafetyService(uow, clock),
        admin=(
            admin_service := AdminService(uow, clock, reminder_service, settings.admin_chat_ids)
        ),
    )
    await _register_commands(application, texts)
    created = await reminder_service.backfill()
    if created:
        log.info("created the reminder schedule of %s users", created)
    await _log_parked(reminder_service)

    async def daily() -> None:
        await prune_processed_updates(uow, clock)
        await _log_parked(reminder_service)

    limiter = application.bot.rate_limiter
    health = Health(
        jobs_engine,
        limiter if isinstance(limiter, OutboundLimiter) else None,
        admin_service.due_backlog,
    )
    scheduler = ReminderScheduler(
        Jobs(
            dispatch_due=observed_dispatch(
                "sit_break", reminder_service.dispatch_due, health.tick_done
            ),
            daily=observed("daily", daily),
            dispatch_sessions=observed_dispatch(
                "session", reminder_service.dispatch_sessions, lambda: None
            ),
            weekly_summaries=observed("weekly_summaries", weekly_summaries.send_weekly_summaries),
        )
    )
    scheduler.scheduler.add_listener(_count_skipped_run, EVENT_JOB_MAX_INSTANCES)
    application.bot_data.resources.append(scheduler)
    _serve_health(application, settings, health)
    scheduler.start()
    log.info("StrongBack is ready")


def _preload(texts: Catalogue) -> None:
    """Load the English texts (every chat falls back to them) and the zone names; said in the
    log, so a reader knows the process has settled. Other languages are parsed at their
    first text."""
    texts.bundle(FALLBACK)
    timezones.preload()
    log.info("the texts and zone names are loaded")


def _count_skipped_run(event: JobSubmissionEvent) -> None:
    """APScheduler skipped a run: the previous one was still going (a starved tick)."""
    SKIPPED_TICKS.labels(event.job_id).inc()


def _serve_health(application: CoachApplication, settings: Settings, health: Health) -> None:
    """`/healthz` and `/metrics`: beside the webhook's path, or on a port of their own."""
    if settings.webhook_url is not None:
        updater = application.updater
        if isinstance(updater, CoachUpdater):
            updater.extra_routes = routes(health)
        return
    if settings.metrics_port:
        server = serve(health, settings.metrics_host, settings.metrics_port)
        if server is not None:
            application.bot_data.resources.append(server)


async def _register_commands(application: CoachApplication, texts: Catalogue) -> None:
    """The command menu, in English by default and in every other language by its code."""
    for language in texts.languages:
        commands = [BotCommand(name, texts.command(language, name)) for name in MENU_COMMANDS]
        await application.bot.set_my_commands(
            commands, language_code=None if language == FALLBACK else language
        )


async def _log_parked(reminders: ReminderService) -> None:
    """Operators see parked reminder rows at every start and in the daily maintenance."""
    parked = await reminders.parked_count()
    if parked:
        log.warning("%s reminder rows are parked after repeated failures (parked_at)", parked)
    else:
        log.info("no reminder rows are parked")


def on_stop_signal(application: CoachApplication) -> NoReturn:
    """SIGTERM, SIGINT: drop the sends a RetryAfter pause holds, then stop as PTB would.

    PTB's ``Application.stop()`` waits for every running handler before ``post_stop``; a
    reply held by a 60 s pause would keep the process alive past the platform's kill timeout.
    So the outbound queue refuses such sends first (each is logged by chat id; the handler's
    update by the error handler), and the handlers end at once.
    """
    limiter = application.bot.rate_limiter
    if isinstance(limiter, OutboundLimiter):
        limiter.stop_held()
    raise SystemExit


async def _post_stop(application: CoachApplication) -> None:
    """Drain the scheduler while the Bot API connection still works, so no send is cut off.

    Queued reminder and summary sends are refused first (they carry a deadline): their rows
    are released for the next process instead of holding the exit; sends already on the wire
    finish. The weekly summaries claim and draw no more pictures from then on.
    """
    limiter = application.bot.rate_limiter
    for resource in application.bot_data.resources:
        if isinstance(resource, ReminderScheduler):
            if isinstance(limiter, OutboundLimiter):
                limiter.stop_deadlined()
            application.bot_data.services.weekly_summaries.stop()
            await resource.shutdown()


async def _post_shutdown(application: CoachApplication) -> None:
    # After a failed start (a rejected token) PTB skips the bot's own shutdown; a second
    # call is a no-op, so this always stops the outbound limiter's worker.
    await application.bot.shutdown()
    started = bool(application.bot_data.resources)
    for resource in reversed(application.bot_data.resources):
        if isinstance(resource, ReminderScheduler):
            await resource.shutdown()
        if isinstance(resource, AsyncEngine):
            await resource.dispose()
        if isinstance(resource, HTTPServer):
            resource.stop()
        if isinstance(resource, CityIndexLoader):
            await resource.close()
    application.bot_data.resources.clear()
    if started:
        log.info("StrongBack stopped")
