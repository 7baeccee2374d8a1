"""Safety screening: the questionnaire, its state machine and the access rules built on it.

Everything here is pure: answers and time come in as arguments and steps or decisions come
out, so every branch is a table test and a restarted bot resumes from the stored progress.
The danger signs and the "chronic, non-specific" scope come from the source article and
PRODUCT.md §1; nothing here diagnoses, it only decides what the bot may offer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Final

from coach import vocabulary
from coach.data_files import load_toml
from coach.hold import Hold, HoldReason

__all__ = [
    "RESCREEN_AFTER",
    "Access",
    "AccessReason",
    "AnswerValue",
    "Ask",
    "Done",
    "Invalid",
    "InvalidReason",
    "Outcome",
    "ProgressError",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "QuestionnaireError",
    "ScreeningProgress",
    "ScreeningRecord",
    "ScreeningResult",
    "Severity",
    "Step",
    "answer",
    "break_reminders_allowed",
    "confirm_doctor_clearance",
    "current_question",
    "evaluate",
    "exercise_access",
    "load_questionnaire",
    "mentioned_flags",
    "mentions_new_symptom",
    "mentions_urgent_symptom",
    "next_record",
    "parse_answer",
    "parse_duration",
    "parse_questionnaire",
    "parse_scale",
    "parse_yes_no",
    "rescreen_due",
    "resume",
]

AnswerValue = bool | int | str
"""yes_no → bool, scale → int, choice → option id."""

RESCREEN_AFTER: Final = timedelta(days=28)

_ID_RE: Final = re.compile(r"^[a-z0-9_]{1,32}$")
"""Ids travel in callback data (`scr:1:<id>:<value>`, 64 bytes max): short, no separators."""

_REQUIRED: Final = (("pain_now", "scale"), ("duration", "choice"))
_CHRONIC_OPTION: Final = "gt_3m"


class QuestionKind(StrEnum):
    YES_NO = "yes_no"
    SCALE = "scale"
    CHOICE = "choice"


class Severity(StrEnum):
    """What a yes to a flag means; `urgent` also ends the screening at once."""

    DOCTOR = "doctor"
    URGENT = "urgent"


class Outcome(StrEnum):
    CLEARED = "cleared"
    DOCTOR = "doctor"
    URGENT = "urgent"


class InvalidReason(StrEnum):
    STALE = "stale"
    """A button or typed answer for a question that is not the current one (old or forged)."""
    OUT_OF_RANGE = "out_of_range"
    UNPARSEABLE = "unparseable"
    OUTDATED = "outdated"
    """The stored progress belongs to another questionnaire version; screening restarts."""


class AccessReason(StrEnum):
    ALLOWED = "allowed"
    NOT_SCREENED = "not_screened"
    URGENT = "urgent"
    SEE_DOCTOR = "see_doctor"
    NEEDS_DOCTOR_CONFIRMATION = "needs_doctor_confirmation"
    HELD = "held"
    """A stop was announced since the last screening (see coach.hold)."""


class QuestionnaireError(ValueError):
    """The questionnaire file is broken; raised at load so a bad deploy fails at start."""


class ProgressError(ValueError):
    """Stored progress could not be read back."""


# ---------------------------------------------------------------------------------------------
# Questionnaire model and loader


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    kind: QuestionKind
    severity: Severity | None = None
    options: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    ask_if: tuple[str, ...] = ()
    """Ask only when one of these earlier flags was answered yes; empty → always ask."""

    @property
    def is_flag(self) -> bool:
        return self.kind is QuestionKind.YES_NO

    @property
    def text_key(self) -> str:
        """Catalogue key of the question text."""
        return f"screening-q-{self.id}"

    @property
    def hint_key(self) -> str:
        """Catalogue key of the re-ask hint shown after an answer that did not fit."""
        return f"screening-hint-{self.kind.value}"


@dataclass(frozen=True, slots=True)
class Questionnaire:
    version: int
    questions: tuple[Question, ...]

    def get(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def flags(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.is_flag)

    @staticmethod
    def is_asked(question: Question, answers: Mapping[str, AnswerValue]) -> bool:
        """Is `question` asked after these earlier answers? Only `ask_if` can skip it."""
        return not question.ask_if or any(answers.get(qid) is True for qid in question.ask_if)


_KEYS_BY_KIND: Final[Mapping[QuestionKind, frozenset[str]]] = {
    QuestionKind.YES_NO: frozenset({"id", "kind", "severity", "ask_if"}),
    QuestionKind.SCALE: frozenset({"id", "kind", "min", "max"}),
    QuestionKind.CHOICE: frozenset({"id", "kind", "options"}),
}


def _choices(values: type[StrEnum]) -> str:
    return ", ".join(member.value for member in values)


def _parse_question(index: int, raw: object) -> Question:
    where = f"question #{index + 1}"
    if not isinstance(raw, Mapping):
        raise QuestionnaireError(f"{where}: expected a table, got {type(raw).__name__}")
    qid = raw.get("id")
    if not isinstance(qid, str) or not _ID_RE.match(qid):
        raise QuestionnaireError(f"{where}: id {qid!r} must be 1-32 characters of a-z, 0-9 and '_'")
    where = f"question #{index + 1} ({qid!r})"
    kind_raw = raw.get("kind")
    if kind_raw not in {member.value for member in QuestionKind}:
        raise QuestionnaireError(
            f"{where}: unknown kind {kind_raw!r} (expected one of: {_choices(QuestionKind)})"
        )
    kind = QuestionKind(str(kind_raw))
    unknown = sorted(set(raw) - _KEYS_BY_KIND[kind])
    if unknown:
        raise QuestionnaireError(f"{where}: unexpected key(s) for kind {kind}: {unknown}")

    if kind is QuestionKind.YES_NO:
        severity_raw = raw.get("severity")
        if severity_raw not in {member.value for member in Severity}:
            raise QuestionnaireError(
                f"{where}: bad severity {severity_raw!r} (expected one of: {_choices(Severity)})"
            )
        ask_if: tuple[str, ...] = ()
        if "ask_if" in raw:
            ask_if_raw = raw["ask_if"]
            if not isinstance(ask_if_raw, list) or not ask_if_raw:
                raise QuestionnaireError(f"{where}: ask_if must be a non-empty list of ids")
            if not all(isinstance(x, str) for x in ask_if_raw):
                raise QuestionnaireError(f"{where}: ask_if must be a non-empty list of ids")
            ask_if = tuple(ask_if_raw)
        return Question(id=qid, kind=kind, severity=Severity(str(severity_raw)), ask_if=ask_if)

    if kind is QuestionKind.SCALE:
        low, high = raw.get("min"), raw.get("max")
        if type(low) is not int or type(high) is not int:
            raise QuestionnaireError(f"{where}: scale needs integer min and max")
        if low >= high:
            raise QuestionnaireError(f"{where}: scale min ({low}) must be below max ({high})")
        return Question(id=qid, kind=kind, min=low, max=high)

    options = raw.get("options")
    if not isinstance(options, list) or not options:
        raise QuestionnaireError(f"{where}: choice needs a non-empty list of options")
    for option in options:
        if not isinstance(option, str) or not _ID_RE.match(option):
            raise QuestionnaireError(
                f"{where}: option {option!r} must be 1-32 characters of a-z, 0-9 and '_'"
            )
    if len(set(options)) != len(options):
        raise QuestionnaireError(f"{where}: duplicate options in {options}")
    return Question(id=qid, kind=kind, options=tuple(options))


def _check_ask_if(index: int, question: Question, earlier: Mapping[str, Question]) -> None:
    """`ask_if` may name only earlier yes/no questions that do not end the screening."""
    where = f"question #{index + 1} ({question.id!r})"
    if len(set(question.ask_if)) != len(question.ask_if):
        raise QuestionnaireError(f"{where}: duplicate ids in ask_if {list(question.ask_if)}")
    for qid in question.ask_if:
        condition = earlier.get(qid)
        if condition is None or not condition.is_flag:
            raise QuestionnaireError(
                f"{where}: ask_if names {qid!r}, which is not an earlier yes_no question"
            )
        if condition.severity is Severity.URGENT:
            raise QuestionnaireError(
                f"{where}: ask_if names {qid!r}, an urgent flag whose yes ends the screening"
            )


def parse_questionnaire(data: Mapping[str, object]) -> Questionnaire:
    """Validate raw questionnaire data; every problem is a QuestionnaireError naming the spot."""
    unknown = sorted(set(data) - {"version", "questions"})
    if unknown:
        raise QuestionnaireError(f"unexpected top-level key(s): {unknown}")
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise QuestionnaireError(f"version must be a positive integer, got {version!r}")
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise QuestionnaireError("questions must be a non-empty list")
    questions = tuple(_parse_question(i, raw) for i, raw in enumerate(raw_questions))
    seen: dict[str, Question] = {}
    for index, question in enumerate(questions):
        if question.id in seen:
            raise QuestionnaireError(f"duplicate question id {question.id!r}")
        _check_ask_if(index, question, seen)
        seen[question.id] = question
    by_id = {q.id: q for q in questions}
    for qid, kind in _REQUIRED:
        found = by_id.get(qid)
        if found is None or found.kind != kind:
            raise QuestionnaireError(f"a {kind} question with id {qid!r} is required")
    if _CHRONIC_OPTION not in by_id["duration"].options:
        raise QuestionnaireError(f"question 'duration' needs the option {_CHRONIC_OPTION!r}")
    return Questionnaire(version=version, questions=questions)


def load_questionnaire(path: Path | str | None = None) -> Questionnaire:
    """Load and validate the questionnaire; the shipped file when no path is given."""
    return load_toml(
        "screening.toml", path, parse_questionnaire, QuestionnaireError, "questionnaire"
    )


# ---------------------------------------------------------------------------------------------
# Progress, steps, results


@dataclass(frozen=True, slots=True)
class ScreeningProgress:
    """Answers so far, in the order given; stored as JSON between messages."""

    version: int
    answers: tuple[tuple[str, AnswerValue], ...] = ()

    @classmethod
    def start(cls, questionnaire: Questionnaire) -> ScreeningProgress:
        return cls(version=questionnaire.version)

    def answer_map(self) -> dict[str, AnswerValue]:
        return dict(self.answers)

    def with_answer(self, question_id: str, value: AnswerValue) -> ScreeningProgress:
        return replace(self, answers=(*self.answers, (question_id, value)))

    def to_dict(self) -> dict[str, object]:
        return {"version": self.version, "answers": dict(self.answers)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ScreeningProgress:
        """Read back what to_dict wrote; anything else is a ProgressError."""
        version = data.get("version")
        if type(version) is not int:
            raise ProgressError(f"progress version must be an integer, got {version!r}")
        answers = data.get("answers", {})
        if not isinstance(answers, Mapping):
            raise ProgressError("progress answers must be an object")
        pairs: list[tuple[str, AnswerValue]] = []
        for key, value in answers.items():
            if not isinstance(key, str) or not isinstance(value, bool | int | str):
                raise ProgressError(f"bad progress answer {key!r}: {value!r}")
            pairs.append((key, value))
        return cls(version=version, answers=tuple(pairs))


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    version: int
    outcome: Outcome
    flags: tuple[str, ...]
    """Ids of the flags answered yes, in question order."""
    pain_now: int | None
    """None when an urgent flag stopped the screening early."""
    duration: str | None
    chronic_nonspecific: bool
    """False → show the note that the studies behind the programme may not apply."""
    answers: tuple[tuple[str, AnswerValue], ...]


@dataclass(frozen=True, slots=True)
class Ask:
    """Ask this question next (also: ask the current one again)."""

    question: Question
    progress: ScreeningProgress


@dataclass(frozen=True, slots=True)
class Invalid:
    """The answer did not fit; progress is unchanged (or restarted when outdated).

    `question` is the one to ask now; None when the screening is already finished.
    """

    question: Question | None
    reason_code: InvalidReason
    progress: ScreeningProgress


@dataclass(frozen=True, slots=True)
class Done:
    result: ScreeningResult
    progress: ScreeningProgress


Step = Ask | Invalid | Done


def _value_fits(question: Question, value: AnswerValue) -> bool:
    if question.kind is QuestionKind.YES_NO:
        return isinstance(value, bool)
    if question.kind is QuestionKind.SCALE:
        return (
            type(value) is int
            and question.min is not None
            and question.max is not None
            and question.min <= value <= question.max
        )
    return isinstance(value, str) and value in question.options


def _is_urgent_yes(question: Question, value: AnswerValue) -> bool:
    return question.severity is Severity.URGENT and value is True


def _walk(
    questionnaire: Questionnaire, progress: ScreeningProgress
) -> tuple[bool, Question | None]:
    """(compatible, current question) — answers must follow the questionnaire in order.

    A question whose `ask_if` is not met is skipped and has no answer; an answer to it (or
    a missing answer to one that is asked) makes the progress incompatible.
    """
    if progress.version != questionnaire.version:
        return False, None
    answers = progress.answers
    given: dict[str, AnswerValue] = {}
    for question in questionnaire.questions:
        if not Questionnaire.is_asked(question, given):
            continue
        if len(given) == len(answers):
            return True, question
        qid, value = answers[len(given)]
        if question.id != qid or not _value_fits(question, value):
            return False, None
        given[qid] = value
        if _is_urgent_yes(question, value):
            return len(given) == len(answers), None
    return len(given) == len(answers), None


def current_question(questionnaire: Questionnaire, progress: ScreeningProgress) -> Question | None:
    """The question to ask now; None once finished. Outdated progress starts from the top."""
    compatible, question = _walk(questionnaire, progress)
    if not compatible:
        return questionnaire.questions[0]
    return question


def evaluate(questionnaire: Questionnaire, progress: ScreeningProgress) -> ScreeningResult | None:
    """The result of a finished screening; None while questions remain (or progress is stale)."""
    compatible, question = _walk(questionnaire, progress)
    if not compatible or question is not None:
        return None
    by_id = {q.id: q for q in questionnaire.questions}
    severities = {by_id[qid].severity for qid, value in progress.answers if value is True}
    if Severity.URGENT in severities:
        outcome = Outcome.URGENT
    elif Severity.DOCTOR in severities:
        outcome = Outcome.DOCTOR
    else:
        outcome = Outcome.CLEARED
    answers = progress.answer_map()
    pain = answers.get("pain_now")
    duration = answers.get("duration")
    return ScreeningResult(
        version=questionnaire.version,
        outcome=outcome,
        flags=tuple(qid for qid, value in progress.answers if by_id[qid].is_flag and value),
        pain_now=pain if type(pain) is int else None,
        duration=duration if isinstance(duration, str) else None,
        chronic_nonspecific=duration == _CHRONIC_OPTION,
        answers=progress.answers,
    )


def resume(questionnaire: Questionnaire, progress: ScreeningProgress | None) -> Ask | Done:
    """Where to pick up: a fresh start, the next question, or the finished result."""
    if progress is not None:
        compatible, question = _walk(questionnaire, progress)
        if compatible and question is not None:
            return Ask(question, progress)
        result = evaluate(questionnaire, progress) if compatible else None
        if result is not None:
            return Done(result, progress)
    fresh = ScreeningProgress.start(questionnaire)
    return Ask(questionnaire.questions[0], fresh)


def answer(
    questionnaire: Questionnaire,
    progress: ScreeningProgress,
    question_id: str,
    raw_value: str | int | bool,
    language: str | None = None,
) -> Step:
    """Apply one answer (button value or typed text). Bad input is a step, never an exception.

    `language` is the user's: typed text is read in it first."""
    compatible, current = _walk(questionnaire, progress)
    if not compatible:
        fresh = ScreeningProgress.start(questionnaire)
        return Invalid(questionnaire.questions[0], InvalidReason.OUTDATED, fresh)
    if current is None:
        return Invalid(None, InvalidReason.STALE, progress)
    if question_id != current.id:
        return Invalid(current, InvalidReason.STALE, progress)
    parsed = parse_answer(current, raw_value, language)
    if isinstance(parsed, InvalidReason):
        return Invalid(current, parsed, progress)
    new = progress.with_answer(current.id, parsed)
    _, following = _walk(questionnaire, new)
    if following is not None:
        return Ask(following, new)
    result = evaluate(questionnaire, new)
    assert result is not None  # _walk said finished and compatible
    return Done(result, new)


