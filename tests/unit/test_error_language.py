"""Which failures mean "the database may be down": then the apology reads no database."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from bot.handlers.errors import connection_lost, database_failed


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


DRIVER_ERROR = sqlite3.OperationalError("the connection was closed")


@pytest.mark.parametrize(
    ("error", "lost"),
    [
        (ConnectionRefusedError(111, "Connect call failed"), True),
        (raised_from(RuntimeError("handler"), ConnectionResetError()), True),
        (
            OperationalError(
                "SELECT 1", {}, sqlite3.OperationalError("x"), connection_invalidated=True
            ),
            True,
        ),
        # A statement the database refused (a constraint, a trigger): it is still there.
        (OperationalError("UPDATE", {}, sqlite3.OperationalError("constraint")), False),
        (ValueError("a bug in a handler"), False),
    ],
)
def test_a_failed_updates_id_is_claimed_again_unless_the_database_is_out_of_reach(
    error: BaseException, lost: bool
) -> None:
    assert connection_lost(error) is lost
