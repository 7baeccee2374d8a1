"""When the screening is re-offered: pain above the baseline, and replies about new symptoms."""

from __future__ import annotations

import pytest

from coach.safety import PainRise, SymptomReply, pain_rise, symptom_reply


@pytest.mark.parametrize(
    ("baseline", "pain", "expected"),
    [
        (2, 4, PainRise(4, 2)),
        (2, 10, PainRise(10, 2)),
        (0, 2, PainRise(2, 0)),
        (2, 3, None),
        (2, 2, None),
        (2, 0, None),
        (9, 10, None),
        (8, 10, PainRise(10, 8)),
        (None, 10, None),
    ],
)
def test_pain_two_points_above_the_baseline_offers_the_screening(
    baseline: int | None, pain: int, expected: PainRise | None
) -> None:
    assert pain_rise(baseline, pain) == expected


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
