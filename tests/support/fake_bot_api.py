"""A local Telegram Bot API server for end-to-end tests.

The real bot talks HTTP to this server exactly as it would to api.telegram.org
(``TELEGRAM_API_BASE_URL=api.base_url``), so the whole stack is exercised: PTB's request
encoding, long polling, error handling and the bot's own retries. The server answers with
the shapes and error texts of the real Bot API, keeps every chat the way a phone shows it
(edits applied, deleted messages gone) and lets a test inject failures (429, 403, ...).
``FakeBotApi(limits=TelegramLimits())`` (off by default) also enforces Telegram's send limits:
a call to a chat beyond 30 in any second, or a second one to a chat within a second, gets a
429 with ``retry_after`` as Telegram answers it. ``bench`` uses that mode.

The token sits in every request path, so this module never logs a path and never stores
the token in a recorded call.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import json
import logging
import math
import re
import socket
import struct
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self, TypeVar

import aiohttp
from aiohttp import web

from tests.support.group import FakeGroup
from tests.support.models import (
    BotMessage,
    CallbackAnswer,
    ChatEvent,
    MarkupKind,
    RecordedCall,
    SentFile,
    UploadedFile,
    WaitTimeout,
)
from tests.support.telegram_html import (
    MAX_CAPTION_LENGTH,
    MAX_TEXT_LENGTH,
    HtmlParseError,
    parse_html,
    utf16_length,
)
from tests.support.user import FakeUser

log = logging.getLogger(__name__)

T = TypeVar("T")

# Matches bot.config.TOKEN_PATTERN; fake, but never printed all the same.
TEST_TOKEN = "123456:TESTtoken_for_strongback_e2e_runs_0000"
BOT_USERNAME = "StrongBackTestBot"
RECHECK_SECONDS = 0.05
"""How often ``wait_until`` re-checks a condition when nothing here changed."""
FIRST_UPDATE_ID = 10_001
"""Where a new server starts numbering updates (``first_update_id`` continues a run)."""

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"

# How form values are decoded: PTB JSON-encodes everything that is not a plain string.
_JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "reply_parameters",
        "link_preview_options",
        "commands",
        "scope",
        "allowed_updates",
        "message_ids",
        "media",
        "menu_button",
    }
)
_INT_PARAMS = frozenset(
    {
        "chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "reply_to_message_id",
        "cache_time",
        "user_id",
        "message_thread_id",
        "max_connections",
        "from_chat_id",
    }
)
_BOOL_PARAMS = frozenset(
    {
        "show_alert",
        "drop_pending_updates",
        "disable_notification",
        "protect_content",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "has_spoiler",
        "show_caption_above_media",
        "disable_content_type_detection",
        "revoke_messages",
        "allow_paid_broadcast",
    }
)
# Update types Telegram leaves out unless asked for by name.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_CALLBACK_DATA_MAX_BYTES = 64
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")


class ApiError(Exception):
    """An error answer in the Bot API's shape."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad_request(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


@dataclass
class _Fault:
    method: str
    status: int
    retry_after: int | None
    description: str | None
    chat_id: int | None
    remaining: int
    let_through: int = 0

    def matches(self, method: str, chat_id: int | None) -> bool:
        if self.method not in {"*", method.lower()}:
            return False
        return self.chat_id is None or self.chat_id == chat_id

    def error(self) -> ApiError:
        if self.status == 429:
            seconds = 1 if self.retry_after is None else self.retry_after
            return ApiError(
                429,
                self.description or f"Too Many Requests: retry after {seconds}",
                {"retry_after": seconds},
            )
        defaults = {
            400: "Bad Request: injected failure",
            401: "Unauthorized",
            403: "Forbidden: bot was blocked by the user",
            404: "Not Found",
            409: "Conflict: terminated by other getUpdates request; make sure that only one "
            "bot instance is running",
            500: "Internal Server Error",
            502: "Bad Gateway",
        }
        return ApiError(
            self.status, self.description or defaults.get(self.status, "Injected failure")
        )


@dataclass
class _Pending:
    update: dict[str, Any]
    delivered: bool = False


@dataclass
class StoredFile:
    """A file the server knows by file_id: uploaded by the bot or sent by a user."""

    file_id: str
    file_unique_id: str
    kind: str
    data: bytes | None
    file_name: str | None
    mime_type: str | None
    file_path: str
    url: str | None = None
    width: int = 0
    height: int = 0


@dataclass
class _CallbackQuery:
    user_id: int
    chat_id: int
    data: str | None
    answered: bool = False


@dataclass
class ChatState:
    """One chat as the phone shows it: a private chat, or a group/channel given by ``info``."""

    user: dict[str, Any]
    next_message_id: int = 1
    messages: dict[int, BotMessage] = field(default_factory=dict)
    events: list[ChatEvent] = field(default_factory=list)
    callback_answers: list[CallbackAnswer] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    reply_keyboard: list[list[str]] = field(default_factory=list)
    blocked: bool = False
    info: dict[str, Any] | None = None
    """The Chat object of a group, supergroup or channel; None for a private chat."""

    @property
    def chat(self) -> dict[str, Any]:
        if self.info is not None:
            return dict(self.info)
        chat: dict[str, Any] = {"id": self.user["id"], "type": "private"}
        for key in ("first_name", "last_name", "username"):
            if key in self.user:
                chat[key] = self.user[key]
        return chat

    def take_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


class _Signal:
    """Wakes every waiter on any change; notifying is synchronous so plain methods can do it."""

    def __init__(self) -> None:
        self._futures: set[asyncio.Future[None]] = set()

    def notify(self) -> None:
        for future in self._futures:
            if not future.done():
                future.set_result(None)
        self._futures.clear()

    async def wait_until(
        self,
        check: Callable[[], T | None],
        timeout: float,  # noqa: ASYNC109
        every: float | None = None,
    ) -> T | None:
        """Return the first non-None ``check()``, re-checked after each change (and at least
        every ``every`` seconds, for a check that reads more than this server), or None."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            value = check()
            if value is not None:
                return value
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            future: asyncio.Future[None] = loop.create_future()
            self._futures.add(future)
            try:
                await asyncio.wait({future}, timeout=min(remaining, every or remaining))
            finally:
                self._futures.discard(future)
                future.cancel()


def _image_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, GIF or JPEG, so PhotoSize and Animation look plausible."""
    if data.startswith((b"GIF87a", b"GIF89a")) and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        index = 2
        while index + 9 < len(data):
            if data[index] != 0xFF:
                break
            marker = data[index + 1]
            length = int.from_bytes(data[index + 2 : index + 4], "big")
            if marker in {0xC0, 0xC1, 0xC2}:
                height, width = struct.unpack(">HH", data[index + 5 : index + 9])
                return int(width), int(height)
            index += 2 + length
    return 512, 512


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    return None


