"""Safety messages: stops, the hold's reason wherever exercises are refused, urgent follow-ups.

Every refusal carries the one button that can lift it: "Redo safety check".
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot import callbacks
from bot.keyboards import inline
from bot.render import Outgoing
from bot.texts import Catalogue as Texts
from coach.hold import Hold
from coach.safety import SymptomReply
from coach.screening import Access, AccessReason
from coach.services.safety import HoldPlaced, UrgentFollowUp

AREA = "safe"
SCREEN = "screen"


def screen_button(texts: Texts, lang: str) -> InlineKeyboardMarkup:
    return inline([[(texts.text(lang, "safety-button-screen"), callbacks.encode(AREA, SCREEN))]])


def hold_text(hold: Hold, texts: Texts, lang: str) -> str:
    """Why exercises are paused, in one or two short sentences."""
    return texts.text(
        lang, f"safety-held-{hold.reason.value}", pain=hold.pain or 0, baseline=hold.baseline or 0
    )


def refusal_text(access: Access, texts: Texts, lang: str) -> str:
    """The short reason exercises are closed: the hold's, or the screening's."""
    if access.reason is AccessReason.HELD and access.hold is not None:
        return hold_text(access.hold, texts, lang)
    return texts.text(lang, f"workout-refused-{access.reason.value}")


def refusal(access: Access, texts: Texts, lang: str, *, lead: str | None = None) -> Outgoing:
    """The refusal with the button that can lift it; `lead` goes first (e.g. "not logged")."""
    text = refusal_text(access, texts, lang)
    return Outgoing(f"{lead}\n{text}" if lead else text, screen_button(texts, lang))


def render(view: SymptomReply | HoldPlaced, texts: Texts, lang: str) -> list[Outgoing]:
    """Urgent care stands alone in its message (as in the screening); the button follows."""
    t = texts.text
    button = screen_button(texts, lang)
    if isinstance(view, HoldPlaced):
        return [Outgoing(hold_text(view.hold, texts, lang), button)]
    if view.urgent:
        return [
            Outgoing(t(lang, "safety-symptom-urgent")),
            Outgoing(t(lang, "safety-symptom-urgent-screen"), button),
        ]
    return [Outgoing(t(lang, "safety-symptom"), button)]


def urgent_followup(view: UrgentFollowUp, texts: Texts, lang: str) -> Outgoing:
    """The reminder of urgent advice, and what the bot can still do: reminders, not exercises."""
    t = texts.text
    if view.onboarded:
        text = f"{t(lang, 'safety-urgent-followup')}\n{t(lang, 'safety-urgent-followup-onboarded')}"
        return Outgoing(text, screen_button(texts, lang))
    text = f"{t(lang, 'safety-urgent-followup')}\n{t(lang, 'safety-urgent-followup-setup')}"
    return Outgoing(
        text, inline([[(t(lang, "safety-button-reminders"), callbacks.encode("begin"))]])
    )


def walk_break(access: Access, texts: Texts, lang: str) -> Outgoing:
    """Start break while exercises are closed: stand up and walk, and why nothing more."""
    walk = texts.text(lang, "safety-break-walk")
    if access.reason is AccessReason.HELD:
        return refusal(access, texts, lang, lead=walk)
    return Outgoing(walk)
