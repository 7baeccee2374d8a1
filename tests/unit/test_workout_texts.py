"""Every text the walkthroughs can show exists in English and German."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.render import Outgoing
from bot.render import workout as workout_render
from bot.texts import LOCALES, message_ids
from bot.texts import load_catalogue as load_texts
from coach import walkthrough as w
from coach.catalogue import load_catalogue
from coach.hold import HoldReason
from coach.progression import LadderReason
from coach.screening import AccessReason
from coach.services import workout
from tests.support.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]


def used_keys() -> set[str]:
    """Fixed keys named in the walkthrough code, and the keys built from data and enums."""
    keys: set[str] = set(load_catalogue().text_keys)
    source = (ROOT / "bot/render/workout.py").read_text(encoding="utf-8")
    keys |= set(re.findall(r'"((?:workout|ladder|desk)-[a-z0-9-]+)"', source))
    keys |= {f"workout-refused-{reason.value}" for reason in AccessReason}
    keys |= {f"ladder-{reason.value}" for reason in LadderReason}
    keys |= {f"workout-light-{light}" for light in ("green", "amber", "red")}
    keys |= {f"workout-stop-{reason}" for reason in ("pain", "new_symptom")}
    keys |= {f"workout-reps-{side}" for side in ("left", "right", "both")}
    keys |= {f"workout-summary-set-{side}" for side in ("left", "right", "both")}
    keys |= {f"workout-hint-{kind}" for kind in ("reps", "pain", "steps", "buttons", "unsupported")}
    keys |= {"command-workout", "command-exercise"}
    keys.discard("workout-refused-allowed")
    keys.discard("workout-refused-held")  # a hold says its own reason (bot/render/safety.py)
    keys |= {f"safety-held-{reason.value}" for reason in HoldReason}
    return keys


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_walkthrough_text_exists(language: str) -> None:
    defined: set[str] = set()
    for path in (LOCALES / language).glob("*.ftl"):
        defined |= message_ids(path.read_text(encoding="utf-8"))
    missing = sorted(used_keys() - defined)
    assert not missing, f"{language} lacks {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_texts_format_with_their_arguments(language: str) -> None:
    texts = load_texts()
    assert "10" in texts.text(language, "workout-reps-left", reps=10)
    assert "/screen" in texts.text(language, "workout-stop-pain")
    assert "2" in texts.text(language, "ladder-need_n_more_pain_free", remaining=2)


OUR_RULE = {
    "en": "our rule",
    "de": "unsere regel",
    "fr": "notre règle",
    "it": "la nostra regola",
}
RULE_TEXTS: list[tuple[str, dict[str, object]]] = [
    ("ladder-start-base", {"remaining": 3}),
    ("ladder-need_n_more_pain_free", {"remaining": 2}),
    ("ladder-unlocked_single_leg_bridge", {}),
    ("ladder-stepped_down_after_pain", {}),
    ("ladder-restarted_after_pain", {"remaining": 3}),
    ("workout-light-green", {"pain": 2}),
    ("workout-light-amber", {"pain": 4}),
    ("workout-light-red", {"pain": 7}),
    ("exercise-bridge-cue-2", {}),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("key", "args"), RULE_TEXTS)
def test_the_ladder_and_the_traffic_light_say_they_are_our_own_rules(
    language: str, key: str, args: dict[str, object]
) -> None:
    """PRODUCT.md §7: the 3-session ladder and the pain thresholds are not the article's."""
    text = load_texts().text(language, key, **args)
    assert OUR_RULE[language] in text.lower(), text
    for value in args.values():
        assert str(value) in text


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [
        ("en", "one more pain-free session (pain 0–3)", "2 more pain-free sessions (pain 0–3)"),
        ("de", "Noch eine schmerzfreie Einheit (", "Noch 2 schmerzfreie Einheiten ("),
        ("fr", "encore une séance sans douleur (", "encore 2 séances sans douleur ("),
        ("it", "ancora una sessione senza dolore (", "ancora 2 sessioni senza dolore ("),
    ],
)
def test_the_remaining_sessions_are_counted_in_good_grammar(
    language: str, one: str, many: str
) -> None:
    texts = load_texts()
    for key in ("ladder-start-base", "ladder-need_n_more_pain_free"):
        assert one in texts.text(language, key, remaining=1)
        assert many in texts.text(language, key, remaining=2)


