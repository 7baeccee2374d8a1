"""Which failures mean "the database may be down": then the apology reads no database."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import OperationalError

from bot.handlers.errors import database_failed


def raised_from(error: BaseException, cause: BaseException) -> BaseException:
    try:
        raise error from cause
    except BaseException as chained:
        return chained


def test_a_refused_or_failing_database_counts_and_a_bug_does_not() -> None:
    # asyncpg's refused connection reaches the handler unwrapped, as the OS raised it.
    assert database_failed(ConnectionRefusedError(111, "Connect call failed"))
    wrapped = OperationalError("SELECT 1", {}, sqlite3.OperationalError("disk I/O error"))
    assert database_failed(raised_from(RuntimeError("handler"), wrapped))
    assert not database_failed(ValueError("a bug in a handler"))
