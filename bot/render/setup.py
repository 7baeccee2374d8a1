"""Messages for the screening and profile set-up."""

from __future__ import annotations

from datetime import time

from telegram import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove

from bot import callbacks
from bot.keyboards import Button, inline
from bot.render import Outgoing
from bot.render.formatting import clock, weekdays
from bot.texts import Catalogue
from coach.profile import OFFERED_SIT_INTERVALS, Profile
from coach.screening import Question, QuestionKind
from coach.services import setup


def render(views: list[setup.View], texts: Catalogue, lang: str) -> list[Outgoing]:
    out: list[Outgoing] = []
    for view in views:
        out.extend(_one(view, texts, lang))
    return out


def _one(view: setup.View, texts: Catalogue, lang: str) -> list[Outgoing]:
    t = texts.text
    match view:
        case setup.AskScreening(question=question, notice=notice):
            body = t(lang, question.text_key)
            messages = []
            if notice == "intro":
                messages.append(Outgoing(t(lang, "screening-intro")))
            elif notice == "hint":
                body = f"{t(lang, question.hint_key)}\n\n{body}"
            elif notice == "outdated":
                body = f"{t(lang, 'screening-outdated')}\n\n{body}"
            messages.append(Outgoing(body, inline(_question_buttons(question, texts, lang))))
            return messages
        case setup.ScreeningOutcome(result=result):
            return [Outgoing(t(lang, f"screening-outcome-{result.outcome.value}"))]
        case setup.NotChronicNote():
            return [Outgoing(t(lang, "screening-note-not-chronic"))]
        case setup.AskDoctorConfirmation():
            buttons = [
                [(t(lang, "screening-button-doctor-cleared"), callbacks.encode("doc", "yes"))],
                [(t(lang, "setup-button-not-yet"), callbacks.encode("doc", "no"))],
            ]
            return [Outgoing(t(lang, "screening-needs-confirmation"), inline(buttons))]
        case setup.AccessGranted():
            return [Outgoing(t(lang, "setup-access-granted"))]
        case setup.DoctorNotYet(onboarded=onboarded):
            key = "safety-doctor-not-yet" if onboarded else "safety-doctor-not-yet-setup"
            return [Outgoing(t(lang, key))]
        case setup.AskProfile():
            return [profile_question(view, texts, lang)]
        case setup.TimezoneChosen(zone=zone, display=display):
            text = t(lang, "setup-timezone-set", zone=zone, place=display)
            return [Outgoing(text, ReplyKeyboardRemove())]
        case setup.ShowSummary(profile=profile):
            buttons = [
                [(t(lang, "setup-button-confirm"), callbacks.encode("sum", "confirm"))],
                [(t(lang, "setup-button-change"), callbacks.encode("sum", "change"))],
            ]
            return [Outgoing(summary(profile, texts, lang), inline(buttons))]
        case setup.ChooseChange():
            rows = [
                [(t(lang, f"setup-field-{field}"), callbacks.encode("sum", field))]
                for field in setup.PROFILE_FIELDS
            ]
            return [Outgoing(t(lang, "setup-choose-change"), inline(rows))]
        case setup.SetupComplete(access=access):
            key = "setup-complete-open" if access.allowed else "setup-complete-locked"
            return [Outgoing(t(lang, key))]
        case setup.Expired():
            return []
        case setup.ShortWorkWindow():
            return [short_window(view, texts, lang)]
    raise AssertionError(f"unhandled view {view!r}")


def short_window(view: setup.ShortWorkWindow, texts: Catalogue, lang: str) -> Outgoing:
    """The note that the chosen hours leave no room for a sit-break reminder."""
    profile = view.profile
    values = {
        "start": clock(profile.work_start, lang),
        "end": clock(profile.work_end, lang),
        "minutes": profile.sit_interval_min,
    }
    if view.suggested is None:
        return Outgoing(texts.text(lang, "setup-short-window-hours", **values))
    return Outgoing(texts.text(lang, "setup-short-window", suggested=view.suggested, **values))


