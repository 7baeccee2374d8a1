"""Use-case tests: the real storage on a SQLite file and a fixed clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.clock import FixedClock
from storage.engine import create_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.support.migrated import migrated_copy


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 25, 8, 0, tzinfo=UTC))


@pytest.fixture
async def uow(tmp_path: Path) -> AsyncIterator[SqlUnitOfWorkFactory]:
    # A copy of the worker's migrated template: the schema without running Alembic per test.
    engine = create_engine(f"sqlite+aiosqlite:///{migrated_copy(tmp_path / 'service.db')}")
    yield SqlUnitOfWorkFactory(engine)
    await engine.dispose()
