"""French and Italian as typed on a phone in Romandy and Ticino: with and without accents,
Swiss numbers, the exercise names physiotherapists use. Read by the same parsers as English
and German, from the data alone (coach/data/input/fr.toml, it.toml)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from coach.catalogue import load_catalogue
from coach.pause_phrases import parse_pause_days
from coach.profile import Profile
from coach.profile_answers import apply_answer
from coach.profile_input import (
    parse_goal_days,
    parse_interval,
    parse_time_of_day,
    parse_weekday,
    parse_work_days,
    parse_work_hours,
)
from coach.reps import NeedsExercise, Parsed, Refused, as_typed, parse_reps
from coach.screening import (
    mentioned_flags,
    mentions_urgent_symptom,
    parse_duration,
    parse_scale,
    parse_yes_no,
)
from coach.typed_walkthrough import is_stop_word, typed_sets, typed_word

HR, CS, SLB, BR = "hip_raise", "clamshell", "single_leg_bridge", "bridge"
MON_FRI = frozenset(range(5))
WEDNESDAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("oui", "fr", True),
        ("Oui!", "fr", True),
        ("ouais", "fr", True),
        ("Ouais 👍", "fr", True),
        ("bien sûr", "fr", True),
        ("bien sur", "fr", True),
        ("tout à fait", "fr", True),
        ("non", "fr", False),
        ("Non.", "fr", False),
        ("nan", "fr", False),
        ("non, jamais", "fr", False),
        ("pas du tout", "fr", False),
        ("oui et non", "fr", None),
        ("peut-être", "fr", None),
        ("sì", "it", True),
        ("si", "it", True),
        ("Sì!", "it", True),
        ("certo", "it", True),
        ("esatto", "it", True),
        ("no", "it", False),
        ("No, mai", "it", False),
        ("per niente", "it", False),
        ("sì e no", "it", None),
        ("forse", "it", None),
        # Every language is read: a French speaker's "yes", a German's "ja".
        ("yes", "fr", True),
        ("ja", "it", True),
        ("oui", "de", True),
    ],
)
def test_yes_and_no(text: str, language: str, expected: bool | None) -> None:
    assert parse_yes_no(text, language) is expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("7 sur 10", "fr", 7),
        ("7/10", "fr", 7),
        ("3 su 10", "it", 3),
        ("3 sur 5", "fr", None),
    ],
)
def test_pain_scale(text: str, language: str, expected: int | None) -> None:
    assert parse_scale(text, 10, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("depuis 2 semaines", "fr", "lt_6w"),
        ("10 jours", "fr", "lt_6w"),
        ("moins d'un mois", "fr", "lt_6w"),
        ("depuis hier", "fr", "lt_6w"),
        ("6 à 12 semaines", "fr", "6_12w"),
        ("deux mois", "fr", "6_12w"),
        ("3 mois", "fr", "gt_3m"),
        ("plus de 3 mois", "fr", "gt_3m"),
        ("un an", "fr", "gt_3m"),
        ("depuis des années", "fr", "gt_3m"),
        ("depuis des annees", "fr", "gt_3m"),
        ("da 2 settimane", "it", "lt_6w"),
        ("meno di un mese", "it", "lt_6w"),
        ("da ieri", "it", "lt_6w"),
        ("8 settimane", "it", "6_12w"),
        ("due mesi", "it", "6_12w"),
        ("più di 3 mesi", "it", "gt_3m"),
        ("piu di 3 mesi", "it", "gt_3m"),
        ("un anno", "it", "gt_3m"),
        ("da anni", "it", "gt_3m"),
        ("souvent", "fr", None),
        ("spesso", "it", None),
    ],
)
def test_how_long_the_pain_has_lasted(text: str, language: str, expected: str | None) -> None:
    assert parse_duration(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("lundi au vendredi", "fr", MON_FRI),
        ("du lundi au vendredi", "fr", MON_FRI),
        ("Lu-Ve", "fr", MON_FRI),
        ("lun-ven", "fr", MON_FRI),
        ("lundi, mardi, jeudi", "fr", frozenset({0, 1, 3})),
        ("samedi et dimanche", "fr", frozenset({5, 6})),
        ("tous les jours", "fr", frozenset(range(7))),
        ("en semaine", "fr", MON_FRI),
        ("da lunedì a venerdì", "it", MON_FRI),
        ("dal lunedi al venerdi", "it", MON_FRI),
        ("lun-ven", "it", MON_FRI),
        ("lunedì, martedì e giovedì", "it", frozenset({0, 1, 3})),
        ("sabato e domenica", "it", frozenset({5, 6})),
        ("tutti i giorni", "it", frozenset(range(7))),
        ("giorni feriali", "it", MON_FRI),
        ("lundi au", "fr", None),
        ("un jour", "fr", None),
    ],
)
def test_work_days(text: str, language: str, expected: frozenset[int] | None) -> None:
    assert parse_work_days(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        # "di" is Tuesday in German, Sunday in French: the user's language decides.
        ("di", "de", 1),
        ("di", "fr", 6),
        ("Di", "en", 1),
        ("do", "de", 3),
        ("dimanche", "de", 6),
        ("domenica", "fr", 6),
        ("mercredi", "it", 2),
    ],
)
def test_the_users_language_wins_where_languages_disagree(
    text: str, language: str, day: int
) -> None:
    assert parse_weekday(text, language) == day


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("8h30", "fr", time(8, 30)),
        ("8h", "fr", time(8)),
        ("17 h", "fr", time(17)),
        ("à 12h30", "fr", time(12, 30)),
        ("8.30", "it", time(8, 30)),
        ("8:30", "it", time(8, 30)),
        ("alle 8", "it", time(8)),
        ("ore 17.30", "it", time(17, 30)),
        ("25h", "fr", None),
        ("midi", "fr", None),
    ],
)
def test_time_of_day(text: str, language: str, expected: time | None) -> None:
    assert parse_time_of_day(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("8h-17h", "fr", (time(8), time(17))),
        ("de 9h à 17h", "fr", (time(9), time(17))),
        ("8h30 - 17h30", "fr", (time(8, 30), time(17, 30))),
        ("9 à 17h", "fr", (time(9), time(17))),
        ("dalle 9 alle 17", "it", (time(9), time(17))),
        ("8.30-17.30", "it", (time(8, 30), time(17, 30))),
        ("9-17", "it", (time(9), time(17))),
        ("17h à 9h", "fr", None),
    ],
)
def test_work_hours(text: str, language: str, expected: tuple[time, time] | None) -> None:
    assert parse_work_hours(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("45 min", "fr", 45),
        ("1 h", "fr", 60),
        ("1 heure", "fr", 60),
        ("1h30", "fr", 90),
        ("90 minutes", "fr", 90),
        ("30 minuti", "it", 30),
        ("1 ora", "it", 60),
        ("1,5 ore", "it", 90),
    ],
)
def test_sitting_interval(text: str, language: str, expected: int | None) -> None:
    assert parse_interval(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("5 fois par semaine", "fr", 5),
        ("5 jours par semaine", "fr", 5),
        ("3x par semaine", "fr", 3),
        ("tous les jours", "fr", 7),
        ("5 volte a settimana", "it", 5),
        ("4 giorni alla settimana", "it", 4),
        ("ogni giorno", "it", 7),
        ("9 fois par semaine", "fr", None),
    ],
)
def test_goal_days(text: str, language: str, expected: int | None) -> None:
    assert parse_goal_days(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "days"),
    [
        ("3 jours", "fr", 3),
        ("une semaine", "fr", 7),
        ("2 semaines", "fr", 14),
        ("pendant 2 semaines stp", "fr", 14),
        ("jusqu'à lundi", "fr", 5),
        ("jusqu'a lundi", "fr", 5),
        ("lundi prochain", "fr", 5),
        ("demain", "fr", 1),
        ("3 giorni", "it", 3),
        ("una settimana", "it", 7),
        ("per 2 settimane", "it", 14),
        ("fino a lunedì", "it", 5),
        ("fino a lunedi", "it", 5),
        ("domani", "it", 1),
        ("bientôt", "fr", None),
        ("presto", "it", None),
    ],
)
def test_pause_length(text: str, language: str, days: int | None) -> None:
    assert parse_pause_days(text, WEDNESDAY, 60, language) == days


def entries(result: object) -> list[tuple[str, str | None, int]]:
    assert isinstance(result, Parsed), result
    return [(e.exercise_id, e.side, e.reps) for e in result.entries]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("10 ponts", "fr", [(BR, None, 10)]),
        ("dix ponts fessiers", "fr", [(BR, None, 10)]),
        ("3 séries de 10 ponts", "fr", [(BR, None, 30)]),
        ("3 series de 10 ponts", "fr", [(BR, None, 30)]),
        ("3x10 élévations du bassin", "fr", [(BR, None, 30)]),
        ("j'ai fait 12 coquillages", "fr", [(CS, None, 12)]),
        ("10/10 coquillages", "fr", [(CS, "left", 10), (CS, "right", 10)]),
        ("clamshell 8 g 10 d", "fr", [(CS, "left", 8), (CS, "right", 10)]),
        ("10 élévations de hanche par jambe", "fr", [(HR, "left", 10), (HR, "right", 10)]),
        ("10 extensions de hanche de chaque côté", "fr", [(HR, "left", 10), (HR, "right", 10)]),
        ("pont unipodal 10 à gauche", "fr", [(SLB, "left", 10)]),
        ("10 ponts sur une jambe de chaque côté", "fr", [(SLB, "left", 10), (SLB, "right", 10)]),
        ("gauche 8 droite 9 pont sur une jambe", "fr", [(SLB, "left", 8), (SLB, "right", 9)]),
        ("douze coquillages, voilà!", "fr", [(CS, None, 12)]),
        ("10 ponti", "it", [(BR, None, 10)]),
        ("dieci ponti glutei", "it", [(BR, None, 10)]),
        ("3 serie da 10 ponti", "it", [(BR, None, 30)]),
        ("ho fatto 12 conchiglie", "it", [(CS, None, 12)]),
        ("conchiglia 8 sx 10 dx", "it", [(CS, "left", 8), (CS, "right", 10)]),
        ("10 slanci per gamba", "it", [(HR, "left", 10), (HR, "right", 10)]),
        ("10 sollevamenti dell'anca per lato", "it", [(HR, "left", 10), (HR, "right", 10)]),
        ("ponte monopodalico 10 a sinistra", "it", [(SLB, "left", 10)]),
        ("ponte su una gamba 10 sx 12 dx", "it", [(SLB, "left", 10), (SLB, "right", 12)]),
        ("10 ponti su entrambi i lati", "it", [(BR, None, 10)]),
        # Mixed, as in Switzerland.
        ("10 Clamshells de chaque côté", "fr", [(CS, "left", 10), (CS, "right", 10)]),
        ("10 Brücken", "it", [(BR, None, 10)]),
        ("10 ponts", "de", [(BR, None, 10)]),
    ],
)
def test_reps(text: str, language: str, expected: list[tuple[str, str | None, int]]) -> None:
    assert entries(parse_reps(text, language=language)) == expected


def test_a_bare_count_asks_which_exercise_and_keeps_the_language() -> None:
    result = parse_reps("10 de chaque côté", language="fr")
    assert isinstance(result, NeedsExercise) and result.language == "fr"
    assert entries(result.complete(CS)) == [(CS, "left", 10), (CS, "right", 10)]


def test_an_unknown_word_is_quoted_as_typed() -> None:
    result = parse_reps("10 pompes à l'élastique", language="fr")
    assert isinstance(result, Refused) and result.reason == "unrecognised"
    assert as_typed("10 pompes à l'élastique", result.detail, "fr") == "pompes"


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        ("Stop!", "fr", "stop"),
        ("arrête", "fr", "stop"),
        ("Arrete", "fr", "stop"),
        ("suivant", "fr", "next"),
        ("fini", "fr", "done"),
        ("ça fait mal", "fr", "hurts"),
        ("ca fait mal", "fr", "hurts"),
        ("aïe", "fr", "hurts"),
        ("basta", "it", "stop"),
        ("avanti", "it", "next"),
        ("fatto", "it", "done"),
        ("mi fa male", "it", "hurts"),
        ("weiter", "fr", "next"),
        ("ponts", "fr", None),
    ],
)
def test_walkthrough_words(text: str, language: str, word: str | None) -> None:
    assert typed_word(text, language) == word
    assert is_stop_word(text, language) is (word == "stop")


def test_reps_typed_during_a_walkthrough() -> None:
    clamshell = load_catalogue().exercise(CS)
    assert typed_sets("10/10 coquillages", clamshell, 0, 50, "fr") == (10, 10)
    assert typed_sets("8 conchiglie", clamshell, 0, 50, "it") == (8,)


@pytest.mark.parametrize(
    ("text", "flags", "urgent"),
    [
        ("j'ai mal à la jambe", ("radiating",), False),
        ("ça brûle dans la cuisse", ("radiating",), False),
        ("douleur à l'aine", ("radiating",), False),
        ("ma jambe est engourdie", ("numbness",), False),
        ("des fourmillements dans le pied", ("numbness",), False),
        ("ma jambe lâche", ("weakness",), False),
        ("problèmes de vessie", ("bladder_bowel",), True),
        ("je n'arrive plus à uriner", ("bladder_bowel",), True),
        ("troubles de l'érection", ("bladder_bowel",), True),
        ("engourdissement de l'entrejambe", ("numbness", "saddle"), True),
        ("les deux jambes sont engourdies", ("numbness", "both_legs"), True),
        ("10 ponts par jambe", (), False),
        ("10 par jambe, pas mal", (), False),
        ("pont sur deux jambes 10", (), False),
        ("mi fa male la gamba", ("radiating",), False),
        ("formicolio al piede", ("numbness",), False),
        ("mi si è addormentata la gamba", ("numbness",), False),
        ("la gamba cede", ("weakness",), False),
        ("problemi alla vescica", ("bladder_bowel",), True),
        ("non riesco più a urinare", ("bladder_bowel",), True),
        ("intorpidimento all'inguine", ("radiating", "numbness", "saddle"), True),
        ("entrambe le gambe intorpidite", ("numbness", "both_legs"), True),
        ("10 per gamba", (), False),
        ("ponte su due gambe 10", (), False),
        ("mi sono addormentato", (), False),
        ("non male", (), False),
    ],
)
def test_symptoms_in_a_reply(text: str, flags: tuple[str, ...], urgent: bool) -> None:
    assert mentioned_flags(text) == flags
    assert mentions_urgent_symptom(text) is urgent


NOW = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "field", "typed", "change"),
    [
        ("fr", "work_days", "lu-ve", {"work_days": MON_FRI}),
        ("fr", "summary", "dimanche", {"summary_weekday": 6, "summary_enabled": True}),
        ("fr", "summary", "jamais", {"summary_enabled": False}),
        ("it", "summary", "domenica", {"summary_weekday": 6, "summary_enabled": True}),
        ("it", "summary", "disattiva", {"summary_enabled": False}),
        ("fr", "language", "italiano", {"language": "it"}),
        ("it", "language", "français", {"language": "fr"}),
    ],
)
def test_settings_typed_in_the_users_language(
    language: str, field: str, typed: str, change: dict[str, object]
) -> None:
    profile = Profile(user_id=1, chat_id=1, created_at=NOW, language=language)
    answer = apply_answer(profile, field, typed, typed=True)
    assert answer == type(answer)(profile.with_changes(**change))
