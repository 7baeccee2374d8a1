"""Only a person in their own private chat reaches the coach.

Runs first for every update (before the update log, so nothing at all is stored). A user's
data and every personal message belong to their private chat, where the chat id is the user
id. Anything else — groups, supergroups, channels, anonymous group admins, messages sent on
behalf of a chat, updates without a user, bots — is stopped here. A command, mention or reply
addressed to the bot in a group gets one short note with a link to the private chat, at most
one a minute per group (a crowd typing /start@bot gets one), and never held back for long: a
note its group's pause would delay is dropped. A button pressed under a message outside a
private chat gets the same note as its answer. Nothing else in a group is answered, so the
bot never chats along.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ExtBot

from bot.context import NOTE_DEADLINE, CoachContext
from bot.outbound import SendExpired
from coach import languages
from coach.services.updates import claim_group_note

log = logging.getLogger(__name__)

ANONYMOUS_ADMIN = 1087968824
"""GroupAnonymousBot: the `from` of every message an anonymous group admin sends."""
TELEGRAM_SERVICE = 777000
"""Telegram itself: the `from` of channel posts forwarded into a linked discussion group."""
START_PARAMETER = "private"


def is_private_person(update: Update) -> bool:
    """A real person writing in their own private chat with the bot."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or chat.type != ChatType.PRIVATE or chat.id != user.id:
        return False
    if user.is_bot or user.id in (ANONYMOUS_ADMIN, TELEGRAM_SERVICE):
        return False
    message = update.effective_message
    return message is None or message.sender_chat is None


async def private_only(update: Update, context: CoachContext) -> None:
    """Let private updates through; answer the rest with the note at most, then stop."""
    if is_private_person(update):
        return
    chat = update.effective_chat
    log.info(
        "update %s from a %s chat stopped: the bot works in private chats only",
        update.update_id,
        chat.type if chat else "unknown",
    )
    try:
        await _point_to_private(update, context)
    except TelegramError as error:  # e.g. kicked from the group: never the user's problem
        log.info("could not answer update %s outside a private chat: %r", update.update_id, error)
    except SendExpired:
        log.info("the note for update %s was dropped: its chat is paused", update.update_id)
    log.debug("update %s outside a private chat: done", update.update_id)
    raise ApplicationHandlerStop


async def _point_to_private(update: Update, context: CoachContext) -> None:
    user = update.effective_user
    lang = languages.from_client(user.language_code if user else None)
    texts = context.services.texts
    link = f"https://t.me/{context.bot.username}?start={START_PARAMETER}"
    query = update.callback_query
    if query is not None:
        await query.answer(texts.text(lang, "private-only-toast"), url=link)
        return
    message = update.message
    chat = update.effective_chat
    if message is None or chat is None or chat.type in (ChatType.PRIVATE, ChatType.CHANNEL):
        return
    if not _addressed_to_bot(message, context):
        return
    now = context.services.clock.now()
    if not await claim_group_note(context.services.uow, context.services.clock, chat.id):
        log.info("no note for update %s: its group had one within a minute", update.update_id)
        return
    button = InlineKeyboardButton(texts.text(lang, "private-only-button"), url=link)
    # The bot's own call, not the message's shortcut: only it takes rate_limit_args.
    bot: ExtBot[Any] = context.bot
    await bot.send_message(
        chat.id,
        texts.text(lang, "private-only"),
        reply_markup=InlineKeyboardMarkup([[button]]),
        reply_parameters=ReplyParameters(message.message_id),
        message_thread_id=message.message_thread_id if message.is_topic_message else None,
        rate_limit_args={"deadline": now + NOTE_DEADLINE},
    )


def _addressed_to_bot(message: Message, context: CoachContext) -> bool:
    """A command for this bot (or for any bot), an @mention of it, or a reply to it."""
    username = (context.bot.username or "").lower()
    kinds: list[str | None] = [
        MessageEntity.BOT_COMMAND,
        MessageEntity.MENTION,
        MessageEntity.TEXT_MENTION,
    ]
    found = {**message.parse_entities(kinds), **message.parse_caption_entities(kinds)}
    for entity, text in found.items():
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            _command, _, target = text.partition("@")
            if not target or target.lower() == username:
                return True
        if entity.type == MessageEntity.MENTION and text[1:].lower() == username:
            return True
        mentioned = entity.user.id if entity.user is not None else None
        if entity.type == MessageEntity.TEXT_MENTION and mentioned == context.bot.id:
            return True
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == context.bot.id)
