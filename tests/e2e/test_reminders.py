"""Sit-break reminders from the real bot: time moves by rewriting the test clock file.

Every wait here is for an event (a call at the fake Bot API, a row in the database, a line
in the bot's log); timeouts are only a bound for failing, generous so a loaded machine is
slower but never wrong. The bot runs with the real per-chat pace (SEND_PER_CHAT_SECONDS=1)
and the real shortest interval (30 minutes), so no test here depends on a lowered limit.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest

from scheduler.jobs import TICK_INSTANCES
from storage.engine import create_engine
from storage.migrate import upgrade
from tests.e2e.conftest import query
from tests.e2e.people import FLAGS
from tests.support.fake_bot_api import FakeBotApi
from tests.support.models import BotMessage
from tests.support.user import FakeUser

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]
T = TypeVar("T")

# Wednesday 25 November 2026, 10:00 UTC; the users below work 09:00-17:00 UTC, Mon-Fri.
T0 = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
REMINDER = "You have been sitting for"
WAIT = 60.0
"""How long any wait may take before the test fails; only reached when something is wrong."""
WITNESS = 399
"""A user who only gets a reminder when a test makes one due (see ``assert_quiet``)."""


class BotClock:
    """The bot's "now", as the TEST_CLOCK_FILE it re-reads on every tick."""

    def __init__(self, path: Path, start: datetime) -> None:
        self.path = path
        self.set(start)

    def set(self, instant: datetime) -> None:
        self.now = instant
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(instant.isoformat(), encoding="utf-8")
        tmp.replace(self.path)  # atomic: the bot never reads half a file

    def advance(self, delta: timedelta) -> datetime:
        self.set(self.now + delta)
        return self.now


def iso(instant: datetime) -> str:
    """How SQLite stores an instant (naive UTC), for direct inserts and comparisons."""
    return instant.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def parse(value: object) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def _insert_user(connection: sqlite3.Connection, user_id: int, interval: int) -> None:
    connection.execute(
        "INSERT INTO users (id, chat_id, language, timezone, work_days, work_start_min,"
        " work_end_min, sit_interval_min, goal_days_per_week, active, onboarded_at,"
        " created_at, updated_at) VALUES (?, ?, 'en', 'UTC', 31, 540, 1020, ?, 7, 1,"
        " ?, ?, ?)",
        (user_id, user_id, interval, iso(T0), iso(T0), iso(T0)),
    )


async def prepare_database(
    db_path: Path,
    user_ids: Iterable[int],
    *,
    interval: int,
    due: datetime | None = None,
    witness: bool = False,
) -> None:
    """Migrate, then write set-up users straight into the database, before the bot starts."""
    engine = create_engine(f"sqlite+aiosqlite:///{db_path}")
    await upgrade(engine)
    await engine.dispose()
    with sqlite3.connect(db_path) as connection:
        for user_id in user_ids:
            _insert_user(connection, user_id, interval)
            if due is not None:
                connection.execute(
                    "INSERT INTO reminder_state (user_id, next_due_at) VALUES (?, ?)",
                    (user_id, iso(due)),
                )
        if witness:
            # Not due until a check makes it due (no stored due time); once sent, it has a
            # schedule like anyone (the dispatcher sends only rows that have one), and
            # what it receives later is never counted.
            _insert_user(connection, WITNESS, 90)
            connection.execute("INSERT INTO reminder_state (user_id) VALUES (?)", (WITNESS,))


async def eventually(
    check: Callable[[], T | None],
    timeout: float = WAIT,  # noqa: ASYNC109
    what: Callable[[], object] | None = None,
) -> T:
    """Poll the database (which the bot writes) until ``check`` holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = check()
        if value is not None and value is not False:
            return value
        if loop.time() > deadline:
            seen = "" if what is None else f"; last seen: {what()!r}"
            raise AssertionError(f"condition not met within {timeout}s{seen}")
        await asyncio.sleep(0.05)


def plain(text: str) -> str:
    """Babel puts a narrow no-break space before AM/PM; a phone shows it as a space."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def state(db_path: Path, user_id: int) -> dict[str, datetime | None]:
    (row,) = query(
        db_path,
        "SELECT next_due_at, lease_until, last_break_at FROM reminder_state WHERE user_id = ?",
        user_id,
    )
    return {"next_due_at": parse(row[0]), "lease_until": parse(row[1]), "break": parse(row[2])}