# ---------------------------------------------------------------------------------------------
# Parsing typed answers (the words: coach/data/input/<lang>.toml)

_EMOJI: Final[Mapping[str, bool]] = {
    "👍": True,
    "👌": True,
    "✅": True,
    "✔": True,
    "☑": True,
    "👎": False,
    "❌": False,
    "✖": False,
    "🚫": False,
}
_ANSWERS: Final = vocabulary.Lexicon(
    {"yes": "answers.yes", "no": "answers.no"}, marks="".join(_EMOJI)
)


def _polarity(word: vocabulary.Word) -> bool | None:
    if word.kind == vocabulary.MARK:
        return _EMOJI.get(str(word.value))
    return {"yes": True, "no": False}.get(word.kind)


def _yes_no(words: list[vocabulary.Word]) -> bool | None:
    polarity = _polarity(words[0]) if words else None
    if polarity is None:
        return None
    if any(_polarity(word) is (not polarity) for word in words[1:]):
        return None
    return polarity


def parse_yes_no(text: str, language: str | None = None) -> bool | None:
    """yes/no in any language the bot reads (`language`'s first), any case, with punctuation
    or 👍/👎; None if unclear.

    The first word must be a yes or no word and no later word may say the opposite, so
    "no, never" is no and "yes, sometimes" is yes, while "yes and no" or "maybe" is unclear.
    """
    for words in _ANSWERS.readings(text, language):
        polarity = _yes_no(words)
        if polarity is not None:
            return polarity
    return None


