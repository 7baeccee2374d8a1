"""Masking and withholding in every output path: log records, streams, exception hooks."""

from __future__ import annotations

import io
import json
import logging
import sqlite3
import sys
from collections.abc import Iterator

import pytest
from sqlalchemy.exc import IntegrityError
from telegram.error import BadRequest, InvalidToken

from bot import logging_setup
from bot.logging_setup import (
    MASK,
    WITHHOLD_MESSAGES,
    JsonFormatter,
    Masker,
    MaskingStream,
    RedactFilter,
    RejectedTokenFilter,
    format_exception,
)

TOKEN = "123456789:AAHsecret_part_of_the_token_0123456789"
SECRET_PART = TOKEN.split(":", 1)[1]
TYPED = "my-back-hurts-7781"


def record(message: str, *args: object, error: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(error), error, error.__traceback__) if error is not None else None
    return logging.LogRecord("bot.test", logging.ERROR, __file__, 1, message, args, exc_info)


def raised(error: BaseException) -> BaseException:
    try:
        raise error
    except BaseException as caught:
        return caught


def db_error() -> BaseException:
    """An SQLAlchemy error as a failing INSERT raises it: with the values it was given."""
    try:
        try:
            raise sqlite3.IntegrityError(f"CHECK failed on row ({TYPED})")
        except sqlite3.IntegrityError as cause:
            raise IntegrityError("INSERT INTO dialogs VALUES (?)", (TYPED,), cause) from cause
    except IntegrityError as error:
        return error


def test_the_token_and_its_secret_half_are_masked_longest_first() -> None:
    mask = Masker([SECRET_PART, TOKEN, ""])
    assert mask(f"url /bot{TOKEN}/getMe and {SECRET_PART}") == f"url /bot{MASK}/getMe and {MASK}"


def test_the_filter_masks_message_arguments_exception_and_stack() -> None:
    item = record("calling %s", f"/bot{TOKEN}/getMe", error=raised(InvalidToken(f"`{TOKEN}`")))
    item.stack_info = f"stack with {SECRET_PART}"
    assert RedactFilter([TOKEN, SECRET_PART]).filter(item)
    text = logging.Formatter().format(item)
    assert TOKEN not in text and SECRET_PART not in text and MASK in text
    assert "InvalidToken" in text


def test_database_errors_are_logged_without_their_messages() -> None:
    text = format_exception(db_error())
    assert TYPED not in text
    assert "sqlalchemy.exc.IntegrityError" in text and "sqlite3.IntegrityError" in text
    assert "Traceback" in text and "db_error" in text  # the frames stay


def test_other_errors_keep_their_message_unless_withheld() -> None:
    error = raised(ValueError(f"cannot parse {TYPED}"))
    assert TYPED in format_exception(error)
    withheld = format_exception(error, withhold_messages=True)
    assert TYPED not in withheld and "ValueError" in withheld and "raised" in withheld
    telegram = raised(BadRequest("Message is not modified"))
    assert "Message is not modified" in format_exception(telegram, withhold_messages=True)


def test_a_record_can_ask_for_every_message_withheld() -> None:
    item = record("error handling update 1", error=raised(KeyError(TYPED)))
    setattr(item, WITHHOLD_MESSAGES, True)
    RedactFilter([TOKEN]).filter(item)
    assert TYPED not in logging.Formatter().format(item)


def test_ptb_rejected_token_error_becomes_one_line_or_none_at_start() -> None:
    line = "Telegram rejected TELEGRAM_BOT_TOKEN"
    rejected = RejectedTokenFilter(line)
    error = raised(InvalidToken(f"The token `{TOKEN}` was rejected by the server."))
    at_start = record("Network Retry Loop (Bootstrap Initialize Application): Invalid token.")
    at_start.name, at_start.exc_info = "telegram.ext", (type(error), error, error.__traceback__)
    assert not rejected.filter(at_start)
    later = record("Network Retry Loop (Polling Updates): Invalid token.")
    later.name, later.exc_info = "telegram.ext", (type(error), error, error.__traceback__)
    assert rejected.filter(later)
    assert logging.Formatter("%(message)s").format(later) == line
    other = record("something else", error=raised(ValueError("x")))
    assert rejected.filter(other) and other.exc_info is not None


def test_a_masking_stream_masks_what_is_written() -> None:
    target = io.StringIO()
    stream = MaskingStream(target, Masker([TOKEN, SECRET_PART]))
    print(f"token {TOKEN}", file=stream)
    assert target.getvalue() == f"token {MASK}\n"


@pytest.fixture
def restored_hooks() -> Iterator[None]:
    saved = sys.stdout, sys.stderr, sys.excepthook
    try:
        yield
    finally:
        sys.stdout, sys.stderr, sys.excepthook = saved


@pytest.mark.usefixtures("restored_hooks")
def test_uncaught_exceptions_and_prints_are_masked(capsys: pytest.CaptureFixture[str]) -> None:
    logging_setup.mask_output([TOKEN, SECRET_PART])
    error = raised(InvalidToken(f"The token `{TOKEN}` was rejected by the server."))
    sys.excepthook(type(error), error, error.__traceback__)
    print(f"plain print of {SECRET_PART}", file=sys.stderr)
    print(f"and {TOKEN} on stdout")
    out, err = capsys.readouterr()
    assert "InvalidToken" in err and "plain print" in err and "on stdout" in out
    for text in (out, err):
        assert TOKEN not in text and SECRET_PART not in text


def json_line(item: logging.LogRecord) -> dict[str, object]:
    """What the JSON handler writes for one record, after the same filters as text."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactFilter([TOKEN, SECRET_PART]))
    handler.handle(item)
    (line,) = stream.getvalue().splitlines()
    parsed = json.loads(line)
    assert isinstance(parsed, dict)
    return parsed


def test_json_lines_carry_utc_time_level_logger_and_message() -> None:
    item = record("sent %d reminders", 3)
    item.created = 1_796_544_000.25  # 2026-12-06 08:00:00.250 UTC
    assert json_line(item) == {
        "time": "2026-12-06T08:00:00.250Z",
        "level": "ERROR",
        "logger": "bot.test",
        "message": "sent 3 reminders",
    }


def test_json_lines_are_masked_and_withhold_database_values_like_text() -> None:
    item = record("calling %s", f"/bot{TOKEN}/getMe", error=raised(InvalidToken(f"`{TOKEN}`")))
    item.stack_info = f"stack with {SECRET_PART}"
    entry = json_line(item)
    text = json.dumps(entry)
    assert TOKEN not in text and SECRET_PART not in text
    assert entry["message"] == f"calling /bot{MASK}/getMe"
    assert "InvalidToken" in str(entry["exception"]) and MASK in str(entry["stack"])
    stored = json_line(record("insert failed", error=db_error()))
    assert TYPED not in json.dumps(stored) and "IntegrityError" in str(stored["exception"])
