"""Logging reps by text and by button, streaks across local days, /undo, /stats, /export, /delete.

The user is seeded as onboarded (Europe/Berlin) before the bot starts; time moves by rewriting
the TEST_CLOCK_FILE, never by sleeping.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from coach.activity import BreakEvent, BreakKind, EntrySource, PainCheckIn, PainContext, RepEntry
from coach.profile import Profile
from coach.screening import Outcome, ScreeningRecord, ScreeningResult
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWorkFactory
from tests.e2e.people import seed_cleared_user
from tests.support.fake_bot_api import FakeBotApi
from tests.support.user import FakeUser

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]

USER = 300
CSV_FIELDS = ("kind", "local_date", "local_time", "exercise", "side", "reps", "source")
JOINED = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # a Monday, 09:00 in Berlin
DAY_1 = datetime(2026, 11, 24, 21, 30, tzinfo=UTC)  # Tuesday 22:30 Berlin (23:30 would be UTC+1)
DAY_2 = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)  # Wednesday 00:30 Berlin, still Tuesday UTC
SESSION = (("hip_raise", "left"), ("hip_raise", "right"), ("clamshell", "left"))
SESSION += (("clamshell", "right"), ("bridge", None))


async def seed_onboarded_user(db_path: Path) -> None:
    """An onboarded, cleared user, stored through the project's own repositories."""
    engine = create_engine(f"sqlite+aiosqlite:///{db_path}")
    await upgrade(engine)
    uow = SqlUnitOfWorkFactory(engine)
    async with uow() as work:
        profile = Profile(
            user_id=USER,
            chat_id=USER,
            created_at=JOINED,
            timezone="Europe/Berlin",
            onboarded_at=JOINED,
        )
        await work.users.add(profile)
        result = ScreeningResult(1, Outcome.CLEARED, (), 3, "gt_3m", True, ())
        await work.screenings.add(USER, result, ScreeningRecord(Outcome.CLEARED, JOINED, 3))
        await work.commit()
    await engine.dispose()


def rows_with_user(db_path: Path, user_id: int) -> dict[str, int]:
    """Per table, the rows that name the user: users.id, any *user_id or chat_id column."""
    found: dict[str, int] = {}
    with sqlite3.connect(db_path) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            named = [c for c in columns if c.endswith("user_id") or c == "chat_id"]
            if table == "users":
                named.append("id")
            if not named:
                continue
            condition = " OR ".join(f'"{c}" = ?' for c in named)
            (count,) = connection.execute(
                f'SELECT count(*) FROM "{table}" WHERE {condition}', [user_id] * len(named)
            ).fetchone()
            if count:
                found[table] = count
    return found