def _decode_param(name: str, value: object) -> object:
    if not isinstance(value, str):
        return value
    if name in _JSON_PARAMS:
        try:
            return json.loads(value)
        except ValueError:
            return value
    if name in _INT_PARAMS:
        number = _as_int(value)
        return value if number is None else number
    if name in _BOOL_PARAMS:
        return value.strip().lower() == "true"
    return value


def _markup_kind(markup: Mapping[str, Any] | None) -> MarkupKind | None:
    if not markup:
        return None
    if "inline_keyboard" in markup:
        return "inline"
    if "keyboard" in markup:
        return "reply"
    if markup.get("remove_keyboard"):
        return "remove"
    if markup.get("force_reply"):
        return "force_reply"
    return None


def _validate_markup(markup: object) -> dict[str, Any] | None:
    """Reject what Telegram rejects, so a broken keyboard fails here and not in production."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise _bad_request("can't parse reply keyboard markup JSON object")
    kind = _markup_kind(markup)
    if kind is None:
        raise _bad_request("can't parse reply keyboard markup JSON object")
    if kind == "inline":
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                    raise _bad_request("text buttons are unallowed in the inline keyboard")
                data = button.get("callback_data")
                if data is not None and not (
                    0 < len(str(data).encode("utf-8")) <= _CALLBACK_DATA_MAX_BYTES
                ):
                    raise _bad_request("BUTTON_DATA_INVALID")
                if data is None and not any(
                    key in button
                    for key in (
                        "url",
                        "login_url",
                        "switch_inline_query",
                        "switch_inline_query_current_chat",
                        "switch_inline_query_chosen_chat",
                        "copy_text",
                        "web_app",
                        "callback_game",
                        "pay",
                    )
                ):
                    raise _bad_request('can\'t find field "callback_data"')
    if kind == "reply":
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad_request(
                'field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                label = button.get("text") if isinstance(button, dict) else button
                if not isinstance(label, str) or not label:
                    raise _bad_request("keyboard button text must be non-empty")
    return markup


def _inline_rows(markup: Mapping[str, Any] | None) -> list[list[dict[str, Any]]]:
    if not markup or "inline_keyboard" not in markup:
        return []
    return [[dict(button) for button in row] for row in markup["inline_keyboard"]]


def _reply_rows(markup: Mapping[str, Any] | None) -> list[list[str]]:
    if not markup or "keyboard" not in markup:
        return []
    return [
        [str(button.get("text")) if isinstance(button, dict) else str(button) for button in row]
        for row in markup["keyboard"]
    ]


@dataclass(frozen=True)
class TelegramLimits:
    """Telegram's send limits: calls to chats per bot in any second, and seconds per chat."""

    per_second: int = 30
    per_chat_seconds: float = 1.0


@dataclass
class LimitStats:
    """What the limits did: when each call to a chat was let through, and how many got 429."""

    accepted: list[float] = field(default_factory=list)
    rejected: int = 0

    def most_in_any_second(self) -> int:
        """The largest number of accepted calls inside any 1-second sliding window."""
        times = sorted(self.accepted)
        most = 0
        start = 0
        for end, at in enumerate(times):
            while at - times[start] >= 1.0:
                start += 1
            most = max(most, end - start + 1)
        return most


class _LimitGate:
    """Decides per call to a chat whether it is within the limits; never sleeps."""

    def __init__(self, limits: TelegramLimits, clock: Callable[[], float]) -> None:
        self.limits = limits
        self._clock = clock
        self._recent: deque[float] = deque()
        self._last_by_chat: dict[int, float] = {}
        self.stats = LimitStats()

    def admit(self, chat_id: int) -> None:
        """Count the call, or raise the 429 Telegram would answer."""
        now = self._clock()
        while self._recent and now - self._recent[0] >= 1.0:
            self._recent.popleft()
        allowed_at = -math.inf
        if len(self._recent) >= self.limits.per_second:
            allowed_at = self._recent[0] + 1.0
        last = self._last_by_chat.get(chat_id)
        if last is not None:
            allowed_at = max(allowed_at, last + self.limits.per_chat_seconds)
        if allowed_at > now:
            self.stats.rejected += 1
            seconds = max(1, math.ceil(allowed_at - now))
            raise ApiError(
                429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds}
            )
        self._recent.append(now)
        self._last_by_chat[chat_id] = now
        self.stats.accepted.append(now)


