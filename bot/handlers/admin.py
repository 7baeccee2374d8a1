"""`/admin` for the chats in ADMIN_CHAT_IDS: counts, and the button that un-parks reminders.

Anyone else gets the unknown-command answer, so the command does not even show it exists.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.context import CoachContext
from bot.handlers.common import chat_id_of, language, say, user_id_of
from bot.metrics import retry_after_total
from bot.render import Outgoing
from bot.render.admin import overview_message
from storage.engine import is_sqlite


async def admin_command(update: Update, context: CoachContext) -> None:
    admin = context.services.admin
    if not admin.is_admin(user_id_of(update)):
        await say(update, context, "unknown-command")
        return
    message = await _overview(update, context)
    await context.bot.send_message(chat_id_of(update), message.text, reply_markup=message.markup)


async def unpark_button(update: Update, context: CoachContext) -> None:
    """Re-activate every parked row, then show the numbers again in the same message."""
    query = update.callback_query
    admin = context.services.admin
    if query is None:
        return
    lang = await language(update, context)
    if not admin.is_admin(user_id_of(update)):
        await query.answer(context.services.texts.text(lang, "button-expired"))
        return
    unparked = await admin.unpark()
    await query.answer()
    note = context.services.texts.text(lang, "admin-unparked", count=unparked.rows)
    message = await _overview(update, context, note=note)
    markup = message.markup if isinstance(message.markup, InlineKeyboardMarkup) else None
    try:
        await query.edit_message_text(message.text, reply_markup=markup)
    except BadRequest:  # too old to edit, or gone: the numbers as a new message
        await context.bot.send_message(
            chat_id_of(update), message.text, reply_markup=message.markup
        )


async def _overview(update: Update, context: CoachContext, note: str | None = None) -> Outgoing:
    services = context.services
    database = "SQLite" if is_sqlite(services.settings.database_url) else "PostgreSQL"
    return overview_message(
        await services.admin.overview(),
        services.texts,
        await language(update, context),
        database=database,
        retry_after=retry_after_total(),
        note=note,
    )