_KEYCAP_RE: Final = re.compile(r"[\ufe0f\u20e3]")
_SCALE: Final = vocabulary.Lexicon({"of": "screening.out_of"}, marks="/-−.!")
_MINUS: Final = ("-", "−")


def _scale(words: list[vocabulary.Word], maximum: int) -> int | None:
    if words and words[-1].kind == vocabulary.MARK and words[-1].value in (".", "!"):
        words = words[:-1]
    sign = 1
    if words and words[0].kind == vocabulary.MARK and words[0].value in _MINUS:
        sign, words = -1, words[1:]
    if not words or not words[0].digits or len(words[0].text) > 4:
        return None
    if len(words) == 3:
        of, denominator = words[1], words[2]
        if not (of.kind == "of" or (of.kind == vocabulary.MARK and of.value == "/")):
            return None
        if not denominator.digits or int(denominator.value) != maximum:
            return None  # "3/5" is unclear rather than rescaled
    elif len(words) != 1:
        return None
    return sign * int(words[0].value)


def parse_scale(text: str, maximum: int = 10, language: str | None = None) -> int | None:
    """A whole number as typed: "3", "3/10", "7 of 10", " 7 ". Range is checked by the caller.

    A denominator other than the scale's maximum ("3/5") is unclear rather than rescaled.
    """
    cleaned = _KEYCAP_RE.sub("", text.replace("🔟", "10"))
    for words in _SCALE.readings(cleaned, language):
        value = _scale(words, maximum)
        if value is not None:
            return value
    return None


