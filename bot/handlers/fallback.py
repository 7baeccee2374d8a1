"""What happens to everything no other handler took: a short, friendly pointer to /help."""

from __future__ import annotations

from telegram import Update

from bot.context import CoachContext
from bot.handlers.common import language, say


async def unknown_command(update: Update, context: CoachContext) -> None:
    await say(update, context, "unknown-command")


async def unsupported_message(update: Update, context: CoachContext) -> None:
    await say(update, context, "unsupported-message")


async def text_without_context(update: Update, context: CoachContext) -> None:
    await say(update, context, "text-without-context")


async def expired_button(update: Update, context: CoachContext) -> None:
    query = update.callback_query
    if query is None:
        return
    lang = await language(update, context)
    await query.answer(context.services.texts.text(lang, "button-expired"))
