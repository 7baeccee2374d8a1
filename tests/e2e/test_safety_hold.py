"""The safety hold as a person in pain meets it: every stop holds at every door, across a
restart, until a safety check clears it; and every answer gets a reply.

Each trigger is set off as a person would (buttons, typed text, in English or German); then
the bot is restarted and every door that could show exercise content is tried: /workout,
/exercise, the reminder's Start break, the daily session reminder (and an older one's Start
workout) and typed reps. Time is the
test's clock file; every wait is for a message, never for the machine.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.texts import load_catalogue
from coach.profile import Profile
from coach.reminder_state import ReminderState
from coach.screening import Outcome, ScreeningRecord, ScreeningResult
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWorkFactory
from tests.e2e.conftest import query
from tests.e2e.people import onboard
from tests.e2e.test_reminders import WAIT, BotClock, iso
from tests.support.fake_bot_api import FakeBotApi
from tests.support.models import BotMessage
from tests.support.screening import FLAGS, flags_asked
from tests.support.user import FakeUser

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]
TEXTS = load_catalogue()
USER = 310
# Wednesday 25 November 2026, 10:00 UTC, inside the user's work hours (09:00-17:00 UTC).
T0 = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
TOMORROW = T0 + timedelta(days=1)


def t(lang: str, key: str, **args: object) -> str:
    return TEXTS.text(lang, key, **args)


async def seed(db_path: Path, lang: str) -> None:
    """A person set up in UTC, cleared with pain 2, a daily session at 19:00; nothing due today."""
    engine = create_engine(f"sqlite+aiosqlite:///{db_path}")
    await upgrade(engine)
    async with SqlUnitOfWorkFactory(engine)() as work:
        joined = T0 - timedelta(days=3)
        await work.users.add(
            Profile(
                user_id=USER,
                chat_id=USER,
                created_at=joined,
                timezone="UTC",
                language=lang,
                exercise_time=datetime(2026, 1, 1, 19, 0).time(),  # noqa: DTZ001
                onboarded_at=joined,
            )
        )
        result = ScreeningResult(1, Outcome.CLEARED, (), 2, "gt_3m", True, ())
        await work.screenings.add(USER, result, ScreeningRecord(Outcome.CLEARED, joined, 2))
        await work.reminders.put(ReminderState(USER, next_due_at=TOMORROW, session_due_at=TOMORROW))
        await work.commit()
    await engine.dispose()


async def seeded(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path, lang: str
) -> tuple[FakeUser, BotClock, Any]:
    """The seeded person, their chat and the running bot on the test's clock at T0."""
    clock = BotClock(tmp_path / "clock.txt", T0)
    await seed(db_path, lang)
    user = fake_api.user(USER, language_code=lang)
    return user, clock, await start(bot_factory, clock)


async def start(bot_factory: BotFactory, clock: BotClock) -> Any:
    """The bot on the test's clock, at the harness's quick per-chat pace: these are journeys
    of one person, and the real pace has its twin in test_concurrency."""
    bot = bot_factory(extra_env={"TEST_CLOCK_FILE": str(clock.path)})
    await bot.start()
    return bot


async def answer(user: FakeUser, label: str) -> BotMessage:
    user.press(label)
    return await user.next_change(WAIT)  # the pressed message changed, or a new one came


async def nothing_more(user: FakeUser, lang: str) -> None:
    """Nothing else was sent after the last message read: /help is answered next."""
    user.send("/help")
    assert "/workout" in (await user.next_message(WAIT)).text
    await user.next_message(WAIT)  # the standing safety note that follows the command list


async def screen_clear(user: FakeUser) -> None:
    """No to every warning sign, pain 2, more than 3 months; what follows is the caller's."""
    for _flag in FLAGS:
        await answer(user, "No")
    await answer(user, "2")
    user.press("> 3 months")


def assert_refused(message: BotMessage, lang: str, reason: str) -> None:
    assert reason in message.text, message.text
    assert message.photo is None and message.animation is None
    assert message.labels == [t(lang, "safety-button-screen")]


