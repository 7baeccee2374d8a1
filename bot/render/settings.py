"""Messages for /settings and /language: the profile in a few lines, a button per value."""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardMarkup, ReplyKeyboardRemove

from bot import callbacks
from bot.keyboards import Button, inline
from bot.render import Outgoing
from bot.render.formatting import clock, language_name, number, weekday_name, weekdays
from bot.render.setup import profile_question, short_window
from bot.texts import Catalogue
from coach import languages
from coach.profile import Profile
from coach.profile_answers import GOAL_PRESETS, SUMMARY_TIME_PRESETS, parse_clock_token
from coach.services import settings, setup

CHOOSE = "setf"
"""Callback area of a value's button on the settings view: `v1:setf:<field>`."""
VALUE = "setv"
"""Callback area of a new value: `v1:setv:<field>:<value>`."""
ACTION = "set"
"""Callback area of Done and Back: `v1:set:done`, `v1:set:back`."""
LANGUAGE = "lang"
"""Callback area of /language's buttons: `v1:lang:<code>`."""

Formatter = Callable[[Profile, Catalogue, str], str]


def _timezone(profile: Profile, texts: Catalogue, lang: str) -> str:
    return profile.timezone or texts.text(lang, "settings-not-set")


def _exercise_time(profile: Profile, texts: Catalogue, lang: str) -> str:
    if profile.exercise_time is None:
        return texts.text(lang, "setup-summary-none")
    return clock(profile.exercise_time, lang)


def _summary(profile: Profile, texts: Catalogue, lang: str) -> str:
    if not profile.summary_enabled:
        return texts.text(lang, "settings-summary-off")
    day = weekday_name(profile.summary_weekday, lang)
    at = clock(profile.summary_time, lang)
    return texts.text(lang, "settings-summary-value", day=day, time=at)


VALUES: dict[str, Formatter] = {
    "timezone": _timezone,
    "work_days": lambda profile, _texts, lang: weekdays(profile.work_days, lang),
    "work_hours": lambda profile, _texts, lang: (
        f"{clock(profile.work_start, lang)}–{clock(profile.work_end, lang)}"
    ),
    "sit_interval": lambda profile, _texts, lang: number(profile.sit_interval_min, lang),
    "exercise_time": _exercise_time,
    "goal": lambda profile, texts, lang: texts.text(
        lang, "settings-goal-value", days=profile.goal_days_per_week
    ),
    "summary": _summary,
    "language": lambda profile, _texts, _lang: language_name(profile.language),
}
"""How each row of the settings view shows its value; one entry per `settings.FIELDS`."""


def render(views: list[settings.View], texts: Catalogue, lang: str) -> list[Outgoing]:
    out: list[Outgoing] = []
    for view in views:
        out.extend(_one(view, texts, lang))
    return out


def _one(view: settings.View, texts: Catalogue, lang: str) -> list[Outgoing]:
    t = texts.text
    match view:
        case settings.ShowSettings(profile=profile):
            return [settings_view(profile, texts, profile.language)]
        case settings.AskSetting():
            return [_question(view, texts, lang)]
        case settings.TimezoneSet(zone=zone, place=place):
            text = t(lang, "setup-timezone-set", zone=zone, place=place)
            return [Outgoing(text, ReplyKeyboardRemove())]
        case settings.AskLanguage():
            return [Outgoing(t(lang, "language-ask"), inline(_language_rows(LANGUAGE, None)))]
        case settings.LanguageSet(language=language):
            return [Outgoing(t(language, "language-set"))]
        case settings.SettingsClosed():
            return [Outgoing(t(lang, "settings-closed"))]
        case settings.Expired():
            return []
        case setup.ShortWorkWindow():
            return [short_window(view, texts, lang)]
    raise AssertionError(f"unhandled view {view!r}")


def settings_view(profile: Profile, texts: Catalogue, lang: str) -> Outgoing:
    """The profile, one line per value, and a button per value (two to a row)."""
    lines = [texts.text(lang, "settings-title")]
    for field in settings.FIELDS:
        value = VALUES[field](profile, texts, lang)
        lines.append(texts.text(lang, f"settings-row-{field}", value=value))
    lines.append("")
    lines.append(texts.text(lang, "settings-footer"))
    buttons: list[Button] = [
        (texts.text(lang, f"settings-button-{field}"), callbacks.encode(CHOOSE, field))
        for field in settings.FIELDS
    ]
    rows = [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
    rows.append([(texts.text(lang, "settings-button-done"), callbacks.encode(ACTION, "done"))])
    return Outgoing("\n".join(lines), inline(rows))


def _question(view: settings.AskSetting, texts: Catalogue, lang: str) -> Outgoing:
    t = texts.text
    back: list[Button] = [(t(lang, "settings-button-back"), callbacks.encode(ACTION, "back"))]
    if view.field in setup.PROFILE_FIELDS:
        asked = setup.AskProfile(view.field, view.notice, view.candidates)
        question = profile_question(asked, texts, lang, area=VALUE)
        if isinstance(question.markup, InlineKeyboardMarkup):
            keys = [list(row) for row in question.markup.inline_keyboard]
            keyboard = InlineKeyboardMarkup([*keys, list(inline([back]).inline_keyboard[0])])
            return Outgoing(question.text, keyboard)
        return question
    rows = CHOICES[view.field](texts, lang)
    text = t(lang, f"settings-ask-{view.field}")
    if view.notice == "hint":
        names = ", ".join(languages.own_name(code) for code in languages.available())
        hint = t(lang, f"settings-hint-{view.field}", languages=names)
        text = f"{hint}\n\n{text}"
    return Outgoing(text, inline([*rows, back]))


def _goal_rows(texts: Catalogue, lang: str) -> list[list[Button]]:
    presets = [
        (texts.text(lang, "settings-goal-button", days=days), callbacks.encode(VALUE, "goal", days))
        for days in GOAL_PRESETS
    ]
    return [presets[:1], *(presets[index : index + 2] for index in range(1, len(presets), 2))]


def _summary_day_rows(texts: Catalogue, lang: str) -> list[list[Button]]:
    days = [(weekday_name(day, lang), callbacks.encode(VALUE, "summary", day)) for day in range(7)]
    off = (
        texts.text(lang, "settings-summary-off-button"),
        callbacks.encode(VALUE, "summary", "off"),
    )
    return [*(days[index : index + 3] for index in range(0, len(days), 3)), [off]]


def _summary_time_rows(_texts: Catalogue, lang: str) -> list[list[Button]]:
    times: list[Button] = []
    for token in SUMMARY_TIME_PRESETS:
        moment = parse_clock_token(token)
        if moment is not None:
            times.append((clock(moment, lang), callbacks.encode(VALUE, "summary_time", token)))
    return [times[index : index + 2] for index in range(0, len(times), 2)]


CHOICES: dict[str, Callable[[Catalogue, str], list[list[Button]]]] = {
    "goal": _goal_rows,
    "summary": _summary_day_rows,
    "summary_time": _summary_time_rows,
    "language": lambda _texts, _lang: _language_rows(VALUE, "language"),
}
"""The buttons of each settings-only prompt and follow-up (onboarding's values reuse its
questions)."""


def _language_rows(area: str, field: str | None) -> list[list[Button]]:
    """A button per available language, two to a row (thumb-sized on a phone)."""
    prefix = (field,) if field else ()
    buttons = [
        (language_name(code), callbacks.encode(area, *prefix, code))
        for code in languages.available()
    ]
    return [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
