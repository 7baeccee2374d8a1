"""Messages no command took: typed answers for the current step, else a pointer to /help."""

from __future__ import annotations

from telegram import Update

from bot.context import CoachContext
from bot.handlers import progress, reminders, safety, settings, setup, workout
from bot.handlers.common import language, say, user_id_of
from coach.services import progress as progress_service
from coach.services import reminders as reminders_service
from coach.services import settings as settings_service
from coach.services import setup as setup_service
from coach.services import workout as workout_service
from coach.services.conversation import conversation_of


async def unknown_command(update: Update, context: CoachContext) -> None:
    await say(update, context, "unknown-command")


async def text_message(update: Update, context: CoachContext) -> None:
    # One read says which flow is open (at most one is), so only that flow is asked.
    user = update.effective_user
    state = await conversation_of(
        context.services.uow, user_id_of(update), user.language_code if user else None
    )
    flow = state.flow
    if flow == setup_service.FLOW:
        views = await setup.typed_answer(update, context)
        if views is not None:
            await setup.show(update, context, views)
            return
    elif flow == settings_service.FLOW:
        if await settings.typed_answer(update, context):
            return
    elif flow == workout_service.FLOW:
        if await workout.typed_answer(update, context):
            return
    elif flow == reminders_service.FLOW:
        if await reminders.typed_answer(update, context):
            return
    elif flow == progress_service.DELETE_FLOW and await progress.during_delete(update, context):
        return
    # No flow took it, so nothing changed the language read above.
    if await safety.symptom_reply(update, context, lang=state.language):
        return
    # No other flow took it: a rep report ("10 clamshells"), or a short explanation.
    await progress.rep_reply(update, context, lang=state.language)


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