def rows(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    return query(db_path, sql)


async def every_door_is_closed(
    user: FakeUser, lang: str, reason: str, db_path: Path, clock: BotClock
) -> None:
    """Each way to exercise content answers with the reason and "Redo safety check" only."""
    user.mark_read()
    for command in ("/workout", "/exercise"):
        user.send(command)
        assert_refused(await user.next_message(WAIT), lang, reason)
        await nothing_more(user, lang)
    user.press_data(user.last, "v1:wx:hip_raise")  # an /exercise menu button, forged or old
    assert_refused(await user.next_message(WAIT), lang, reason)
    await nothing_more(user, lang)
    user.press_data(user.last, "v1:wk")  # an older session reminder's "Start workout"
    assert_refused(await user.next_change(WAIT), lang, reason)
    await nothing_more(user, lang)

    logged = rows(db_path, "SELECT count(*) FROM rep_entries")
    user.send("10 bridges" if lang == "en" else "10 Brücken")
    not_logged = await user.next_message(WAIT)
    assert t(lang, "safety-reps-not-logged") in not_logged.text
    assert_refused(not_logged, lang, reason)
    assert rows(db_path, "SELECT count(*) FROM rep_entries") == logged

    # A sit-break reminder still comes; its Start break offers walking only.
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "UPDATE reminder_state SET next_due_at = ? WHERE user_id = ?", (iso(clock.now), USER)
        )
    clock.advance(timedelta(seconds=5))
    reminder = await user.wait_for(
        lambda m: m.labels[:1] == [t(lang, "reminder-button-start")], WAIT
    )
    user.mark_read()
    user.press_data(reminder, reminder.data_for(t(lang, "reminder-button-start")))
    walk = await user.next_message(WAIT)
    assert t(lang, "safety-break-walk") in walk.text
    assert_refused(walk, lang, reason)
    await nothing_more(user, lang)

    # The daily session reminder says why the session is paused, no exercises.
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "UPDATE reminder_state SET session_due_at = ? WHERE user_id = ?",
            (iso(clock.now), USER),
        )
    clock.advance(timedelta(seconds=5))
    session = await user.wait_for(lambda m: t(lang, "safety-session-held") in m.text, WAIT)
    assert_refused(session, lang, reason)
    assert t(lang, "session-reminder-text").split("\n")[0] not in session.text


async def walkthrough_to_pain(user: FakeUser, lang: str) -> None:
    """/workout, then "This hurts" on the first exercise: the pain question."""
    user.send("/workout")
    await user.next_messages(2, WAIT)  # the ladder, then the first exercise's picture
    asked = await answer(user, t(lang, "workout-button-hurts"))
    assert t(lang, "workout-button-new-symptom") in asked.labels


async def pain(user: FakeUser, lang: str, score: int) -> None:
    await walkthrough_to_pain(user, lang)
    user.press(str(score))
    await user.wait_for(lambda m: t(lang, "safety-button-screen") in m.labels, WAIT)


async def new_symptom_button(user: FakeUser, lang: str) -> None:
    await walkthrough_to_pain(user, lang)
    user.press(t(lang, "workout-button-new-symptom"))
    stop = await user.wait_for(lambda m: t(lang, "safety-button-screen") in m.labels, WAIT)
    assert "new symptom" in stop.text or "neuen Beschwerden" in stop.text


def typed(text: str) -> Callable[[FakeUser, str], Awaitable[None]]:
    async def trigger(user: FakeUser, lang: str) -> None:
        user.send(text)
        note = await user.next_message(WAIT)
        assert note.text == t(lang, "safety-symptom") and note.labels == [
            t(lang, "safety-button-screen")
        ]

    return trigger


async def rise(user: FakeUser, lang: str) -> None:
    """Pain 4 after screening with 2: acceptable by the light, but a rise of 2."""
    await walkthrough_to_pain(user, lang)
    user.press("4")
    note = await user.wait_for(lambda m: t(lang, "safety-button-screen") in m.labels, WAIT)
    assert "(2)" in note.text


TRIGGERS: dict[str, tuple[str, Callable[[FakeUser, str], Awaitable[None]], str]] = {
    # name: (language, trigger, a fragment of the reason shown at every door)
    "pain 6": ("en", lambda user, lang: pain(user, lang, 6), "you reported pain 6"),
    "pain 10": ("en", lambda user, lang: pain(user, lang, 10), "you reported pain 10"),
    "New symptom button": ("en", new_symptom_button, "you reported a new symptom"),
    "typed numb leg": ("en", typed("my leg is numb now"), "you reported a new symptom"),
    "typed Taubheit": ("de", typed("ich habe Taubheit im Bein"), "ein neues Symptom gemeldet"),
    "rise of 2": ("en", rise, "pain 4 is clearly higher than at your last safety check (2)"),
}


@pytest.mark.parametrize("trigger", list(TRIGGERS))
async def test_a_stop_holds_at_every_door_after_a_restart(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path, trigger: str
) -> None:
    lang, set_off, reason = TRIGGERS[trigger]
    user, clock, bot = await seeded(fake_api, bot_factory, tmp_path, db_path, lang)
    await set_off(user, lang)
    assert rows(db_path, "SELECT hold_reason IS NOT NULL FROM screenings") == [(1,)]

    assert await bot.stop() == 0  # the hold is stored, not remembered
    await bot.start()
    await every_door_is_closed(user, lang, reason, db_path, clock)