class FakeBotApi:
    """The Bot API on 127.0.0.1 with a free port; ``async with FakeBotApi() as api:``."""

    def __init__(
        self,
        *,
        token: str = TEST_TOKEN,
        username: str = BOT_USERNAME,
        first_name: str = "StrongBack Test",
        clock: Callable[[], float] = time.time,
        limits: TelegramLimits | None = None,
        limit_clock: Callable[[], float] = time.monotonic,
        first_update_id: int = FIRST_UPDATE_ID,
    ) -> None:
        self._token = token
        self._limits = None if limits is None else _LimitGate(limits, limit_clock)
        self.bot_id = int(token.split(":", 1)[0])
        self.username = username
        self.bot_first_name = first_name
        self._clock = clock
        self.calls: list[RecordedCall] = []
        self.unknown_calls: list[RecordedCall] = []
        self.internal_errors: list[str] = []
        # Extra text for failure messages, e.g. the tail of the bot's log (token masked).
        self.diagnostics: list[Callable[[], str]] = []
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.profile: dict[tuple[str, str], Any] = {}
        self.webhook: dict[str, Any] | None = None
        self._faults: list[_Fault] = []
        self._holds: dict[str, asyncio.Event] = {}
        self.held: list[RecordedCall] = []
        """Calls waiting at a ``hold`` right now."""
        self._pending: list[_Pending] = []
        self._last_batch: list[int] = []
        self._updates: dict[int, dict[str, Any]] = {}
        self._update_ids = itertools.count(first_update_id)
        self._callback_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._allowed_updates: frozenset[str] | None = None
        self._poll_generation = 0
        self._chats: dict[int, ChatState] = {}
        self._users: dict[int, FakeUser] = {}
        self._groups: dict[int, FakeGroup] = {}
        self._files: dict[str, StoredFile] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._queries: dict[str, _CallbackQuery] = {}
        self._signal = _Signal()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._methods: dict[str, Callable[[dict[str, Any], RecordedCall], Awaitable[Any]]] = {
            "getme": self._get_me,
            "getupdates": self._get_updates,
            "sendmessage": self._send_message,
            "sendphoto": self._send_photo,
            "sendanimation": self._send_animation,
            "senddocument": self._send_document,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "editmessagecaption": self._edit_message_caption,
            "editmessagemedia": self._edit_message_media,
            "answercallbackquery": self._answer_callback_query,
            "deletemessage": self._delete_message,
            "deletemessages": self._delete_messages,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "sendchataction": self._send_chat_action,
            "getfile": self._get_file,
            "close": self._true,
            "logout": self._true,
            "setmydescription": self._set_profile("description"),
            "setmyshortdescription": self._set_profile("short_description"),
            "setmyname": self._set_profile("name"),
            "getmydescription": self._get_profile("description"),
            "getmyshortdescription": self._get_profile("short_description"),
            "getmyname": self._get_profile("name"),
            "setchatmenubutton": self._set_profile("menu_button"),
            "getchatmenubutton": self._get_profile("menu_button"),
        }

    # ----------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        """Listen on 127.0.0.1 on a port the OS picks."""
        if self._runner is not None:
            raise RuntimeError("FakeBotApi is already running")
        self._closing = False
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        # No access log: request paths contain the token.
        runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=2.0
        )
        await runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self._port = int(sock.getsockname()[1])
        site = web.SockSite(runner, sock)
        await site.start()
        self._runner = runner

    async def stop(self) -> None:
        """Stop serving; pending long polls answer at once with no updates."""
        self._closing = True
        self._signal.notify()
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
            self._webhook_task = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeBotApi is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """What the bot gets as TELEGRAM_API_BASE_URL."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def token(self) -> str:
        """The token this server accepts; never print it."""
        return self._token

    def __repr__(self) -> str:
        where = self.base_url if self._port is not None else "not started"
        return f"FakeBotApi({where}, {len(self.calls)} calls)"

    # ----------------------------------------------------------------- test-facing API

    def user(
        self,
        user_id: int,
        *,
        first_name: str = "Alex",
        language_code: str | None = "en",
        last_name: str | None = None,
        username: str | None = None,
    ) -> FakeUser:
        """The person in the private chat ``user_id`` (created on first use)."""
        existing = self._users.get(user_id)
        if existing is not None:
            return existing
        info: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if last_name is not None:
            info["last_name"] = last_name
        if username is not None:
            info["username"] = username
        if language_code is not None:
            info["language_code"] = language_code
        self._chats[user_id] = ChatState(user=info)
        fake = FakeUser(self, info)
        self._users[user_id] = fake
        return fake

    def group(
        self, chat_id: int, *, kind: str = "supergroup", title: str = "Back office"
    ) -> FakeGroup:
        """A group, supergroup or channel (``kind``) the bot is a member of (negative id)."""
        if chat_id >= 0 or kind not in ("group", "supergroup", "channel"):
            raise AssertionError("a group chat has a negative id and a group or channel type")
        existing = self._groups.get(chat_id)
        if existing is not None:
            return existing
        info = {"id": chat_id, "type": kind, "title": title}
        self._chats[chat_id] = ChatState(user={"id": chat_id}, info=info)
        group = FakeGroup(self, chat_id)
        self._groups[chat_id] = group
        return group

    def chat_state(self, chat_id: int) -> ChatState:
        """The phone model of one chat (raises if no user of that id exists)."""
        state = self._chats.get(chat_id)
        if state is None:
            raise AssertionError(f"no chat {chat_id}; create the user with api.user({chat_id})")
        return state

    def fail_next(
        self,
        method: str,
        *,
        status: int,
        retry_after: int | None = None,
        description: str | None = None,
        chat_id: int | None = None,
        times: int = 1,
        after: int = 0,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` ("*" for any) with an error.

        ``after`` lets that many matching calls through first, so a fault can be armed before
        a burst starts and still land at a known call of it (e.g. the 41st send).
        """
        self._faults.append(
            _Fault(method.lower(), status, retry_after, description, chat_id, times, after)
        )

    def hold(self, method: str) -> None:
        """Keep every call of ``method`` waiting (before it is answered) until ``release``;
        the waiting calls are in ``held``, so a test can act while they are in flight."""
        self._holds.setdefault(method.lower(), asyncio.Event())

    def release(self, method: str) -> None:
        """Let the held calls of ``method``, and all later ones, through."""
        gate = self._holds.pop(method.lower(), None)
        if gate is not None:
            gate.set()

    def clear_faults(self) -> None:
        self._faults.clear()

    @property
    def pending_faults(self) -> int:
        return sum(fault.remaining for fault in self._faults)

    @property
    def limit_stats(self) -> LimitStats:
        """Accepted and refused calls under ``limits`` (raises when the limits are off)."""
        if self._limits is None:
            raise RuntimeError("this FakeBotApi enforces no limits")
        return self._limits.stats

    def injected_calls(self, method: str = "*") -> list[RecordedCall]:
        """Completed calls answered with an injected fault (``fail_next``)."""
        return [
            call
            for call in self.calls
            if call.injected and call.status != 0 and (method == "*" or call.is_method(method))
        ]

    def calls_of(self, method: str, *, ok: bool | None = None) -> list[RecordedCall]:
        """Completed calls of one method; ``ok`` filters on success or failure."""
        return [
            call
            for call in self.calls
            if call.is_method(method) and call.status != 0 and (ok is None or call.ok is ok)
        ]

    def mark(self) -> int:
        """A position in ``calls``; pass it as ``since`` to wait only for later calls."""
        return len(self.calls)

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[RecordedCall], bool] | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109
        *,
        since: int = 0,
        completed: bool = True,
    ) -> RecordedCall:
        """The first call of ``method`` at or after ``since`` that matches ``predicate``.

        ``completed=False`` also matches a call still in progress (a waiting long poll).
        """

        def find() -> RecordedCall | None:
            for call in self.calls[since:]:
                if not call.is_method(method) or (completed and call.status == 0):
                    continue
                if predicate is None or predicate(call):
                    return call
            return None

        found = await self._signal.wait_until(find, timeout)
        if found is None:
            recent = ", ".join(repr(call) for call in self.calls[-10:]) or "none"
            raise WaitTimeout(
                f"no matching {method} call within {timeout}s; last calls: {recent}"
                + self.failure_context()
            )
        return found

    async def wait_until(self, check: Callable[[], T | None], timeout: float = 10.0) -> T | None:  # noqa: ASYNC109
        """Wait for any condition, re-checked on every change of the server state and every
        50 ms: a condition on the bot's database or log changes without a call here (the next
        call may be a long poll's end, seconds later)."""
        return await self._signal.wait_until(check, timeout, every=RECHECK_SECONDS)

    def failure_context(self) -> str:
        """What a failed wait should show besides the chat: server bugs, the bot's log."""
        parts = [f"\nfake server errors: {self.internal_errors}"] if self.internal_errors else []
        for describe in self.diagnostics:
            with contextlib.suppress(Exception):
                parts.append("\n" + describe())
        return "".join(parts)

    def queue_update(self, body: Mapping[str, Any]) -> int:
        """Queue a raw update (``{"message": {...}}``); returns its new update_id."""
        update_id = next(self._update_ids)
        update = {"update_id": update_id, **{k: v for k, v in body.items() if k != "update_id"}}
        self._updates[update_id] = update
        self._pending.append(_Pending(update))
        self._signal.notify()
        return update_id

    def redeliver(self, update_id: int) -> int:
        """Queue an already sent update again, same update_id, as Telegram does after a crash."""
        update = self._updates.get(update_id)
        if update is None:
            raise AssertionError(f"no update {update_id} was ever queued")
        self._pending.append(_Pending(json.loads(json.dumps(update))))
        self._signal.notify()
        return update_id

    def update(self, update_id: int) -> dict[str, Any]:
        """An update as it was queued."""
        return self._updates[update_id]

    @property
    def pending_update_count(self) -> int:
        return len(self._pending)

    def command_list(
        self, *, language_code: str | None = None, scope: Mapping[str, Any] | None = None
    ) -> list[tuple[str, str]]:
        """The menu set with setMyCommands for that scope and language, as (command, text)."""
        key = self._commands_key(scope, language_code)
        return [(item["command"], item["description"]) for item in self.commands.get(key, [])]

    def file(self, file_id: str) -> StoredFile:
        stored = self._files.get(file_id)
        if stored is None:
            raise AssertionError(f"unknown file_id {file_id!r}")
        return stored

    # ----------------------------------------------------------------- used by FakeUser

    def now(self) -> int:
        """Unix seconds, as Telegram puts in every date."""
        return int(self._clock())

    def notify(self) -> None:
        self._signal.notify()

    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.username,
        }

    def add_user_message(
        self, chat_id: int, body: Mapping[str, Any], *, sender: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """Store a message from the person (or ``sender`` in a group) and return its dict.

        ``sender`` is the User in ``from``; in a group it may be left out (a channel's post,
        or a message without ``from``) by passing ``{}``.
        """
        state = self.chat_state(chat_id)
        author = dict(state.user) if sender is None else dict(sender)
        raw: dict[str, Any] = {
            "message_id": state.take_message_id(),
            **({"from": author} if author else {}),
            "chat": state.chat,
            "date": self.now(),
            **body,
        }
        text = str(raw.get("text") or raw.get("caption") or "")
        state.messages[raw["message_id"]] = BotMessage(
            chat_id=chat_id,
            message_id=raw["message_id"],
            date=raw["date"],
            from_bot=False,
            text=text,
            html=text,
            raw=raw,
            reply_to_message_id=(raw.get("reply_to_message") or {}).get("message_id"),
        )
        return raw

    def seed_bot_message(
        self, chat_id: int, text: str, markup: Mapping[str, Any] | None = None
    ) -> BotMessage:
        """A message of the bot as if sent earlier (no recorded call, no "sent" event)."""
        state = self.chat_state(chat_id)
        params: dict[str, Any] = {"text": text}
        if markup is not None:
            params["reply_markup"] = dict(markup)
        raw = self._store_bot_message(state, params, text=self._format(text, None, caption=False))
        state.events.pop()
        return state.messages[int(raw["message_id"])]

    def register_file(
        self,
        kind: str,
        data: bytes | None,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        url: str | None = None,
    ) -> StoredFile:
        """Give content a file_id, as Telegram does for every upload."""
        number = next(self._file_ids)
        digest = hashlib.sha1(data if data is not None else (url or "").encode()).hexdigest()
        prefix = {"photo": "AgAC", "document": "BQAC", "sticker": "CAAC", "animation": "CgAC"}
        file_id = f"{prefix.get(kind, 'AAAA')}{kind}{number:05d}_{digest[:16]}"
        extension = "jpg" if kind == "photo" else (file_name or "bin").rsplit(".", 1)[-1]
        pictured = kind in {"photo", "animation"} and data
        width, height = _image_size(data) if pictured and data else (512, 512)
        stored = StoredFile(
            file_id=file_id,
            file_unique_id=f"AQAD{digest[:12]}",
            kind=kind,
            data=data,
            file_name=file_name,
            mime_type=mime_type,
            file_path=f"{kind}s/file_{number}.{extension}",
            url=url,
            width=width,
            height=height,
        )
        self._files[file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    def new_callback_query(
        self, user: Mapping[str, Any], message: BotMessage, data: str | None
    ) -> int:
        query_id = f"{self.bot_id}{next(self._callback_ids):08d}"
        self._queries[query_id] = _CallbackQuery(user["id"], message.chat_id, data)
        query: dict[str, Any] = {
            "id": query_id,
            "from": dict(user),
            "chat_instance": f"-{abs(hash((self.bot_id, message.chat_id))) % 10**18}",
            "message": json.loads(json.dumps(message.raw)),
        }
        if data is not None:
            query["data"] = data
        return self.queue_update({"callback_query": query})

    # ----------------------------------------------------------------- HTTP

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        tail = request.match_info["tail"]
        if tail.startswith("file/bot"):
            return self._serve_file(tail.removeprefix("file/bot"))
        if not tail.startswith("bot"):
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        token, _, method = tail.removeprefix("bot").partition("/")
        call = RecordedCall(method=method, params={}, at=time.monotonic(), chat_id=None, status=0)
        self.calls.append(call)
        try:
            if token != self._token:
                raise ApiError(401, "Unauthorized")
            call.params, call.files = await self._read_params(request)
            call.chat_id = self._chat_of(call)
            self._signal.notify()
            result = await self._dispatch(call)
        except ApiError as error:
            return self._finish(call, error.status, error.body())
        except asyncio.CancelledError:
            call.status = 499
            call.error = {"description": "client closed the connection"}
            self._signal.notify()
            raise
        except Exception as error:  # a bug in this server: make it visible, never hide it
            log.exception("fake Bot API failed on %s", method)
            self.internal_errors.append(f"{method}: {error!r}")
            body = {
                "ok": False,
                "error_code": 500,
                "description": f"Internal Server Error: {error}",
            }
            return self._finish(call, 500, body)
        call.result = result
        return self._finish(call, 200, {"ok": True, "result": result})

    def _finish(self, call: RecordedCall, status: int, body: dict[str, Any]) -> web.Response:
        call.status = status
        if status != 200:
            call.error = body
        self._signal.notify()
        return web.json_response(body, status=status)

    async def _read_params(
        self, request: web.Request
    ) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
        params: dict[str, Any] = {}
        files: dict[str, UploadedFile] = {}
        for key, value in request.query.items():
            params[key] = _decode_param(key, value)
        if request.can_read_body:
            if request.content_type == "application/json":
                body = await request.json()
                if isinstance(body, dict):
                    for key, value in body.items():
                        params[key] = _decode_param(key, value)
            else:
                form = await request.post()
                for key, part in form.items():
                    if isinstance(part, web.FileField):
                        data = part.file.read()
                        files[key] = UploadedFile(key, part.filename, part.content_type, data)
                        params[key] = f"<upload {part.filename}, {len(data)} bytes>"
                    elif isinstance(part, str):
                        params[key] = _decode_param(key, part)
        return params, files

    def _chat_of(self, call: RecordedCall) -> int | None:
        chat_id = _as_int(call.params.get("chat_id"))
        if chat_id is None and call.is_method("answerCallbackQuery"):
            query = self._queries.get(str(call.params.get("callback_query_id")))
            chat_id = None if query is None else query.chat_id
        return chat_id

    async def _dispatch(self, call: RecordedCall) -> Any:
        name = call.method.lower()
        gate = self._holds.get(name)
        if gate is not None:
            self.held.append(call)
            self._signal.notify()
            try:
                await gate.wait()
            finally:
                self.held.remove(call)
        for fault in self._faults:
            if fault.remaining > 0 and fault.matches(name, call.chat_id):
                if fault.let_through > 0:
                    fault.let_through -= 1
                    continue
                fault.remaining -= 1
                self._faults = [item for item in self._faults if item.remaining > 0]
                call.injected = True
                raise fault.error()
        handler = self._methods.get(name)
        if handler is None:
            self.unknown_calls.append(call)
            raise ApiError(404 if not name else 400, "Bad Request: method not found")
        if call.chat_id is not None and name != "getupdates":
            state = self._chats.get(call.chat_id)
            if state is None:
                raise _bad_request("chat not found")
            if state.blocked and state.info is not None:
                raise ApiError(403, f"Forbidden: bot was kicked from the {state.info['type']} chat")
            if state.blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            # Only calls that name a chat count (an answerCallbackQuery does not).
            if self._limits is not None and "chat_id" in call.params:
                self._limits.admit(call.chat_id)
        return await handler(call.params, call)

    def _serve_file(self, rest: str) -> web.Response:
        token, _, path = rest.partition("/")
        stored = self._files_by_path.get(path)
        if token != self._token or stored is None or stored.data is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        return web.Response(
            body=stored.data, content_type=stored.mime_type or "application/octet-stream"
        )

    # ----------------------------------------------------------------- updates

    async def _get_updates(self, params: dict[str, Any], call: RecordedCall) -> Any:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        offset = _as_int(params.get("offset"))
        limit = min(max(_as_int(params.get("limit")) or 100, 1), 100)
        timeout = max(_as_int(params.get("timeout")) or 0, 0)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(str(item) for item in allowed) or None
        if offset is not None:
            self._confirm(offset)
        self._poll_generation += 1
        generation = self._poll_generation
        self._signal.notify()  # an older long poll ends with 409, as in Telegram

        def ready() -> list[dict[str, Any]] | str | None:
            if self._closing:
                return []
            if generation != self._poll_generation:
                return "conflict"
            batch = self._available(limit)
            return batch or None

        outcome = await self._signal.wait_until(ready, float(timeout))
        if outcome == "conflict":
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; make sure that only one bot "
                "instance is running",
            )
        batch = outcome if isinstance(outcome, list) else []
        ids = {update["update_id"] for update in batch}
        for entry in self._pending:
            if entry.update["update_id"] in ids:
                entry.delivered = True
        self._last_batch = [update["update_id"] for update in batch]
        return batch

    def _kind_allowed(self, update: Mapping[str, Any]) -> bool:
        kind = next((key for key in update if key != "update_id"), "")
        if self._allowed_updates is None:
            return kind not in _OPT_IN_UPDATES
        return kind in self._allowed_updates

    def _available(self, limit: int) -> list[dict[str, Any]]:
        batch: list[dict[str, Any]] = []
        for entry in self._pending:
            if len(batch) >= limit:
                break
            if self._kind_allowed(entry.update):
                batch.append(entry.update)
        return batch

    def _confirm(self, offset: int) -> None:
        """Forget delivered updates the bot confirmed; a redelivered copy waits its turn."""
        if offset < 0:
            keep = self._pending[offset:]
            self._pending = keep
            return
        last_of_batch = self._last_batch[-1] if self._last_batch else None
        confirm_batch = last_of_batch is not None and offset == last_of_batch + 1
        batch = set(self._last_batch) if confirm_batch else set()
        self._pending = [
            entry
            for entry in self._pending
            if not (
                entry.delivered
                and (entry.update["update_id"] < offset or entry.update["update_id"] in batch)
            )
        ]
        if confirm_batch:
            self._last_batch = []

    async def _set_webhook(self, params: dict[str, Any], call: RecordedCall) -> Any:
        url = str(params.get("url") or "")
        if params.get("drop_pending_updates"):
            self._pending.clear()
        if not url:
            self.webhook = None
            return True
        self.webhook = {
            "url": url,
            "secret_token": params.get("secret_token"),
            "allowed_updates": params.get("allowed_updates"),
            "max_connections": params.get("max_connections", 40),
        }
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(str(item) for item in allowed) or None
        self._poll_generation += 1
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.create_task(self._deliver_webhooks())
        self._signal.notify()
        return True

    async def _delete_webhook(self, params: dict[str, Any], call: RecordedCall) -> Any:
        if params.get("drop_pending_updates"):
            self._pending.clear()
        self.webhook = None
        self._signal.notify()
        return True

    async def _get_webhook_info(self, params: dict[str, Any], call: RecordedCall) -> Any:
        info: dict[str, Any] = {
            "url": "" if self.webhook is None else self.webhook["url"],
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if self.webhook is not None:
            info["max_connections"] = self.webhook["max_connections"]
            if self.webhook["allowed_updates"]:
                info["allowed_updates"] = self.webhook["allowed_updates"]
        return info

    async def _deliver_webhooks(self) -> None:
        """Push updates to the webhook one at a time, in order, as Telegram does."""
        async with aiohttp.ClientSession() as session:
            while not self._closing and self.webhook is not None:

                def next_update() -> _Pending | bool | None:
                    if self._closing or self.webhook is None:
                        return False
                    for entry in self._pending:
                        if self._kind_allowed(entry.update):
                            return entry
                    return None

                entry = await self._signal.wait_until(next_update, 3600.0)
                if not isinstance(entry, _Pending) or self.webhook is None:
                    continue
                headers: dict[str, str] = {}
                if self.webhook.get("secret_token"):
                    headers["X-Telegram-Bot-Api-Secret-Token"] = str(self.webhook["secret_token"])
                delivered = False
                try:
                    async with session.post(
                        self.webhook["url"], json=entry.update, headers=headers
                    ) as response:
                        delivered = 200 <= response.status < 300
                except aiohttp.ClientError:
                    delivered = False
                if delivered:
                    with contextlib.suppress(ValueError):
                        self._pending.remove(entry)
                    self._signal.notify()
                else:
                    # Back off briefly, or less if the webhook goes away meanwhile.
                    await self._signal.wait_until(self._webhook_gone, 0.2)

    def _webhook_gone(self) -> bool | None:
        return True if self._closing or self.webhook is None else None

    # ----------------------------------------------------------------- bot profile

    async def _get_me(self, params: dict[str, Any], call: RecordedCall) -> Any:
        return {
            **self.bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _true(self, params: dict[str, Any], call: RecordedCall) -> Any:
        return True

    def _set_profile(self, key: str) -> Callable[[dict[str, Any], RecordedCall], Awaitable[Any]]:
        async def handler(params: dict[str, Any], call: RecordedCall) -> Any:
            language = str(params.get("language_code") or "")
            self.profile[(key, language)] = params.get(key)
            return True

        return handler

    def _get_profile(self, key: str) -> Callable[[dict[str, Any], RecordedCall], Awaitable[Any]]:
        async def handler(params: dict[str, Any], call: RecordedCall) -> Any:
            value = self.profile.get((key, str(params.get("language_code") or "")))
            if key == "menu_button":
                return value or {"type": "commands"}
            return {key: value or ""}

        return handler

    @staticmethod
    def _commands_key(
        scope: Mapping[str, Any] | None, language_code: str | None
    ) -> tuple[str, str]:
        canonical = json.dumps(dict(scope or {"type": "default"}), sort_keys=True)
        return canonical, language_code or ""

    async def _set_my_commands(self, params: dict[str, Any], call: RecordedCall) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad_request("commands must be an array of at most 100 BotCommand")
        for item in commands:
            if not isinstance(item, dict) or not _COMMAND.match(str(item.get("command", ""))):
                raise _bad_request("BOT_COMMAND_INVALID")
            description = str(item.get("description", ""))
            if not 1 <= len(description) <= 256:
                raise _bad_request("command description must be 1-256 characters")
        scope = params.get("scope")
        key = self._commands_key(
            scope if isinstance(scope, dict) else None, params.get("language_code")
        )
        self.commands[key] = [
            {"command": str(item["command"]), "description": str(item["description"])}
            for item in commands
        ]
        return True

    async def _get_my_commands(self, params: dict[str, Any], call: RecordedCall) -> Any:
        scope = params.get("scope")
        key = self._commands_key(
            scope if isinstance(scope, dict) else None, params.get("language_code")
        )
        return list(self.commands.get(key, []))

    async def _delete_my_commands(self, params: dict[str, Any], call: RecordedCall) -> Any:
        scope = params.get("scope")
        key = self._commands_key(
            scope if isinstance(scope, dict) else None, params.get("language_code")
        )
        self.commands.pop(key, None)
        return True

    # ----------------------------------------------------------------- messages

    def _state_for(self, params: Mapping[str, Any]) -> ChatState:
        chat_id = _as_int(params.get("chat_id"))
        if chat_id is None:
            raise _bad_request("chat_id is empty" if "chat_id" not in params else "chat not found")
        state = self._chats.get(chat_id)
        if state is None:
            raise _bad_request("chat not found")
        return state

    @staticmethod
    def _format(
        source: object, parse_mode: object, *, caption: bool
    ) -> tuple[str, str, list[dict[str, Any]]]:
        """(raw, plain, entities) after Telegram's parsing, with its length limits."""
        raw = "" if source is None else str(source)
        entities: list[dict[str, Any]] = []
        plain = raw
        if isinstance(parse_mode, str) and parse_mode.upper() == "HTML":
            try:
                plain, entities = parse_html(raw)
            except HtmlParseError as error:
                raise ApiError(400, str(error)) from error
        limit = MAX_CAPTION_LENGTH if caption else MAX_TEXT_LENGTH
        if utf16_length(plain) > limit:
            raise _bad_request("message caption is too long" if caption else "message is too long")
        return raw, plain, entities

    def _reply_target(self, state: ChatState, params: Mapping[str, Any]) -> BotMessage | None:
        reply = params.get("reply_parameters")
        message_id: int | None = None
        allow_missing = bool(params.get("allow_sending_without_reply"))
        if isinstance(reply, dict):
            message_id = _as_int(reply.get("message_id"))
            allow_missing = allow_missing or bool(reply.get("allow_sending_without_reply"))
        if message_id is None:
            message_id = _as_int(params.get("reply_to_message_id"))
        if message_id is None:
            return None
        target = state.messages.get(message_id)
        if target is None and not allow_missing:
            raise _bad_request("message to be replied not found")
        return target

    def _store_bot_message(
        self,
        state: ChatState,
        params: Mapping[str, Any],
        *,
        text: tuple[str, str, list[dict[str, Any]]] | None = None,
        caption: tuple[str, str, list[dict[str, Any]]] | None = None,
        photo: SentFile | None = None,
        document: SentFile | None = None,
        animation: SentFile | None = None,
        media: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        markup = _validate_markup(params.get("reply_markup"))
        target = self._reply_target(state, params)
        raw: dict[str, Any] = {
            "message_id": state.take_message_id(),
            "from": self.bot_user(),
            "chat": state.chat,
            "date": self.now(),
        }
        if target is not None:
            raw["reply_to_message"] = {
                k: v for k, v in target.raw.items() if k != "reply_to_message"
            }
        if media:
            raw.update(media)
        if text is not None:
            raw["text"] = text[1]
            if text[2]:
                raw["entities"] = text[2]
        if caption is not None and caption[1]:
            raw["caption"] = caption[1]
            if caption[2]:
                raw["caption_entities"] = caption[2]
        kind = _markup_kind(markup)
        if kind == "inline" and markup is not None:
            raw["reply_markup"] = {"inline_keyboard": _inline_rows(markup)}
        if kind == "reply":
            state.reply_keyboard = _reply_rows(markup)
        elif kind == "remove":
            state.reply_keyboard = []
        parse_mode = params.get("parse_mode")
        message = _snapshot(
            int(state.chat["id"]),
            raw,
            html=(text or caption or ("", "", []))[0],
            parse_mode=str(parse_mode) if parse_mode else None,
            markup=markup,
            photo=photo,
            document=document,
            animation=animation,
            caption=caption,
        )
        state.messages[message.message_id] = message
        state.events.append(ChatEvent("sent", message))
        self._signal.notify()
        return raw

    async def _send_message(self, params: dict[str, Any], call: RecordedCall) -> Any:
        state = self._state_for(params)
        text = self._format(params.get("text"), params.get("parse_mode"), caption=False)
        if not text[1].strip():
            raise _bad_request("message text is empty")
        return self._store_bot_message(state, params, text=text)

    def _resolve_file(
        self, kind: str, params: Mapping[str, Any], call: RecordedCall
    ) -> tuple[StoredFile, bool]:
        """The file a send refers to: a new upload, a known file_id or a URL."""
        value = params.get(kind)
        upload = call.files.get(kind)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = call.files.get(value.removeprefix("attach://"))
        if upload is not None:
            stored = self.register_file(
                kind, upload.data, file_name=upload.file_name, mime_type=upload.content_type
            )
            return stored, True
        if not isinstance(value, str) or not value:
            raise _bad_request(f"there is no {kind} in the request")
        known = self._files.get(value)
        if known is not None:
            if known.kind != kind:
                raise _bad_request(
                    f"can't use file of type {known.kind.capitalize()} as {kind.capitalize()}"
                )
            return known, False
        if value.startswith(("http://", "https://")):
            return self.register_file(kind, None, url=value), False
        raise _bad_request("wrong file identifier/HTTP URL specified")

    @staticmethod
    def _sent_file(stored: StoredFile, uploaded: bool) -> SentFile:
        return SentFile(
            file_id=stored.file_id,
            file_unique_id=stored.file_unique_id,
            uploaded=uploaded,
            data=stored.data,
            file_name=stored.file_name,
            mime_type=stored.mime_type,
            url=stored.url,
        )

    async def _send_photo(self, params: dict[str, Any], call: RecordedCall) -> Any:
        state = self._state_for(params)
        caption = self._format(params.get("caption"), params.get("parse_mode"), caption=True)
        stored, uploaded = self._resolve_file("photo", params, call)
        size: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": stored.width,
            "height": stored.height,
        }
        if stored.data is not None:
            size["file_size"] = len(stored.data)
        return self._store_bot_message(
            state,
            params,
            caption=caption,
            photo=self._sent_file(stored, uploaded),
            media={"photo": [size]},
        )

    @staticmethod
    def _animation_object(stored: StoredFile) -> dict[str, Any]:
        """Telegram's Animation (a GIF is converted; the fake keeps the GIF as it came)."""
        animation: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": stored.width,
            "height": stored.height,
            "duration": 3,
        }
        if stored.file_name:
            animation["file_name"] = stored.file_name
        if stored.mime_type:
            animation["mime_type"] = stored.mime_type
        if stored.data is not None:
            animation["file_size"] = len(stored.data)
        return animation

    async def _send_animation(self, params: dict[str, Any], call: RecordedCall) -> Any:
        state = self._state_for(params)
        caption = self._format(params.get("caption"), params.get("parse_mode"), caption=True)
        stored, uploaded = self._resolve_file("animation", params, call)
        animation = self._animation_object(stored)
        # Telegram also fills ``document`` for an animation, for older clients.
        return self._store_bot_message(
            state,
            params,
            caption=caption,
            animation=self._sent_file(stored, uploaded),
            media={"animation": animation, "document": dict(animation)},
        )

    async def _send_document(self, params: dict[str, Any], call: RecordedCall) -> Any:
        state = self._state_for(params)
        caption = self._format(params.get("caption"), params.get("parse_mode"), caption=True)
        stored, uploaded = self._resolve_file("document", params, call)
        document: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
        }
        if stored.file_name:
            document["file_name"] = stored.file_name
        if stored.mime_type:
            document["mime_type"] = stored.mime_type
        if stored.data is not None:
            document["file_size"] = len(stored.data)
        return self._store_bot_message(
            state,
            params,
            caption=caption,
            document=self._sent_file(stored, uploaded),
            media={"document": document},
        )

    def _editable(self, params: Mapping[str, Any]) -> tuple[ChatState, BotMessage]:
        if params.get("inline_message_id"):
            raise _bad_request("inline messages are not supported by the test server")
        state = self._state_for(params)
        message_id = _as_int(params.get("message_id"))
        message = None if message_id is None else state.messages.get(message_id)
        if message is None:
            raise _bad_request("message to edit not found")
        if not message.from_bot:
            raise _bad_request("message can't be edited")
        return state, message

    def _apply_edit(
        self,
        state: ChatState,
        old: BotMessage,
        params: Mapping[str, Any],
        *,
        text: tuple[str, str, list[dict[str, Any]]] | None = None,
        caption: tuple[str, str, list[dict[str, Any]]] | None = None,
        animation: SentFile | None = None,
    ) -> dict[str, Any]:
        markup = _validate_markup(params.get("reply_markup"))
        if markup is not None and _markup_kind(markup) != "inline":
            raise _bad_request("only inline keyboards can be used when editing a message")
        raw = {k: v for k, v in old.raw.items() if k not in {"reply_markup", "edit_date"}}
        if animation is not None:
            raw["animation"] = self._animation_object(self._files[animation.file_id])
            raw["document"] = dict(raw["animation"])
        if text is not None:
            raw["text"] = text[1]
            raw.pop("entities", None)
            if text[2]:
                raw["entities"] = text[2]
        if caption is not None:
            raw.pop("caption", None)
            raw.pop("caption_entities", None)
            if caption[1]:
                raw["caption"] = caption[1]
            if caption[2]:
                raw["caption_entities"] = caption[2]
        if markup is not None:
            raw["reply_markup"] = {"inline_keyboard": _inline_rows(markup)}
        before = {k: v for k, v in old.raw.items() if k != "edit_date"}
        if raw == before:
            raise _bad_request(NOT_MODIFIED.removeprefix("Bad Request: "))
        raw["edit_date"] = self.now()
        parse_mode = params.get("parse_mode")
        if text is not None:
            html = text[0]
        elif caption is not None:
            html = caption[0]
        else:
            html = old.html
        message = _snapshot(
            old.chat_id,
            raw,
            html=html,
            parse_mode=str(parse_mode) if parse_mode else old.parse_mode,
            markup=markup,
            photo=old.photo,
            document=old.document,
            animation=animation or old.animation,
            caption=caption
            if caption is not None
            else (
                None
                if old.caption is None
                else (old.caption_html or "", old.caption, list(raw.get("caption_entities", [])))
            ),
            edit_count=old.edit_count + 1,
        )
        state.messages[message.message_id] = message
        state.events.append(ChatEvent("edited", message, before=old))
        self._signal.notify()
        return raw

    async def _edit_message_text(self, params: dict[str, Any], call: RecordedCall) -> Any:
        state, old = self._editable(params)
        if "text" not in old.raw:
            raise _bad_request("there is no text in the message to edit")
        text = self._format(params.get("text"), params.get("parse_mode"), caption=False)
        if not text[1].strip():
            raise _bad_request("message text is empty")
        return self._apply_edit(state, old, params, text=text)

    async def _edit_message_caption(self, params: dict[str, Any], call: RecordedCall) -> Any:
        state, old = self._editable(params)
        if old.photo is None and old.document is None and old.animation is None:
            raise _bad_request("there is no caption in the message to edit")
        caption = self._format(params.get("caption"), params.get("parse_mode"), caption=True)
        return self._apply_edit(state, old, params, caption=caption)

    async def _edit_message_media(self, params: dict[str, Any], call: RecordedCall) -> Any:
        """Another animation (uploaded or by file_id) and caption in an animation message;
        the only kind of media edit the bot makes."""
        state, old = self._editable(params)
        media = params.get("media")
        if not isinstance(media, dict) or media.get("type") != "animation":
            raise _bad_request("the test server edits animations only")
        if old.animation is None:
            raise _bad_request("there is no animation in the message to edit")
        stored, uploaded = self._resolve_file("animation", {"animation": media.get("media")}, call)
        caption = self._format(media.get("caption"), media.get("parse_mode"), caption=True)
        return self._apply_edit(
            state, old, params, caption=caption, animation=self._sent_file(stored, uploaded)
        )

    async def _edit_message_reply_markup(self, params: dict[str, Any], call: RecordedCall) -> Any:
        state, old = self._editable(params)
        return self._apply_edit(state, old, params)

    async def _delete_message(self, params: dict[str, Any], call: RecordedCall) -> Any:
        state = self._state_for(params)
        message_id = _as_int(params.get("message_id"))
        message = None if message_id is None else state.messages.pop(message_id, None)
        if message is None:
            raise _bad_request("message to delete not found")
        state.events.append(ChatEvent("deleted", message))
        self._signal.notify()
        return True

    async def _delete_messages(self, params: dict[str, Any], call: RecordedCall) -> Any:
        state = self._state_for(params)
        ids = params.get("message_ids")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise _bad_request("message_ids must be an array of 1-100 message identifiers")
        for message_id in ids:
            message = state.messages.pop(int(message_id), None)
            if message is not None:
                state.events.append(ChatEvent("deleted", message))
        self._signal.notify()
        return True

    async def _answer_callback_query(self, params: dict[str, Any], call: RecordedCall) -> Any:
        query_id = str(params.get("callback_query_id") or "")
        query = self._queries.get(query_id)
        if query is None or query.answered:
            raise _bad_request(QUERY_INVALID.removeprefix("Bad Request: "))
        query.answered = True
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise _bad_request("MESSAGE_TOO_LONG")
        answer = CallbackAnswer(
            callback_query_id=query_id,
            text=None if text is None else str(text),
            show_alert=bool(params.get("show_alert")),
            url=None if params.get("url") is None else str(params.get("url")),
            data=query.data,
        )
        state = self._chats.get(query.chat_id)
        if state is not None:
            state.callback_answers.append(answer)
        self._signal.notify()
        return True

    async def _send_chat_action(self, params: dict[str, Any], call: RecordedCall) -> Any:
        state = self._state_for(params)
        state.actions.append(str(params.get("action")))
        return True

    async def _get_file(self, params: dict[str, Any], call: RecordedCall) -> Any:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise _bad_request("invalid file_id")
        result: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_path": stored.file_path,
        }
        if stored.data is not None:
            result["file_size"] = len(stored.data)
        return result


