"""The person at the phone: sends messages and presses buttons, reads what the bot sent.

A ``FakeUser`` keeps its own reading position, like unread messages on a phone:
``next_message()`` returns the next bot message after the last one read, so a test reads
the conversation in order without sleeping. Waits take ``timeout`` in seconds as part of
the test API, hence the ASYNC109 exemptions.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from tests.support.models import BotMessage, CallbackAnswer, ChatEvent, WaitTimeout
from tests.support.telegram_html import utf16_length

if TYPE_CHECKING:
    from tests.support.fake_bot_api import ChatState, FakeBotApi

# A 1x1 transparent PNG: the smallest photo that is still a real image.
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


class FakeUser:
    """One Telegram user in a private chat with the bot (chat id == user id)."""

    def __init__(self, api: FakeBotApi, info: Mapping[str, Any]) -> None:
        self._api = api
        self._info = dict(info)
        self._sent_cursor = 0
        self._edit_cursor = 0
        self._event_cursor = 0
        self._answer_cursor = 0

    def __repr__(self) -> str:
        return f"FakeUser({self.id}, {self.first_name!r}, {self.language_code!r})"

    # ----------------------------------------------------------------- identity

    @property
    def id(self) -> int:
        return int(self._info["id"])

    @property
    def chat_id(self) -> int:
        return self.id

    @property
    def first_name(self) -> str:
        return str(self._info["first_name"])

    @property
    def language_code(self) -> str | None:
        value = self._info.get("language_code")
        return None if value is None else str(value)

    def as_dict(self) -> dict[str, Any]:
        """The Telegram User object for this person."""
        return dict(self._info)

    @property
    def _state(self) -> ChatState:
        return self._api.chat_state(self.id)

    # ----------------------------------------------------------------- sending

    def send(self, text: str, *, reply_to: BotMessage | int | None = None) -> int:
        """Send text; ``/cmd ...`` carries a bot_command entity. Returns the update_id."""
        body: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            body["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_length(command)}
            ]
        if reply_to is not None:
            target = self.message(reply_to if isinstance(reply_to, int) else reply_to.message_id)
            body["reply_to_message"] = {
                k: v for k, v in target.raw.items() if k != "reply_to_message"
            }
        return self.send_raw(body)

    def send_raw(self, body: Mapping[str, Any]) -> int:
        """Send a message with any content fields (``{"dice": {...}}``); returns the update_id."""
        raw = self._api.add_user_message(self.id, body)
        return self._api.queue_update({"message": raw})

    def send_sticker(self, emoji: str = "👍") -> int:
        stored = self._api.register_file("sticker", TINY_PNG, mime_type="image/webp")
        return self.send_raw(
            {
                "sticker": {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "width": 512,
                    "height": 512,
                    "is_animated": False,
                    "is_video": False,
                    "type": "regular",
                    "emoji": emoji,
                }
            }
        )

    def send_photo(self, data: bytes = TINY_PNG, *, caption: str | None = None) -> int:
        stored = self._api.register_file("photo", data, mime_type="image/png")
        body: dict[str, Any] = {
            "photo": [
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "width": stored.width,
                    "height": stored.height,
                    "file_size": len(data),
                }
            ]
        }
        if caption is not None:
            body["caption"] = caption
        return self.send_raw(body)

    def send_document(
        self,
        data: bytes = b"hello\n",
        *,
        file_name: str = "notes.txt",
        mime_type: str = "text/plain",
        caption: str | None = None,
    ) -> int:
        stored = self._api.register_file("document", data, file_name=file_name, mime_type=mime_type)
        body: dict[str, Any] = {
            "document": {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_name": file_name,
                "mime_type": mime_type,
                "file_size": len(data),
            }
        }
        if caption is not None:
            body["caption"] = caption
        return self.send_raw(body)

    def send_voice(self, duration: int = 2) -> int:
        stored = self._api.register_file("voice", b"OggS\x00fake", mime_type="audio/ogg")
        return self.send_raw(
            {
                "voice": {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "duration": duration,
                    "mime_type": "audio/ogg",
                }
            }
        )

    def send_location(self, latitude: float, longitude: float) -> int:
        return self.send_raw({"location": {"latitude": latitude, "longitude": longitude}})

    def send_contact(
        self, phone_number: str = "+15555550123", *, first_name: str | None = None
    ) -> int:
        return self.send_raw(
            {
                "contact": {
                    "phone_number": phone_number,
                    "first_name": first_name or self.first_name,
                    "user_id": self.id,
                }
            }
        )

    def edit(self, message_id: int, text: str) -> int:
        """Edit one of this person's own text messages (an ``edited_message`` update)."""
        state = self._state
        old = state.messages.get(message_id)
        if old is None or old.from_bot:
            raise AssertionError(f"message {message_id} is not a message of user {self.id}")
        raw = {**old.raw, "text": text, "edit_date": self._api.now()}
        state.messages[message_id] = BotMessage(
            chat_id=self.id,
            message_id=message_id,
            date=old.date,
            from_bot=False,
            text=text,
            html=text,
            raw=raw,
            edited=True,
            edit_count=old.edit_count + 1,
        )
        return self._api.queue_update({"edited_message": raw})

    def press(self, label: str) -> int:
        """Press the inline button with this label on the newest message that has it.

        An exact label wins; otherwise a substring that matches exactly one button of a
        message. Returns the update_id of the callback query.
        """
        with_buttons = [m for m in reversed(self.chat) if m.from_bot and m.buttons]
        for message in with_buttons:
            if label in message.labels:
                return self._press(message, label)
        for message in with_buttons:
            partial = [candidate for candidate in message.labels if label in candidate]
            if len(partial) == 1:
                return self._press(message, partial[0])
            if len(partial) > 1:
                raise AssertionError(
                    f"{label!r} matches several buttons of message {message.message_id}: {partial}"
                )
        visible = "; ".join(f"#{message.message_id}: {message.labels}" for message in with_buttons)
        raise AssertionError(
            f"no button {label!r} in chat {self.id}; visible buttons: {visible or 'none'}"
        )

    def _press(self, message: BotMessage, label: str) -> int:
        data = message.data_for(label)
        if data is None:
            raise AssertionError(
                f"button {label!r} of message {message.message_id} has no callback data "
                "(a URL or other kind of button)"
            )
        return self._api.new_callback_query(self._info, message, data)

    def press_data(self, message: BotMessage | int, data: str | None) -> int:
        """Send a callback query with any data for a message, to forge or replay presses."""
        if isinstance(message, int):
            message = self.message(message)
        return self._api.new_callback_query(self._info, message, data)

    def redeliver(self, update_id: int) -> int:
        """Deliver the very same update (same update_id) again."""
        return self._api.redeliver(update_id)

    def block(self) -> int:
        """Block the bot: a ``my_chat_member`` update, then every send answers 403."""
        self._state.blocked = True
        return self._member_update("member", "kicked")

    def unblock(self) -> int:
        self._state.blocked = False
        return self._member_update("kicked", "member")

    def _member_update(self, old: str, new: str) -> int:
        bot = self._api.bot_user()
        old_member: dict[str, Any] = {"status": old, "user": bot}
        new_member: dict[str, Any] = {"status": new, "user": bot}
        for member in (old_member, new_member):
            if member["status"] == "kicked":
                member["until_date"] = 0
        return self._api.queue_update(
            {
                "my_chat_member": {
                    "chat": self._state.chat,
                    "from": dict(self._info),
                    "date": self._api.now(),
                    "old_chat_member": old_member,
                    "new_chat_member": new_member,
                }
            }
        )

    # ----------------------------------------------------------------- reading

    @property
    def chat(self) -> list[BotMessage]:
        """Every message on screen now, oldest first: edits applied, deleted ones gone."""
        return sorted(self._state.messages.values(), key=lambda m: m.message_id)

    @property
    def bot_messages(self) -> list[BotMessage]:
        return [message for message in self.chat if message.from_bot]

    @property
    def last(self) -> BotMessage:
        """The newest bot message on screen."""
        messages = self.bot_messages
        if not messages:
            raise AssertionError(f"the bot has sent nothing to chat {self.id}")
        return messages[-1]

    @property
    def reply_keyboard(self) -> list[list[str]]:
        """The reply keyboard shown under the input field, if any."""
        return [list(row) for row in self._state.reply_keyboard]

    @property
    def chat_actions(self) -> list[str]:
        return list(self._state.actions)

    @property
    def is_blocked(self) -> bool:
        return self._state.blocked

    def message(self, message_id: int) -> BotMessage:
        """A message as it is on screen now."""
        found = self._state.messages.get(message_id)
        if found is None:
            raise AssertionError(f"message {message_id} is not (or no longer) in chat {self.id}")
        return found

    def current(self, message: BotMessage) -> BotMessage | None:
        """The present state of a message read earlier; None once deleted."""
        return self._state.messages.get(message.message_id)

    @property
    def unread(self) -> list[BotMessage]:
        """Bot messages that arrived after the last one read, as sent."""
        events = self._state.events[self._sent_cursor :]
        return [event.message for event in events if event.kind == "sent"]

    def mark_read(self) -> None:
        """Skip everything that arrived so far (edits and answers included)."""
        state = self._state
        self._sent_cursor = self._edit_cursor = self._event_cursor = len(state.events)
        self._answer_cursor = len(state.callback_answers)

    def assert_no_unread(self) -> None:
        """Fail if the bot sent something not read yet (checks now; does not wait)."""
        unread = self.unread
        if unread:
            raise AssertionError(
                "unexpected bot messages:\n" + "\n".join(message.render() for message in unread)
            )

    def _describe(self) -> str:
        screen = "\n".join(f"  {message.render()}" for message in self.chat[-15:]) or "  (empty)"
        return f"chat {self.id} shows:\n{screen}{self._api.failure_context()}"

    def _next_event(
        self, cursor_name: str, kinds: set[str], predicate: Callable[[BotMessage], bool]
    ) -> Callable[[], ChatEvent | None]:
        def find() -> ChatEvent | None:
            events = self._state.events
            index = int(getattr(self, cursor_name))
            while index < len(events):
                event = events[index]
                index += 1
                if event.kind in kinds and predicate(event.message):
                    setattr(self, cursor_name, index)
                    return event
            return None

        return find

    async def next_message(self, timeout: float = 10.0) -> BotMessage:  # noqa: ASYNC109
        """The next bot message after the last one read, as it was sent."""
        find = self._next_event("_sent_cursor", {"sent"}, lambda _: True)
        event = await self._api.wait_until(find, timeout)
        if event is None:
            raise WaitTimeout(f"no new bot message within {timeout}s; {self._describe()}")
        return event.message

    async def next_messages(self, count: int, timeout: float = 10.0) -> list[BotMessage]:  # noqa: ASYNC109
        """The next ``count`` bot messages; ``timeout`` applies to the whole batch."""
        loop_time = self._api_loop_time()
        deadline = loop_time + timeout
        found: list[BotMessage] = []
        while len(found) < count:
            remaining = max(deadline - self._api_loop_time(), 0.0)
            try:
                found.append(await self.next_message(remaining))
            except WaitTimeout as error:
                raise WaitTimeout(
                    f"got {len(found)} of {count} bot messages within {timeout}s; {error}"
                ) from None
        return found

    @staticmethod
    def _api_loop_time() -> float:
        return asyncio.get_running_loop().time()

    async def wait_for(
        self,
        predicate: Callable[[BotMessage], bool],
        timeout: float = 10.0,  # noqa: ASYNC109
    ) -> BotMessage:
        """The next bot message matching ``predicate``; messages before it count as read."""
        find = self._next_event("_sent_cursor", {"sent"}, predicate)
        event = await self._api.wait_until(find, timeout)
        if event is None:
            raise WaitTimeout(f"no matching bot message within {timeout}s; {self._describe()}")
        return event.message

    async def wait_for_text(self, fragment: str, timeout: float = 10.0) -> BotMessage:  # noqa: ASYNC109
        """The next bot message whose text contains ``fragment``."""
        try:
            return await self.wait_for(lambda message: fragment in message.text, timeout)
        except WaitTimeout as error:
            raise WaitTimeout(f"waiting for text {fragment!r}: {error}") from None

    async def next_edit(
        self,
        timeout: float = 10.0,  # noqa: ASYNC109
        *,
        message_id: int | None = None,
    ) -> BotMessage:
        """The next edit of a bot message (of ``message_id`` if given), as edited."""
        find = self._next_event(
            "_edit_cursor",
            {"edited"},
            lambda message: message_id is None or message.message_id == message_id,
        )
        event = await self._api.wait_until(find, timeout)
        if event is None:
            raise WaitTimeout(f"no edit within {timeout}s; {self._describe()}")
        return event.message

    async def next_change(self, timeout: float = 10.0) -> BotMessage:  # noqa: ASYNC109
        """The next message the bot sent or rewrote, as shown then: the answer to a press,
        whether it came as a new message or as an edit of the pressed one.

        An edit that only took buttons away is not an answer and is passed over. Everything
        that happened before the answer counts as read (messages and edits alike).
        """
        start = max(self._sent_cursor, self._edit_cursor)

        def find() -> tuple[int, ChatEvent] | None:
            events = self._state.events
            for index in range(start, len(events)):
                event = events[index]
                if event.kind in {"sent", "edited"} and not event.keyboard_only:
                    return index, event
            return None

        found = await self._api.wait_until(find, timeout)
        if found is None:
            raise WaitTimeout(
                f"no new or changed bot message within {timeout}s; {self._describe()}"
            )
        index, event = found
        self._sent_cursor = max(self._sent_cursor, index + 1)
        self._edit_cursor = max(self._edit_cursor, index + 1)
        return event.message

    async def next_changes(self, count: int, timeout: float = 10.0) -> list[BotMessage]:  # noqa: ASYNC109
        """The next ``count`` answers (``next_change``); ``timeout`` applies to the batch."""
        deadline = self._api_loop_time() + timeout
        found: list[BotMessage] = []
        while len(found) < count:
            remaining = max(deadline - self._api_loop_time(), 0.0)
            try:
                found.append(await self.next_change(remaining))
            except WaitTimeout as error:
                raise WaitTimeout(
                    f"got {len(found)} of {count} bot answers within {timeout}s; {error}"
                ) from None
        return found

    async def next_event(self, timeout: float = 10.0) -> ChatEvent:  # noqa: ASYNC109
        """The next thing that happened in the chat: sent, edited or deleted."""
        find = self._next_event("_event_cursor", {"sent", "edited", "deleted"}, lambda _: True)
        event = await self._api.wait_until(find, timeout)
        if event is None:
            raise WaitTimeout(f"nothing happened in chat {self.id} within {timeout}s")
        return event

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        """Every answer to this person's button presses, oldest first."""
        return list(self._state.callback_answers)

    @property
    def callback_texts(self) -> list[str | None]:
        return [answer.text for answer in self._state.callback_answers]

    async def next_callback_answer(self, timeout: float = 10.0) -> CallbackAnswer:  # noqa: ASYNC109
        """The next answerCallbackQuery for this person's presses."""

        def find() -> CallbackAnswer | None:
            answers = self._state.callback_answers
            if self._answer_cursor < len(answers):
                self._answer_cursor += 1
                return answers[self._answer_cursor - 1]
            return None

        answer = await self._api.wait_until(find, timeout)
        if answer is None:
            raise WaitTimeout(f"no callback answer within {timeout}s; {self._describe()}")
        return answer