async def test_a_clearing_rescreen_lifts_a_pain_hold(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    user, _clock, _bot = await seeded(fake_api, bot_factory, tmp_path, db_path, "en")
    await pain(user, "en", 7)
    user.press("Redo safety check")
    await user.wait_for(lambda m: m.labels == ["Yes", "No"], WAIT)  # the first question
    await screen_clear(user)
    cleared = await user.next_message(WAIT)
    assert "exercises are open" in cleared.text
    user.send("/workout")
    _level, intro = await user.next_messages(2, WAIT)
    assert intro.animation is not None and "Hip raises" in intro.text


@pytest.mark.process
async def test_a_symptom_hold_needs_a_doctor_and_not_yet_gets_an_answer(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    user, _clock, _bot = await seeded(fake_api, bot_factory, tmp_path, db_path, "en")
    await typed("my leg is numb now")(user, "en")

    async def rescreen_clear() -> BotMessage:
        user.send("/screen")
        await user.next_messages(2, WAIT)
        await screen_clear(user)
        _outcome, asked = await user.next_messages(2, WAIT)
        return asked

    asked = await rescreen_clear()
    assert "Has a doctor cleared you" in asked.text
    not_yet = await answer(user, "Not yet")  # never silence
    assert "stay paused until a doctor has cleared you" in not_yet.text
    assert "/screen" in not_yet.text
    user.send("/workout")
    refused = await user.next_message(WAIT)
    assert "Once a doctor has cleared you" in refused.text and refused.animation is None

    asked = await rescreen_clear()
    granted = await answer(user, "A doctor cleared me")
    assert "exercises" in granted.text
    user.send("/workout")
    _level, intro = await user.next_messages(2, WAIT)
    assert intro.animation is not None


async def test_after_urgent_advice_the_next_message_is_reminded_of_it_once(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    user, _clock, _bot = await seeded(fake_api, bot_factory, tmp_path, db_path, "en")
    user.send("I suddenly can't control my bladder")
    urgent, follow = await user.next_messages(2, WAIT)
    assert urgent.text == "Please seek urgent medical care today." and urgent.labels == []
    assert follow.labels == ["Redo safety check"]

    user.send("/workout")  # the next thing sent: the advice again, and what is still open
    reminder = await user.next_message(WAIT)
    assert "urgent medical care" in reminder.text and "no exercises here" in reminder.text
    assert "reminders to stand up and move carry on" in reminder.text
    assert reminder.labels == ["Redo safety check"]
    user.send("/workout")  # once: now the usual refusal, with the reason
    assert_refused(await user.next_message(WAIT), "en", "needs urgent medical care")
    user.send("12 clamshells")
    assert "I haven't logged these reps" in (await user.next_message(WAIT)).text
    assert rows(db_path, "SELECT count(*) FROM rep_entries") == [(0,)]


async def test_an_urgent_screening_offers_reminders_never_exercises(
    fake_api: FakeBotApi, bot_factory: BotFactory
) -> None:
    bot = bot_factory()
    await bot.start()
    user = fake_api.user(311)
    user.send("/start")
    await user.next_messages(2, WAIT)
    user.press("Let's begin")
    await user.next_messages(2, WAIT)
    for flag in flags_asked("saddle"):
        outcome = await answer(user, "Yes" if flag == "saddle" else "No")
    assert outcome.text == "Please seek urgent medical care today." and outcome.labels == []

    user.send("hello?")
    follow = await user.next_message(WAIT)
    assert "urgent medical care" in follow.text and "stand up and move" in follow.text
    assert follow.labels == ["Set up sit-break reminders"]
    asked = await answer(user, "Set up sit-break reminders")
    assert "Which city" in asked.text  # the reminders' set-up; no exercise anywhere

    await onboard_rest(user)
    user.send("/exercise")
    refused = await user.next_message(WAIT)
    assert "urgent medical care" in refused.text and refused.labels == ["Redo safety check"]


async def onboard_rest(user: FakeUser) -> None:
    """The profile questions after the city, as `onboard` answers them."""
    user.send("berlin")
    await user.next_messages(2, WAIT)
    await answer(user, "Mon–Fri")
    user.send("9:00-17:00")
    await user.next_message(WAIT)
    await answer(user, "60 min")
    await answer(user, "No daily reminder")
    done = await answer(user, "Looks good")
    assert "stand up and move" in done.text


async def test_a_flagged_user_cannot_log_reps(
    fake_api: FakeBotApi, bot_factory: BotFactory
) -> None:
    bot = bot_factory()
    await bot.start()
    user = fake_api.user(312)
    await onboard(user, flag="radiating")
    user.mark_read()
    user.send("10 bridges")
    refused = await user.next_message(WAIT)
    assert "I haven't logged these reps" in refused.text and "see a doctor" in refused.text
    assert "Logged" not in refused.text
