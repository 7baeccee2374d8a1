"""Messages no command took: typed answers for the current step, else a pointer to /help."""

from __future__ import annotations

from telegram import Update

from bot.context import CoachContext
from bot.handlers import reminders, setup
from bot.handlers.common import language, say


async def unknown_command(update: Update, context: CoachContext) -> None:
    await say(update, context, "unknown-command")


async def text_message(update: Update, context: CoachContext) -> None:
    views = await setup.typed_answer(update, context)
    if views is not None:
        await setup.show(update, context, views)
        return
    if await reminders.typed_answer(update, context):
        return
    await say(update, context, "text-without-context")


async def unsupported_message(update: Update, context: CoachContext) -> None:
    if await setup.unsupported_during_setup(update, context):
        return
    if await reminders.unsupported_while_asking(update, context):
        return
    await say(update, context, "unsupported-message")


async def expired_button(update: Update, context: CoachContext) -> None:
    query = update.callback_query
    if query is None:
        return
    lang = await language(update, context)
    await query.answer(context.services.texts.text(lang, "button-expired"))
