"""Messages for sit-break reminders, /sit, /pause and /resume."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_skeleton

from bot import callbacks
from bot.keyboards import inline
from bot.render import Outgoing
from bot.render import safety as safety_render
from bot.render.formatting import clock, locale, weekday_name
from bot.texts import Catalogue
from coach.reminder_state import SessionReminder, SitBreakReminder
from coach.reminders import hours_and_minutes
from coach.services import reminders as rem
from coach.zones import served_zone

START_WORKOUT = "wk"
"""The session reminder's "Start workout" button: /workout's walkthrough (no arguments)."""


def reminder_message(reminder: SitBreakReminder, texts: Catalogue) -> Outgoing:
    """The reminder with its five buttons; each carries the reminder's stamp."""
    t, lang = texts.text, reminder.language

    def button(action: str) -> tuple[str, str]:
        data = callbacks.ReminderPress(action, reminder.stamp).encode()
        return t(lang, f"reminder-button-{action}"), data

    rows = [
        [button("start"), button("done")],
        [button("snooze"), button("meeting")],
        [button("skip")],
    ]
    duration = sitting_duration(reminder.minutes, texts, lang)
    text = t(lang, "reminder-text", duration=duration)
    return Outgoing(_with_zone_note(text, reminder.zone_unknown, texts, lang), inline(rows))


def sitting_duration(minutes: int, texts: Catalogue, lang: str) -> str:
    """How long someone sat: "45 minutes", "1 hour 15 minutes", "2 hours"; in their language."""
    hours, rest = hours_and_minutes(minutes)
    if hours == 0:
        return texts.text(lang, "duration-minutes", minutes=rest)
    if rest == 0:
        return texts.text(lang, "duration-hours", hours=hours)
    return texts.text(lang, "duration-hours-minutes", hours=hours, minutes=rest)


def session_message(reminder: SessionReminder, texts: Catalogue) -> Outgoing:
    """The daily "your session is still open" nudge; on a safety hold, why it is paused."""
    lang = reminder.language
    if reminder.hold is not None:
        paused = texts.text(lang, "safety-session-held")
        text = f"{paused}\n{safety_render.hold_text(reminder.hold, texts, lang)}"
        text = _with_zone_note(text, reminder.zone_unknown, texts, lang)
        return Outgoing(text, safety_render.screen_button(texts, lang))
    t = texts.text
    lines = []
    for item in reminder.exercises:
        key = "session-amount-per-side" if item.sided else "session-amount-reps"
        name = t(lang, f"exercise-{item.exercise_id}-name")
        amount = t(lang, key, reps=item.reps)
        lines.append(t(lang, "session-reminder-item", name=name, amount=amount))
    text = t(lang, "session-reminder-text", exercises="\n".join(lines))
    start = inline([[(t(lang, "session-button-start"), callbacks.encode(START_WORKOUT))]])
    return Outgoing(_with_zone_note(text, reminder.zone_unknown, texts, lang), start)


def _with_zone_note(text: str, zone_unknown: bool, texts: Catalogue, lang: str) -> str:
    """A reminder scheduled in UTC because the stored zone is unknown says so, and how to fix
    it: the user may never write to the bot, so the reply-path notice alone could miss them."""
    return f"{text}\n\n{texts.text(lang, 'zone-unknown')}" if zone_unknown else text


def _time(instant: datetime, zone: str, lang: str) -> str:
    return clock(instant.astimezone(ZoneInfo(served_zone(zone))).time(), lang)


def _date(instant: datetime, zone: str, lang: str) -> str:
    day = instant.astimezone(ZoneInfo(served_zone(zone))).date()
    return str(format_date(day, "medium", locale=locale(lang)))


def _day(instant: datetime, zone: str, lang: str) -> str:
    """The weekday and date a whole-day pause ends on: "Monday, Nov 30", "Montag, 30. Nov."."""
    day = instant.astimezone(ZoneInfo(served_zone(zone))).date()
    return (
        f"{weekday_name(day.weekday(), lang)}, {format_skeleton('MMMd', day, locale=locale(lang))}"
    )


def _pause_buttons(texts: Catalogue, lang: str) -> list[list[tuple[str, str]]]:
    return [
        [
            (texts.text(lang, "reminder-pause-hour"), callbacks.encode("pause", "hour")),
            (texts.text(lang, "reminder-pause-today"), callbacks.encode("pause", "today")),
        ],
        [(texts.text(lang, "reminder-pause-days"), callbacks.encode("pause", "days"))],
    ]