def summary(profile: Profile, texts: Catalogue, lang: str) -> str:
    exercise = (
        clock(profile.exercise_time, lang)
        if profile.exercise_time
        else texts.text(lang, "setup-summary-none")
    )
    return texts.text(
        lang,
        "setup-summary",
        timezone=profile.timezone or "–",
        days=weekdays(profile.work_days, lang),
        start=clock(profile.work_start, lang),
        end=clock(profile.work_end, lang),
        minutes=profile.sit_interval_min,
        exercise=exercise,
    )


def _question_buttons(question: Question, texts: Catalogue, lang: str) -> list[list[Button]]:
    def data(value: str | int) -> str:
        return callbacks.encode("scr", question.id, value)

    if question.kind is QuestionKind.YES_NO:
        return [
            [
                (texts.text(lang, "screening-button-yes"), data("yes")),
                (texts.text(lang, "screening-button-no"), data("no")),
            ]
        ]
    if question.kind is QuestionKind.SCALE:
        low, high = question.min or 0, question.max or 10
        values = list(range(low, high + 1))
        middle = (len(values) + 1) // 2
        return [
            [(str(value), data(value)) for value in values[:middle]],
            [(str(value), data(value)) for value in values[middle:]],
        ]
    return [
        [(texts.text(lang, f"screening-duration-{option}"), data(option))]
        for option in question.options
    ]


def profile_question(
    view: setup.AskProfile, texts: Catalogue, lang: str, area: str = "pf"
) -> Outgoing:
    """The question for one profile value; its buttons carry `v1:<area>:<field>:<value>`."""
    t = texts.text
    field = view.field

    def data(*value: str | int) -> str:
        return callbacks.encode(area, field, *value)

    if field == "timezone":
        if view.notice == "choose":
            cities = [[(city.display, data("city", city.geoname_id))] for city in view.candidates]
            return Outgoing(t(lang, "setup-choose-timezone"), inline(cities))
        key = {"hint": "setup-hint-timezone", "no_match": "setup-no-match-timezone"}.get(
            view.notice or "", "setup-ask-timezone"
        )
        keyboard = ReplyKeyboardMarkup(
            [[KeyboardButton(t(lang, "setup-button-location"), request_location=True)]],
            resize_keyboard=True,
            one_time_keyboard=True,
        )
        return Outgoing(t(lang, key), keyboard)
    rows: list[list[Button]]
    if field == "work_days":
        rows = [[(t(lang, f"setup-button-{key}"), data(key)) for key in setup.WORK_DAY_PRESETS]]
    elif field == "work_hours":
        rows = [[(_hours_label(token, lang), data(token))] for token in setup.WORK_HOUR_PRESETS]
    elif field == "sit_interval":
        rows = [
            [(t(lang, "setup-button-minutes", minutes=m), data(m)) for m in OFFERED_SIT_INTERVALS]
        ]
    else:
        rows = [
            [(_token_label(token, lang), data(token)) for token in setup.EXERCISE_TIME_PRESETS],
            [(t(lang, "setup-button-no-reminder"), data(setup.NO_EXERCISE_TIME))],
        ]
    text = t(lang, f"setup-ask-{field}")
    if view.notice == "hint":
        text = f"{t(lang, f'setup-hint-{field}')}\n\n{text}"
    elif view.notice == "overnight":
        text = f"{t(lang, 'setup-overnight-work_hours')}\n\n{text}"
    return Outgoing(text, inline(rows))


def _token_label(token: str, lang: str) -> str:
    return clock(time(int(token[:2]), int(token[2:])), lang)


def _hours_label(token: str, lang: str) -> str:
    start, _, end = token.partition("-")
    return f"{_token_label(start, lang)}–{_token_label(end, lang)}"
