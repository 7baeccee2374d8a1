"""What the fake Bot API remembers: calls as the bot made them, messages as a phone shows them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

MarkupKind = Literal["inline", "reply", "remove", "force_reply"]
EventKind = Literal["sent", "edited", "deleted"]


class WaitTimeout(AssertionError):
    """Nothing matching arrived in time; an assertion error so pytest shows it as a failure."""


@dataclass
class UploadedFile:
    """One file part of a multipart request."""

    field: str
    file_name: str | None
    content_type: str | None
    data: bytes


@dataclass
class RecordedCall:
    """One Bot API request and the answer it got. ``params`` never holds the token."""

    method: str
    params: dict[str, Any]
    at: float
    chat_id: int | None
    status: int = 200
    result: Any = None
    error: dict[str, Any] | None = None
    injected: bool = False
    files: dict[str, UploadedFile] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None

    @property
    def failed(self) -> bool:
        return not self.ok

    @property
    def description(self) -> str | None:
        return None if self.error is None else str(self.error.get("description"))

    def is_method(self, name: str) -> bool:
        """Method names are case-insensitive in the real Bot API."""
        return self.method.lower() == name.lower()

    def __repr__(self) -> str:
        state = "ok" if self.ok else f"failed {self.status}"
        return f"RecordedCall({self.method}, chat_id={self.chat_id}, {state})"


@dataclass(frozen=True)
class SentFile:
    """A photo, animation or document in a chat; ``uploaded`` is False when the bot reused a
    file_id."""

    file_id: str
    file_unique_id: str
    uploaded: bool
    data: bytes | None
    file_name: str | None = None
    mime_type: str | None = None
    url: str | None = None

    @property
    def size(self) -> int:
        return 0 if self.data is None else len(self.data)

    def text(self, encoding: str = "utf-8") -> str:
        """The content decoded, for CSV and other text exports."""
        if self.data is None:
            raise AssertionError(f"file {self.file_id} has no content (sent by URL)")
        return self.data.decode(encoding)

    def __repr__(self) -> str:
        how = "upload" if self.uploaded else "file_id"
        return f"SentFile({self.file_name or self.file_id!r}, {self.size} bytes, {how})"


@dataclass(frozen=True)
class BotMessage:
    """One message in a chat as the phone shows it at one moment.

    ``text`` is what a person reads: tags stripped, entities decoded; for a photo,
    animation or document it is the caption (or ""). ``html`` is the raw text or caption as sent.
    """

    chat_id: int
    message_id: int
    date: int
    from_bot: bool
    text: str
    html: str
    raw: dict[str, Any]
    parse_mode: str | None = None
    entities: tuple[dict[str, Any], ...] = ()
    reply_markup: dict[str, Any] | None = None
    markup_kind: MarkupKind | None = None
    buttons: list[list[str]] = field(default_factory=list)
    button_data: list[list[str | None]] = field(default_factory=list)
    button_urls: list[list[str | None]] = field(default_factory=list)
    reply_keyboard: list[list[str]] = field(default_factory=list)
    photo: SentFile | None = None
    document: SentFile | None = None
    """A document; for an animation (which Telegram also fills ``document`` for) None."""
    animation: SentFile | None = None
    caption: str | None = None
    caption_html: str | None = None
    reply_to_message_id: int | None = None
    edited: bool = False
    edit_count: int = 0

    @property
    def labels(self) -> list[str]:
        """Every inline button label, row by row, flattened."""
        return [label for row in self.buttons for label in row]

    @property
    def data(self) -> list[str | None]:
        """Every inline button's callback data, flattened in the order of ``labels``."""
        return [value for row in self.button_data for value in row]

    def has_button(self, label: str) -> bool:
        return label in self.labels

    def data_for(self, label: str) -> str | None:
        """The callback data of the button with exactly this label."""
        for row_labels, row_data in zip(self.buttons, self.button_data, strict=True):
            for candidate, value in zip(row_labels, row_data, strict=True):
                if candidate == label:
                    return value
        raise AssertionError(f"no button {label!r} in message {self.message_id}: {self.labels}")

    def render(self) -> str:
        """A short human view, used in failure messages and the terminal chat."""
        parts: list[str] = []
        if self.photo is not None:
            parts.append(f"[photo: {self.photo.file_id}]")
        if self.animation is not None:
            parts.append(f"[animation: {self.animation.file_id}]")
        if self.document is not None:
            parts.append(f"[document: {self.document.file_name}, {self.document.size} bytes]")
        if self.text:
            parts.append(self.text)
        if self.buttons:
            parts.append(" | ".join(f"[{label}]" for label in self.labels))
        if self.reply_keyboard:
            keys = " ".join(f"<{label}>" for row in self.reply_keyboard for label in row)
            parts.append(f"keyboard: {keys}")
        who = "bot" if self.from_bot else "user"
        edited = " (edited)" if self.edited else ""
        return f"#{self.message_id} {who}{edited}: " + "\n    ".join(parts)

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True)
class ChatEvent:
    """Something that happened to a bot message: what a person would notice on the phone."""

    kind: EventKind
    message: BotMessage
    before: BotMessage | None = None
    """For an edit: the message as it was shown just before."""

    @property
    def keyboard_only(self) -> bool:
        """An edit that changed nothing but the buttons (e.g. took them away)."""
        return (
            self.kind == "edited"
            and self.before is not None
            and (self.before.text, self.before.caption) == (self.message.text, self.message.caption)
        )


@dataclass(frozen=True)
class CallbackAnswer:
    """The bot's answer to one button press (the toast or alert the person sees)."""

    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    data: str | None