_WEEKS_PER_UNIT: Final[Mapping[str, float]] = {
    "day": 1 / 7,
    "week": 1.0,
    "month": 52 / 12,
    "year": 52.0,
}
_SPANS: Final = vocabulary.Lexicon(
    {
        "less": "screening.less_than",
        "more": "screening.more_than",
        "to": "words.to",
        "one": "numbers.one",
        vocabulary.NUMBER: "numbers.counts",
        **{unit: f"units.{unit}" for unit in _WEEKS_PER_UNIT},
    },
    marks="<>-–—−,.",
)
"""A number of days/weeks/months/years: "2 weeks", "over 3 months", "6-12 Wochen"."""
_WITHOUT_NUMBER: Final = vocabulary.Lexicon(
    {"long": "screening.long", "recent": "screening.recent"}
)
""""years", "seit gestern": no number, still an answer."""
_DASHES: Final = ("-", "–", "—", "−")
_QUALIFIERS: Final[Mapping[str, float]] = {"less": 0.9, "<": 0.9, "more": 1.1, ">": 1.1}


def _is(word: vocabulary.Word, *marks: str) -> bool:
    return word.kind == vocabulary.MARK and word.value in marks


def _number_at(words: list[vocabulary.Word], i: int) -> tuple[float, int] | None:
    """A number at `i` ("3", "1,5", "zwei") and the index after it."""
    if i >= len(words) or words[i].kind != vocabulary.NUMBER:
        return None
    value = float(words[i].value)
    decimal = i + 2 < len(words) and _is(words[i + 1], ",", ".") and words[i + 2].digits
    if words[i].digits and decimal:
        return float(f"{words[i].text}.{words[i + 2].text}"), i + 3
    return value, i + 1


