"""A phone in Romandy and one in Ticino, end to end, typing rather than tapping wherever they
can: the screening, the set-up by city, a walkthrough, reps in their own words, /stats and a
sit-break reminder, all in French and in Italian."""

from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.texts import Catalogue, load_catalogue
from coach.catalogue import load_catalogue as load_exercises
from tests.support.fake_bot_api import FakeBotApi
from tests.support.models import BotMessage
from tests.support.screening import FLAGS
from tests.support.user import FakeUser

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]
NOW = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
"""A Wednesday, noon in Geneva and Lugano."""
WAIT = 30.0


@dataclass(frozen=True)
class Speaker:
    """Who types what, as a native speaker would on a phone."""

    language: str
    client: str
    name: str
    unclear: str
    no: str
    pain: str
    duration: str
    city: str
    work_days: str
    work_hours: str
    interval: str
    exercise_time: str
    next: str
    hip_raise_reps: str
    clamshell_reps: str
    bridge_reps: str
    later: str
    logged: str


FRENCH = Speaker(
    language="fr",
    client="fr-CH",
    name="Léa",
    unclear="peut-être",
    no="non",
    pain="2 sur 10",
    duration="depuis des années",
    city="Genève",
    work_days="lu-ve",
    work_hours="8h-17h",
    interval="45 min",
    exercise_time="17h30",
    next="suivant",
    hip_raise_reps="10/10 élévations de hanche",
    clamshell_reps="10 de chaque côté",
    bridge_reps="10 ponts",
    later="12 coquillages à gauche",
    logged="12 coquillages (gauche)",
)
ITALIAN = Speaker(
    language="it",
    client="it-CH",
    name="Chiara",
    unclear="forse",
    no="no",
    pain="2 su 10",
    duration="da anni",
    city="Zurigo",
    work_days="lun-ven",
    work_hours="dalle 8 alle 17",
    interval="45 minuti",
    exercise_time="alle 17.30",
    next="avanti",
    hip_raise_reps="10/10 sollevamenti dell'anca",
    clamshell_reps="10 per lato",
    bridge_reps="10 ponti",
    later="12 conchiglie a sinistra",
    logged="12 conchiglie (sinistra)",
)


@pytest.fixture(scope="module")
def texts() -> Catalogue:
    return load_catalogue()


