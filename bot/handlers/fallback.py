"""Messages no command took: typed answers for the current step, else a pointer to /help."""

from __future__ import annotations

from telegram import Update

from bot.context import CoachContext
from bot.handlers import progress, safety, setup
from bot.handlers.common import language, say, user_id_of
from bot.handlers.flows import flow_of
from coach.services.conversation import Conversation, conversation_of


async def unknown_command(update: Update, context: CoachContext) -> None:
    await say(update, context, "unknown-command")


async def _conversation(update: Update, context: CoachContext) -> Conversation:
    """One read says which flow is open (at most one is), so only that flow is asked."""
    user = update.effective_user
    state = await conversation_of(
        context.services.uow, user_id_of(update), user.language_code if user else None
    )
    context.known_language = state.language  # the same read as `language` would make
    return state


async def text_message(update: Update, context: CoachContext) -> None:
    state = await _conversation(update, context)
    handler = flow_of(state.flow).text
    if handler is not None and await handler(update, context):
        return
    # No flow took it, so nothing changed the language read above.
    if await safety.symptom_reply(update, context, lang=state.language):
        return
    # No other flow took it: a rep report ("10 clamshells"), or a short explanation.
    await progress.rep_reply(update, context, lang=state.language)


async def unsupported_message(update: Update, context: CoachContext) -> None:
    handler = flow_of((await _conversation(update, context)).flow).other
    if handler is not None and await handler(update, context):
        return
    await say(update, context, "unsupported-message")


async def location_message(update: Update, context: CoachContext) -> None:
    """A shared location answers the time zone question of whichever flow asked it.

    When the open flow does not take it, the set-up's time zone question answers it (the
    set-up service says when that question is not open).
    """
    handler = flow_of((await _conversation(update, context)).flow).location
    if handler is not None and await handler(update, context):
        return
    await setup.location(update, context)


async def expired_button(update: Update, context: CoachContext) -> None:
    query = update.callback_query
    if query is None:
        return
    lang = await language(update, context)
    await query.answer(context.services.texts.text(lang, "button-expired"))
