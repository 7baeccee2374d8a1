"""bot.reply: which Bot API call shows a press's answer, and what a refused edit falls back to."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

import pytest
from telegram import (
    CallbackQuery,
    Chat,
    InlineKeyboardMarkup,
    Message,
    PhotoSize,
    ReplyKeyboardMarkup,
    Update,
    User,
)
from telegram.error import BadRequest

from bot import reply
from bot.context import CoachContext
from bot.keyboards import inline
from bot.render import Outgoing

PERSON = User(7, "Ada", is_bot=False)
CHAT = Chat(7, Chat.PRIVATE)
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
BUTTONS = inline([[("Next", "v1:n")]])


class FakeBot:
    """Records calls; a call named in ``refuse`` raises Telegram's BadRequest instead."""

    def __init__(self, refuse: dict[str, str] | None = None) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.refuse = refuse or {}

    def _call(self, name: str, **kwargs: Any) -> Message:
        self.calls.append((name, kwargs))
        if name in self.refuse:
            raise BadRequest(self.refuse[name])
        return Message(99, datetime.now(UTC), CHAT)

    async def edit_message_text(self, text: str, **kwargs: Any) -> Message:
        return self._call("editMessageText", text=text, **kwargs)

    async def edit_message_caption(self, **kwargs: Any) -> Message:
        return self._call("editMessageCaption", **kwargs)

    async def edit_message_reply_markup(self, **kwargs: Any) -> Message:
        return self._call("editMessageReplyMarkup", **kwargs)

    async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> Message:
        return self._call("sendMessage", chat_id=chat_id, text=text, **kwargs)


def press_on(*, photo: bool = False) -> Update:
    message = Message(
        5,
        datetime.now(UTC),
        CHAT,
        from_user=User(1, "bot", is_bot=True),
        text=None if photo else "Old text",
        caption="Old caption" if photo else None,
        photo=(PhotoSize("f", "u", 1, 1),) if photo else None,
        reply_markup=BUTTONS,
    )
    query = CallbackQuery("q", PERSON, "ci", message=message, data="v1:n")
    return Update(1, callback_query=query)


def context(bot: FakeBot) -> CoachContext:
    return cast(CoachContext, type("Context", (), {"bot": bot})())


@pytest.mark.parametrize(
    ("photo", "message", "refuse", "shown", "calls"),
    [
        (False, Outgoing("Step 2", BUTTONS), {}, 5, ["editMessageText"]),
        (False, Outgoing("Done"), {}, 5, ["editMessageText"]),
        (True, Outgoing("Step 2", BUTTONS), {}, 5, ["editMessageCaption"]),
        (False, Outgoing("Same"), {"editMessageText": NOT_MODIFIED}, 5, ["editMessageText"]),
        (
            False,
            Outgoing("Gone"),
            {"editMessageText": "Bad Request: message to edit not found"},
            None,
            ["editMessageText"],
        ),
        (
            False,
            Outgoing("Old"),
            {"editMessageText": "Bad Request: message can't be edited"},
            None,
            ["editMessageText"],
        ),
        (True, Outgoing("x" * (reply.MAX_CAPTION + 1)), {}, None, []),
        (False, Outgoing("City?", ReplyKeyboardMarkup([["📍"]])), {}, None, []),
    ],
    ids=[
        "text",
        "text-no-keyboard",
        "photo-caption",
        "not-modified-is-shown",
        "not-found-falls-back",
        "cannot-edit-falls-back",
        "caption-too-long",
        "reply-keyboard",
    ],
)
async def test_replace_edits_where_telegram_can(
    photo: bool,
    message: Outgoing,
    refuse: dict[str, str],
    shown: int | None,
    calls: list[str],
) -> None:
    bot = FakeBot(refuse)
    assert await reply.replace(press_on(photo=photo), context(bot), message) == shown
    assert [name for name, _ in bot.calls] == calls
    for _name, kwargs in bot.calls:
        assert kwargs["chat_id"] == 7 and kwargs["message_id"] == 5
        markup = kwargs["reply_markup"]
        assert markup is None or isinstance(markup, InlineKeyboardMarkup)


@pytest.mark.parametrize(
    ("refuse", "calls"),
    [
        ({}, ["editMessageText", "sendMessage"]),
        (
            {"editMessageText": "Bad Request: message to edit not found"},
            ["editMessageText", "sendMessage", "sendMessage", "editMessageReplyMarkup"],
        ),
    ],
    ids=["first-edited", "first-sent-anew-and-keyboard-stripped"],
)
async def test_show_all_edits_the_first_and_sends_the_rest(
    refuse: dict[str, str], calls: list[str]
) -> None:
    bot = FakeBot(refuse)
    messages = [Outgoing("Pain 3: fine"), Outgoing("Skip?", BUTTONS)]
    await reply.show_all(press_on(), context(bot), messages)
    assert [name for name, _ in bot.calls] == calls


async def test_without_a_press_everything_is_sent() -> None:
    bot = FakeBot()
    update = Update(2, message=Message(3, datetime.now(UTC), CHAT, from_user=PERSON, text="hi"))
    assert await reply.replace(update, context(bot), Outgoing("Hello")) is None
    await reply.show_all(update, context(bot), [Outgoing("Hello")], in_place=False)
    assert [name for name, _ in bot.calls] == ["sendMessage"]