def shown(text: str) -> str:
    """What the phone shows of a text: HTML tags and entities gone, no-break spaces as spaces
    (French puts them before ":" and "!")."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    return plain.replace("\u202f", " ").replace("\xa0", " ")


def next_due(db_path: Path, user_id: int) -> datetime:
    with sqlite3.connect(db_path) as connection:
        (value,) = connection.execute(
            "SELECT next_due_at FROM reminder_state WHERE user_id = ?", (user_id,)
        ).fetchone()
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


async def typed(user: FakeUser, text: str) -> BotMessage:
    user.send(text)
    return await user.next_message(WAIT)


@pytest.mark.parametrize("speaker", [FRENCH, ITALIAN], ids=lambda speaker: speaker.language)
async def test_a_whole_journey_typed_in_the_users_language(
    fake_api: FakeBotApi,
    bot_factory: BotFactory,
    db_env: dict[str, str],
    db_path: Path,
    tmp_path: Path,
    texts: Catalogue,
    speaker: Speaker,
) -> None:
    def t(key: str, **args: object) -> str:
        return shown(texts.text(speaker.language, key, **args))

    exercises = load_exercises()
    clock = tmp_path / "clock.txt"
    clock.write_text(NOW.isoformat())
    bot = bot_factory(extra_env={**db_env, "TEST_CLOCK_FILE": str(clock)})
    await bot.start()
    user = fake_api.user(310, first_name=speaker.name, language_code=speaker.client)

    # The client's language (fr-CH, it-CH) picks the bot's.
    user.send("/start")
    welcome, note = await user.next_messages(2, WAIT)
    assert shown(welcome.text) == t("start-welcome", name=speaker.name)
    assert shown(note.text) == t("safety-note")
    user.press(t("button-begin"))
    intro, first = await user.next_messages(2, WAIT)
    assert shown(intro.text) == t("screening-intro")
    assert shown(first.text) == t("screening-q-radiating")
    assert first.labels == [t("screening-button-yes"), t("screening-button-no")]

    # The screening, typed: an unclear answer is asked again, then "non" / "no" to each flag.
    assert shown((await typed(user, speaker.unclear)).text).startswith(t("screening-hint-yes_no"))
    for flag in FLAGS:
        question = user.last
        assert shown(question.text).endswith(t(f"screening-q-{flag}")), question.text
        await typed(user, speaker.no)
    assert shown(user.last.text) == t("screening-q-pain_now")
    assert shown((await typed(user, speaker.pain)).text) == t("screening-q-duration")
    user.send(speaker.duration)
    outcome, ask_city = await user.next_messages(2, WAIT)
    assert shown(outcome.text) == t("screening-outcome-cleared")
    assert shown(ask_city.text) == t("setup-ask-timezone")

    # The set-up by city and typed values.
    user.send(speaker.city)
    chosen, ask_days = await user.next_messages(2, WAIT)
    assert "Europe/Zurich" in chosen.text
    assert shown(ask_days.text) == t("setup-ask-work_days")
    assert shown((await typed(user, speaker.work_days)).text) == t("setup-ask-work_hours")
    assert shown((await typed(user, speaker.work_hours)).text) == t("setup-ask-sit_interval")
    assert shown((await typed(user, speaker.interval)).text) == t("setup-ask-exercise_time")
    summary = shown((await typed(user, speaker.exercise_time)).text)
    assert "08:00–17:00" in summary and "17:30" in summary, summary
    with sqlite3.connect(db_path) as connection:
        row = connection.execute(
            "SELECT language, timezone, work_days, work_start_min, work_end_min,"
            " sit_interval_min, exercise_time_min FROM users WHERE id = 310"
        ).fetchone()
    assert row == (speaker.language, "Europe/Zurich", 31, 8 * 60, 17 * 60, 45, 17 * 60 + 30)
    user.press(t("setup-button-confirm"))
    assert shown((await user.next_change(WAIT)).text) == t("setup-complete-open")

    # A walkthrough: steps by typed words, reps typed in their own words.
    user.send("/workout")
    level, intro = await user.next_messages(2, WAIT)
    assert shown(level.text) == t("ladder-start-base", remaining=3)
    assert intro.animation is not None
    reps_typed = {
        "hip_raise": speaker.hip_raise_reps,
        "clamshell": speaker.clamshell_reps,
        "bridge": speaker.bridge_reps,
    }
    for index, (exercise_id, reps) in enumerate(reps_typed.items()):
        exercise = exercises.exercise(exercise_id)
        if index:
            picture = await user.next_message(WAIT)
            assert picture.animation is not None, picture.text
            assert shown(picture.text).startswith(f"{t(exercise.name_key)} ({index + 1}/3)")
        for n in range(1, exercise.steps + 1):
            step = await typed(user, speaker.next)
            text = t(exercise.step_key(n))
            assert shown(step.text) == t("workout-step", n=n, steps=exercise.steps, text=text)
        side = "left" if exercise.set_sides != (None,) else "both"
        assert shown((await typed(user, speaker.next)).text).startswith(
            t(f"workout-reps-{side}", reps=10)
        )
        user.send(reps)
    final = await user.next_message(WAIT)
    assert shown(final.text) == t("workout-ask-final-pain")
    user.send("2")
    done, ladder = await user.next_messages(2, WAIT)
    lines = shown(done.text).splitlines()
    assert lines[0] == t("workout-summary")
    assert t("workout-summary-total", reps=50) in lines
    assert shown(ladder.text) == t("ladder-need_n_more_pain_free", remaining=2)

    # Reps in a plain reply, in their own words.
    logged = await typed(user, speaker.later)
    assert speaker.logged in shown(logged.text), logged.text

    # /stats: the picture and its caption.
    user.send("/stats")
    stats = await user.next_message(WAIT)
    assert stats.photo is not None and stats.photo.data is not None
    assert stats.photo.data.startswith(b"\x89PNG\r\n\x1a\n")
    caption = shown(stats.text).splitlines()
    assert caption[:3] == [
        t("progress-stats-caption"),
        t("progress-stats-streak", period="day", current=1),
        t("progress-stats-best", period="day", best=1),
    ]

    # A sit-break reminder, one interval after the reps (they count as movement).
    due = next_due(db_path, 310)
    assert NOW < due <= NOW + timedelta(minutes=45, seconds=30)
    clock.write_text((due + timedelta(seconds=5)).isoformat())
    before, _, _ = t("reminder-text", duration="\0").partition("\0")
    reminder = await user.wait_for(lambda message: shown(message.text).startswith(before), WAIT)
    assert reminder.labels == [
        t("reminder-button-start"),
        t("reminder-button-done"),
        t("reminder-button-snooze"),
        t("reminder-button-meeting"),
        t("reminder-button-skip"),
    ]
    user.press(t("reminder-button-done"))
    answer = await user.next_change(WAIT)
    assert answer.message_id == reminder.message_id and answer.labels == []
    assert t("reminder-break-taken", minutes=45) in shown(answer.text)
