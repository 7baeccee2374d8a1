"""/settings, /language and German all through onboarding, as a person on a phone sees them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.commands import MENU_COMMANDS
from bot.texts import Catalogue, load_catalogue
from coach import languages
from tests.e2e.conftest import query
from tests.e2e.people import FLAGS
from tests.support.fake_bot_api import FakeBotApi
from tests.support.languages import LANGUAGES
from tests.support.models import BotMessage
from tests.support.user import FakeUser

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]
PROFILE = (
    "SELECT timezone, work_days, work_start_min, work_end_min, sit_interval_min,"
    " exercise_time_min, goal_days_per_week, language FROM users WHERE id = ?"
)
CLEAN_FLAGS = len(FLAGS)
"""The flag questions asked to someone who answers no to everything."""
NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
"""A Wednesday; 09:00 in Paris and Berlin."""
SUMMARY = "SELECT summary_weekday, summary_time_min, summary_next_at FROM users WHERE id = ?"


@pytest.fixture(scope="module")
def texts() -> Catalogue:
    return load_catalogue()


def plain(text: str) -> str:
    """Babel puts a narrow no-break space before AM/PM; a phone shows it as a space."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


async def onboard(user: FakeUser, begin: str, no: str, months: str, looks_good: str) -> None:
    """Screening without warning signs, then the profile, then confirm (labels per language)."""
    user.send("/start")
    await user.next_messages(2)
    user.press(begin)
    await user.next_messages(2)
    for _ in range(CLEAN_FLAGS):
        user.press(no)
        await user.next_message()
    user.press("3")
    await user.next_message()
    user.press(months)
    await user.next_messages(2)
    user.send("Berlin")
    await user.next_messages(2)
    user.send("mon-fri")
    await user.next_message()
    user.send("9-17")
    await user.next_message()
    user.send("60")
    await user.next_message()
    user.send("12:15")
    await user.next_message()
    user.press(looks_good)
    await user.next_message()


async def view_after(user: FakeUser, label: str) -> BotMessage:
    """Press a value on the settings view; it becomes the prompt for the new value (a prompt
    with a reply keyboard comes as a new message)."""
    user.press(label)
    return await user.next_change()


def next_reminder(db: Path, user_id: int) -> datetime:
    """The stored UTC instant of the user's next sit-break reminder."""
    ((due,),) = query(db, "SELECT next_due_at FROM reminder_state WHERE user_id = ?", user_id)
    assert isinstance(due, str), "no reminder is scheduled"
    return datetime.fromisoformat(due).replace(tzinfo=UTC)


def row(db: Path, user_id: int) -> tuple[object, ...]:
    (found,) = query(db, PROFILE, user_id)
    return found