def _span_at(words: list[vocabulary.Word], i: int) -> tuple[float, int] | None:
    """Weeks of a span starting at `i` ("3 months", "6-12 weeks", "a month"), and its end."""
    if i < len(words) and words[i].kind == "one":
        value, i = 1.0, i + 1
    else:
        number = _number_at(words, i)
        if number is None:
            return None
        value, i = number
        if i < len(words) and (_is(words[i], *_DASHES) or words[i].kind == "to"):
            upper = _number_at(words, i + 1)
            if upper is not None:
                value, i = (value + upper[0]) / 2, upper[1]  # a range counts as its middle
        if i < len(words) and _is(words[i], *_DASHES):
            i += 1  # "3-month"
    if i < len(words) and words[i].kind in _WEEKS_PER_UNIT:
        return value * _WEEKS_PER_UNIT[words[i].kind], i + 1
    return None


def _spans(words: list[vocabulary.Word]) -> list[float]:
    """The spans in a text, in weeks; "less than"/"over" just before one shifts it a little."""
    found: list[float] = []
    i = 0
    while i < len(words):
        word = words[i]
        qualifier = _QUALIFIERS.get(str(word.value) if word.kind == vocabulary.MARK else word.kind)
        span = _span_at(words, i + 1 if qualifier else i)
        if span is None:
            i += 1
            continue
        weeks, i = span
        found.append(weeks * (qualifier or 1.0))
    return found


