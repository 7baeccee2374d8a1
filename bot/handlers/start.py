"""/start and /help."""

from __future__ import annotations

from telegram import Update

from bot import callbacks
from bot.context import CoachContext
from bot.handlers.common import chat_id_of, first_name_of, language, say, user_id_of
from bot.keyboards import inline
from coach.services.contacts import register_contact


async def start(update: Update, context: CoachContext) -> None:
    services = context.services
    user = update.effective_user
    contact = await register_contact(
        services.uow,
        services.clock,
        user_id_of(update),
        chat_id_of(update),
        user.language_code if user else None,
    )
    lang = contact.profile.language
    texts = services.texts
    keyboard = inline(
        [
            [(texts.text(lang, "button-begin"), callbacks.encode("begin"))],
            [(texts.text(lang, "button-how-it-works"), callbacks.encode("help"))],
        ]
    )
    key = "start-welcome" if not contact.profile.onboarded else "start-welcome-back"
    await say(update, context, key, lang=lang, keyboard=keyboard, name=first_name_of(update))


async def help_command(update: Update, context: CoachContext) -> None:
    await say(update, context, "help-text")


async def help_button(update: Update, context: CoachContext) -> None:
    query = update.callback_query
    if query is not None:
        await query.answer()
    await say(update, context, "help-text", lang=await language(update, context))
