"""A stored time zone the server's tz database lacks harms nobody, not that user either.

The user is served in UTC (reps, /stats, /export) and told once, after their first reply, to
choose their city again; a user in a known zone never sees that notice.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from coach.profile import Profile
from coach.screening import Outcome, ScreeningRecord, ScreeningResult
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWorkFactory
from tests.e2e.conftest import query
from tests.e2e.test_progress import DAY_1, JOINED, say
from tests.e2e.test_reminders import (
    REMINDER,
    T0,
    WAIT,
    BotClock,
    eventually,
    prepare_database,
    start_bot,
    state,
)
from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]

MARTIAN = 310
BERLINER = 311
BAD_ZONE = "Mars/Olympus_Mons"  # in no tz database
CHOOSE_AGAIN = "Please choose your city again"


async def seed(db_path: Path, zones: dict[int, str]) -> None:
    """Onboarded, cleared users, stored through the project's own repositories."""
    engine = create_engine(f"sqlite+aiosqlite:///{db_path}")
    await upgrade(engine)
    uow = SqlUnitOfWorkFactory(engine)
    async with uow() as work:
        for user_id, zone in zones.items():
            await work.users.add(
                Profile(user_id, user_id, JOINED, timezone=zone, onboarded_at=JOINED)
            )
            result = ScreeningResult(1, Outcome.CLEARED, (), 3, "gt_3m", True, ())
            record = ScreeningRecord(Outcome.CLEARED, JOINED, 3)
            await work.screenings.add(user_id, result, record)
        await work.commit()
    await engine.dispose()


@pytest.mark.process
async def test_a_user_with_an_unknown_zone_is_served_in_utc_and_told_once(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_path: Path, tmp_path: Path
) -> None:
    await seed(db_path, {MARTIAN: BAD_ZONE, BERLINER: "Europe/Berlin"})
    clock = tmp_path / "clock.txt"
    clock.write_text(DAY_1.isoformat())  # Tuesday 21:30 UTC
    bot = bot_factory(extra_env={"TEST_CLOCK_FILE": str(clock)})
    await bot.start()
    martian, berliner = fake_api.user(MARTIAN), fake_api.user(BERLINER)

    martian.send("10 clamshells")
    logged, notice = await martian.next_messages(2)
    assert "Logged: 10 clamshells" in logged.text
    assert CHOOSE_AGAIN in notice.text and "/settings" in notice.text
    assert "Logged: 10 bridges" in await say(berliner, "10 bridges")

    martian.send("/stats")
    stats = await martian.next_message(timeout=30)
    assert stats.photo is not None and stats.photo.data is not None
    assert stats.photo.data.startswith(b"\x89PNG\r\n\x1a\n")

    martian.send("/export")
    export = await martian.next_message()
    assert export.document is not None and export.document.data is not None
    with zipfile.ZipFile(io.BytesIO(export.document.data)) as archive:
        activity = archive.read("activity.csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(activity)))
    # Counted in UTC: 21:30 on Tuesday (22:30 in Berlin).
    assert [(r["local_date"], r["local_time"], r["exercise"]) for r in rows] == [
        ("2026-11-24", "21:30", "clamshell")
    ]

    assert "Logged: 5 clamshells" in await say(martian, "5 clamshells")
    await say(martian, "/help")  # one user's updates are handled in order: all is said now
    # One notice, stored as told: never again, and never to the user in a known zone.
    assert [m.text for m in martian.bot_messages if CHOOSE_AGAIN in m.text] == [notice.text]
    assert not [m.text for m in berliner.bot_messages if CHOOSE_AGAIN in m.text]
    assert query(db_path, "SELECT zone_notice FROM users WHERE id = ?", MARTIAN) == [(BAD_ZONE,)]
    martian.assert_no_unread()
    berliner.assert_no_unread()


async def test_a_user_with_an_unknown_zone_is_reminded_in_utc_and_told_why(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_path: Path, tmp_path: Path
) -> None:
    """Reminders go on (in UTC, 09:00-17:00 here) instead of stopping without a word."""
    await prepare_database(db_path, [MARTIAN], interval=60)
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE users SET timezone = ? WHERE id = ?", (BAD_ZONE, MARTIAN))
    clock = BotClock(tmp_path / "clock.txt", T0)  # Wednesday 10:00 UTC
    martian = fake_api.user(MARTIAN)
    await start_bot(bot_factory, tmp_path, clock)
    due = await eventually(lambda: state(db_path, MARTIAN)["next_due_at"])
    assert T0 < due <= T0 + timedelta(hours=1)
    clock.set(due + timedelta(seconds=5))
    reminder = await martian.wait_for_text(REMINDER, WAIT)
    assert CHOOSE_AGAIN in reminder.text and "UTC" in reminder.text
    assert "Done" in reminder.labels
    martian.press("Done")
    assert await eventually(lambda: state(db_path, MARTIAN)["break"])