def break_kinds(db_path: Path, user_id: int) -> list[str]:
    rows = query(db_path, "SELECT kind FROM break_events WHERE user_id = ? ORDER BY id", user_id)
    return [str(kind) for (kind,) in rows]


async def assert_quiet(
    fake_api: FakeBotApi, db_path: Path, clock: BotClock, *users: FakeUser
) -> None:
    """Prove that nothing is due for ``users`` at the clock's current instant.

    Waiting a few seconds would prove nothing on a slow machine. Instead the witness is made
    due at exactly this instant: the dispatcher claims due rows earliest first, so once the
    witness's reminder is sent and its batch confirmed, a tick has run at this clock and every
    reminder due by now has been sent (in that batch or before).
    """
    seen = {user.id: len(user.bot_messages) for user in users}
    mark = fake_api.mark()
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "UPDATE reminder_state SET next_due_at = ?, lease_until = NULL WHERE user_id = ?",
            (iso(clock.now), WITNESS),
        )
    await fake_api.wait_for_call(
        "sendMessage", lambda call: call.chat_id == WITNESS and call.ok, WAIT, since=mark
    )
    await eventually(lambda: state(db_path, WITNESS)["lease_until"] is None)
    for user in users:
        new = [message.text for message in user.bot_messages[seen[user.id] :]]
        assert new == [], f"unexpected message to {user.id}: {new}"


async def start_bot(bot_factory: BotFactory, tmp_path: Path, clock: BotClock, **env: str) -> Any:
    bot = bot_factory(
        extra_env={
            "TEST_CLOCK_FILE": str(clock.path),
            "SEND_PER_CHAT_SECONDS": "1",
            **env,
        }
    )
    await bot.start()
    return bot


