"""A group, supergroup or channel with the bot in it: people post, the bot may answer.

Made by ``FakeBotApi.group(chat_id, kind=...)``. Messages carry the sender given per call,
so one group holds many people, anonymous admins (``from`` GroupAnonymousBot with
``sender_chat`` the group) and, in a channel, posts without any ``from``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tests.support.models import BotMessage, CallbackAnswer
from tests.support.telegram_html import utf16_length

if TYPE_CHECKING:
    from tests.support.fake_bot_api import ChatState, FakeBotApi

ANONYMOUS_ADMIN = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}


class FakeGroup:
    def __init__(self, api: FakeBotApi, chat_id: int) -> None:
        self._api = api
        self.id = chat_id

    def __repr__(self) -> str:
        return f"FakeGroup({self.id}, {self.kind!r})"

    @property
    def _state(self) -> ChatState:
        return self._api.chat_state(self.id)

    @property
    def kind(self) -> str:
        return str(self._state.chat["type"])

    @property
    def chat(self) -> dict[str, Any]:
        """The Chat object of this group."""
        return self._state.chat

    # ----------------------------------------------------------------- sending

    def send(
        self,
        text: str,
        *,
        sender: Mapping[str, Any] | None,
        sender_chat: Mapping[str, Any] | None = None,
        reply_to: BotMessage | None = None,
        edited: bool = False,
    ) -> int:
        """Post ``text`` as ``sender`` (None: no ``from``); commands and @mentions get entities.

        In a channel this is a ``channel_post`` (with the channel as ``sender_chat``).
        Returns the update_id.
        """
        body: dict[str, Any] = {"text": text}
        entities: list[dict[str, Any]] = []
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            entities.append({"type": "bot_command", "offset": 0, "length": utf16_length(command)})
        mention = f"@{self._api.username}"
        at = text.lower().find(mention.lower())
        if at >= 0 and not text.startswith("/"):
            entities.append(
                {"type": "mention", "offset": utf16_length(text[:at]), "length": len(mention)}
            )
        if entities:
            body["entities"] = entities
        channel = self.kind == "channel"
        if sender_chat is not None or channel:
            body["sender_chat"] = dict(sender_chat or self.chat)
        if reply_to is not None:
            body["reply_to_message"] = {
                k: v for k, v in reply_to.raw.items() if k != "reply_to_message"
            }
        raw = self._api.add_user_message(self.id, body, sender={} if sender is None else sender)
        if edited:
            raw["edit_date"] = self._api.now()
        key = ("edited_" if edited else "") + ("channel_post" if channel else "message")
        return self._api.queue_update({key: raw})

    def press_data(
        self, message: BotMessage, data: str | None, *, sender: Mapping[str, Any]
    ) -> int:
        """``sender`` presses a button (any data) under a message in this group."""
        return self._api.new_callback_query(sender, message, data)

    def bot_message(self, text: str = "A message of the bot", data: str = "v1:help") -> BotMessage:
        """A message of the bot with one button, as if sent here before (for forged presses)."""
        markup = {"inline_keyboard": [[{"text": "Button", "callback_data": data}]]}
        return self._api.seed_bot_message(self.id, text, markup)

    def member_update(self, old: str, new: str, *, by: Mapping[str, Any]) -> int:
        """The bot's membership in this group changed (added, kicked...) by ``by``."""
        bot = self._api.bot_user()
        members: list[dict[str, Any]] = [{"status": old, "user": bot}, {"status": new, "user": bot}]
        for member in members:
            if member["status"] == "kicked":
                member["until_date"] = 0
        return self._api.queue_update(
            {
                "my_chat_member": {
                    "chat": self.chat,
                    "from": dict(by),
                    "date": self._api.now(),
                    "old_chat_member": members[0],
                    "new_chat_member": members[1],
                }
            }
        )

    def kick_bot(self) -> None:
        """From now on every send to this group answers 403, as after a kick."""
        self._state.blocked = True

    # ----------------------------------------------------------------- reading

    @property
    def bot_messages(self) -> list[BotMessage]:
        """What the bot sent here (its own seeded messages included), oldest first."""
        return [m for m in self._state.messages.values() if m.from_bot]

    @property
    def sent(self) -> list[BotMessage]:
        """Messages the bot sent here through the Bot API, oldest first."""
        return [event.message for event in self._state.events if event.kind == "sent"]

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        return list(self._state.callback_answers)