async def seed_busy_month(db_path: Path, user_id: int, today: date) -> None:
    """Six weeks a member, the last four busy: a full session most days, sit breaks prompted
    and taken, a pain check-in a week."""
    joined = datetime.combine(today - timedelta(days=42), time(8), UTC)
    await seed_cleared_user(db_path, user_id, joined)
    engine = create_engine(f"sqlite+aiosqlite:///{db_path}")
    async with SqlUnitOfWorkFactory(engine)() as work:
        for back in range(28):
            day = today - timedelta(days=back)
            at = datetime.combine(day, time(11), UTC)
            if back % 7 != 3:
                for exercise, side in SESSION:
                    reps = 10 + back % 5
                    await work.reps.add(
                        RepEntry(user_id, exercise, side, reps, EntrySource.REPLY, day, at)
                    )
            kinds = [BreakKind.PROMPTED] * 3 + [BreakKind.TAKEN] * (1 + back % 3)
            await work.breaks.add_many([BreakEvent(user_id, kind, day, at) for kind in kinds])
            if back % 7 == 0:
                pain = PainCheckIn(user_id, 5 - back // 7, PainContext.CHECK_IN, day, at)
                await work.pains.add(pain)
        await work.commit()
    await engine.dispose()


def png_size(data: bytes | None) -> tuple[int, int]:
    assert data is not None and data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as image:
        return image.size


async def say(user: FakeUser, text: str) -> str:
    user.send(text)
    return (await user.next_message()).text


async def test_a_rep_reply_resets_the_sitting_timer(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_path: Path, tmp_path: Path
) -> None:
    await seed_onboarded_user(db_path)
    clock = tmp_path / "clock.txt"
    clock.write_text(DAY_1.isoformat())
    bot = bot_factory(extra_env={"TEST_CLOCK_FILE": str(clock)})
    await bot.start()
    user = fake_api.user(USER)
    assert "Logged: 10 bridges" in await say(user, "10 bridges")
    with sqlite3.connect(db_path) as connection:
        row = connection.execute(
            "SELECT sitting_since, last_break_at FROM reminder_state WHERE user_id = ?", [USER]
        ).fetchone()
    assert row is not None
    assert [datetime.fromisoformat(value).replace(tzinfo=UTC) for value in row] == [DAY_1] * 2


@pytest.mark.process
async def test_reps_streak_undo_stats_export_and_delete(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_path: Path, tmp_path: Path
) -> None:
    await seed_onboarded_user(db_path)
    clock = tmp_path / "clock.txt"
    clock.write_text(DAY_1.isoformat())
    bot = bot_factory(extra_env={"TEST_CLOCK_FILE": str(clock)})
    await bot.start()
    user = fake_api.user(USER)

    # Day 1 (Tuesday in Berlin): a full session, partly by text, partly by the clarifying button.
    logged = await say(user, "10/10 hip raises")
    assert "Logged: 10 hip raises (left), 10 hip raises (right)" in logged
    assert "Streak: 0 days" in logged
    assert "Logged: 12 clamshells (left), 12 clamshells (right)" in await say(
        user, "💪 12 clamshells each side"
    )
    question = await say(user, "10")
    assert question == "Which exercise was that?"
    assert user.last.labels == [
        "Hip raises",
        "Clamshells",
        "Single-leg bridges",
        "Bridges",
        "Never mind",
    ]
    user.send_sticker()
    assert "Please tap the exercise" in (await user.next_message()).text
    user.press("Bridges")
    assert (await user.next_callback_answer()).text is None
    confirmed = (await user.next_message()).text
    assert "Logged: 10 bridges" in confirmed and "Streak: 1 day " in confirmed

    # /undo takes the last reply back (and the streak with it); logging again restores it.
    undone = await say(user, "/undo")
    assert "Removed: 10 bridges" in undone and "Streak: 0 days" in undone
    assert "Streak: 1 day " in await say(user, "bridges 10")

    # Bad input: explained with an example, nothing stored.
    assert "Zero reps" in await say(user, "0 clamshells")
    assert "More than 200" in await say(user, "250 bridges")
    assert "too long" in await say(user, "x" * 5000)
    assert "I don't know “pushups”" in await say(user, "10 pushups")
    user.press_data(user.last, "v1:rep:push_up")
    assert (await user.next_callback_answer()).text == "This button has expired."
    user.press_data(user.last, "v1:rep:bridge")  # stale: no question is open
    assert (await user.next_callback_answer()).text == "This button has expired."

    # Day 2 (Wednesday in Berlin, still Tuesday in UTC): the streak grows to 2 days.
    clock.write_text(DAY_2.isoformat())
    await say(user, "hip raises 8 L 10 R")
    await say(user, "10/10 clamshells")
    assert "Streak: 2 days · best 2 · habit strength 10 %" in await say(user, "15 Brücken")

    # /stats: one PNG and the three lines.
    user.send("/stats")
    stats = await user.next_message(timeout=30)
    assert stats.photo is not None and stats.photo.data is not None
    assert stats.photo.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert stats.text.splitlines()[1:] == [
        "🔥 Streak: 2 days",
        "🏆 Best streak: 2 days",
        "💪 Habit strength: 10 %",
        "It grows on each day you meet your goal and fades slowly when you miss one;"
        " 100 % is a firm habit.",
    ]

    # /export: a zip with one CSV per table, and the timeline that parses back to exactly
    # the entries logged.
    user.send("/export")
    export = await user.next_message()
    assert export.document is not None and (export.document.file_name or "").endswith(".zip")
    assert export.document.data is not None
    with zipfile.ZipFile(io.BytesIO(export.document.data)) as archive:
        names = set(archive.namelist())
        activity = archive.read("activity.csv").decode("utf-8")
    assert {"users.csv", "screenings.csv", "rep_entries.csv", "activity.csv"} <= names
    rows = list(csv.DictReader(io.StringIO(activity)))
    assert [tuple(r[k] for k in CSV_FIELDS) for r in rows] == [
        ("reps", "2026-11-24", "22:30", "hip_raise", "left", "10", "reply"),
        ("reps", "2026-11-24", "22:30", "hip_raise", "right", "10", "reply"),
        ("reps", "2026-11-24", "22:30", "clamshell", "left", "12", "reply"),
        ("reps", "2026-11-24", "22:30", "clamshell", "right", "12", "reply"),
        ("reps", "2026-11-24", "22:30", "bridge", "", "10", "reply"),
        ("reps", "2026-11-25", "00:30", "hip_raise", "left", "8", "reply"),
        ("reps", "2026-11-25", "00:30", "hip_raise", "right", "10", "reply"),
        ("reps", "2026-11-25", "00:30", "clamshell", "left", "10", "reply"),
        ("reps", "2026-11-25", "00:30", "clamshell", "right", "10", "reply"),
        ("reps", "2026-11-25", "00:30", "bridge", "", "15", "reply"),
    ]

    # /rest freezes today; training on a rest day still counts.
    rest = await say(user, "/rest")
    assert "rest day" in rest and "Streak: 2 days" in rest

    # /delete asks first; "No" keeps everything, "Yes" removes every row about the user.
    assert "can't be undone" in await say(user, "/delete")
    user.press("No, keep it")
    assert (await user.next_callback_answer()).text is None
    assert "nothing was deleted" in (await user.next_message()).text
    before = rows_with_user(db_path, USER)
    assert {"users", "rep_entries", "screenings", "frozen_days"} <= set(before)
    await say(user, "/delete")
    assert "Please tap one of the buttons" in await say(user, "yes")
    user.press_data(user.last, "v1:del:maybe")
    assert (await user.next_callback_answer()).text == "This button has expired."
    assert "Please tap one of the buttons" in (await user.next_message()).text
    user.press("Yes, delete everything")
    assert "all your data is deleted" in (await user.next_message()).text
    assert rows_with_user(db_path, USER) == {}

    # A later /start starts fresh.
    user.send("/start")
    welcome, note = await user.next_messages(2)
    assert "Hi" in welcome.text and "Welcome back" not in welcome.text
    assert note.labels == ["Let's begin", "How it works"]
    assert rows_with_user(db_path, USER) == {"users": 1}


@pytest.mark.parametrize(
    ("busy", "size", "streak"),
    [
        (False, (1080, 1080), "🔥 Streak: 0 days"),  # the welcome picture, not an empty chart
        (True, (1080, 1440), "🔥 Streak: 3 days"),  # headline numbers, then three charts
    ],
    ids=["new user", "busy month"],
)
async def test_stats_sends_one_picture(
    fake_api: FakeBotApi,
    bot_factory: BotFactory,
    db_path: Path,
    tmp_path: Path,
    busy: bool,
    size: tuple[int, int],
    streak: str,
) -> None:
    now = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)  # a Thursday afternoon in Berlin
    if busy:
        await seed_busy_month(db_path, USER, now.date())
    else:
        await seed_cleared_user(db_path, USER, now - timedelta(hours=1))
    clock = tmp_path / "clock.txt"
    clock.write_text(now.isoformat())
    bot = bot_factory(extra_env={"TEST_CLOCK_FILE": str(clock)})
    await bot.start()
    user = fake_api.user(USER)

    user.send("/stats")
    stats = await user.next_message(timeout=30)
    assert stats.photo is not None and png_size(stats.photo.data) == size
    assert stats.text.splitlines()[:2] == ["Your last 4 weeks", streak]
    # Updates of one person are handled in order: the next message answers /undo, so /stats
    # sent nothing besides its picture.
    assert (await say(user, "/undo")).startswith(("↩️ Removed", "There's nothing to undo"))
