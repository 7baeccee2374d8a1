"""Small helpers shared by handlers: who is talking, in which language, and how to answer."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update

from bot.context import CoachContext
from coach.services.contacts import language_of


def user_id_of(update: Update) -> int:
    user = update.effective_user
    if user is None:
        raise ValueError("update without a user")
    return user.id


def chat_id_of(update: Update) -> int:
    chat = update.effective_chat
    if chat is None:
        raise ValueError("update without a chat")
    return chat.id


def text_of(update: Update) -> str:
    """The text the person typed ("" for anything else)."""
    message = update.effective_message
    return message.text if message is not None and message.text else ""


def first_name_of(update: Update) -> str:
    user = update.effective_user
    return (user.first_name if user else "") or ""


async def language(update: Update, context: CoachContext) -> str:
    user = update.effective_user
    if user is None:
        return "en"
    return await language_of(context.services.uow, user.id, user.language_code)


async def say(
    update: Update,
    context: CoachContext,
    key: str,
    *,
    lang: str | None = None,
    keyboard: InlineKeyboardMarkup | None = None,
    **args: object,
) -> Message:
    """Send the catalogue text `key` to the update's chat."""
    lang = lang or await language(update, context)
    text = context.services.texts.text(lang, key, **args)
    return await context.bot.send_message(chat_id_of(update), text, reply_markup=keyboard)