def render(views: list[rem.View], texts: Catalogue, lang: str) -> list[Outgoing]:
    out: list[Outgoing] = []
    for view in views:
        out.extend(_one(view, texts, lang))
    return out


def _one(view: rem.View, texts: Catalogue, lang: str) -> list[Outgoing]:
    t = texts.text
    match view:
        case rem.BreakTaken(minutes=minutes, started=True, at=at, timezone=zone):
            if at is None:
                return [Outgoing(t(lang, "reminder-break-prompt", minutes=minutes))]
            return [Outgoing(t(lang, "reminder-started-at", time=_time(at, zone, lang)))]
        case rem.BreakTaken(minutes=minutes, at=at, timezone=zone):
            taken = t(lang, "reminder-break-taken", minutes=minutes)
            if at is not None:
                taken = f"{t(lang, 'reminder-done-at', time=_time(at, zone, lang))}\n{taken}"
            return [Outgoing(taken)]
        case rem.Snoozed(until=until, timezone=zone):
            return [Outgoing(t(lang, "reminder-snoozed", time=_time(until, zone, lang)))]
        case rem.InMeeting(until=until, timezone=zone):
            return [Outgoing(t(lang, "reminder-meeting", time=_time(until, zone, lang)))]
        case rem.Skipped(ask_why=ask_why, at=at, timezone=zone):
            moment = "" if at is None else _time(at, zone, lang)
            if not ask_why:
                if at is None:  # no moment to name: "Skipped at ." would read as a glitch
                    return [Outgoing(t(lang, "reminder-skipped-now"))]
                return [Outgoing(t(lang, "reminder-skipped", time=moment))]
            rows = [
                [(t(lang, f"reminder-why-{reason}"), callbacks.encode("why", reason))]
                for reason in rem.WHY_REASONS
            ]
            text = t(lang, "reminder-ask-why")
            if at is not None:
                text = f"{t(lang, 'reminder-skipped-at', time=moment)}\n{text}"
            return [Outgoing(text, inline(rows))]
        case rem.WhyAnswered(reason=reason, paused_until=until, timezone=zone, exercises=False) if (
            reason in ("busy", "other")
        ):
            return [Outgoing(t(lang, "safety-why-walk"))]  # no glute squeeze while held
        case rem.WhyAnswered(reason=reason, paused_until=until, timezone=zone):
            moment = _time(until, zone, lang) if until else ""
            return [Outgoing(t(lang, f"reminder-why-thanks-{reason}", time=moment))]
        case rem.SitStarted(due=None):
            return [Outgoing(t(lang, "reminder-sit-none"))]
        case rem.SitStarted(due=due, minutes=minutes, timezone=zone) if due is not None:
            text = t(lang, "reminder-sit-started", time=_time(due, zone, lang), minutes=minutes)
            return [Outgoing(text)]
        case rem.PauseMenu(paused_until=None):
            return [Outgoing(t(lang, "reminder-pause-ask"), inline(_pause_buttons(texts, lang)))]
        case rem.PauseMenu(paused_until=until, timezone=zone) if until is not None:
            text = t(
                lang,
                "reminder-pause-active",
                date=_date(until, zone, lang),
                time=_time(until, zone, lang),
            )
            return [Outgoing(text, inline(_pause_buttons(texts, lang)))]
        case rem.AskPauseDays(hint=hint):
            return [
                Outgoing(t(lang, "reminder-pause-days-hint" if hint else "reminder-pause-ask-days"))
            ]
        case rem.Paused(until=until, timezone=zone, whole_days=True):
            return [Outgoing(t(lang, "reminder-paused-days", date=_day(until, zone, lang)))]
        case rem.Paused(until=until, timezone=zone):
            text = t(
                lang,
                "reminder-paused",
                date=_date(until, zone, lang),
                time=_time(until, zone, lang),
            )
            return [Outgoing(text)]
        case rem.Resumed(was_paused=was_paused, due=due, timezone=zone):
            key = "reminder-resumed" if was_paused else "reminder-not-paused"
            if due is None:
                return [Outgoing(t(lang, f"{key}-none"))]
            text = t(lang, key, date=_date(due, zone, lang), time=_time(due, zone, lang))
            return [Outgoing(text)]
        case rem.NotReady():
            return [Outgoing(t(lang, "reminder-not-ready"))]
        case rem.Expired():
            return []
    raise AssertionError(f"unhandled view {view!r}")
