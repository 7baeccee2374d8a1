"""The operator's `/admin` message: counts only, with a button to re-activate parked rows."""

from __future__ import annotations

from importlib import metadata

from bot import callbacks
from bot.keyboards import inline
from bot.render import Outgoing
from bot.texts import Catalogue
from coach.operator import Overview

AREA = "adm"


def version() -> str:
    try:
        return metadata.version("strongback")
    except metadata.PackageNotFoundError:
        return "unknown"


def overview_message(
    overview: Overview,
    texts: Catalogue,
    lang: str,
    *,
    database: str,
    retry_after: int,
    note: str | None = None,
) -> Outgoing:
    """The numbers, one short line each (an admin reads this on a phone too)."""
    t = texts.text
    lines = [
        t(lang, "admin-title"),
        t(
            lang,
            "admin-users",
            users=overview.users,
            onboarded=overview.onboarded,
            active=overview.active_7d,
        ),
        t(
            lang,
            "admin-people",
            hold=overview.on_hold,
            paused=overview.paused,
            blocked=overview.blocked,
        ),
        t(
            lang,
            "admin-reminders",
            sent=overview.reminders_sent_24h,
            missed=overview.reminders_missed_24h,
            parked=overview.reminders_parked,
            backlog=overview.due_backlog,
        ),
        t(lang, "admin-summaries", parked=overview.summaries_parked),
        t(lang, "admin-telegram", count=retry_after),
        t(lang, "admin-version", version=version(), database=database),
    ]
    if note:
        lines.append(note)
    markup = None
    if overview.reminders_parked:
        label = t(lang, "admin-unpark-button", count=overview.reminders_parked)
        markup = inline([[(label, callbacks.encode(AREA, "unpark"))]])
    return Outgoing("\n".join(lines), markup)