def _bucket(weeks: float) -> str:
    if weeks < 6:
        return "lt_6w"
    if weeks <= 12:
        return "6_12w"
    return "gt_3m"


def parse_duration(text: str, language: str | None = None) -> str | None:
    """How long the pain has lasted → lt_6w | 6_12w | gt_3m, from an option id or typed words.

    Understands "2 weeks", "8 Wochen", "3 Monate", "over 3 months", "6-12 weeks" (a range
    counts as its middle), "years", "seit gestern". Week counts follow the button labels:
    up to 12 weeks is 6_12w; 3 months (about 13 weeks) and more is gt_3m.
    """
    cleaned = re.sub(r"\s+", " ", text.casefold().strip())
    if cleaned in ("lt_6w", "6_12w", "gt_3m"):
        return cleaned
    for words in _SPANS.readings(text, language):
        spans = _spans(words)
        if spans:
            return _bucket(max(spans))
    for words in _WITHOUT_NUMBER.readings(text, language):
        kinds = {word.kind for word in words}
        if "long" in kinds:
            return "gt_3m"
        if "recent" in kinds:
            return "lt_6w"
    return None


_CHOICE_PARSERS: Final[Mapping[str, Callable[[str, str | None], str | None]]] = {
    "duration": parse_duration,
}


