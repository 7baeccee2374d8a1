"""Every progress text exists in every language, and every view renders in each."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import get_args

import pytest

from bot.commands import MENU_COMMANDS
from bot.render.progress import entries_text, render
from bot.texts import LOCALES, load_catalogue, message_ids
from coach.activity import EntrySource, RepEntry
from coach.progress import StreakLine
from coach.reps import RefusalReason, load_vocabulary
from coach.services import progress
from coach.streaks import Goal
from tests.support.languages import LANGUAGES

TEXTS = load_catalogue()
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def ids(lang: str) -> set[str]:
    return message_ids((LOCALES / lang / "progress.ftl").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_every_language_has_the_english_keys(lang: str) -> None:
    assert ids(lang) == ids(LANGUAGES[0])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_the_area_needs_is_there(lang: str) -> None:
    needed = {f"command-{name}" for name in MENU_COMMANDS}
    for exercise in load_vocabulary().exercise_ids:
        needed |= {f"progress-exercise-{exercise}", f"progress-button-{exercise}"}
    needed |= {f"progress-refused-{reason}" for reason in get_args(RefusalReason)}
    assert needed <= TEXTS.keys[lang]


STREAK = StreakLine(Goal.days_per_week(3), 1, 2, 0.126)
ENTRY = RepEntry(
    1, "clamshell", "left", 10, EntrySource.REPLY, date(2026, 11, 26), datetime.now(UTC)
)
VIEWS: list[tuple[progress.View, dict[str, str]]] = [
    (
        progress.Logged((ENTRY,), STREAK),
        {
            "en": "10 clamshells (left)",
            "de": "1 Woche",
            "fr": "10 coquillages (gauche)",
            "it": "10 conchiglie (sinistra)",
        },
    ),
    (
        progress.AskExercise(("bridge",), "abc123", notice="hint"),
        {"en": "Please tap", "de": "Tippe", "fr": "Appuie", "it": "Tocca"},
    ),
    (
        progress.RefusedReply("unrecognised", "pushups"),
        {"en": "pushups", "de": "pushups", "fr": "pushups", "it": "pushups"},
    ),
    (
        progress.Undone((ENTRY,), STREAK),
        {"en": "Removed", "de": "Entfernt", "fr": "Supprimé", "it": "Rimosso"},
    ),
    (
        progress.AskDelete(),
        {
            "en": "can't be undone",
            "de": "nicht rückgängig",
            "fr": "irréversible",
            "it": "Non si può annullare",
        },
    ),
    (progress.Deleted(), {"en": "/start", "de": "/start", "fr": "/start", "it": "/start"}),
    (
        progress.RestDay(STREAK),
        {"en": "rest day", "de": "Ruhetag", "fr": "jour de repos", "it": "giorno di riposo"},
    ),
    (
        progress.TooManyRestDays(2),
        {
            "en": "2 rest days",
            "de": "2 Ruhetage",
            "fr": "2 jours de repos",
            "it": "2 giorni di riposo",
        },
    ),
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("view", "expected"), VIEWS)
def test_views_render(lang: str, view: progress.View, expected: dict[str, str]) -> None:
    (message,) = render([view], TEXTS, lang)
    assert expected[lang] in message.text
    assert "13 %" in message.text or not isinstance(view, progress.Logged | progress.Undone)


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("en", "1 clamshell (left)", "2 clamshells (left)"),
        ("de", "1 Muschel (links)", "2 Muscheln (links)"),
        ("fr", "1 coquillage (gauche)", "2 coquillages (gauche)"),
        ("it", "1 conchiglia (sinistra)", "2 conchiglie (sinistra)"),
    ],
)
def test_one_rep_reads_in_the_singular(lang: str, one: str, two: str) -> None:
    single, double = (
        RepEntry(1, "clamshell", "left", reps, EntrySource.REPLY, date(2026, 11, 26), NOW)
        for reps in (1, 2)
    )
    assert entries_text([single], TEXTS, lang) == one
    assert entries_text([double], TEXTS, lang) == two
