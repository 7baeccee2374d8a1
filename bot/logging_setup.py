"""Logging and output that can never leak the bot token, the webhook secret or what users typed.

httpx logs every request URL at INFO, and the Bot API puts the token in the URL; besides
quietening httpx, a filter on every handler masks the secrets wherever they appear, and
stdout, stderr and the exception hooks mask them too, so a traceback printed by anyone
(PTB's `InvalidToken` names the token) shows `[secret]` instead.

What users typed must not reach the log either: database errors carry SQL values (and a
driver's message may quote a row), so their messages are withheld and only the frames and
exception types are logged; PTB's debug lines print whole updates, so the `telegram`
loggers never go below INFO.

`LOG_FORMAT=json` writes one JSON object a line for log collectors; the same filters run
before either format, so both are masked alike.
"""

from __future__ import annotations

import io
import json
import logging
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from types import TracebackType
from typing import TextIO, cast

from telegram.error import InvalidToken

MASK = "[secret]"
# Set on a log record (`extra={WITHHOLD_MESSAGES: True}`) to withhold every exception message.
WITHHOLD_MESSAGES = "withhold_exception_messages"
# Exceptions from these packages may quote stored values (SQL parameters, a failing row).
_DATA_CARRYING_MODULES = ("sqlalchemy", "sqlite3", "aiosqlite", "asyncpg", "psycopg")
# Exceptions whose messages come from Telegram's servers and never hold user text.
_SAFE_MESSAGE_MODULES = ("telegram.error",)
# Libraries whose DEBUG lines print whole updates or request bodies.
_TEXT_AT_DEBUG = ("telegram",)
_QUIET = ("httpx", "httpcore", "apscheduler.executors.default", "aiosqlite")


class Masker:
    """Replaces every secret in a text; longest first, so a secret's part never survives."""

    def __init__(self, secrets: Iterable[str]) -> None:
        self._secrets = sorted({secret for secret in secrets if secret}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        return text


def causes(error: BaseException) -> list[BaseException]:
    """The exception and its causes, oldest first."""
    return _chain(error)


def _chain(error: BaseException) -> list[BaseException]:
    """The exception and its causes, oldest first (as Python prints them)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return chain[::-1]


def _name(error: BaseException) -> str:
    kind = type(error)
    return (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )


def carries_data(error: BaseException) -> bool:
    """Whether any exception in the chain may quote stored values in its message."""
    return any(type(item).__module__.startswith(_DATA_CARRYING_MODULES) for item in _chain(error))


def frames_only(error: BaseException, *, keep: Callable[[BaseException], bool]) -> str:
    """A traceback with every frame, but the message only of exceptions `keep` accepts."""
    parts = []
    for item in _chain(error):
        frames = "".join(traceback.format_tb(item.__traceback__))
        message = str(item) if keep(item) else "(message withheld: it may hold user data)"
        parts.append(f"Traceback (most recent call last):\n{frames}{_name(item)}: {message}")
    return "\n\nThe above led to:\n\n".join(parts)


def _telegram_message(error: BaseException) -> bool:
    return type(error).__module__.startswith(_SAFE_MESSAGE_MODULES)


def format_exception(error: BaseException, *, withhold_messages: bool = False) -> str:
    """How an exception is logged: in full, unless its messages may hold user data."""
    if withhold_messages:
        return frames_only(error, keep=_telegram_message)
    if carries_data(error):
        return frames_only(error, keep=lambda _item: False)
    return "".join(traceback.format_exception(error)).rstrip("\n")


class RedactFilter(logging.Filter):
    """Masks secrets in a record's message, exception and stack; withholds data in errors."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._mask = Masker(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = self._mask(message)
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            withhold = bool(getattr(record, WITHHOLD_MESSAGES, False))
            record.exc_text = format_exception(record.exc_info[1], withhold_messages=withhold)
        if record.exc_text:
            record.exc_text = self._mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self._mask(record.stack_info)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        return True


class RejectedTokenFilter(logging.Filter):
    """PTB's "invalid token" error with its traceback becomes one line, or none at start.

    At start `bot.__main__` reports a rejected token itself, in one line; later (a token
    revoked while running) the one line goes to the log.
    """

    def __init__(self, line: str) -> None:
        super().__init__()
        self._line = line

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, InvalidToken) or not record.name.startswith("telegram"):
            return True
        if "Bootstrap" in record.getMessage():
            return False
        record.msg, record.args, record.exc_info, record.exc_text = self._line, None, None, None
        return True


class MaskingStream(io.TextIOBase):
    """stdout or stderr with every secret masked, for output that bypasses logging."""

    def __init__(self, stream: TextIO, mask: Callable[[str], str]) -> None:
        super().__init__()
        self._stream = stream
        self._mask = mask

    def write(self, text: str, /) -> int:
        self._stream.write(self._mask(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def fileno(self) -> int:
        return self._stream.fileno()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._stream.encoding


def mask_output(secrets: Iterable[str]) -> Masker:
    """Mask secrets on stdout, stderr and in the hooks that print uncaught exceptions."""
    mask = Masker(secrets)
    if not isinstance(sys.stdout, MaskingStream):
        sys.stdout = cast(TextIO, MaskingStream(sys.stdout, mask))
    if not isinstance(sys.stderr, MaskingStream):
        sys.stderr = cast(TextIO, MaskingStream(sys.stderr, mask))

    def excepthook(
        kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        text = "".join(traceback.format_exception(kind, error, tb))
        sys.stderr.write(mask(text))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = excepthook
    threading.excepthook = thread_hook
    return mask


LOG_FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, exception.

    It formats what the handler's filters left: the message and exception text are already
    masked and withheld by `RedactFilter`.
    """

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False)


def masked(
    handler: logging.Handler,
    secrets: Iterable[str],
    *,
    token_rejected: str,
    log_format: str = "text",
) -> RedactFilter:
    """Give ``handler`` the bot's format and filters; returns the masking filter.

    `token_rejected` is the line logged instead of PTB's traceback for a rejected token;
    `log_format` is "text" or "json" (one object a line).
    """
    handler.setFormatter(
        JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)
    )
    redact = RedactFilter(secrets)
    handler.addFilter(RejectedTokenFilter(token_rejected))
    handler.addFilter(redact)
    return redact


def set_levels(level: str) -> None:
    """The root logger at `level`; libraries that log requests or whole updates kept higher."""
    logging.getLogger().setLevel(level)
    for noisy in _QUIET:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if logging.getLevelName(level) < logging.INFO:
        for name in _TEXT_AT_DEBUG:
            logging.getLogger(name).setLevel(logging.INFO)


def configure_logging(
    level: str, secrets: Iterable[str], *, token_rejected: str, log_format: str = "text"
) -> None:
    """One stream handler on the root logger, masked, and libraries kept from logging text.

    `token_rejected` is the line logged instead of PTB's traceback for a rejected token;
    `log_format` is "text" or "json" (one object a line).
    """
    handler = logging.StreamHandler()
    redact = masked(handler, list(secrets), token_rejected=token_rejected, log_format=log_format)
    logging.getLogger().handlers[:] = [handler]
    # Any handler a library brought along gets the same filter.
    for logger in logging.Logger.manager.loggerDict.values():
        if isinstance(logger, logging.Logger):
            for other in logger.handlers:
                other.addFilter(redact)
    logging.captureWarnings(True)
    set_levels(level)
