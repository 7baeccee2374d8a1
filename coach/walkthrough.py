"""The exercise walkthrough: a pure state machine from button taps to what the bot shows.

A walkthrough is stored between messages (as JSON, via `to_dict`), so a restarted bot resumes
where the user was. `advance` takes the stored state and one event and returns the new state
plus effects: what to render and what to record. It never raises on user input: a tap that
does not fit the current phase (an old button, a double tap) is an `Invalid` effect and the
state stays as it was.

Flow (PRODUCT.md §2): picture and start position → each step (Next) → reps per side (Done /
fewer / this hurts) → next exercise → "how is your back now, 0-10?" → summary. "This hurts"
stops the exercise and asks for pain 0-10; green or amber offers the regression (or skipping),
red or a new symptom ends the session with the stop-and-seek-advice note. After a green
answer (0-3) the user can also continue where they stopped. "Finish for today" (a button on
every step, or a typed "stop") ends the session at once with a summary of what was done. The
desk break (PRODUCT.md §7) is shorter: each standing exercise is one picture with its steps
and a Next button, then the next one, then the summary; "this hurts" works the same.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Final

from coach.catalogue import PAIN_MAX, Catalogue, Exercise, Light, Side
from coach.progression import SessionOutcome

__all__ = [
    "FORMAT_VERSION",
    "MAX_REPS",
    "AskFinalPain",
    "AskPain",
    "AskReps",
    "Continue",
    "Count",
    "Done",
    "Effect",
    "Event",
    "Fewer",
    "Finish",
    "Hurts",
    "Invalid",
    "InvalidReason",
    "Kind",
    "NewSymptom",
    "Next",
    "OfferRegression",
    "OfferSkip",
    "Pain",
    "PainRecord",
    "Phase",
    "RecordFinalPain",
    "RecordPain",
    "RecordReps",
    "RepRecord",
    "Sets",
    "ShowIntro",
    "ShowStep",
    "SkipExercise",
    "StopReason",
    "StopSession",
    "Summary",
    "TakeRegression",
    "Walkthrough",
    "WalkthroughError",
    "advance",
    "halt",
    "prompt",
    "resume",
    "session_outcome",
    "start_break",
    "start_single",
    "start_workout",
]

FORMAT_VERSION: Final = 1
"""Version of the stored dict layout (the catalogue has its own version)."""

MAX_REPS: Final = 200
"""More than this in one set is a typo, not a set (PRODUCT.md §4: impossible numbers)."""

_SESSION_ID_RE: Final = re.compile(r"^[A-Za-z0-9_-]{1,16}$")
"""Session ids travel in callback data (64 bytes max): short, no separators."""


class WalkthroughError(ValueError):
    """A walkthrough could not be started or read back."""


class Phase(StrEnum):
    INTRO = "intro"
    """Picture and start position of the current exercise."""
    STEP = "step"
    REPS = "reps"
    PAIN_QUESTION = "pain_question"
    REGRESSION_OFFER = "regression_offer"
    FINAL_PAIN = "final_pain"
    DONE = "done"
    STOPPED = "stopped"
    ENDED = "ended"
    """Finished early by the user ("Finish for today"); what was logged stays logged."""


class Kind(StrEnum):
    WORKOUT = "workout"
    """A full session of one level."""
    SINGLE = "single"
    BREAK = "break"
    """The 2-minute desk break after long sitting: one picture per exercise, Next moves on;
    nothing is counted and there is no final question."""


class StopReason(StrEnum):
    PAIN = "pain"
    NEW_SYMPTOM = "new_symptom"


class InvalidReason(StrEnum):
    STALE = "stale"
    """The event does not fit the phase, or carries an old sequence number."""
    OUT_OF_RANGE = "out_of_range"
    """A number outside what the question allows (fewer reps, pain 0-10)."""


_ACTIVE: Final = frozenset({Phase.INTRO, Phase.STEP, Phase.REPS})
_FINISHED: Final = frozenset({Phase.DONE, Phase.STOPPED, Phase.ENDED})


# ---------------------------------------------------------------------------------------------
# Events: what the user did. `seq`, when given, must equal the walkthrough's `seq` (buttons
# carry it in their callback data, so a double tap or an old message cannot act twice).


@dataclass(frozen=True, slots=True)
class Next:
    seq: int | None = None


@dataclass(frozen=True, slots=True)
class Done:
    """Did the full reps for the current side."""

    seq: int | None = None


@dataclass(frozen=True, slots=True)
class Fewer:
    reps: int
    seq: int | None = None


@dataclass(frozen=True, slots=True)
class Count:
    """A typed number of reps for the current side, 1-MAX_REPS (may exceed the target)."""

    reps: int
    seq: int | None = None


@dataclass(frozen=True, slots=True)
class Sets:
    """Typed reps for the current set and, in order, the sets after it ("10/10": left, right)."""

    reps: tuple[int, ...]
    seq: int | None = None


@dataclass(frozen=True, slots=True)
class Continue:
    """Go on where the user was before "this hurts" (offered after pain 0-3 only)."""

    seq: int | None = None


@dataclass(frozen=True, slots=True)
class Finish:
    """Finish for today: end now, keep what was logged."""

    seq: int | None = None


@dataclass(frozen=True, slots=True)
class Hurts:
    seq: int | None = None


@dataclass(frozen=True, slots=True)
class Pain:
    """The answer to a pain question, 0-10."""

    pain: int
    seq: int | None = None


@dataclass(frozen=True, slots=True)
class TakeRegression:
    seq: int | None = None


@dataclass(frozen=True, slots=True)
class SkipExercise:
    seq: int | None = None


@dataclass(frozen=True, slots=True)
class NewSymptom:
    seq: int | None = None


Event = (
    Next
    | Done
    | Fewer
    | Count
    | Sets
    | Hurts
    | Pain
    | Continue
    | TakeRegression
    | SkipExercise
    | NewSymptom
    | Finish
)


# ---------------------------------------------------------------------------------------------
# Effects: what the caller renders or records, in order.


@dataclass(frozen=True, slots=True)
class ShowIntro:
    """Picture and start position; `number` of `total` exercises in this session."""

    exercise: str
    number: int
    total: int


@dataclass(frozen=True, slots=True)
class ShowStep:
    exercise: str
    n: int
    steps: int


@dataclass(frozen=True, slots=True)
class AskReps:
    """Ask for one set: do `reps` reps on `side` (no side: the whole set)."""

    exercise: str
    side: Side | None
    reps: int


@dataclass(frozen=True, slots=True)
class AskPain:
    exercise: str


@dataclass(frozen=True, slots=True)
class OfferRegression:
    """Offer the easier variant (or skipping the exercise); after pain 0-3 also continuing."""

    exercise: str
    regression: str
    can_continue: bool = False


@dataclass(frozen=True, slots=True)
class OfferSkip:
    """No easier variant: offer moving on (after pain 0-3 also continuing)."""

    exercise: str
    can_continue: bool = False


@dataclass(frozen=True, slots=True)
class RecordReps:
    exercise: str
    side: Side | None
    reps: int


@dataclass(frozen=True, slots=True)
class RecordPain:
    exercise: str
    pain: int
    light: Light


@dataclass(frozen=True, slots=True)
class RecordFinalPain:
    pain: int
    light: Light


@dataclass(frozen=True, slots=True)
class StopSession:
    """End the session with the stop-and-seek-advice note; the caller offers /screen."""

    reason: StopReason


@dataclass(frozen=True, slots=True)
class AskFinalPain:
    pass


@dataclass(frozen=True, slots=True)
class RepRecord:
    exercise: str
    side: Side | None
    reps: int


@dataclass(frozen=True, slots=True)
class PainRecord:
    exercise: str
    pain: int


@dataclass(frozen=True, slots=True)
class Summary:
    reps: tuple[RepRecord, ...]
    exercises_done: tuple[str, ...]
    """Exercises with at least one set recorded, in the order done."""
    skipped: tuple[str, ...]
    final_pain: int | None
    final_light: Light | None
    """A red light here means: show the stop-and-seek-advice note with the summary."""
    ended_early: bool = False
    """The user finished for today before the last exercise."""
    planned: int = 0
    """How many exercises the session had."""

    @property
    def total_reps(self) -> int:
        return sum(r.reps for r in self.reps)


@dataclass(frozen=True, slots=True)
class Invalid:
    """The event did not fit; the walkthrough is unchanged. Re-show `prompt` if needed."""

    reason: InvalidReason


Effect = (
    ShowIntro
    | ShowStep
    | AskReps
    | AskPain
    | OfferRegression
    | OfferSkip
    | RecordReps
    | RecordPain
    | RecordFinalPain
    | StopSession
    | AskFinalPain
    | Summary
    | Invalid
)


# ---------------------------------------------------------------------------------------------
# State


@dataclass(frozen=True, slots=True)
class Walkthrough:
    catalogue_version: int
    session_id: str
    kind: Kind
    level: str | None
    """The level of a full workout; None for a single exercise or a break."""
    exercises: tuple[str, ...]
    index: int = 0
    phase: Phase = Phase.INTRO
    step: int = 0
    """1-based step number while in the step phase."""
    set_index: int = 0
    """Index into the current exercise's sets (left, right or the one set without side)."""
    seq: int = 0
    """Counts accepted events; buttons carry it so stale taps are recognised."""
    reps: tuple[RepRecord, ...] = ()
    pains: tuple[PainRecord, ...] = ()
    skipped: tuple[str, ...] = ()
    final_pain: int | None = None
    stop_reason: StopReason | None = None
    resume_phase: Phase | None = None
    """Where "this hurts" was tapped, while continuing from there is offered (pain 0-3)."""

    @property
    def current(self) -> str | None:
        """The current exercise id; None once past the last exercise."""
        return self.exercises[self.index] if self.index < len(self.exercises) else None

    @property
    def finished(self) -> bool:
        return self.phase in _FINISHED

    def to_dict(self) -> dict[str, object]:
        return {
            "format": FORMAT_VERSION,
            "catalogue_version": self.catalogue_version,
            "session_id": self.session_id,
            "kind": self.kind.value,
            "level": self.level,
            "exercises": list(self.exercises),
            "index": self.index,
            "phase": self.phase.value,
            "step": self.step,
            "set_index": self.set_index,
            "seq": self.seq,
            "reps": [[r.exercise, r.side, r.reps] for r in self.reps],
            "pains": [[p.exercise, p.pain] for p in self.pains],
            "skipped": list(self.skipped),
            "final_pain": self.final_pain,
            "stop_reason": None if self.stop_reason is None else self.stop_reason.value,
            "resume_phase": None if self.resume_phase is None else self.resume_phase.value,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Walkthrough:
        """Read back what to_dict wrote; anything else is a WalkthroughError."""
        if data.get("format") != FORMAT_VERSION:
            raise WalkthroughError(f"unknown walkthrough format {data.get('format')!r}")
        try:
            reps = tuple(
                RepRecord(_str(e), _side(s), _int(n))
                for e, s, n in (_row(r, 3) for r in _list(data.get("reps")))
            )
            pains = tuple(
                PainRecord(_str(e), _int(n))
                for e, n in (_row(r, 2) for r in _list(data.get("pains")))
            )
            stop = data.get("stop_reason")
            level = data.get("level")
            final_pain = data.get("final_pain")
            resume_phase = data.get("resume_phase")  # absent in rows stored before it existed
            return cls(
                catalogue_version=_int(data.get("catalogue_version")),
                session_id=_str(data.get("session_id")),
                kind=Kind(_str(data.get("kind"))),
                level=None if level is None else _str(level),
                exercises=tuple(_str(e) for e in _list(data.get("exercises"))),
                index=_int(data.get("index")),
                phase=Phase(_str(data.get("phase"))),
                step=_int(data.get("step")),
                set_index=_int(data.get("set_index")),
                seq=_int(data.get("seq")),
                reps=reps,
                pains=pains,
                skipped=tuple(_str(e) for e in _list(data.get("skipped"))),
                final_pain=None if final_pain is None else _int(final_pain),
                stop_reason=None if stop is None else StopReason(_str(stop)),
                resume_phase=None if resume_phase is None else Phase(_str(resume_phase)),
            )
        except (TypeError, ValueError) as exc:
            raise WalkthroughError(f"bad stored walkthrough: {exc}") from None


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {value!r}")
    return value


def _int(value: object) -> int:
    if type(value) is not int or value < 0:
        raise TypeError(f"expected a non-negative integer, got {value!r}")
    return value


def _list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {value!r}")
    return value


def _row(value: object, size: int) -> list[object]:
    row = _list(value)
    if len(row) != size:
        raise TypeError(f"expected {size} items, got {row!r}")
    return row


def _side(value: object) -> Side | None:
    if value is None or value == "left" or value == "right":
        return value
    raise TypeError(f"expected a side, got {value!r}")


def _consistent(catalogue: Catalogue, wt: Walkthrough) -> bool:
    """Does the stored state fit this catalogue, so that `advance` can work on it?"""
    if wt.catalogue_version != catalogue.version or not wt.exercises:
        return False
    if any(e not in catalogue.exercises for e in wt.exercises):
        return False
    count = len(wt.exercises)
    if wt.phase in {Phase.FINAL_PAIN, Phase.DONE}:
        return wt.index == count
    if wt.phase in {Phase.STOPPED, Phase.ENDED}:
        return wt.index <= count
    if wt.index >= count:
        return False
    ex = catalogue.exercises[wt.exercises[wt.index]]
    if wt.phase is Phase.STEP:
        return 1 <= wt.step <= ex.steps
    if wt.phase is Phase.REPS or wt.resume_phase is Phase.REPS:
        return wt.set_index < len(ex.set_sides)
    if wt.resume_phase is Phase.STEP:
        return 1 <= wt.step <= ex.steps
    return wt.resume_phase in {None, Phase.INTRO}


def resume(catalogue: Catalogue, data: Mapping[str, object]) -> Walkthrough | None:
    """The stored walkthrough, or None when it is unreadable or from another catalogue
    version (the caller then starts afresh instead of misreading old progress)."""
    try:
        wt = Walkthrough.from_dict(data)
    except WalkthroughError:
        return None
    return wt if _consistent(catalogue, wt) else None


# ---------------------------------------------------------------------------------------------
# Starting


def _start(
    catalogue: Catalogue, session_id: str, kind: Kind, level: str | None, ids: Sequence[str]
) -> Walkthrough:
    if not _SESSION_ID_RE.match(session_id):
        raise WalkthroughError(f"session id {session_id!r} must be 1-16 of A-Z a-z 0-9 _ -")
    for eid in ids:
        if eid not in catalogue.exercises:
            raise WalkthroughError(f"unknown exercise {eid!r}")
    if not ids:
        raise WalkthroughError("a walkthrough needs at least one exercise")
    return Walkthrough(
        catalogue_version=catalogue.version,
        session_id=session_id,
        kind=kind,
        level=level,
        exercises=tuple(ids),
    )


def start_workout(catalogue: Catalogue, level: str, session_id: str) -> Walkthrough:
    """A full session of `level`; show `prompt(...)` (the first intro) next."""
    ids = catalogue.levels.get(level)
    if ids is None:
        raise WalkthroughError(f"unknown level {level!r}")
    return _start(catalogue, session_id, Kind.WORKOUT, level, ids)


def start_single(catalogue: Catalogue, exercise_id: str, session_id: str) -> Walkthrough:
    return _start(catalogue, session_id, Kind.SINGLE, None, (exercise_id,))


def start_break(catalogue: Catalogue, session_id: str) -> Walkthrough:
    """The 2-minute desk break: the catalogue's break exercises in order, one Next each."""
    if not catalogue.break_exercises:
        raise WalkthroughError("the catalogue names no break exercises")
    return _start(catalogue, session_id, Kind.BREAK, None, catalogue.break_exercises)


# ---------------------------------------------------------------------------------------------
# The state machine


def _exercise(catalogue: Catalogue, wt: Walkthrough) -> Exercise:
    return catalogue.exercises[wt.exercises[wt.index]]


def _summary(catalogue: Catalogue, wt: Walkthrough) -> Summary:
    light = None if wt.final_pain is None else catalogue.traffic_light(wt.final_pain)
    return Summary(
        reps=wt.reps,
        exercises_done=tuple(dict.fromkeys(r.exercise for r in wt.reps)),
        skipped=wt.skipped,
        final_pain=wt.final_pain,
        final_light=light,
        ended_early=wt.phase is Phase.ENDED,
        planned=len(wt.exercises),
    )


def _offer(catalogue: Catalogue, wt: Walkthrough) -> OfferRegression | OfferSkip:
    ex = _exercise(catalogue, wt)
    regression = ex.regression
    can_continue = wt.resume_phase is not None
    if regression is not None and regression not in wt.exercises:
        return OfferRegression(ex.id, regression, can_continue)
    return OfferSkip(ex.id, can_continue)


def prompt(catalogue: Catalogue, wt: Walkthrough) -> Effect:
    """What to show for the current phase: the first message, or again after a restart."""
    match wt.phase:
        case Phase.INTRO:
            return ShowIntro(wt.exercises[wt.index], wt.index + 1, len(wt.exercises))
        case Phase.STEP:
            ex = _exercise(catalogue, wt)
            return ShowStep(ex.id, wt.step, ex.steps)
        case Phase.REPS:
            ex = _exercise(catalogue, wt)
            return AskReps(ex.id, ex.set_sides[wt.set_index], ex.reps)
        case Phase.PAIN_QUESTION:
            return AskPain(wt.exercises[wt.index])
        case Phase.REGRESSION_OFFER:
            return _offer(catalogue, wt)
        case Phase.FINAL_PAIN:
            return AskFinalPain()
        case Phase.DONE | Phase.ENDED:
            return _summary(catalogue, wt)
        case Phase.STOPPED:
            return StopSession(wt.stop_reason or StopReason.PAIN)


def _next_exercise(
    catalogue: Catalogue, wt: Walkthrough, effects: list[Effect]
) -> tuple[Walkthrough, list[Effect]]:
    index = wt.index + 1
    if index < len(wt.exercises):
        wt = replace(wt, index=index, phase=Phase.INTRO, step=0, set_index=0)
    elif wt.kind is Kind.BREAK:
        wt = replace(wt, index=index, phase=Phase.DONE, step=0, set_index=0)
    else:
        wt = replace(wt, index=index, phase=Phase.FINAL_PAIN, step=0, set_index=0)
    return wt, [*effects, prompt(catalogue, wt)]


def _record_set(
    catalogue: Catalogue, wt: Walkthrough, reps: int
) -> tuple[Walkthrough, list[Effect]]:
    ex = _exercise(catalogue, wt)
    side = ex.set_sides[wt.set_index]
    wt = replace(wt, reps=(*wt.reps, RepRecord(ex.id, side, reps)))
    effects: list[Effect] = [RecordReps(ex.id, side, reps)]
    if wt.set_index + 1 < len(ex.set_sides):
        wt = replace(wt, set_index=wt.set_index + 1)
        return wt, [*effects, prompt(catalogue, wt)]
    return _next_exercise(catalogue, wt, effects)


def _record_sets(
    catalogue: Catalogue, wt: Walkthrough, sets: tuple[int, ...]
) -> tuple[Walkthrough, list[Effect]] | InvalidReason:
    """Typed sets: the current one and the ones after it of the same exercise, in order."""
    remaining = len(_exercise(catalogue, wt).set_sides) - wt.set_index
    if not sets or len(sets) > remaining:
        return InvalidReason.OUT_OF_RANGE
    if any(not 1 <= reps <= MAX_REPS for reps in sets):
        return InvalidReason.OUT_OF_RANGE
    records: list[Effect] = []
    effects: list[Effect] = []
    for reps in sets:
        wt, effects = _record_set(catalogue, wt, reps)
        records.extend(e for e in effects if isinstance(e, RecordReps))
    # Only what follows the last set is shown: no "now the right side" for a typed "10/10".
    return wt, [*records, *(e for e in effects if not isinstance(e, RecordReps))]


def _finish(catalogue: Catalogue, wt: Walkthrough) -> tuple[Walkthrough, list[Effect]]:
    """Finish for today. After the last exercise (only the final question left) it is done."""
    phase = Phase.DONE if wt.phase is Phase.FINAL_PAIN else Phase.ENDED
    wt = replace(wt, phase=phase, resume_phase=None)
    return wt, [prompt(catalogue, wt)]


def _stop(
    wt: Walkthrough, reason: StopReason, effects: list[Effect]
) -> tuple[Walkthrough, list[Effect]]:
    return replace(wt, phase=Phase.STOPPED, stop_reason=reason), [*effects, StopSession(reason)]


def _transition(
    catalogue: Catalogue, wt: Walkthrough, event: Event
) -> tuple[Walkthrough, list[Effect]] | InvalidReason:
    phase = wt.phase
    match event:
        case NewSymptom() if phase not in _FINISHED:
            return _stop(wt, StopReason.NEW_SYMPTOM, [])
        case Next() if phase is Phase.INTRO:
            if wt.kind is Kind.BREAK:
                # A desk exercise is done in its one message; nothing is counted.
                return _next_exercise(catalogue, wt, [])
            wt = replace(wt, phase=Phase.STEP, step=1)
            return wt, [prompt(catalogue, wt)]
        case Next() if phase is Phase.STEP:
            if wt.step < _exercise(catalogue, wt).steps:
                wt = replace(wt, step=wt.step + 1)
            else:
                wt = replace(wt, phase=Phase.REPS, step=0, set_index=0)
            return wt, [prompt(catalogue, wt)]
        case Done() if phase is Phase.REPS:
            return _record_set(catalogue, wt, _exercise(catalogue, wt).reps)
        case Fewer(reps=reps) if phase is Phase.REPS:
            if not 1 <= reps < _exercise(catalogue, wt).reps:
                return InvalidReason.OUT_OF_RANGE
            return _record_set(catalogue, wt, reps)
        case Count(reps=reps) if phase is Phase.REPS:
            if not 1 <= reps <= MAX_REPS:
                return InvalidReason.OUT_OF_RANGE
            return _record_set(catalogue, wt, reps)
        case Sets(reps=sets) if phase is Phase.REPS:
            return _record_sets(catalogue, wt, sets)
        case Finish() if phase not in _FINISHED:
            return _finish(catalogue, wt)
        case Hurts() if phase in _ACTIVE:
            wt = replace(wt, phase=Phase.PAIN_QUESTION, resume_phase=phase)
            return wt, [prompt(catalogue, wt)]
        case Continue() if phase is Phase.REGRESSION_OFFER and wt.resume_phase is not None:
            wt = replace(wt, phase=wt.resume_phase, resume_phase=None)
            return wt, [prompt(catalogue, wt)]
        case Pain(pain=pain) if phase in {Phase.PAIN_QUESTION, Phase.FINAL_PAIN}:
            if not 0 <= pain <= PAIN_MAX:
                return InvalidReason.OUT_OF_RANGE
            light = catalogue.traffic_light(pain)
            if phase is Phase.FINAL_PAIN:
                wt = replace(wt, phase=Phase.DONE, final_pain=pain)
                return wt, [RecordFinalPain(pain, light), prompt(catalogue, wt)]
            ex_id = wt.exercises[wt.index]
            wt = replace(wt, pains=(*wt.pains, PainRecord(ex_id, pain)))
            effects: list[Effect] = [RecordPain(ex_id, pain, light)]
            if pain >= catalogue.progression.step_down_pain:
                return _stop(wt, StopReason.PAIN, effects)
            # Only a green answer may go on with the same exercise; amber eases off.
            resume = wt.resume_phase if light == "green" else None
            wt = replace(wt, phase=Phase.REGRESSION_OFFER, resume_phase=resume)
            return wt, [*effects, prompt(catalogue, wt)]
        case TakeRegression() if phase is Phase.REGRESSION_OFFER:
            offer = _offer(catalogue, wt)
            if not isinstance(offer, OfferRegression):
                return InvalidReason.STALE
            exercises = list(wt.exercises)
            exercises[wt.index] = offer.regression
            wt = replace(
                wt,
                exercises=tuple(exercises),
                phase=Phase.INTRO,
                step=0,
                set_index=0,
                resume_phase=None,
            )
            return wt, [prompt(catalogue, wt)]
        case SkipExercise() if phase in _ACTIVE or phase is Phase.REGRESSION_OFFER:
            skipped = (*wt.skipped, wt.exercises[wt.index])
            wt = replace(wt, skipped=skipped, resume_phase=None)
            return _next_exercise(catalogue, wt, [])
    return InvalidReason.STALE


def advance(
    catalogue: Catalogue, wt: Walkthrough, event: Event
) -> tuple[Walkthrough, list[Effect]]:
    """Apply one event. Never raises on user input: misfits are an `Invalid` effect."""
    if event.seq is not None and event.seq != wt.seq:
        return wt, [Invalid(InvalidReason.STALE)]
    result = _transition(catalogue, wt, event)
    if isinstance(result, InvalidReason):
        return wt, [Invalid(result)]
    new, effects = result
    return replace(new, seq=wt.seq + 1), effects


_RECORDS: Final = (RecordReps, RecordPain, RecordFinalPain)


def halt(wt: Walkthrough, effects: Sequence[Effect]) -> tuple[Walkthrough, list[Effect]]:
    """End the session at once because a safety hold was placed.

    What was recorded stays recorded (and a pain answer still shows its light); nothing of
    what would have come next (an easier exercise, the next step) is shown.
    """
    if wt.finished:  # already ended by the stop itself, or the summary after the last pain
        return wt, list(effects)
    kept: list[Effect] = [effect for effect in effects if isinstance(effect, _RECORDS)]
    return replace(wt, phase=Phase.STOPPED, stop_reason=StopReason.PAIN), kept


# ---------------------------------------------------------------------------------------------
# Handing the session to the ladder


def session_outcome(wt: Walkthrough, local_date: date) -> SessionOutcome:
    """What the progression ladder needs from this walkthrough."""
    exercise_pains: dict[str, int | None] = {}
    for record in wt.reps:
        exercise_pains.setdefault(record.exercise, None)
    for pain in wt.pains:
        if pain.exercise in exercise_pains:
            current = exercise_pains[pain.exercise]
            exercise_pains[pain.exercise] = max(pain.pain, current or 0)
    all_pains = [p.pain for p in wt.pains]
    if wt.final_pain is not None:
        all_pains.append(wt.final_pain)
    return SessionOutcome(
        local_date=local_date,
        exercise_pains=exercise_pains,
        max_pain=max(all_pains, default=None),
        completed=wt.phase is Phase.DONE,
        new_symptom=wt.stop_reason is StopReason.NEW_SYMPTOM,
    )
