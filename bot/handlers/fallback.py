"""Messages no command took: typed answers for the current step, else a pointer to /help."""

from __future__ import annotations

from telegram import Update

from bot.context import CoachContext
from bot.handlers import progress, reminders, safety, settings, setup, workout
from bot.handlers.common import language, say


async def unknown_command(update: Update, context: CoachContext) -> None:
    await say(update, context, "unknown-command")


async def text_message(update: Update, context: CoachContext) -> None:
    views = await setup.typed_answer(update, context)
    if views is not None:
        await setup.show(update, context, views)
        return
    if await settings.typed_answer(update, context):
        return
    if await workout.typed_answer(update, context):
        return
    if await reminders.typed_answer(update, context):
        return
    if await progress.during_delete(update, context):
        return
    if await safety.symptom_reply(update, context):
        return
    # No other flow took it: a rep report ("10 clamshells"), or a short explanation.
    await progress.rep_reply(update, context)


async def unsupported_message(update: Update, context: CoachContext) -> None:
    if await setup.unsupported_during_setup(update, context):
        return
    if await settings.unsupported_during_settings(update, context):
        return
    if await workout.unsupported_during_walkthrough(update, context):
        return
    if await reminders.unsupported_while_asking(update, context):
        return
    if await progress.during_question(update, context) or await progress.during_delete(
        update, context
    ):
        return
    await say(update, context, "unsupported-message")


async def location_message(update: Update, context: CoachContext) -> None:
    """A shared location answers the time zone question of whichever flow asked it."""
    if await settings.shared_location(update, context):
        return
    await setup.location(update, context)


async def expired_button(update: Update, context: CoachContext) -> None:
    query = update.callback_query
    if query is None:
        return
    lang = await language(update, context)
    await query.answer(context.services.texts.text(lang, "button-expired"))
