"""Answering a button press by changing the message it was pressed on.

A press whose answer replaces what the message said (a reminder answered, a setting changed,
the next step of an exercise) edits that message instead of sending one more: the chat keeps
one current message, and no stale keyboard stays behind. Telegram edits a text message's text
and a photo's or animation's caption (``editMessageText``, ``editMessageCaption``), never text
into a photo, and only with an inline keyboard; where an edit cannot show the answer it is sent
anew and the pressed message loses its keyboard instead.

Edits carry the chat id, so the outbound queue (``bot.outbound``) paces them like sends.
"Message is not modified" means the message already shows the answer: a success. Any other
refusal ("message to edit not found", "message can't be edited", a caption too long) falls
back to a new message: a failed edit is never worse than one message more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Literal, TypeVar

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.context import CoachContext
from bot.handlers.common import chat_id_of, language
from bot.render import Outgoing
from bot.texts import Catalogue
from storage.uow import commit_update

View = TypeVar("View")

log = logging.getLogger(__name__)

MAX_CAPTION = 1024
"""Telegram's caption limit (characters after entity parsing; markup counts here too, to be
safe: a longer text is sent as a message of its own)."""


def pressed_message(update: Update) -> Message | None:
    """The message whose button was pressed, if the bot can still change it."""
    query = update.callback_query
    if query is None or not isinstance(query.message, Message):
        return None  # not a press, or an inaccessible (deleted, too old) message
    return query.message


def is_not_modified(error: BadRequest) -> bool:
    return "message is not modified" in error.message.lower()


def _editable(message: Outgoing) -> bool:
    return message.markup is None or isinstance(message.markup, InlineKeyboardMarkup)


async def replace(update: Update, context: CoachContext, message: Outgoing) -> int | None:
    """Show ``message`` in place of the pressed message.

    Returns the pressed message's id when it now shows ``message``; None when it has to be
    sent as a new message (not a press, a reply keyboard, a refused edit).
    """
    pressed = pressed_message(update)
    if pressed is None or not _editable(message):
        return None
    markup = message.markup if isinstance(message.markup, InlineKeyboardMarkup) else None
    chat_id = chat_id_of(update)
    try:
        if pressed.text is not None:
            await context.bot.edit_message_text(
                message.text, chat_id=chat_id, message_id=pressed.message_id, reply_markup=markup
            )
        elif (pressed.photo or pressed.animation) and len(message.text) <= MAX_CAPTION:
            await context.bot.edit_message_caption(
                chat_id=chat_id,
                message_id=pressed.message_id,
                caption=message.text,
                reply_markup=markup,
            )
        else:
            return None
    except BadRequest as error:
        if not is_not_modified(error):
            log.info("message %s not edited (%s); sending anew", pressed.message_id, error)
            return None
    return pressed.message_id


async def strip_keyboard(update: Update, context: CoachContext) -> None:
    """Take the buttons off the pressed message (its answer came as a new message)."""
    pressed = pressed_message(update)
    if pressed is None or pressed.reply_markup is None:
        return
    try:
        await context.bot.edit_message_reply_markup(
            chat_id=chat_id_of(update), message_id=pressed.message_id, reply_markup=None
        )
    except BadRequest as error:  # gone, too old, or already bare: nothing left to strip
        log.info("keyboard of message %s not removed (%s)", pressed.message_id, error)


async def send(update: Update, context: CoachContext, message: Outgoing) -> int:
    """Send ``message`` as a new message to the update's chat; returns its id."""
    sent = await context.bot.send_message(
        chat_id_of(update), message.text, reply_markup=message.markup
    )
    return sent.message_id


async def show_all(
    update: Update,
    context: CoachContext,
    messages: Sequence[Outgoing],
    *,
    in_place: bool = True,
    main: int = 0,
) -> list[int]:
    """The answer to an update, in order. On a press (``in_place``) ``messages[main]``
    replaces the pressed message where Telegram allows; the others are new, and so is that
    one where it cannot be an edit (then the pressed message loses its keyboard).

    Returns each message's id.
    """
    ids: list[int] = []
    replaced = False
    for index, message in enumerate(messages):
        shown = None
        if in_place and index == main:
            shown = await replace(update, context, message)
            replaced = shown is not None
        ids.append(shown if shown is not None else await send(update, context, message))
    if in_place and messages and not replaced:
        await strip_keyboard(update, context)
    return ids


async def answer_press(
    update: Update,
    context: CoachContext,
    views: Sequence[object],
    expired: type,
    lang: str,
    *,
    pressed: bool = True,
) -> bool:
    """Answer the pressed button (a press shows a spinner until answered): the 'expired'
    toast when one of the area's views is its ``expired`` view, else a plain answer.

    ``pressed=False``: the press was answered already; nothing is answered again.
    Returns whether the press came too late.
    """
    too_late = any(isinstance(view, expired) for view in views)
    query = update.callback_query
    if query is not None and pressed:
        texts = context.services.texts
        await query.answer(texts.text(lang, "button-expired") if too_late else None)
    return too_late


async def show(
    update: Update,
    context: CoachContext,
    views: list[View],
    render: Callable[[list[View], Catalogue, str], list[Outgoing]],
    expired: type,
    *,
    lang: str | None = None,
    in_place: bool = False,
    main: Literal["first", "last"] = "first",
) -> None:
    """An area's answer: the press answered (``answer_press``), then its views rendered in the
    user's language and sent.

    ``in_place``: on a press that has not expired, the ``main`` message replaces the pressed
    one (``show_all``); after an expired press the current step comes anew and the old
    message is left as it is. ``lang``: the language when the caller has just read it.
    """
    lang = lang or await language(update, context)
    too_late = await answer_press(update, context, views, expired, lang)
    # The views are made: the update's work is stored now, so rendering them (and the
    # sends after it) holds neither SQLite's writer nor a PostgreSQL connection.
    await commit_update()
    messages = render(views, context.services.texts, lang)
    edit = in_place and update.callback_query is not None and not too_late
    index = len(messages) - 1 if main == "last" else 0
    await show_all(update, context, messages, in_place=edit, main=index)
