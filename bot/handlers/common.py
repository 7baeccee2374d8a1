"""Small helpers shared by handlers: who is talking, in which language, and how to answer."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType

from bot.context import CoachContext
from coach.services.contacts import language_of


def user_id_of(update: Update) -> int:
    user = update.effective_user
    if user is None:
        raise ValueError("update without a user")
    return user.id


def chat_id_of(update: Update) -> int:
    """The user's private chat, the only chat a personal message goes to (id == user id).

    `chats.private_only` stops every other update first; this refuses them all the same.
    """
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or chat.type != ChatType.PRIVATE or chat.id != user.id:
        raise ValueError("not a private chat with the user")
    return chat.id


def text_of(update: Update) -> str:
    """The text the person typed ("" for anything else)."""
    message = update.effective_message
    return message.text if message is not None and message.text else ""


def first_name_of(update: Update) -> str:
    user = update.effective_user
    return (user.first_name if user else "") or ""


async def language(update: Update, context: CoachContext) -> str:
    """The user's language, read from the database once per update (see `known_language`)."""
    if context.known_language is not None:
        return context.known_language
    user = update.effective_user
    if user is None:
        return "en"
    lang = await language_of(context.services.uow, user.id, user.language_code)
    context.known_language = lang
    return lang


def forget_language(context: CoachContext) -> None:
    """The language may just have changed (or the user gone): the next `language` reads it."""
    context.known_language = None


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
