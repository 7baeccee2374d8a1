"""/start and /help."""

from __future__ import annotations

from telegram import Update

from bot import callbacks
from bot.commands import MENU_COMMANDS
from bot.context import CoachContext
from bot.handlers.common import chat_id_of, first_name_of, language, say, user_id_of
from bot.keyboards import inline
from coach.services.contacts import Contact, register_contact


async def ensure_user(update: Update, context: CoachContext) -> Contact:
    """Register the sender on first contact (every entry point may be someone's first)."""
    user = update.effective_user
    contact = await register_contact(
        context.services.uow,
        context.services.clock,
        user_id_of(update),
        chat_id_of(update),
        user.language_code if user else None,
    )
    if contact.reactivated:
        await context.services.reminders.reschedule(contact.profile.user_id)
    return contact


async def start(update: Update, context: CoachContext) -> None:
    contact = await ensure_user(update, context)
    lang = contact.profile.language
    texts = context.services.texts
    keyboard = inline(
        [
            [(texts.text(lang, "button-begin"), callbacks.encode("begin"))],
            [(texts.text(lang, "button-how-it-works"), callbacks.encode("help"))],
        ]
    )
    name = first_name_of(update)
    if contact.profile.onboarded:
        if await context.services.setup.rescreen_due(contact.profile.user_id):
            keyboard = inline([[(texts.text(lang, "button-rescreen"), callbacks.encode("begin"))]])
            await say(
                update, context, "start-rescreen-due", lang=lang, keyboard=keyboard, name=name
            )
            return
        await say(update, context, "start-welcome-back", lang=lang, keyboard=keyboard, name=name)
        return
    await say(update, context, "start-welcome", lang=lang, name=name)
    await say(update, context, "safety-note", lang=lang, keyboard=keyboard)


async def help_command(update: Update, context: CoachContext) -> None:
    lang = await language(update, context)
    texts = context.services.texts
    commands = "\n".join(
        texts.text(
            lang, "help-command", command=name, description=texts.text(lang, f"command-{name}")
        )
        for name in MENU_COMMANDS
    )
    await say(update, context, "help-text", lang=lang, commands=commands)
    await say(update, context, "safety-note")


async def help_button(update: Update, context: CoachContext) -> None:
    query = update.callback_query
    if query is not None:
        await query.answer()
    await help_command(update, context)
