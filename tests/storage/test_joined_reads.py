"""Reads an update makes, folded into one statement each: a person's user and dialog rows
(with the update-id claim on PostgreSQL), a bot message's exercise and the screenings, and
the streak's days with reps and frozen days. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from coach.activity import EntrySource, RepEntry
from coach.dialog import Dialog
from coach.profile import Profile
from coach.progress import DayMark, FrozenKind, MessageExercise
from coach.screening import Outcome, ScreeningRecord, ScreeningResult
from storage.uow import SqlUnitOfWorkFactory

NOW = datetime(2026, 3, 29, 7, 30, tzinfo=UTC)
DAY = date(2026, 3, 29)
USER = 42


@pytest.fixture
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    """Every statement the engine runs but BEGIN (SQLite's BEGIN IMMEDIATE), as run."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        sql = " ".join(str(args[2]).split())
        if not sql.startswith("BEGIN"):
            seen.append(sql)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine.sync_engine, "before_cursor_execute", record)


async def add_person(uow: SqlUnitOfWorkFactory, *, dialog: Dialog | None) -> None:
    async with uow() as work:
        await work.users.add(Profile(user_id=USER, chat_id=USER, created_at=NOW, language="fr"))
        if dialog is not None:
            await work.dialogs.put(USER, dialog, NOW)
        await work.commit()


SETTINGS = Dialog("settings", "view", {"n": 1})


@pytest.mark.parametrize(
    ("stored", "first"),
    [
        ("user and dialog", "users"),
        ("user and dialog", "dialogs"),
        ("user alone", "users"),
        ("user alone", "dialogs"),
        ("nobody", "users"),
        ("nobody", "dialogs"),
    ],
)
async def test_a_persons_user_and_dialog_rows_are_one_statement(
    uow: SqlUnitOfWorkFactory, statements: list[str], stored: str, first: str
) -> None:
    if stored != "nobody":
        await add_person(uow, dialog=SETTINGS if stored == "user and dialog" else None)
    statements.clear()
    async with uow() as work:
        for _ in range(2):  # each asked twice, in this order: still one statement
            if first == "users":
                user = await work.users.get(USER)
            dialog = await work.dialogs.get(USER)
            if first == "dialogs":
                user = await work.users.get(USER)
    assert len(statements) == 1, statements
    assert "FROM users LEFT OUTER JOIN dialogs" in statements[0]
    assert (user is not None) == (stored != "nobody")
    assert user is None or user.language == "fr"
    assert dialog == (SETTINGS if stored == "user and dialog" else None)


@pytest.mark.parametrize("stored", ["user and dialog", "user alone", "nobody"])
async def test_the_claim_reads_the_senders_rows_with_it_on_postgresql(
    uow: SqlUnitOfWorkFactory, engine: AsyncEngine, statements: list[str], stored: str
) -> None:
    if stored != "nobody":
        await add_person(uow, dialog=SETTINGS if stored == "user and dialog" else None)
    statements.clear()
    async with uow() as work:
        assert await work.updates.claim(5, NOW, person=USER)
        user = await work.users.get(USER)
        dialog = await work.dialogs.get(USER)
        await work.commit()
    # On SQLite (its statements run inline, no round trips) the claim stays a statement.
    assert len(statements) == (1 if engine.dialect.name == "postgresql" else 2), statements
    assert (user is not None) == (stored != "nobody")
    assert dialog == (SETTINGS if stored == "user and dialog" else None)
    async with uow() as work:  # the same update again: already claimed, nothing else read
        assert not await work.updates.claim(5, NOW, person=USER)
        assert not await work.updates.claim(5, NOW)
        await work.commit()
    async with uow() as work:
        assert await work.updates.claim(6, NOW, person=USER)  # a new update is fresh
        await work.commit()


async def test_a_dialog_written_in_the_transaction_is_read_back(
    uow: SqlUnitOfWorkFactory, statements: list[str]
) -> None:
    await add_person(uow, dialog=None)
    async with uow() as work:
        assert await work.dialogs.get(USER) is None
        await work.dialogs.put(USER, SETTINGS, NOW)
        assert await work.dialogs.get(USER) == SETTINGS
        await work.dialogs.clear(USER)
        assert await work.dialogs.get(USER) is None
        assert await work.users.get(USER) is not None
        await work.commit()
    async with uow() as work:
        assert await work.dialogs.get(USER) is None


def entry(exercise_id: str, side: str | None, offset: int) -> RepEntry:
    return RepEntry(
        USER, exercise_id, side, 10, EntrySource.REPLY, DAY + timedelta(days=offset), NOW
    )


PAUSE, REST = FrozenKind.PAUSE, FrozenKind.REST