def parse_answer(
    question: Question, raw_value: str | int | bool, language: str | None = None
) -> AnswerValue | InvalidReason:
    """Turn a button value or typed text into the stored answer, or say why it does not fit.

    Typed text is read in every language, `language`'s first."""
    if question.kind is QuestionKind.YES_NO:
        if isinstance(raw_value, bool):
            return raw_value
        if isinstance(raw_value, str):
            parsed = parse_yes_no(raw_value, language)
            return InvalidReason.UNPARSEABLE if parsed is None else parsed
        return InvalidReason.UNPARSEABLE

    if question.kind is QuestionKind.SCALE:
        assert question.min is not None and question.max is not None
        if isinstance(raw_value, bool):
            return InvalidReason.UNPARSEABLE
        number = (
            raw_value
            if isinstance(raw_value, int)
            else parse_scale(raw_value, question.max, language)
        )
        if number is None:
            return InvalidReason.UNPARSEABLE
        if not question.min <= number <= question.max:
            return InvalidReason.OUT_OF_RANGE
        return number

    if not isinstance(raw_value, str):
        return InvalidReason.UNPARSEABLE
    option = raw_value.strip().casefold()
    if option in question.options:
        return option
    parser = _CHOICE_PARSERS.get(question.id)
    parsed_option = parser(raw_value, language) if parser is not None else None
    if parsed_option is not None and parsed_option in question.options:
        return parsed_option
    return InvalidReason.UNPARSEABLE


# ---------------------------------------------------------------------------------------------
# Access rules


def _require_aware(instant: datetime, name: str) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")


@dataclass(frozen=True, slots=True)
class ScreeningRecord:
    """The stored summary of a user's latest finished screening."""

    outcome: Outcome
    completed_at: datetime
    pain_baseline: int | None = None
    flagged_before: bool = False
    """An earlier screening said see a doctor / urgent and no doctor clearance followed yet."""
    doctor_cleared: bool = False
    """The user confirmed "a doctor cleared me" after this (cleared) screening."""
    hold: Hold | None = None
    """A stop announced after this screening; the next finished screening starts without."""

    def __post_init__(self) -> None:
        _require_aware(self.completed_at, "completed_at")


def next_record(
    previous: ScreeningRecord | None, result: ScreeningResult, completed_at: datetime
) -> ScreeningRecord:
    """The record after a finished screening; a past flag is carried until a doctor clears it.

    A hold for a new symptom counts as a flag: the person was told to seek medical advice.
    """
    flagged_before = previous is not None and (
        previous.outcome is not Outcome.CLEARED
        or (previous.flagged_before and not previous.doctor_cleared)
        or (previous.hold is not None and previous.hold.reason.needs_doctor)
    )
    return ScreeningRecord(
        outcome=result.outcome,
        completed_at=completed_at,
        pain_baseline=result.pain_now,
        flagged_before=flagged_before,
    )


def confirm_doctor_clearance(record: ScreeningRecord) -> ScreeningRecord:
    """Record "a doctor cleared me". Only a cleared re-screen can be confirmed; else unchanged."""
    if record.outcome is not Outcome.CLEARED:
        return record
    return replace(record, doctor_cleared=True)


@dataclass(frozen=True, slots=True)
class Access:
    allowed: bool
    reason: AccessReason
    hold: Hold | None = None
    """The hold in force, whatever the reason shown first."""


