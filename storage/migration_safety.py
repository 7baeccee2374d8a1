"""Guards that keep a SQLite migration from deleting rows (used by storage/migrations/env.py).

SQLite cannot alter most of a table in place: a batch operation rebuilds it (create a copy,
drop the old one, rename). Dropping a table that others reference, with foreign keys on,
deletes every child row through ON DELETE CASCADE, and `PRAGMA foreign_keys` cannot change
inside a transaction. So a migration either runs with foreign keys off, opened outside any
transaction and checked with `PRAGMA foreign_key_check` before its commit, or, inside a
caller's transaction, is stopped before it drops a referenced table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.engine import Connection

_DROP_TABLE = re.compile(r'^\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?[`"\[]?(\w+)', re.IGNORECASE)


class UnsafeMigration(RuntimeError):
    """A migration would delete rows; it is stopped and its transaction rolls back."""


def _pragma(connection: Connection, statement: str) -> None:
    """Run a pragma on the driver connection, past SQLAlchemy's automatic BEGIN."""
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(statement)
    finally:
        cursor.close()


@contextmanager
def foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Foreign keys off on a connection that is not in a transaction, on again afterwards."""
    if connection.in_transaction():
        raise UnsafeMigration("foreign keys cannot be turned off inside a transaction")
    _pragma(connection, "PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        # The connection goes back to the pool: it must enforce foreign keys again.
        _pragma(connection, "PRAGMA foreign_keys=ON")


def check_foreign_keys(connection: Connection) -> None:
    """Fail (and so roll back) if the migration left a row without its parent."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise UnsafeMigration(f"the migration left rows without their parent: {broken[:5]}")


@contextmanager
def refuse_cascading_drops(connection: Connection) -> Iterator[None]:
    """Stop any statement that drops a table other tables reference (a rebuild included)."""
    inspector = inspect(connection)
    parents = {
        key["referred_table"]
        for table in inspector.get_table_names()
        for key in inspector.get_foreign_keys(table)
    }

    def check(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        match = _DROP_TABLE.match(statement)
        if match and match.group(1) in parents:
            raise UnsafeMigration(
                f"dropping or rebuilding table {match.group(1)!r} inside a transaction with "
                "foreign keys on would delete the rows of every table that references it; "
                "run this migration outside a transaction (storage.downgrade, or the alembic "
                "command), where foreign keys are turned off around it"
            )

    event.listen(connection, "before_cursor_execute", check)
    try:
        yield
    finally:
        event.remove(connection, "before_cursor_execute", check)