async def test_reminder_snooze_and_done_at_the_shortest_interval(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    """30 minutes: the shortest interval the bot allows (REMINDER_MIN_INTERVAL_MINUTES)."""
    clock = BotClock(tmp_path / "clock.txt", T0)
    await prepare_database(db_path, [300], interval=30, witness=True)
    user = fake_api.user(300)
    fake_api.user(WITNESS)
    await start_bot(bot_factory, tmp_path, clock)
    first_due = state(db_path, 300)["next_due_at"]  # created at start for the stored user
    assert first_due is not None and T0 < first_due <= T0 + timedelta(minutes=30)

    clock.set(first_due + timedelta(seconds=5))
    reminder = await user.wait_for_text(REMINDER, WAIT)
    # Set up at 10:00 with work from 09:00: the bot counts sitting from work start.
    assert "sitting for 1 hour — time for a 2-minute glute break" in reminder.text
    assert reminder.labels == ["Start break", "Done", "Snooze 15 min", "In a meeting (1 h)", "Skip"]

    snoozed_at = clock.now
    user.press("Snooze 15 min")
    assert (await user.next_callback_answer(WAIT)).text is None
    answer = await user.next_change(WAIT)  # the reminder itself says until when
    until = snoozed_at + timedelta(minutes=15)
    assert answer.message_id == reminder.message_id and answer.labels == []
    assert plain(answer.text) == f"⏰ Snoozed until {until:%-I:%M %p}. I'll remind you again then."
    user.assert_no_unread()
    assert state(db_path, 300)["next_due_at"] == snoozed_at + timedelta(minutes=15)
    clock.advance(timedelta(minutes=14, seconds=50))  # just before the snooze ends
    await assert_quiet(fake_api, db_path, clock, user)

    clock.set(snoozed_at + timedelta(minutes=15, seconds=2))
    again = await user.wait_for_text(REMINDER, WAIT)
    assert again.message_id != reminder.message_id
    await eventually(lambda: state(db_path, 300)["lease_until"] is None)  # confirmed as sent
    user.press_data(reminder, reminder.data_for("Done"))  # the old reminder's buttons expired
    assert (await user.next_callback_answer(WAIT)).text == "This button has expired."
    user.press("Done")
    done = await user.next_change(WAIT)
    done_at = clock.now
    assert done.message_id == again.message_id and done.labels == []
    assert plain(done.text).startswith(f"✅ Break taken at {done_at:%-I:%M %p}\n")
    assert "timer starts again" in done.text
    user.assert_no_unread()
    assert state(db_path, 300)["break"] == done_at
    assert state(db_path, 300)["next_due_at"] == done_at + timedelta(minutes=30)

    clock.set(done_at + timedelta(minutes=29, seconds=50))  # not a full interval since the break
    await assert_quiet(fake_api, db_path, clock, user)
    clock.set(done_at + timedelta(minutes=30, seconds=1))
    await user.wait_for_text(REMINDER, WAIT)
    # A tap can be stored a moment before its reminder is confirmed, so compare as a multiset.
    expected = sorted(["prompted", "snoozed", "prompted", "taken", "prompted"])
    await eventually(
        lambda: sorted(break_kinds(db_path, 300)) == expected,
        what=lambda: break_kinds(db_path, 300),
    )


async def test_retry_after_pauses_every_send(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    clock = BotClock(tmp_path / "clock.txt", T0)
    await prepare_database(db_path, [301], interval=60, due=T0 + timedelta(seconds=30))
    due_user, other = fake_api.user(301), fake_api.user(302)
    bot = await start_bot(bot_factory, tmp_path, clock)
    fake_api.fail_next("sendMessage", status=429, retry_after=2, chat_id=301)
    clock.set(T0 + timedelta(minutes=1))
    await fake_api.wait_until(lambda: fake_api.injected_calls("sendMessage") or None, WAIT)
    (refused,) = fake_api.injected_calls("sendMessage")
    assert refused.status == 429 and refused.chat_id == 301
    # The bot has taken in the pause before the other user writes (its log says so).
    await eventually(lambda: "all sending is paused" in bot.output)
    other.send("/help")  # a reply to someone else must wait for the pause too
    await due_user.wait_for_text(REMINDER, WAIT)
    await other.wait_for_text("StrongBack", WAIT)
    later = [call for call in fake_api.calls_of("sendMessage") if call.at > refused.at]
    assert {call.chat_id for call in later} == {301, 302}
    assert min(call.at for call in later) >= refused.at + 2.0
    assert len([m for m in due_user.bot_messages if REMINDER in m.text]) == 1


async def test_a_user_who_blocked_the_bot_is_deactivated_until_start(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    clock = BotClock(tmp_path / "clock.txt", T0)
    await prepare_database(
        db_path, [303, 304], interval=60, due=T0 + timedelta(seconds=30), witness=True
    )
    refusing, kicking = fake_api.user(303), fake_api.user(304)
    fake_api.user(WITNESS)
    await start_bot(bot_factory, tmp_path, clock)
    kicking.block()  # Telegram's my_chat_member update: status "kicked"
    await eventually(lambda: query(db_path, "SELECT active FROM users WHERE id = 304") == [(0,)])
    fake_api.fail_next("sendMessage", status=403, chat_id=303)
    clock.set(T0 + timedelta(minutes=1))
    await eventually(lambda: query(db_path, "SELECT active FROM users WHERE id = 303") == [(0,)])
    assert fake_api.pending_faults == 0  # the 403 was the answer to the reminder
    assert state(db_path, 303)["next_due_at"] is None
    assert state(db_path, 304)["next_due_at"] is None
    clock.advance(timedelta(hours=2))
    await assert_quiet(fake_api, db_path, clock, refusing, kicking)
    sent = [c.chat_id for c in fake_api.calls_of("sendMessage") if c.chat_id != WITNESS]
    assert sent == [303]  # the refused one

    refusing.send("/start")
    await refusing.wait_for_text("Welcome back", WAIT)
    await eventually(lambda: query(db_path, "SELECT active FROM users WHERE id = 303") == [(1,)])
    assert state(db_path, 303)["next_due_at"] is not None


@pytest.mark.long
@pytest.mark.process
async def test_sigkill_mid_dispatch_loses_nothing_and_repeats_only_in_flight(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    ids = list(range(5000, 5200))
    clock = BotClock(tmp_path / "clock.txt", T0)
    await prepare_database(db_path, ids, interval=60, due=T0 + timedelta(seconds=30))
    for user_id in ids:
        fake_api.user(user_id)
    bot = await start_bot(bot_factory, tmp_path, clock)
    # Armed before anything is due, so it lands on a known send whatever the machine's pace:
    # the 41st is refused with a long pause, which holds its claimed batch in flight (sent in
    # part, not confirmed) until the kill.
    fake_api.fail_next("sendMessage", status=429, retry_after=60, after=40)
    clock.set(T0 + timedelta(minutes=1))  # 200 reminders due at once; 30 a second may leave
    await fake_api.wait_until(lambda: fake_api.injected_calls("sendMessage") or None, WAIT)
    bot.kill()
    await bot.wait_exit(WAIT)
    assert len(fake_api.injected_calls("sendMessage")) == 1
    leased = {
        int(user_id)
        for (user_id,) in query(
            db_path, "SELECT user_id FROM reminder_state WHERE lease_until IS NOT NULL"
        )
    }
    sent_before = len(fake_api.calls_of("sendMessage", ok=True))
    assert 40 <= sent_before < len(ids), "the kill must land mid-dispatch"
    # At most the claims of the ticks that may overlap (each claims a second's 30).
    assert 0 < len(leased) <= 30 * TICK_INSTANCES

    clock.advance(timedelta(minutes=3))  # past the lease, well inside the grace window
    await bot.start()

    def received(user_id: int) -> int:
        return sum(REMINDER in m.text for m in fake_api.user(user_id).bot_messages)

    await eventually(lambda: all(received(user_id) >= 1 for user_id in ids))
    await eventually(
        lambda: (
            query(db_path, "SELECT count(*) FROM reminder_state WHERE lease_until IS NOT NULL")
            == [(0,)]
        )
    )
    counts = {user_id: received(user_id) for user_id in ids}
    twice = {user_id for user_id, count in counts.items() if count == 2}
    assert all(count in (1, 2) for count in counts.values())
    assert twice <= leased, "only reminders in flight at the kill may come twice"
    missed = query(db_path, "SELECT count(*) FROM break_events WHERE kind = 'missed'")
    assert missed == [(0,)]


@pytest.mark.long
async def test_pause_resume_and_sit_with_bad_input(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    clock = BotClock(tmp_path / "clock.txt", T0)
    await prepare_database(db_path, [310], interval=60)
    user, newcomer = fake_api.user(310), fake_api.user(311)
    await start_bot(bot_factory, tmp_path, clock)

    user.send("/pause")
    menu = await user.next_message(WAIT)
    assert menu.labels == ["1 hour", "Rest of today", "Several days"]
    user.press("Several days")
    assert (await user.next_callback_answer(WAIT)).text is None
    asked = await user.next_change(WAIT)  # the menu becomes the question
    assert asked.message_id == menu.message_id and "How many days?" in asked.text
    for typed in ("lots", "🙂", "0", "61", "x" * 5000):
        user.send(typed)
        assert "from 1 to 60, for example 5" in (await user.next_message(WAIT)).text, typed
    user.send_sticker()
    hint, again = await user.next_messages(2, WAIT)
    assert "only read text" in hint.text and "for example 5" in again.text
    assert state(db_path, 310)["next_due_at"] is not None
    (paused_before,) = query(db_path, "SELECT paused_until FROM reminder_state WHERE user_id=310")
    assert paused_before == (None,)  # nothing stored from the bad answers

    user.send("3")
    paused = await user.next_message(WAIT)
    assert "paused until Saturday, Nov 28, start of work" in paused.text
    (until,) = query(db_path, "SELECT paused_until FROM reminder_state WHERE user_id = 310")
    assert parse(until[0]) == datetime(2026, 11, 28, tzinfo=UTC)
    due = state(db_path, 310)["next_due_at"]
    assert due is not None and due > datetime(2026, 11, 28, tzinfo=UTC)
    user.send("hello")  # the question is answered: plain text is no longer a number of days
    assert "not sure what you mean" in (await user.next_message(WAIT)).text

    user.send("/resume")
    assert "on again" in (await user.next_message(WAIT)).text
    due = state(db_path, 310)["next_due_at"]
    assert due is not None and due == T0 + timedelta(hours=1)  # sitting from now

    clock.set(T0 + timedelta(hours=9))  # 19:00, after work
    user.send("/sit")
    assert "Sitting timer started" in (await user.next_message(WAIT)).text
    assert state(db_path, 310)["next_due_at"] == clock.now + timedelta(hours=1)

    for forged in ("v1:rem:done:abc", "v1:rem:fly:1", "v1:pause:forever", "v1:why:bored"):
        user.press_data(menu, forged)
        assert (await user.next_callback_answer(WAIT)).text == "This button has expired.", forged

    newcomer.send("/pause")
    assert "finish the setup" in (await newcomer.next_message(WAIT)).text


@pytest.mark.long
async def test_start_break_then_three_skips_ask_why(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    clock = BotClock(tmp_path / "clock.txt", T0)
    await prepare_database(db_path, [320], interval=30)
    user = fake_api.user(320)
    await start_bot(bot_factory, tmp_path, clock)
    due = state(db_path, 320)["next_due_at"]
    assert due is not None
    clock.set(due + timedelta(seconds=1))
    await user.wait_for_text(REMINDER, WAIT)
    user.press("Start break")
    started = await user.next_change(WAIT)
    assert (
        plain(started.text) == f"✅ Break started at {clock.now:%-I:%M %p}" and started.labels == []
    )
    assert "Stand up" in (await user.next_message(WAIT)).text

    for skip in range(3):
        clock.advance(timedelta(minutes=30, seconds=1))
        await user.wait_for_text(REMINDER, WAIT)
        user.press("Skip")
        answer = await user.next_change(WAIT)
        skipped = f"⏭ Skipped at {clock.now:%-I:%M %p}."
        if skip < 2:
            assert plain(answer.text) == f"{skipped} I'll ask again later." and answer.labels == []
    assert plain(answer.text).startswith(f"{skipped}\nThat's the third skip today")
    assert "30 seconds" in answer.text
    assert answer.labels == ["Too busy", "In meetings", "Not sitting today", "Something else"]
    user.press("Not sitting today")
    thanks = await user.next_change(WAIT)
    assert thanks.message_id == answer.message_id and "No more reminders today" in thanks.text
    user.assert_no_unread()
    (paused,) = query(db_path, "SELECT paused_until FROM reminder_state WHERE user_id = 320")
    assert parse(paused[0]) == datetime(2026, 11, 26, tzinfo=UTC)
    kinds = sorted(set(break_kinds(db_path, 320)))
    assert kinds == ["prompted", "skipped", "taken"]


async def test_first_reminder_comes_one_interval_after_work_starts(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    """09:00-17:00 with a 30-minute interval: the day's first reminder at 09:30, within a minute."""
    before_work = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    work_starts = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    clock = BotClock(tmp_path / "clock.txt", before_work)
    await prepare_database(db_path, [330], interval=30, witness=True)
    user = fake_api.user(330)
    fake_api.user(WITNESS)
    await start_bot(bot_factory, tmp_path, clock)
    due = state(db_path, 330)["next_due_at"]
    first = work_starts + timedelta(minutes=30)
    assert due is not None and first <= due < first + timedelta(minutes=1), due

    clock.set(first - timedelta(seconds=1))  # nothing before 09:30
    await assert_quiet(fake_api, db_path, clock, user)
    clock.set(due)
    reminder = await user.wait_for_text(REMINDER, WAIT)
    assert "sitting for 30 minutes" in reminder.text
    sent_at = datetime.fromtimestamp(int(reminder.data_for("Done").rsplit(":", 1)[1]), UTC)
    assert first <= sent_at < first + timedelta(minutes=1)


async def onboard_with_short_hours(user: FakeUser) -> BotMessage:
    """Onboarding with 9:00-10:00 and a 60-minute interval; returns the note it brings."""
    user.send("/start")
    await user.next_messages(2, WAIT)
    user.press("Let's begin")
    await user.next_messages(2, WAIT)
    for _flag in FLAGS:
        user.press("No")
        await user.next_message(WAIT)
    user.press("2")
    await user.next_message(WAIT)
    user.press("> 3 months")
    await user.next_messages(2, WAIT)
    user.send("berlin")
    await user.next_messages(2, WAIT)
    user.press("Mon–Fri")
    await user.next_message(WAIT)
    user.send("9:00-10:00")
    ask_interval = await user.next_message(WAIT)  # no note yet: the interval is still to come
    assert "Heads-up" not in ask_interval.text
    user.press("60 min")
    note, ask_exercise = await user.next_messages(2, WAIT)
    assert "daily exercise" in ask_exercise.text
    user.press("No daily reminder")
    await user.next_message(WAIT)
    user.press("Looks good")
    await user.next_message(WAIT)
    return note


@pytest.mark.long
async def test_work_hours_shorter_than_the_interval_are_pointed_out(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    clock = BotClock(tmp_path / "clock.txt", T0)
    await start_bot(bot_factory, tmp_path, clock)
    user = fake_api.user(340)
    note = await onboard_with_short_hours(user)
    assert plain(note.text) == (
        "Heads-up: your work hours (9:00 AM–10:00 AM) are not longer than your sit-break"
        " interval (60 min), so no sit-break reminder fits into your day. A 45-minute interval"
        " would work, or longer work hours."
    )
    # The note is true: nothing is scheduled for a day with no room.
    assert state(db_path, 340)["next_due_at"] is None

    user.send("/settings")
    await user.next_message(WAIT)
    user.press("🪑 Sit-break")
    await user.next_change(WAIT)
    user.press("30 min")
    view = await user.next_change(WAIT)  # fits now: no note, straight back to the view
    assert "Your settings" in view.text
    assert state(db_path, 340)["next_due_at"] is not None

    user.press("🕘 Work hours")
    await user.next_change(WAIT)
    user.send("9:00-9:30")
    note, view = await user.next_messages(2, WAIT)
    assert "(9:00 AM–9:30 AM) are not longer than your sit-break interval (30 min)" in plain(
        note.text
    )
    assert "Longer work hours would give the reminders room." in note.text
    assert "Your settings" in view.text

    user.press("🗣 Language")
    await user.next_change(WAIT)
    user.press("Deutsch")
    await user.next_change(WAIT)
    user.press("🕘 Arbeitszeit")
    await user.next_change(WAIT)
    user.send("9:00-9:15")
    note, view = await user.next_messages(2, WAIT)
    assert plain(note.text) == (
        "Kleiner Hinweis: Deine Arbeitszeit (09:00–09:15) ist nicht länger als dein"
        " Sitzpausen-Abstand (30 Min.), daher passt keine Sitzpausen-Erinnerung in deinen Tag."
        " Mit einer längeren Arbeitszeit haben die Erinnerungen Platz."
    )
    assert "Deine Einstellungen" in view.text