@pytest.mark.parametrize(
    ("logged", "frozen", "span", "marks", "frozen_in_span"),
    [
        pytest.param([], [], (0, 0), [], {}, id="nothing"),
        pytest.param(
            [("bridge", None, 0), ("bridge", None, 0), ("clamshell", "left", 0)],
            [],
            (0, 0),
            [(0, "bridge", None), (0, "clamshell", "left")],
            {},
            id="reps only, each day-exercise-side once",
        ),
        pytest.param(
            [],
            [(0, PAUSE), (1, REST)],
            (0, 6),
            [],
            {0: PAUSE, 1: REST},
            id="frozen days only",
        ),
        pytest.param(
            [("bridge", None, -3), ("bridge", None, 2)],
            [(-1, REST), (1, PAUSE), (9, PAUSE)],
            (0, 6),
            [(-3, "bridge", None), (2, "bridge", None)],
            {1: PAUSE},
            id="reps of every day, frozen days of the span only",
        ),
        pytest.param(
            [("dead_bug", "right", 1)],
            [(1, REST)],
            (1, 1),
            [(1, "dead_bug", "right")],
            {1: REST},
            id="reps on a frozen day",
        ),
    ],
)
async def test_the_streaks_days_are_one_statement(
    uow: SqlUnitOfWorkFactory,
    statements: list[str],
    logged: list[tuple[str, str | None, int]],
    frozen: list[tuple[int, FrozenKind]],
    span: tuple[int, int],
    marks: list[tuple[int, str, str | None]],
    frozen_in_span: dict[int, FrozenKind],
) -> None:
    await add_person(uow, dialog=None)
    async with uow() as work:
        await work.users.add(Profile(user_id=7, chat_id=7, created_at=NOW))
        for exercise_id, side, offset in logged:
            await work.reps.add(entry(exercise_id, side, offset))
        await work.reps.add(RepEntry(7, "bridge", None, 5, EntrySource.REPLY, DAY, NOW))
        for offset, kind in frozen:
            await work.frozen_days.add(USER, DAY + timedelta(days=offset), kind)
        await work.frozen_days.add(7, DAY, REST)
        await work.commit()
    first, last = (DAY + timedelta(days=offset) for offset in span)
    statements.clear()
    async with uow() as work:
        found_marks, found_frozen = await work.reps.streak_days(USER, first, last)
        # The same as the two reads it replaces.
        assert sorted(found_marks, key=str) == sorted(await work.reps.day_marks(USER), key=str)
        assert found_frozen == await work.frozen_days.between(USER, first, last)
    assert len(statements) == 3  # the one read, then the two it replaces
    assert sorted(found_marks, key=str) == sorted(
        (DayMark(DAY + timedelta(days=offset), ex, side) for offset, ex, side in marks), key=str
    )
    assert found_frozen == {
        DAY + timedelta(days=offset): kind for offset, kind in frozen_in_span.items()
    }


def screening(minute: int, outcome: Outcome) -> tuple[ScreeningResult, ScreeningRecord]:
    at = NOW + timedelta(minutes=minute)
    return (
        ScreeningResult(1, outcome, (), 2, "gt_3m", True, ()),
        ScreeningRecord(outcome, at, 2),
    )


@pytest.mark.parametrize(
    ("message", "screenings"),
    [
        pytest.param(None, [], id="neither"),
        pytest.param(MessageExercise("bridge"), [], id="a message, no screening"),
        pytest.param(None, [(0, Outcome.CLEARED)], id="a screening, no message"),
        pytest.param(
            MessageExercise("clamshell", "left"),
            [(5, Outcome.CLEARED), (0, Outcome.DOCTOR)],
            id="a message and two screenings, the later one stored first",
        ),
    ],
)
async def test_a_messages_exercise_and_the_screenings_are_one_statement(
    uow: SqlUnitOfWorkFactory,
    statements: list[str],
    message: MessageExercise | None,
    screenings: list[tuple[int, Outcome]],
) -> None:
    await add_person(uow, dialog=None)
    async with uow() as work:
        if message is not None:
            await work.message_exercises.remember(USER, 3, message, NOW)
        await work.message_exercises.remember(USER, 4, MessageExercise("dead_bug"), NOW)
        for minute, outcome in screenings:
            await work.screenings.add(USER, *screening(minute, outcome))
        await work.commit()
    async with uow() as work:  # each read on its own: what the joined read must match
        expected_latest = await work.screenings.latest(USER)
    statements.clear()
    async with uow() as work:
        assert await work.message_exercises.get(USER, 3) == message
        assert await work.screenings.latest(USER) == expected_latest
        assert await work.screenings.hold_spans(USER) == []
        assert await work.message_exercises.get(USER, 3) == message
    assert len(statements) == 1, statements
    if screenings:
        assert expected_latest is not None
        assert expected_latest.completed_at == NOW + timedelta(
            minutes=max(m for m, _ in screenings)
        )
    else:
        assert expected_latest is None
