"""Safety screening: questionnaire data, state machine, typed answers and access rules."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fluent.syntax import parse as parse_ftl
from fluent.syntax.ast import Junk
from hypothesis import given
from hypothesis import strategies as st

from coach.screening import (
    AccessReason,
    Ask,
    Done,
    Invalid,
    InvalidReason,
    Outcome,
    ProgressError,
    QuestionKind,
    Questionnaire,
    QuestionnaireError,
    ScreeningProgress,
    ScreeningRecord,
    ScreeningResult,
    Severity,
    Step,
    answer,
    break_reminders_allowed,
    confirm_doctor_clearance,
    current_question,
    evaluate,
    exercise_access,
    load_questionnaire,
    mentions_new_symptom,
    mentions_urgent_symptom,
    next_record,
    parse_answer,
    parse_duration,
    parse_questionnaire,
    parse_scale,
    parse_yes_no,
    rescreen_due,
    resume,
)
from tests.support.languages import LANGUAGES

LOCALES = Path(__file__).resolve().parents[2] / "bot" / "locales"
NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)

SHIPPED = load_questionnaire()
FLAGS = tuple(x.id for x in SHIPPED.flags)
ALWAYS = tuple(x.id for x in SHIPPED.flags if not x.ask_if)
"""The flags asked to someone who answers no to everything."""
CONDITIONAL = {x.id: x.ask_if for x in SHIPPED.flags if x.ask_if}
URGENT_FLAGS = tuple(x.id for x in SHIPPED.flags if x.severity is Severity.URGENT)
DOCTOR_FLAGS = tuple(f for f in FLAGS if f not in URGENT_FLAGS)
N = len(ALWAYS)
"""Answers before pain_now in a clean pass."""
V = SHIPPED.version


@pytest.fixture
def q() -> Questionnaire:
    return SHIPPED


def run(q: Questionnaire, answers: Sequence[tuple[str, Any]]) -> list[Step]:
    """Feed answers in order, carrying the progress each step hands back."""
    progress = ScreeningProgress.start(q)
    steps: list[Step] = []
    for qid, value in answers:
        step = answer(q, progress, qid, value)
        steps.append(step)
        progress = step.progress
    return steps


def progress_after(q: Questionnaire, answered: int) -> ScreeningProgress:
    """The progress after the first `answered` answers of a clean pass."""
    steps = run(q, all_no()[:answered])
    return steps[-1].progress if steps else ScreeningProgress.start(q)


def all_no(**overrides: Any) -> list[tuple[str, Any]]:
    """Answers for the whole questionnaire: every flag no unless overridden.

    Only the questions that are asked get an answer: a conditional question is left out
    unless one of its `ask_if` flags was answered yes.
    """
    values: dict[str, Any] = dict.fromkeys(FLAGS, "no")
    values |= {"pain_now": "3", "duration": "gt_3m"}
    values |= overrides
    given: dict[str, Any] = {}
    answers: list[tuple[str, Any]] = []
    for question in SHIPPED.questions:
        if not SHIPPED.is_asked(question, given):
            continue
        answers.append((question.id, values[question.id]))
        given[question.id] = parse_answer(question, values[question.id])
    return answers


def yes_to(flag: str, word: Any = "yes") -> dict[str, Any]:
    """Overrides that say yes to `flag` alone, plus the first flag it is asked after."""
    triggers = CONDITIONAL.get(flag, ())
    return {flag: word} | ({triggers[0]: word} if triggers else {})


def ftl_keys(lang: str) -> set[str]:
    text = (LOCALES / lang / "screening.ftl").read_text("utf-8")
    return {m.group(1) for m in re.finditer(r"^([a-zA-Z][\w-]*) =", text, re.MULTILINE)}


# --- the shipped data ------------------------------------------------------------------------


def test_shipped_questionnaire_has_the_expected_questions(q: Questionnaire) -> None:
    """The red flags of PRODUCT.md §7, in the order they are asked (docs/SAFETY.md)."""
    assert q.version == 2
    urgent = {"saddle", "both_legs", "bladder_bowel"}
    expected = [
        "radiating",
        "numbness",
        "saddle",
        "weakness",
        "both_legs",
        "bladder_bowel",
        "systemic",
        "medical_history",
        "pain_pattern",
        "age_onset",
    ]
    assert [x.id for x in q.questions] == [*expected, "pain_now", "duration"]
    assert {x.id: x.severity for x in q.flags} == {
        f: Severity.URGENT if f in urgent else Severity.DOCTOR for f in expected
    }
    assert CONDITIONAL == {"both_legs": ("radiating", "numbness", "weakness")}
    pain = q.get("pain_now")
    assert pain is not None and (pain.kind, pain.min, pain.max) == (QuestionKind.SCALE, 0, 10)
    duration = q.get("duration")
    assert duration is not None and duration.options == ("lt_6w", "6_12w", "gt_3m")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_question_and_option_has_texts(q: Questionnaire, lang: str) -> None:
    keys = ftl_keys(lang)
    needed = {x.text_key for x in q.questions} | {x.hint_key for x in q.questions}
    duration = q.get("duration")
    assert duration is not None
    needed |= {f"screening-duration-{option}" for option in duration.options}
    needed |= {
        "screening-intro",
        "screening-outcome-cleared",
        "screening-outcome-doctor",
        "screening-outcome-urgent",
        "screening-note-not-chronic",
        "safety-note",
        "screening-stale",
    }
    assert needed - keys == set()


def test_every_language_has_the_same_keys_and_parses_cleanly() -> None:
    for lang in LANGUAGES:
        assert ftl_keys(lang) == ftl_keys(LANGUAGES[0])
        resource = parse_ftl((LOCALES / lang / "screening.ftl").read_text("utf-8"))
        assert not [entry for entry in resource.body if isinstance(entry, Junk)]


# --- the state machine -----------------------------------------------------------------------


def test_clean_pass_is_cleared_and_chronic(q: Questionnaire) -> None:
    steps = run(q, all_no())
    assert [type(s) for s in steps] == [Ask] * (N + 1) + [Done]
    assert [s.question.id for s in steps if isinstance(s, Ask)] == [
        *ALWAYS[1:],
        "pain_now",
        "duration",
    ]
    done = steps[-1]
    assert isinstance(done, Done)
    assert done.result == ScreeningResult(
        version=q.version,
        outcome=Outcome.CLEARED,
        flags=(),
        pain_now=3,
        duration="gt_3m",
        chronic_nonspecific=True,
        answers=(*((f, False) for f in ALWAYS), ("pain_now", 3), ("duration", "gt_3m")),
    )


@pytest.mark.parametrize("word", ["yes", "ja"])
@pytest.mark.parametrize("flag", FLAGS)
def test_each_flag_alone_gives_its_outcome(q: Questionnaire, flag: str, word: str) -> None:
    """Yes to one flag (and to the flag a conditional one follows), no to every other."""
    question = q.get(flag)
    assert question is not None and question.severity is not None
    overrides = yes_to(flag, word)
    answers = all_no(**overrides)
    urgent = question.severity is Severity.URGENT
    if urgent:  # the screening ends at the urgent flag
        answers = answers[: [qid for qid, _ in answers].index(flag) + 1]
    steps = run(q, answers)
    done = steps[-1]
    assert all(isinstance(step, Ask) for step in steps[:-1]) and isinstance(done, Done)
    assert done.result.outcome is Outcome(question.severity.value)
    assert done.result.flags == tuple(qid for qid, _ in answers if qid in overrides)
    assert [qid for qid, _ in done.result.answers] == [qid for qid, _ in answers]
    assert flag in [qid for qid, _ in done.result.answers]
    if urgent:
        assert (done.result.pain_now, done.result.duration) == (None, None)
    else:
        assert (done.result.pain_now, done.result.duration) == (3, "gt_3m")


@pytest.mark.parametrize(
    ("conditional", "trigger"),
    [(flag, trigger) for flag, triggers in CONDITIONAL.items() for trigger in triggers],
)
def test_a_conditional_question_is_asked_after_any_of_its_flags(
    q: Questionnaire, conditional: str, trigger: str
) -> None:
    asked = [qid for qid, _ in all_no(**{trigger: "yes"})]
    assert conditional in asked
    question = q.get(conditional)
    assert question is not None
    step = run(q, all_no(**{trigger: "yes"})[: asked.index(conditional)])[-1]
    assert step == Ask(question, step.progress)
    assert current_question(q, step.progress) == question
    assert resume(q, step.progress) == step


@pytest.mark.parametrize("conditional", list(CONDITIONAL))
def test_a_conditional_question_is_skipped_without_its_flags(
    q: Questionnaire, conditional: str
) -> None:
    steps = run(q, all_no())
    assert conditional not in [s.question.id for s in steps if isinstance(s, Ask)]
    done = steps[-1]
    assert isinstance(done, Done)
    assert conditional not in [qid for qid, _ in done.result.answers]


@pytest.mark.parametrize("flag", DOCTOR_FLAGS)
def test_doctor_flag_keeps_asking_and_ends_with_doctor(q: Questionnaire, flag: str) -> None:
    answers = all_no(**{flag: "yes"})
    steps = run(q, answers)
    done = steps[-1]
    assert len(steps) == len(answers) and isinstance(done, Done)
    assert done.result.outcome is Outcome.DOCTOR
    assert done.result.flags == (flag,)
    assert [qid for qid, _ in done.result.answers] == [qid for qid, _ in answers]


@pytest.mark.parametrize("flag", URGENT_FLAGS)
def test_urgent_flag_stops_at_once(q: Questionnaire, flag: str) -> None:
    overrides = yes_to(flag)
    answers = all_no(**overrides)
    stop = [qid for qid, _ in answers].index(flag) + 1
    steps = run(q, answers[:stop])
    done = steps[-1]
    assert isinstance(done, Done)
    assert done.result.outcome is Outcome.URGENT
    assert done.result.flags == tuple(qid for qid, _ in answers if qid in overrides)
    assert (done.result.pain_now, done.result.duration) == (None, None)
    assert done.result.chronic_nonspecific is False
    assert current_question(q, done.progress) is None


@pytest.mark.parametrize(
    ("overrides", "outcome", "flags"),
    [
        ({"radiating": "yes", "weakness": "yes"}, Outcome.DOCTOR, ("radiating", "weakness")),
        ({"numbness": "y", "saddle": "ja"}, Outcome.URGENT, ("numbness", "saddle")),
        (
            {"radiating": "yes", "bladder_bowel": "👍"},
            Outcome.URGENT,
            ("radiating", "bladder_bowel"),
        ),
        ({"systemic": True}, Outcome.DOCTOR, ("systemic",)),
        ({"weakness": "ja", "both_legs": "ja"}, Outcome.URGENT, ("weakness", "both_legs")),
        (
            {"radiating": "yes", "numbness": "yes", "both_legs": "no", "age_onset": "yes"},
            Outcome.DOCTOR,
            ("radiating", "numbness", "age_onset"),
        ),
        (
            {"medical_history": "y", "pain_pattern": "ja"},
            Outcome.DOCTOR,
            ("medical_history", "pain_pattern"),
        ),
    ],
)
def test_combined_flags(
    q: Questionnaire, overrides: dict[str, Any], outcome: Outcome, flags: tuple[str, ...]
) -> None:
    answers = all_no(**overrides)
    if outcome is Outcome.URGENT:  # the screening ends at the urgent flag
        answers = answers[: [qid for qid, _ in answers].index(flags[-1]) + 1]
    step = run(q, answers)[-1]
    assert isinstance(step, Done)
    assert (step.result.outcome, step.result.flags) == (outcome, flags)


@pytest.mark.parametrize(
    ("duration", "chronic"),
    [("lt_6w", False), ("6_12w", False), ("gt_3m", True), ("2 years", True)],
)
def test_chronic_only_after_three_months(q: Questionnaire, duration: str, chronic: bool) -> None:
    done = run(q, all_no(duration=duration))[-1]
    assert isinstance(done, Done)
    assert done.result.chronic_nonspecific is chronic


@pytest.mark.parametrize(
    ("answered", "question_id", "value", "expected_current", "reason"),
    [
        (0, "numbness", "yes", "radiating", InvalidReason.STALE),  # button from the future
        (2, "radiating", "no", "saddle", InvalidReason.STALE),  # old button pressed again
        (1, "nonsense", "yes", "numbness", InvalidReason.STALE),  # forged id
        (0, "radiating", "maybe", "radiating", InvalidReason.UNPARSEABLE),
        (0, "radiating", 1, "radiating", InvalidReason.UNPARSEABLE),
        (4, "both_legs", "yes", "bladder_bowel", InvalidReason.STALE),  # skipped question
        (N, "pain_now", "11", "pain_now", InvalidReason.OUT_OF_RANGE),
        (N, "pain_now", 11, "pain_now", InvalidReason.OUT_OF_RANGE),
        (N, "pain_now", "-1", "pain_now", InvalidReason.OUT_OF_RANGE),
        (N, "pain_now", "abc", "pain_now", InvalidReason.UNPARSEABLE),
        (N, "pain_now", "3.5", "pain_now", InvalidReason.UNPARSEABLE),
        (N, "pain_now", "3/5", "pain_now", InvalidReason.UNPARSEABLE),
        (N, "pain_now", True, "pain_now", InvalidReason.UNPARSEABLE),
        (N + 1, "duration", "xyz", "duration", InvalidReason.UNPARSEABLE),
        (N + 1, "duration", "months", "duration", InvalidReason.UNPARSEABLE),
        (N + 1, "duration", 3, "duration", InvalidReason.UNPARSEABLE),
    ],
)
def test_answers_that_do_not_fit_leave_progress_unchanged(
    q: Questionnaire,
    answered: int,
    question_id: str,
    value: Any,
    expected_current: str,
    reason: InvalidReason,
) -> None:
    before = progress_after(q, answered)
    step = answer(q, before, question_id, value)
    assert isinstance(step, Invalid)
    assert step.question is not None and step.question.id == expected_current
    assert step.reason_code is reason
    assert step.progress == before


def test_answer_after_finish_is_stale_without_a_question(q: Questionnaire) -> None:
    done = run(q, all_no())[-1]
    step = answer(q, done.progress, "duration", "gt_3m")
    assert step == Invalid(None, InvalidReason.STALE, done.progress)


@pytest.mark.parametrize(
    "progress",
    [
        ScreeningProgress(version=99),
        ScreeningProgress(version=1, answers=(("radiating", False),)),  # the first questions
        ScreeningProgress(version=V, answers=(("numbness", False),)),  # skipped radiating
        ScreeningProgress(version=V, answers=(("radiating", "maybe"),)),  # wrong value type
        ScreeningProgress(version=V, answers=(("saddle", True), ("weakness", False))),
        ScreeningProgress(
            version=V,
            answers=(
                ("radiating", False),
                ("numbness", False),
                ("saddle", True),
                ("weakness", False),
            ),
        ),  # answers after an urgent stop
        ScreeningProgress(
            version=V,
            answers=(
                ("radiating", False),
                ("numbness", False),
                ("saddle", False),
                ("weakness", False),
                ("both_legs", False),
            ),
        ),  # an answer to a question that is skipped
        ScreeningProgress(
            version=V,
            answers=(
                ("radiating", True),
                ("numbness", False),
                ("saddle", False),
                ("weakness", False),
                ("bladder_bowel", False),
            ),
        ),  # a question that is asked was left out
        ScreeningProgress(
            version=V,
            answers=(
                ("radiating", True),
                ("numbness", False),
                ("saddle", False),
                ("weakness", False),
                ("both_legs", True),
                ("bladder_bowel", False),
            ),
        ),  # answers after an urgent stop on the conditional question
    ],
)
def test_outdated_or_inconsistent_progress_restarts(
    q: Questionnaire, progress: ScreeningProgress
) -> None:
    step = answer(q, progress, "radiating", "no")
    assert step == Invalid(q.questions[0], InvalidReason.OUTDATED, ScreeningProgress.start(q))
    assert current_question(q, progress) == q.questions[0]
    assert evaluate(q, progress) is None
    assert resume(q, progress) == Ask(q.questions[0], ScreeningProgress.start(q))


@pytest.mark.parametrize(
    ("answered", "expected"),
    [(0, "radiating"), (3, "weakness"), (4, "bladder_bowel"), (N + 1, "duration"), (N + 2, None)],
)
def test_current_question_and_resume(q: Questionnaire, answered: int, expected: str | None) -> None:
    progress = progress_after(q, answered)
    current = current_question(q, progress)
    assert (current.id if current else None) == expected
    resumed = resume(q, progress)
    if expected is None:
        assert isinstance(resumed, Done) and resumed.result.outcome is Outcome.CLEARED
    else:
        assert isinstance(resumed, Ask) and resumed.question.id == expected


def test_resume_without_progress_starts_fresh(q: Questionnaire) -> None:
    assert resume(q, None) == Ask(q.questions[0], ScreeningProgress.start(q))


@given(st.sampled_from([*FLAGS, "pain_now", "duration", "x"]), st.text(max_size=30))
def test_any_typed_text_gives_a_step_never_an_exception(question_id: str, text: str) -> None:
    for answered in (0, N, N + 1):
        progress = progress_after(SHIPPED, answered)
        assert isinstance(answer(SHIPPED, progress, question_id, text), Ask | Invalid | Done)


# --- typed answers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", True),
        ("Yes", True),
        ("  YES  ", True),
        ("y", True),
        ("Y.", True),
        ("yeah", True),
        ("yep!", True),
        ("ja", True),
        ("Ja.", True),
        ("j", True),
        ("👍", True),
        ("👍🏽", True),
        ("✅", True),
        ("yes, sometimes", True),
        ("no", False),
        ("No.", False),
        ("n", False),
        ("nope", False),
        ("nah", False),
        ("nein", False),
        ("Nein!", False),
        ("nö", False),
        ("👎", False),
        ("❌", False),
        ("no, never", False),
        ("", None),
        ("   ", None),
        ("maybe", None),
        ("yes and no", None),
        ("jein", None),
        ("not sure", None),
        ("...", None),
        ("yesterday", None),
    ],
)
def test_parse_yes_no(text: str, expected: bool | None) -> None:
    assert parse_yes_no(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", 3),
        (" 7 ", 7),
        ("3/10", 3),
        ("3 / 10", 3),
        ("7 of 10", 7),
        ("7 von 10", 7),
        ("10", 10),
        ("0", 0),
        ("7️⃣", 7),
        ("🔟", 10),
        ("11", 11),  # range is checked by answer(): out_of_range, not unparseable
        ("-1", -1),
        ("3/5", None),
        ("3.5", None),
        ("three", None),
        ("", None),
    ],
)
def test_parse_scale(text: str, expected: int | None) -> None:
    assert parse_scale(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lt_6w", "lt_6w"),
        ("6_12w", "6_12w"),
        ("GT_3M", "gt_3m"),
        ("2 weeks", "lt_6w"),
        ("10 days", "lt_6w"),
        ("a month", "lt_6w"),
        ("< 6 weeks", "lt_6w"),
        ("since yesterday", "lt_6w"),
        ("2 Wochen", "lt_6w"),
        ("seit einer Woche", "lt_6w"),
        ("unter 6 Wochen", "lt_6w"),
        ("seit gestern", "lt_6w"),
        ("i am in pain for two weeks", "lt_6w"),  # "am" is no month
        ("6 weeks", "6_12w"),
        ("8 weeks", "6_12w"),
        ("12 weeks", "6_12w"),
        ("6–12 weeks", "6_12w"),
        ("2 months", "6_12w"),
        ("1,5 Monate", "6_12w"),
        ("less than 3 months", "6_12w"),
        ("13 weeks", "gt_3m"),
        ("3 months", "gt_3m"),
        ("> 3 months", "gt_3m"),
        ("6 months", "gt_3m"),
        ("years", "gt_3m"),
        ("for 2 years", "gt_3m"),
        ("3 Monate", "gt_3m"),
        ("seit 3 Monaten", "gt_3m"),
        ("über 3 Monate", "gt_3m"),
        ("ein Jahr", "gt_3m"),
        ("seit Jahren", "gt_3m"),
        ("half a year", "gt_3m"),
        ("months", None),
        ("often", None),
        ("dunno", None),
        ("", None),
    ],
)
def test_parse_duration(text: str, expected: str | None) -> None:
    assert parse_duration(text) == expected


# --- progress storage ------------------------------------------------------------------------


@pytest.mark.parametrize("answered", [0, 1, N, N + 1, N + 2])
@pytest.mark.parametrize("overrides", [{}, {"numbness": "yes"}])
def test_progress_round_trips_through_json(
    q: Questionnaire, answered: int, overrides: dict[str, str]
) -> None:
    steps = run(q, all_no(**overrides)[:answered])
    progress = steps[-1].progress if steps else ScreeningProgress.start(q)
    stored = json.loads(json.dumps(progress.to_dict()))
    assert ScreeningProgress.from_dict(stored) == progress
    assert list(stored["answers"]) == [qid for qid, _ in progress.answers]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"version": "1", "answers": {}},
        {"version": True, "answers": {}},
        {"version": 1, "answers": []},
        {"version": 1, "answers": {"radiating": None}},
        {"version": 1, "answers": {"radiating": [1]}},
    ],
)
def test_malformed_progress_is_a_progress_error(data: dict[str, Any]) -> None:
    with pytest.raises(ProgressError):
        ScreeningProgress.from_dict(data)


# --- questionnaire validation ----------------------------------------------------------------

PAIN = {"id": "pain_now", "kind": "scale", "min": 0, "max": 10}
DURATION = {"id": "duration", "kind": "choice", "options": ["lt_6w", "6_12w", "gt_3m"]}
FLAG = {"id": "radiating", "kind": "yes_no", "severity": "doctor"}
URGENT = {"id": "saddle", "kind": "yes_no", "severity": "urgent"}
BOTH = {"id": "both_legs", "kind": "yes_no", "severity": "urgent", "ask_if": ["radiating"]}


def data_with(*questions: dict[str, Any], version: Any = 1) -> dict[str, Any]:
    return {"version": version, "questions": list(questions)}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (data_with(FLAG, FLAG, PAIN, DURATION), "duplicate question id 'radiating'"),
        (data_with({**FLAG, "kind": "slider"}, PAIN, DURATION), "unknown kind 'slider'"),
        (data_with({**FLAG, "severity": "urgnet"}, PAIN, DURATION), "bad severity 'urgnet'"),
        (data_with({"id": "x", "kind": "yes_no"}, PAIN, DURATION), "bad severity None"),
        (data_with(FLAG, PAIN, {**DURATION, "options": []}), "non-empty list of options"),
        (data_with(FLAG, PAIN, {**DURATION, "options": ["a", "a"]}), "duplicate options"),
        (data_with(FLAG, PAIN, {**DURATION, "options": ["lt_6w"]}), "needs the option 'gt_3m'"),
        (
            data_with(FLAG, {**PAIN, "min": 10, "max": 0}, DURATION),
            "min (10) must be below max (0)",
        ),
        (data_with(FLAG, {**PAIN, "max": "10"}, DURATION), "integer min and max"),
        (data_with({**FLAG, "id": "Bad:Id"}, PAIN, DURATION), "id 'Bad:Id' must be"),
        (data_with({**FLAG, "severty": "doctor"}, PAIN, DURATION), "unexpected key(s)"),
        (data_with(FLAG, DURATION), "scale question with id 'pain_now' is required"),
        (data_with(FLAG, PAIN), "choice question with id 'duration' is required"),
        (data_with(FLAG, PAIN, DURATION, version=0), "version must be a positive integer"),
        ({"version": 1, "questions": []}, "questions must be a non-empty list"),
        ({"version": 1, "questions": ["radiating"]}, "question #1: expected a table"),
        ({**data_with(FLAG, PAIN, DURATION), "extra": 1}, "unexpected top-level key(s)"),
        (data_with(BOTH, FLAG, PAIN, DURATION), "'radiating', which is not an earlier yes_no"),
        (
            data_with(FLAG, {**BOTH, "ask_if": ["radiatng"]}, PAIN, DURATION),
            "'radiatng', which is not an earlier yes_no",
        ),
        (
            data_with(FLAG, PAIN, {**BOTH, "ask_if": ["pain_now"]}, DURATION),
            "'pain_now', which is not an earlier yes_no",
        ),
        (
            data_with(FLAG, {**BOTH, "ask_if": ["both_legs"]}, PAIN, DURATION),
            "'both_legs', which is not an earlier yes_no",
        ),
        (
            data_with(URGENT, {**BOTH, "ask_if": ["saddle"]}, PAIN, DURATION),
            "'saddle', an urgent flag whose yes ends the screening",
        ),
        (
            data_with(FLAG, {**BOTH, "ask_if": ["radiating", "radiating"]}, PAIN, DURATION),
            "duplicate ids in ask_if",
        ),
        (data_with(FLAG, {**BOTH, "ask_if": []}, PAIN, DURATION), "non-empty list of ids"),
        (data_with(FLAG, {**BOTH, "ask_if": "radiating"}, PAIN, DURATION), "list of ids"),
        (data_with(FLAG, {**BOTH, "ask_if": [1]}, PAIN, DURATION), "list of ids"),
        (
            data_with(FLAG, {**PAIN, "ask_if": ["radiating"]}, DURATION),
            "unexpected key(s) for kind scale: ['ask_if']",
        ),
    ],
)
def test_questionnaire_validation_errors_are_clear(data: dict[str, Any], message: str) -> None:
    with pytest.raises(QuestionnaireError) as excinfo:
        parse_questionnaire(data)
    assert message in str(excinfo.value)


def test_minimal_valid_questionnaire(tmp_path: Path) -> None:
    path = tmp_path / "screening.toml"
    path.write_text(
        'version = 2\n[[questions]]\nid = "radiating"\nkind = "yes_no"\nseverity = "doctor"\n'
        '[[questions]]\nid = "pain_now"\nkind = "scale"\nmin = 0\nmax = 10\n'
        '[[questions]]\nid = "duration"\nkind = "choice"\noptions = ["gt_3m"]\n'
    )
    loaded = load_questionnaire(path)
    assert (loaded.version, [x.id for x in loaded.questions]) == (
        2,
        ["radiating", "pain_now", "duration"],
    )


def test_the_loader_reads_ask_if_and_rejects_a_bad_one(tmp_path: Path) -> None:
    flags = (
        'version = 3\n[[questions]]\nid = "radiating"\nkind = "yes_no"\nseverity = "doctor"\n'
        '[[questions]]\nid = "both_legs"\nkind = "yes_no"\nseverity = "urgent"\n'
    )
    rest = (
        '[[questions]]\nid = "pain_now"\nkind = "scale"\nmin = 0\nmax = 10\n'
        '[[questions]]\nid = "duration"\nkind = "choice"\noptions = ["gt_3m"]\n'
    )
    path = tmp_path / "screening.toml"
    path.write_text(f'{flags}ask_if = ["radiating"]\n{rest}')
    loaded = load_questionnaire(path)
    assert [x.ask_if for x in loaded.questions] == [(), ("radiating",), (), ()]
    path.write_text(f'{flags}ask_if = ["duration"]\n{rest}')
    with pytest.raises(QuestionnaireError, match="'duration', which is not an earlier yes_no"):
        load_questionnaire(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read questionnaire"),
        ("version = ", "invalid TOML"),
        ('version = 1\nquestions = [{ id = "a", kind = "slider" }]', "unknown kind 'slider'"),
    ],
)
def test_load_errors_name_the_file(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "screening.toml"
    if content is not None:
        path.write_text(content)
    with pytest.raises(QuestionnaireError, match=re.escape(message)):
        load_questionnaire(path)


# --- access rules ----------------------------------------------------------------------------


def record(outcome: Outcome, **kwargs: Any) -> ScreeningRecord:
    return ScreeningRecord(outcome=outcome, completed_at=NOW - timedelta(days=1), **kwargs)


@pytest.mark.parametrize(
    ("latest", "allowed", "reason"),
    [
        (None, False, AccessReason.NOT_SCREENED),
        (record(Outcome.URGENT), False, AccessReason.URGENT),
        (record(Outcome.DOCTOR), False, AccessReason.SEE_DOCTOR),
        (record(Outcome.DOCTOR, doctor_cleared=True), False, AccessReason.SEE_DOCTOR),
        (record(Outcome.CLEARED), True, AccessReason.ALLOWED),
        (
            record(Outcome.CLEARED, flagged_before=True),
            False,
            AccessReason.NEEDS_DOCTOR_CONFIRMATION,
        ),
        (
            record(Outcome.CLEARED, flagged_before=True, doctor_cleared=True),
            True,
            AccessReason.ALLOWED,
        ),
    ],
)
def test_exercise_access(
    latest: ScreeningRecord | None, allowed: bool, reason: AccessReason
) -> None:
    access = exercise_access(latest, NOW)
    assert (access.allowed, access.reason) == (allowed, reason)


def result(outcome: Outcome, pain: int | None = 3) -> ScreeningResult:
    return ScreeningResult(1, outcome, (), pain, "gt_3m", True, ())


C, D, U = Outcome.CLEARED, Outcome.DOCTOR, Outcome.URGENT


@pytest.mark.parametrize(
    ("history", "confirm_after", "reason"),
    [
        ([C], None, AccessReason.ALLOWED),
        ([D], None, AccessReason.SEE_DOCTOR),
        ([U], None, AccessReason.URGENT),
        ([D, C], None, AccessReason.NEEDS_DOCTOR_CONFIRMATION),
        ([U, C], None, AccessReason.NEEDS_DOCTOR_CONFIRMATION),
        ([D, C], 1, AccessReason.ALLOWED),
        ([D, C, C], None, AccessReason.NEEDS_DOCTOR_CONFIRMATION),  # still not confirmed
        ([D, C, C], 2, AccessReason.ALLOWED),
        ([D, C, C], 1, AccessReason.ALLOWED),  # confirmed once, stays cleared
        ([D, C, D], 1, AccessReason.SEE_DOCTOR),  # flagged again
        ([D, C, D, C], 1, AccessReason.NEEDS_DOCTOR_CONFIRMATION),
        ([D], 0, AccessReason.SEE_DOCTOR),  # confirming a doctor outcome changes nothing
        ([C, C], None, AccessReason.ALLOWED),
    ],
)
def test_access_over_a_screening_history(
    history: list[Outcome], confirm_after: int | None, reason: AccessReason
) -> None:
    latest: ScreeningRecord | None = None
    for i, outcome in enumerate(history):
        latest = next_record(latest, result(outcome), NOW + timedelta(days=i))
        if i == confirm_after:
            latest = confirm_doctor_clearance(latest)
    assert exercise_access(latest, NOW).reason is reason
    assert break_reminders_allowed(latest) is True


def test_next_record_takes_the_pain_baseline() -> None:
    assert next_record(None, result(C, pain=4), NOW).pain_baseline == 4
    assert next_record(None, result(U, pain=None), NOW).pain_baseline is None


def test_break_reminders_need_a_finished_screening() -> None:
    assert break_reminders_allowed(None) is False
    assert all(break_reminders_allowed(record(o)) for o in Outcome)


@pytest.mark.parametrize(
    ("days_ago", "due"),
    [(None, True), (0, False), (27, False), (27.99, False), (28, True), (90, True)],
)
def test_rescreen_due_after_28_days(days_ago: float | None, due: bool) -> None:
    latest = None if days_ago is None else ScreeningRecord(C, NOW - timedelta(days=days_ago))
    assert rescreen_due(latest, NOW) is due


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2025, 3, 10, 9, 0)  # noqa: DTZ001 - the point of the test
    with pytest.raises(ValueError, match="aware"):
        ScreeningRecord(C, naive)
    with pytest.raises(ValueError, match="aware"):
        exercise_access(None, naive)
    with pytest.raises(ValueError, match="aware"):
        rescreen_due(None, naive)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my leg hurts", True),
        ("pain shoots down my leg", True),
        ("leg pain since yesterday", True),
        ("my left foot feels numb", True),
        ("tingling in the toes", True),
        ("pins and needles", True),
        ("trouble with my bladder", True),
        ("bowel problems", True),
        ("my legs feel weak", True),
        ("sciatica again", True),
        ("Mein Bein tut weh", True),
        ("Schmerzen im Bein", True),
        ("Taubheit im Fuß", True),
        ("Kribbeln im Oberschenkel", True),
        ("Probleme mit der Blase", True),
        ("Darm spielt verrückt", True),
        ("Beinschmerzen", True),
        ("10", False),
        ("10 per leg", False),
        ("10 pro Bein", False),
        ("bridges 10 each side", False),
        ("weak glutes", False),
        ("back is a bit better", False),
        ("beinahe geschafft", False),
        ("meeting in Darmstadt", False),
        ("", False),
        ("both legs are numb", True),
        ("beide Beine kribbeln", True),
        ("erection problems since Monday", True),
        ("10 each leg", False),
        ("both legs 10", False),
        ("hip raises 10 both sides", False),
        ("beide Beine 10", False),
    ],
)
def test_mentions_new_symptom(text: str, expected: bool) -> None:
    assert mentions_new_symptom(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Bladder, bowel, saddle area (as before).
        ("trouble with my bladder", True),
        ("numbness in the groin", True),
        ("Taubheit im Reithosenbereich", True),
        # Leg symptoms in both legs.
        ("both legs are numb", True),
        ("numbness in both legs", True),
        ("tingling in both my feet", True),
        ("both of my legs feel weak", True),
        ("pain in both legs since yesterday", True),
        ("sciatica in both legs", True),
        ("beide Beine kribbeln", True),
        ("in beiden Beinen taub", True),
        ("Schmerzen in beiden Beinen", True),
        ("beide Füße eingeschlafen", True),
        # New sexual dysfunction.
        ("erection problems since Monday", True),
        ("can't get an erection", True),
        ("my genitals feel numb", True),
        ("problems with sex lately", True),
        ("Erektionsstörungen seit gestern", True),
        ("Probleme beim Sex", True),
        ("Genitalbereich ist taub", True),
        # One leg, or rep reports with legs in them: not urgent.
        ("my left leg is numb", False),
        ("Mein Bein kribbelt", False),
        ("10 per leg", False),
        ("10 each leg", False),
        ("both legs 10", False),
        ("both legs 10, pain 2", False),
        ("hip raises 10 both sides", False),
        ("10 pro Bein", False),
        ("beide Beine 10", False),
        ("beide Beine 10, Schmerz 2", False),
        ("two-legged bridge 10", False),
        ("", False),
    ],
)
def test_mentions_urgent_symptom(text: str, expected: bool) -> None:
    assert mentions_urgent_symptom(text) is expected