async def test_change_every_setting_through_the_buttons(
    fake_api: FakeBotApi,
    bot_factory: BotFactory,
    db_env: dict[str, str],
    db_path: Path,
    tmp_path: Path,
) -> None:
    clock = tmp_path / "clock.txt"
    clock.write_text(NOW.isoformat())
    db_env = {**db_env, "TEST_CLOCK_FILE": str(clock)}
    bot = bot_factory(extra_env=db_env)
    await bot.start()
    user = fake_api.user(400)
    await onboard(user, "Let's begin", "No", "> 3 months", "Looks good")
    assert row(db_path, 400) == ("Europe/Berlin", 0b11111, 540, 1020, 60, 735, 7, "en")

    user.send("/settings")
    view = await user.next_message()
    assert plain(view.text).splitlines() == [
        "Your settings",
        "Time zone: Europe/Berlin",
        "Work days: Mon–Fri",
        "Work hours: 9:00 AM–5:00 PM",
        "Sit-break after: 60 min",
        "Daily exercise reminder: 12:15 PM",
        "Goal: a full session every day",
        "Weekly summary: Sunday 6:00 PM",
        "Language: English",
        "",
        "Tap a value to change it.",
    ]
    assert view.labels == [
        "🌍 Time zone",
        "📅 Work days",
        "🕘 Work hours",
        "🪑 Sit-break",
        "⏰ Exercise reminder",
        "🎯 Goal",
        "📊 Weekly summary",
        "🗣 Language",
        "✅ Done",
    ]

    # Time zone by city name, then by a shared location.
    ask = await view_after(user, "Time zone")
    assert "Which city" in ask.text and user.reply_keyboard == [["📍 Share my location"]]
    user.send("Tokyo")
    chosen, view = await user.next_messages(2)
    assert "Asia/Tokyo" in chosen.text and "Time zone: Asia/Tokyo" in view.text
    assert row(db_path, 400)[0] == "Asia/Tokyo"
    await view_after(user, "Time zone")
    user.send_location(48.8566, 2.3522)
    _chosen, view = await user.next_messages(2)
    assert "Time zone: Europe/Paris" in view.text
    assert row(db_path, 400)[0] == "Europe/Paris"

    # Work days.
    ask = await view_after(user, "Work days")
    assert ask.labels[:3] == ["Mon–Fri", "Mon–Sat", "Every day"]
    user.press("Mon–Sat")
    assert "Work days: Mon–Sat" in (await user.next_change()).text
    assert row(db_path, 400)[1] == 0b111111

    # Work hours: bad input first (nothing stored), then a restart mid-prompt, then a button.
    await view_after(user, "Work hours")
    for bad in ("🙂", "x" * 5000):
        user.send(bad)
        again = await user.next_message()
        assert again.text.startswith("Please tap a button, or type your hours, e.g. 8:30-17:00.")
    for night in ("22:00-06:00", "17-9"):  # across midnight: refused with the reason
        user.send(night)
        again = await user.next_message()
        assert again.text.startswith("Work hours across midnight (night shifts) aren't supported")
        assert "e.g. 14:00-22:00" in again.text and "When do you usually work" in again.text
    user.send_sticker()
    hint, again = await user.next_messages(2)
    assert "only read text" in hint.text and "When do you usually work" in again.text
    assert row(db_path, 400)[2:4] == (540, 1020)
    await bot.stop()
    restarted = bot_factory(extra_env=db_env)
    await restarted.start()
    due_before = next_reminder(db_path, 400)
    user.press("10:00")
    view = await user.next_change()
    assert "Work hours: 10:00 AM–6:00 PM" in plain(view.text)
    assert row(db_path, 400)[2:4] == (600, 1080)
    # The next sit-break reminder moved with the window: work now starts an hour later.
    assert next_reminder(db_path, 400) - due_before == timedelta(hours=1)

    # Sitting interval: a forged value is refused, the offered one is stored.
    ask = await view_after(user, "Sit-break")
    user.mark_read()
    user.press_data(ask, "v1:setv:sit_interval:17")
    assert (await user.next_callback_answer()).text == "This button has expired."
    assert "After how long" in (await user.next_message()).text
    user.press("30 min")
    assert "Sit-break after: 30 min" in (await user.next_change()).text
    assert row(db_path, 400)[4] == 30

    # Daily exercise time, typed.
    await view_after(user, "Exercise reminder")
    user.send("5:30 pm")
    assert "Daily exercise reminder: 5:30 PM" in plain((await user.next_message()).text)
    assert row(db_path, 400)[5] == 1050

    # Goal: an impossible number, then a button; Back leaves a prompt unchanged.
    ask = await view_after(user, "Goal")
    assert ask.labels == [
        "Every day",
        "6 days a week",
        "5 days a week",
        "4 days a week",
        "3 days a week",
        "← Back",
    ]
    user.send("9")
    assert "from 1 to 7" in (await user.next_message()).text
    user.press("5 days a week")
    assert "Goal: a full session on 5 days a week" in (await user.next_change()).text
    assert row(db_path, 400)[6] == 5
    await view_after(user, "Goal")
    user.press("← Back")
    assert "Goal: a full session on 5 days a week" in (await user.next_change()).text
    assert row(db_path, 400)[6] == 5

    # Weekly summary: a day by button (a typed range is refused), then a typed time.
    ask = await view_after(user, "Weekly summary")
    assert ask.text == "On which day should your weekly summary come? Or turn it off."
    assert ask.labels == [
        *("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        "Turn off",
        "← Back",
    ]
    user.press("Turn off")  # no time is asked: it is off
    assert "Weekly summary: Off" in (await user.next_change()).text
    assert query(db_path, "SELECT summary_enabled FROM users WHERE id = 400") == [(0,)]
    await view_after(user, "Weekly summary")
    user.send("Mon-Fri")
    assert (await user.next_message()).text.startswith(
        "Please tap a day, or type one, e.g. Sunday."
    )
    user.press("Wednesday")
    ask = await user.next_change()
    assert "At what time?" in ask.text
    assert [plain(label) for label in ask.labels] == [
        *("8:00 AM", "12:00 PM", "6:00 PM", "8:00 PM"),
        "← Back",
    ]
    assert query(db_path, SUMMARY, 400)[0][:2] == (6, 1080), "the day waits for the time"
    for bad in ("25:00", "🙂"):
        user.send(bad)
        assert (await user.next_message()).text.startswith("Please tap a time")
    user.send("18:30")
    view = await user.next_message()
    assert "Weekly summary: Wednesday 6:30 PM" in plain(view.text)
    ((weekday, minutes, next_at),) = query(db_path, SUMMARY, 400)
    assert (weekday, minutes) == (2, 18 * 60 + 30)
    assert query(db_path, "SELECT summary_enabled FROM users WHERE id = 400") == [(1,)]
    assert str(next_at).startswith("2026-11-25 17:30:00")  # 18:30 in Paris, later today

    # Language: the view comes back in German.
    ask = await view_after(user, "Language")
    assert ask.labels == [*(languages.own_name(code) for code in LANGUAGES), "← Back"]
    user.press("Deutsch")
    view = await user.next_change()
    assert plain(view.text).splitlines()[:3] == [
        "Deine Einstellungen",
        "Zeitzone: Europe/Paris",
        "Arbeitstage: Mo–Sa",
    ]
    assert "Arbeitszeit: 10:00–18:00" in view.text and "Sprache: Deutsch" in view.text
    assert "Ziel: eine volle Einheit an 5 Tagen pro Woche" in view.text
    assert "Wochenrückblick: Mittwoch, 18:30 Uhr" in view.text
    assert row(db_path, 400) == ("Europe/Paris", 0b111111, 600, 1080, 30, 1050, 5, "de")

    # Done closes settings; its old buttons expire, and typed text is no longer a value.
    user.press("✅ Fertig")
    assert "Gespeichert" in (await user.next_change()).text
    user.mark_read()
    user.press_data(view, view.data_for("🎯 Ziel"))
    assert (await user.next_callback_answer()).text == "Dieser Button ist abgelaufen."
    user.send("5")  # now a rep report, not a goal: the bot asks which exercise
    assert (await user.next_message()).text == "Welche Übung war das?"
    assert row(db_path, 400)[6] == 5


@pytest.mark.process
async def test_german_client_gets_german_through_onboarding_and_language_switches(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], texts: Catalogue
) -> None:
    bot = bot_factory(extra_env=db_env)
    await bot.start()
    user = fake_api.user(300, first_name="Jonas", language_code="de")

    def de(key: str, **args: object) -> str:
        return plain(texts.text("de", key, **args))

    user.send("/start")
    welcome, note = await user.next_messages(2)
    assert welcome.text.startswith("Hallo Jonas! Ich bin StrongBack")
    assert note.text == de("safety-note")
    assert note.labels == [de("button-begin"), de("button-how-it-works")]
    user.press(de("button-begin"))
    intro, first = await user.next_messages(2)
    assert intro.text == de("screening-intro")
    assert first.text == de("screening-q-radiating")
    assert first.labels == ["Ja", "Nein"]
    user.send("vielleicht")
    assert (await user.next_message()).text.startswith(de("screening-hint-yes_no"))
    for _ in range(CLEAN_FLAGS):
        user.press("Nein")
        await user.next_message()
    user.press("3")
    duration = await user.next_message()
    assert duration.labels == ["unter 6 Wochen", "6–12 Wochen", "über 3 Monate"]
    user.press("über 3 Monate")
    outcome, city = await user.next_messages(2)
    assert outcome.text == de("screening-outcome-cleared")
    assert city.text == de("setup-ask-timezone")
    assert user.reply_keyboard == [[de("setup-button-location")]]
    user.send("München")
    chosen, days = await user.next_messages(2)
    assert chosen.text.startswith("Zeitzone gesetzt: Europe/Berlin")
    assert days.labels == ["Mo–Fr", "Mo–Sa", "Jeden Tag"]
    user.press("Mo–Fr")
    hours = await user.next_message()
    assert hours.labels == ["08:00–16:00", "09:00–17:00", "10:00–18:00"]
    user.press("09:00–17:00")
    interval = await user.next_message()
    assert interval.text == de("setup-ask-sit_interval")
    assert interval.labels == ["30 Min.", "45 Min.", "60 Min.", "90 Min."]
    user.press("45 Min.")
    exercise = await user.next_message()
    assert exercise.labels == ["08:00", "12:30", "17:30", "Keine tägliche Erinnerung"]
    user.send("17 Uhr")
    summary = await user.next_message()
    assert plain(summary.text).splitlines() == [
        "Deine Einstellungen",
        "Zeitzone: Europe/Berlin",
        "Arbeitstage: Mo–Fr",
        "Arbeitszeit: 09:00–17:00",
        "Sitzpause nach: 45 Min.",
        "Tägliche Übungserinnerung: 17:00",
    ]
    assert summary.labels == ["✅ Passt so", "✏️ Etwas ändern"]
    user.press("Passt so")
    assert (await user.next_message()).text == de("setup-complete-open")

    # /language switches every later text, commands and fallbacks included.
    user.send("/language")
    ask = await user.next_message()
    assert ask.text == de("language-ask")
    assert ask.labels == [languages.own_name(code) for code in LANGUAGES]
    user.press("English")
    assert (await user.next_change()).text == "Okay, from now on I'll speak English."
    user.send("/help")
    assert "/settings – Change your settings" in (await user.next_message()).text
    await user.next_message()
    user.mark_read()
    user.press_data(ask, "v1:lang:rm")  # a language without data (Romansh)
    assert (await user.next_callback_answer()).text == "This button has expired."
    assert (await user.next_message()).text == "Which language should I speak?"


async def test_command_menu_in_every_language(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], texts: Catalogue
) -> None:
    bot = bot_factory(extra_env=db_env)
    await bot.start()
    calls = fake_api.calls_of("setMyCommands", ok=True)
    codes = sorted(str(call.params.get("language_code") or "") for call in calls)
    assert codes == sorted("" if code == "en" else code for code in LANGUAGES)
    english = fake_api.command_list()
    german = fake_api.command_list(language_code="de")
    commands = list(MENU_COMMANDS)
    assert {"start", "screen", "help", "settings", "language"} <= set(commands)
    assert [name for name, _ in english] == commands
    assert dict(german)["settings"] == "Einstellungen ändern"
    assert dict(german)["language"] == "Sprache wechseln"
    for language in LANGUAGES[1:]:
        menu = fake_api.command_list(language_code=language)
        assert [name for name, _ in menu] == commands
        for name, description in menu:
            assert description == texts.text(language, f"command-{name}")
            assert description != texts.text("en", f"command-{name}")
    assert dict(english)["settings"] == "Change your settings"
