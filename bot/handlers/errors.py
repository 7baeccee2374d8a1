"""The one error handler: log with context (never the token, never message texts), apologise."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden

from bot.context import CoachContext
from bot.handlers.common import language

log = logging.getLogger(__name__)


async def on_error(update: object, context: CoachContext) -> None:
    error = context.error
    if not isinstance(update, Update):
        log.error("error outside an update: %r", error, exc_info=error)
        return
    user = update.effective_user
    log.error(
        "error handling update %s (user %s, kind %s): %r",
        update.update_id,
        user.id if user else None,
        _kind(update),
        error,
        exc_info=error,
    )
    if isinstance(error, Forbidden) and user is not None:
        # The user blocked the bot: deactivate, so no reminder is sent until /start.
        try:
            await context.services.reminders.deactivate(user.id)
        except Exception:
            log.exception("could not deactivate user %s", user.id)
    if isinstance(error, Forbidden) or update.effective_chat is None:
        return
    try:
        lang = await language(update, context)
        text = context.services.texts.text(lang, "error-apology")
        await context.bot.send_message(update.effective_chat.id, text)
    except Exception:  # the apology itself must never raise out of the error handler
        log.exception("could not send the apology for update %s", update.update_id)


def _kind(update: Update) -> str:
    if update.callback_query:
        return "callback"
    if update.effective_message and update.effective_message.text:
        return "text"
    return "other"