def _after_low_pain(exercise: str, language: str) -> list[Outgoing]:
    """What the chat shows after "This hurts" on the first step and pain 2 (green)."""
    catalogue = load_catalogue()
    wt = w.start_single(catalogue, exercise, "s1")
    for event in (w.Next(), w.Hurts(), w.Pain(2)):
        wt, effects = w.advance(catalogue, wt, event)
    views: list[workout.View] = [workout.Show(effect, "s1", wt.seq, wt.kind) for effect in effects]
    messages = workout_render.render(views, load_texts(), language, catalogue)
    assert all(isinstance(message, Outgoing) for message in messages)
    return [message for message in messages if isinstance(message, Outgoing)]


def _labels(message: Outgoing) -> list[str]:
    assert message.markup is not None
    return [button.text for row in message.markup.inline_keyboard for button in row]


def test_a_green_light_is_not_followed_by_advice_to_skip() -> None:
    """Pain 0-3 is fine: the choice that follows reads as carrying on, matching its buttons."""
    light, offer = _after_low_pain("single_leg_bridge", "en")
    assert light.text == "Pain 2: that's fine (our rule: 0–3)."
    assert offer.text.startswith("You can carry on where you were")
    assert "easier Two-legged bridge" in offer.text
    assert "skip" not in offer.text.lower()
    assert _labels(offer) == [
        "Continue ▶",
        "Try: Two-legged bridge",
        "Skip this exercise",
        "Finish for today",
    ]

    light, offer = _after_low_pain("hip_raise", "en")
    assert "fine" in light.text
    assert "skip" not in offer.text.lower() and "go on" in offer.text
    assert _labels(offer) == ["Continue ▶", "Skip this exercise", "Finish for today"]

    light, offer = _after_low_pain("single_leg_bridge", "de")
    assert "in Ordnung" in light.text
    assert "weitermachen" in offer.text and "überspringen" not in offer.text


FLOOR = {
    "en": ("floor", "lie ", "Lie ", "kneel", "forearms"),
    "de": ("Boden", "Leg dich", "Unterarm"),
    "fr": ("au sol", "Allonge", "allonge", "à genoux", "avant-bras"),
    "it": ("pavimento", "Sdraiati", "sdraiati", "in ginocchio", "avambracci"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_desk_break_needs_no_floor_and_says_how_much(language: str) -> None:
    """Each desk-break step is one picture whose caption names the amount; no floor anywhere."""
    catalogue, texts = load_catalogue(), load_texts()
    total = len(catalogue.break_exercises)
    views: list[workout.View] = [
        workout.Show(w.ShowIntro(eid, n, total), "s1", 0, w.Kind.BREAK)
        for n, eid in enumerate(catalogue.break_exercises, start=1)
    ]
    messages = workout_render.render(views, texts, language, catalogue)
    assert len(messages) == total
    amounts = {
        "en": ("30 seconds", "5 times", "5 per side"),
        "de": ("30 Sekunden", "5-mal", "5 pro Seite"),
        "fr": ("30 secondes", "5 fois", "5 par côté"),
        "it": ("30 secondi", "5 volte", "5 per lato"),
    }
    for message in messages:
        assert isinstance(message, workout_render.Picture)
        caption = message.caption + message.title + " ".join(message.labels.values())
        assert not [word for word in FLOOR[language] if word in caption], caption
        assert any(amount in message.caption for amount in amounts[language]), message.caption
    summary = w.Summary((), (), (), None, None)
    (done,) = workout_render.render(
        [workout.Show(summary, "s1", 5, w.Kind.BREAK)], texts, language, catalogue
    )
    assert isinstance(done, Outgoing) and texts.text(language, "desk-summary") in done.text