def _snapshot(
    chat_id: int,
    raw: dict[str, Any],
    *,
    html: str,
    parse_mode: str | None,
    markup: Mapping[str, Any] | None,
    photo: SentFile | None,
    document: SentFile | None,
    caption: tuple[str, str, list[dict[str, Any]]] | None,
    edit_count: int = 0,
    animation: SentFile | None = None,
) -> BotMessage:
    """A bot message as the phone shows it right now."""
    rows = _inline_rows(markup)
    kind = _markup_kind(markup)
    text = str(raw.get("text", raw.get("caption", "")))
    return BotMessage(
        chat_id=chat_id,
        message_id=int(raw["message_id"]),
        date=int(raw["date"]),
        from_bot=True,
        text=text,
        html=html,
        raw=raw,
        parse_mode=parse_mode,
        entities=tuple(raw.get("entities", raw.get("caption_entities", []))),
        reply_markup=None if markup is None else dict(markup),
        markup_kind=kind,
        buttons=[[str(button.get("text", "")) for button in row] for row in rows],
        button_data=[
            [None if b.get("callback_data") is None else str(b["callback_data"]) for b in row]
            for row in rows
        ],
        button_urls=[
            [None if b.get("url") is None else str(b["url"]) for b in row] for row in rows
        ],
        reply_keyboard=_reply_rows(markup),
        photo=photo,
        document=document,
        animation=animation,
        caption=None if caption is None or not (photo or document or animation) else caption[1],
        caption_html=None
        if caption is None or not (photo or document or animation)
        else caption[0],
        reply_to_message_id=(raw.get("reply_to_message") or {}).get("message_id"),
        edited=edit_count > 0,
        edit_count=edit_count,
    )


__all__ = [
    "BOT_USERNAME",
    "FIRST_UPDATE_ID",
    "TEST_TOKEN",
    "ApiError",
    "BotMessage",
    "ChatState",
    "FakeBotApi",
    "FakeGroup",
    "RecordedCall",
    "StoredFile",
    "WaitTimeout",
]
