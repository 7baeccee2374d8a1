"""Dispatch tests: the real storage on a SQLite file, a fixed clock, a fake notifier."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from coach.clock import FixedClock
from coach.profile import Profile
from coach.reminder_state import Delivery, SessionReminder, SitBreakReminder
from coach.services.reminders import ReminderService
from storage.engine import create_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.support.migrated import migrated_copy

# Wednesday 25 November 2026, 09:00 in Berlin.
START = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
GRACE = timedelta(minutes=10)


class FakeNotifier:
    """Records reminders; answers with a scripted delivery per chat (SENT by default)."""

    def __init__(self) -> None:
        self.sent: list[SitBreakReminder] = []
        self.answers: dict[int, Delivery] = {}
        self.sessions: list[SessionReminder] = []

    async def send_reminder(self, reminder: SitBreakReminder) -> Delivery:
        self.sent.append(reminder)
        return self.answers.get(reminder.chat_id, Delivery.SENT)

    async def send_session_reminder(self, reminder: SessionReminder) -> Delivery:
        self.sessions.append(reminder)
        return self.answers.get(reminder.chat_id, Delivery.SENT)

    def chats(self) -> list[int]:
        return [reminder.chat_id for reminder in self.sent]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
async def uow(tmp_path: Path) -> AsyncIterator[SqlUnitOfWorkFactory]:
    # A copy of the worker's migrated template: the schema without running Alembic per test.
    engine = create_engine(f"sqlite+aiosqlite:///{migrated_copy(tmp_path / 'scheduler.db')}")
    yield SqlUnitOfWorkFactory(engine)
    await engine.dispose()


@pytest.fixture
def notifier() -> FakeNotifier:
    return FakeNotifier()


@pytest.fixture
def service(
    uow: SqlUnitOfWorkFactory, clock: FixedClock, notifier: FakeNotifier
) -> ReminderService:
    return ReminderService(
        uow, clock, grace=GRACE, min_interval=timedelta(minutes=1), notifier=notifier
    )


async def onboard(
    uow: SqlUnitOfWorkFactory,
    service: ReminderService,
    *ids: int,
    interval: int = 60,
    timezone: str = "Europe/Berlin",
) -> list[datetime | None]:
    """Set-up users (Mon–Fri 09:00–17:00) and their first due time."""
    async with uow() as work:
        for user_id in ids:
            await work.users.add(
                Profile(
                    user_id=user_id,
                    chat_id=user_id,
                    created_at=START,
                    timezone=timezone,
                    work_start=time(9, 0),
                    work_end=time(17, 0),
                    sit_interval_min=interval,
                    onboarded_at=START,
                )
            )
        await work.commit()
    return [await service.reschedule(user_id) for user_id in ids]