def exercise_access(latest: ScreeningRecord | None, now: datetime) -> Access:
    """May this user see exercise content or log reps? The one rule every door asks.

    Urgent warning signs come first (a hold for an urgent symptom too), then the screening's
    own outcome, then a hold announced since. Access does not lapse with time: a due re-screen
    is offered (see rescreen_due), not forced.
    """
    _require_aware(now, "now")
    if latest is None:
        return Access(False, AccessReason.NOT_SCREENED)
    hold = latest.hold
    if latest.outcome is Outcome.URGENT:
        return Access(False, AccessReason.URGENT, hold)
    if hold is not None and hold.reason is HoldReason.URGENT:
        return Access(False, AccessReason.HELD, hold)
    if latest.outcome is Outcome.DOCTOR:
        return Access(False, AccessReason.SEE_DOCTOR, hold)
    if hold is not None:
        return Access(False, AccessReason.HELD, hold)
    if latest.flagged_before and not latest.doctor_cleared:
        return Access(False, AccessReason.NEEDS_DOCTOR_CONFIRMATION)
    return Access(True, AccessReason.ALLOWED)


def break_reminders_allowed(latest: ScreeningRecord | None) -> bool:
    """Stand-up-and-move reminders are fine for everyone who finished a screening."""
    return latest is not None


def rescreen_due(latest: ScreeningRecord | None, now: datetime) -> bool:
    """Offer screening again 28 days after the last one (or when there is none)."""
    _require_aware(now, "now")
    if latest is None:
        return True
    return now - latest.completed_at >= RESCREEN_AFTER


@cache
def _shipped_questionnaire() -> Questionnaire:
    return load_questionnaire()


@vocabulary.add_check
def _symptoms_name_flags(found: Mapping[str, vocabulary.Vocabulary]) -> None:
    """Every language watches for the same flags, and they are the questionnaire's yes/no
    questions: a language that missed bladder trouble would miss an emergency."""
    flags = {question.id for question in _shipped_questionnaire().flags}
    watched = {code: frozenset(v.symptoms) for code, v in found.items()}
    for code, named in watched.items():
        if not named <= flags:
            raise vocabulary.VocabularyError(
                f"{found[code].source or code}: [symptoms] {sorted(named - flags)} are no"
                " screening flags"
            )
    for code, named in watched.items():
        source = found[code].source or code
        if named != watched[vocabulary.FALLBACK]:
            raise vocabulary.VocabularyError(
                f"{source}: [symptoms] watches {sorted(named)}, "
                f"{vocabulary.FALLBACK} {sorted(watched[vocabulary.FALLBACK])}"
            )


def mentioned_flags(text: str, questionnaire: Questionnaire | None = None) -> tuple[str, ...]:
    """The screening flags a reply mentions ("my leg is numb": numbness), in question order.

    Every language's symptom words are read, whatever the user's language: a missed symptom
    costs more than a needless check. A leg alone is not enough ("10 per leg" is a rep count):
    leg words count together with pain or weakness words in the same sentence.
    """
    asked = questionnaire or _shipped_questionnaire()
    found: set[str] = set()
    for language in vocabulary.vocabularies().values():
        found |= language.mentions(text)
    return tuple(question.id for question in asked.flags if question.id in found)


def mentions_new_symptom(text: str, questionnaire: Questionnaire | None = None) -> bool:
    """Does a reply mention a danger sign the screening asks about (leg pain, numbness or
    tingling, weakness, bladder/bowel or sexual trouble)? "weak glutes" alone does not count."""
    return bool(mentioned_flags(text, questionnaire))


def mentions_urgent_symptom(text: str, questionnaire: Questionnaire | None = None) -> bool:
    """Does a reply mention a sign whose flag is urgent in the questionnaire (cauda equina
    warning signs: bladder/bowel or sexual trouble, saddle numbness, leg symptoms in both
    legs)? "both legs 10" stays a rep count."""
    asked = questionnaire or _shipped_questionnaire()
    return any(
        (question := asked.get(flag)) is not None and question.severity is Severity.URGENT
        for flag in mentioned_flags(text, asked)
    )
