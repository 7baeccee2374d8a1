"""The one error handler: log ids and the update type (never the token, never texts), apologise.

An exception raised while handling an update may quote what the user typed (a database
error's SQL values, a parser's message), so only Telegram's own error messages are logged;
every other message is withheld and the frames show where it happened.

The apology needs no database: when the database failed, it goes out in the language of
the user's Telegram client.

Whatever the failed update stored since its last Bot API call is rolled back first (the
update's one transaction, storage/uow.py), so nothing is kept half; its update id is then
claimed again on its own, so a redelivered copy is not answered a second time.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden

from bot.context import CoachContext
from bot.handlers.common import language
from bot.logging_setup import WITHHOLD_MESSAGES, carries_data, causes
from bot.metrics import DATABASE_ERRORS, UPDATE_ERRORS
from bot.outbound import SendExpired
from coach import languages
from coach.services.updates import claim_update
from storage.uow import rollback_update

log = logging.getLogger(__name__)
_WITHHOLD = {WITHHOLD_MESSAGES: True}


async def on_error(update: object, context: CoachContext) -> None:
    error = context.error
    if not isinstance(update, Update):
        log.error("error outside an update: %s", _type_of(error), exc_info=error, extra=_WITHHOLD)
        return
    await _drop_work(update, context, error)
    user = update.effective_user
    if isinstance(error, SendExpired):
        # Refused by the outbound queue (stopping while a RetryAfter pause held it): certainly
        # not sent. Said by ids only; there is nobody to apologise to before the exit.
        chat = update.effective_chat
        log.warning(
            "the reply to update %s (chat %s) was dropped: not sent before the stop",
            update.update_id,
            chat.id if chat else None,
        )
        return
    UPDATE_ERRORS.inc()
    if error is not None and database_failed(error):
        DATABASE_ERRORS.labels("update").inc()
    log.error(
        "error handling update %s (user %s, %s): %s",
        update.update_id,
        user.id if user else None,
        update_type(update),
        _type_of(error),
        exc_info=error,
        extra=_WITHHOLD,
    )
    if isinstance(error, Forbidden) and user is not None:
        # The user blocked the bot: deactivate, so no reminder is sent until /start.
        try:
            await context.services.reminders.deactivate(user.id)
        except Exception:
            log.exception("could not deactivate user %s", user.id, extra=_WITHHOLD)
    if isinstance(error, Forbidden) or update.effective_chat is None:
        return
    try:
        lang = await _apology_language(update, context, error)
        text = context.services.texts.text(lang, "error-apology")
        await context.bot.send_message(update.effective_chat.id, text)
    except Exception:  # the apology itself must never raise out of the error handler
        log.exception("could not send the apology for update %s", update.update_id, extra=_WITHHOLD)


async def _drop_work(update: Update, context: CoachContext, error: BaseException | None) -> None:
    """Roll back what the failed update stored, and keep its update id claimed."""
    try:
        await rollback_update()
        if error is None or not database_failed(error):
            services = context.services
            await claim_update(services.uow, services.clock, update.update_id)
    except Exception:
        log.warning(
            "could not roll back or re-claim update %s",
            update.update_id,
            exc_info=True,
            extra=_WITHHOLD,
        )


async def _apology_language(
    update: Update, context: CoachContext, error: BaseException | None
) -> str:
    """The user's language; their Telegram client's when the database may be down (a read
    would fail too, or hang on the busy timeout) or the read fails."""
    client = languages.from_client(user.language_code if (user := update.effective_user) else None)
    if error is not None and database_failed(error):
        return client
    try:
        return await language(update, context)
    except Exception:
        return client


def database_failed(error: BaseException) -> bool:
    """Whether the database (or the connection to it) is in the error's chain."""
    return carries_data(error) or any(isinstance(item, OSError) for item in causes(error))


def update_type(update: Update) -> str:
    """The kind of update ("message", "callback_query"...), never its content."""
    for kind in Update.ALL_TYPES:
        if getattr(update, kind, None) is not None:
            return str(kind)
    return "unknown"


def _type_of(error: BaseException | None) -> str:
    return type(error).__qualname__
