"""The safety re-offer: a short note and one button that starts the screening again."""

from __future__ import annotations

from bot import callbacks
from bot.keyboards import inline
from bot.render import Outgoing
from bot.texts import Catalogue as Texts
from coach.safety import PainRise, SymptomReply

AREA = "safe"
SCREEN = "screen"


def render(view: PainRise | SymptomReply, texts: Texts, lang: str) -> list[Outgoing]:
    """Urgent care stands alone in its message (as in the screening); the button follows."""
    t = texts.text
    button = inline([[(t(lang, "safety-button-screen"), callbacks.encode(AREA, SCREEN))]])
    if isinstance(view, PainRise):
        text = t(lang, "safety-pain-rise", pain=view.pain, baseline=view.baseline)
        return [Outgoing(text, button)]
    if view.urgent:
        return [
            Outgoing(t(lang, "safety-symptom-urgent")),
            Outgoing(t(lang, "safety-symptom-urgent-screen"), button),
        ]
    return [Outgoing(t(lang, "safety-symptom"), button)]
