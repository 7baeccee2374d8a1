"""Which replies mention a new symptom (and which of those are urgent)."""

from __future__ import annotations

import pytest

from coach.safety import SymptomReply, symptom_reply

URGENT = SymptomReply(urgent=True)
SYMPTOM = SymptomReply(urgent=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # New symptoms: stop, seek advice, re-screen.
        ("my left leg is numb", SYMPTOM),
        ("tingling in my foot since yesterday", SYMPTOM),
        ("pain shooting down my leg", SYMPTOM),
        ("10 clamshells but my leg hurts", SYMPTOM),
        ("I think it's sciatica", SYMPTOM),
        ("pins and needles in my toes", SYMPTOM),
        ("Mein Bein ist taub", SYMPTOM),
        ("Es kribbelt im Fuß", SYMPTOM),
        ("Schmerzen strahlen ins Bein aus", SYMPTOM),
        ("Ischias meldet sich", SYMPTOM),
        # Urgent: bladder, bowel, saddle area.
        ("trouble with my bladder since this morning", URGENT),
        ("I can't pee properly", URGENT),
        ("I can’t urinate", URGENT),
        ("bowel problems", URGENT),
        ("numb around the saddle area", URGENT),
        ("my groin feels numb", URGENT),
        ("numbness in the groin", URGENT),
        ("Probleme mit der Blase", URGENT),
        ("Taubheit im Reithosenbereich", URGENT),
        ("Stuhlgang klappt nicht", URGENT),
        ("ich kann nicht pinkeln", URGENT),
        # Urgent: leg symptoms in both legs, new sexual dysfunction.
        ("both legs are numb", URGENT),
        ("tingling in both feet since this morning", URGENT),
        ("beide Beine kribbeln", URGENT),
        ("Schmerzen in beiden Beinen", URGENT),
        ("new erection problems", URGENT),
        ("Erektionsstörungen seit ein paar Tagen", URGENT),
        # Rep reports and everyday words are not symptoms.
        ("10/10 clamshells", None),
        ("10 per leg", None),
        ("10 each leg", None),
        ("both legs 10", None),
        ("beide Beine 10", None),
        ("8 L 10 R hip raises", None),
        ("3x10 Brücken", None),
        ("bridges 10 each side", None),
        ("8", None),
        ("my glutes are weak", None),
        ("Darmstadt office today, 10 bridges", None),
        ("", None),
    ],
)
def test_a_reply_mentioning_a_new_symptom_is_a_safety_note(
    text: str, expected: SymptomReply | None
) -> None:
    assert symptom_reply(text) == expected


def test_a_very_long_reply_is_read_without_trouble() -> None:
    assert symptom_reply("10 bridges " * 500) is None
    assert symptom_reply("ok " * 2000 + "bladder") == URGENT
