"""Guided exercise walkthroughs: /workout, /exercise and the 2-minute break.

The walkthrough in progress lives in the user's dialog (flow "walkthrough"), so a restart
resumes at the same step. Sets and pain answers go to the shared activity log as they happen;
a finished or stopped session is stored as an outcome, from which the progression ladder is
replayed. Every entry point returns views; the bot renders them.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from coach import safety, screening, walkthrough
from coach.activity import EntrySource, PainCheckIn, PainContext, RepEntry
from coach.catalogue import Catalogue
from coach.clock import Clock
from coach.dialog import Dialog
from coach.hold import Hold, HoldReason, hold_for_symptom
from coach.ports import UnitOfWork, UnitOfWorkFactory
from coach.progression import LevelDecision, SessionOutcome, current_level
from coach.screening import Access
from coach.services.safety import (
    HoldPlaced,
    expect_urgent_followup,
    hold_for_pain_score,
    place_hold,
)
from coach.typed_walkthrough import OUT_OF_RANGE, is_stop_word, typed_sets, typed_word
from coach.walkthrough import Kind, Phase, Walkthrough
from coach.zones import served_zone

FLOW: Final = "walkthrough"
_NUMBER_RE: Final = re.compile(r"^\s*([+-]?\d{1,9})\s*$")

__all__ = [
    "FLOW",
    "BreakWithoutExercises",
    "ChooseExercise",
    "Expired",
    "Hint",
    "Level",
    "Refused",
    "Show",
    "View",
    "WorkoutService",
]


# ---- views: what to show next ------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    """The safety screening does not clear this user for exercises."""

    access: Access


@dataclass(frozen=True)
class Expired:
    """A stale or forged button; the current step (if any) follows."""


@dataclass(frozen=True)
class Show:
    """One step of the walkthrough; its buttons carry `session_id` and `seq`."""

    effect: walkthrough.Effect
    session_id: str
    seq: int
    kind: Kind


@dataclass(frozen=True)
class Level:
    """Where the user stands on the ladder, and why (at the start or the end of a workout)."""

    decision: LevelDecision
    at_start: bool


@dataclass(frozen=True)
class ChooseExercise:
    exercises: tuple[str, ...]


@dataclass(frozen=True)
class Hint:
    """Typed input that does not fit the step: "reps", "reps-range", "pain", "steps",
    "buttons" or "unsupported"."""

    kind: str


@dataclass(frozen=True)
class BreakWithoutExercises:
    """The break for a user who is not cleared: stand up and move, no exercises."""

    access: Access


View = (
    Refused
    | Expired
    | Show
    | Level
    | ChooseExercise
    | Hint
    | BreakWithoutExercises
    | safety.SymptomReply
    | HoldPlaced
)

_SHOWN: Final = (
    walkthrough.ShowIntro,
    walkthrough.ShowStep,
    walkthrough.AskReps,
    walkthrough.AskPain,
    walkthrough.RecordPain,
    walkthrough.OfferRegression,
    walkthrough.OfferSkip,
    walkthrough.StopSession,
    walkthrough.AskFinalPain,
    walkthrough.Summary,
)


def parse_number(text: str) -> int | None:
    """A plain typed whole number ("8", " -3 "), else None."""
    match = _NUMBER_RE.match(text)
    return int(match.group(1)) if match else None


class WorkoutService:
    """Use cases of the guided walkthroughs."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, catalogue: Catalogue) -> None:
        self._uow = uow
        self._clock = clock
        self.catalogue = catalogue

    # ---- entry points ----------------------------------------------------------------------

    async def start_workout(self, user_id: int) -> list[View]:
        """/workout: resume the workout in progress, or start one at the user's level."""
        async with self._uow() as work:
            access = await self._access(work, user_id)
            if not access.allowed:
                return [Refused(access)]
            current = await self._stored(work, user_id)
            if current is not None and current.kind is Kind.WORKOUT and not current.finished:
                return [self._show(current, walkthrough.prompt(self.catalogue, current))]
            decision = await self._level(work, user_id)
            wt = walkthrough.start_workout(self.catalogue, decision.level, _new_session_id())
            views = await self._begin(work, user_id, wt)
            await work.commit()
        return [Level(decision, at_start=True), *views]

    async def exercise_menu(self, user_id: int) -> list[View]:
        """/exercise: which exercise to practise, of those the ladder has opened."""
        async with self._uow() as work:
            access = await self._access(work, user_id)
            if not access.allowed:
                return [Refused(access)]
            return [ChooseExercise(self._opened(await self._level(work, user_id)))]

    async def start_single(self, user_id: int, exercise_id: str) -> list[View]:
        """Practise one exercise from the /exercise menu; replaces any walkthrough."""
        if exercise_id not in self.catalogue.exercises:
            return [Expired()]
        async with self._uow() as work:
            access = await self._access(work, user_id)
            if not access.allowed:
                return [Refused(access)]
            if exercise_id not in self._opened(await self._level(work, user_id)):
                return [Expired()]
            wt = walkthrough.start_single(self.catalogue, exercise_id, _new_session_id())
            views = await self._begin(work, user_id, wt)
            await work.commit()
        return views

    async def start_break(self, user_id: int) -> list[View]:
        """The 2-minute mini break after long sitting (the reminder's "Start break").

        A user whose screening does not clear them (or who is on a hold) gets
        `BreakWithoutExercises`: stand up and walk, no exercises.
        """
        async with self._uow() as work:
            access = await self._access(work, user_id)
            if not access.allowed:
                return [BreakWithoutExercises(access)]
            wt = walkthrough.start_break(self.catalogue, _new_session_id())
            views = await self._begin(work, user_id, wt)
            await work.commit()
        return views

    async def press(
        self, user_id: int, session_id: str, seq: int, event: walkthrough.Event
    ) -> list[View]:
        """A walkthrough button; `event.seq` must be `seq` (stale taps are expired)."""
        async with self._uow() as work:
            wt = await self._stored(work, user_id)
            if wt is None or wt.finished:
                return [Expired()]
            refused = await self._refuse_held(work, user_id)
            if refused is not None:
                return refused
            if wt.session_id != session_id or wt.seq != seq:
                return [Expired(), self._show(wt, walkthrough.prompt(self.catalogue, wt))]
            views = await self._advance(work, user_id, wt, event)
            await work.commit()
        return views

    async def typed(
        self, user_id: int, text: str, language: str | None = None
    ) -> list[View] | None:
        """Typed text during a walkthrough; None when no walkthrough is in progress.

        `language` is the user's: typed words are read in it first."""
        async with self._uow() as work:
            wt = await self._stored(work, user_id)
            if wt is None or wt.finished:
                return None
            note = safety.symptom_reply(text)
            if note is not None:
                # "My leg is numb" typed mid-exercise ends the session like the button does.
                views = await self._advance(
                    work, user_id, wt, walkthrough.NewSymptom(), urgent=note.urgent
                )
                await work.commit()
                return [*(v for v in views if not isinstance(v, HoldPlaced)), note]
            refused = await self._refuse_held(work, user_id)
            if refused is not None:
                return refused
            event = self._typed_event(wt, text, language)
            if isinstance(event, Hint):
                return [event]  # one short hint; the buttons above still work
            views = await self._advance(work, user_id, wt, event)
            await work.commit()
        return views

    def _typed_event(
        self, wt: Walkthrough, text: str, language: str | None
    ) -> walkthrough.Event | Hint:
        """The event typed text stands for, or the hint that says what fits this step."""
        if is_stop_word(text, language):
            return walkthrough.Finish()
        word = typed_word(text, language)
        if word == "hurts" and wt.phase in (Phase.INTRO, Phase.STEP, Phase.REPS):
            return walkthrough.Hurts()
        if word == "next" and wt.phase in (Phase.INTRO, Phase.STEP):
            return walkthrough.Next()
        if word == "next" and wt.phase is Phase.REGRESSION_OFFER and wt.resume_phase:
            return walkthrough.Continue()
        if word == "done" and wt.phase is Phase.REPS:
            return walkthrough.Done()
        if wt.phase is Phase.REPS:
            exercise = self.catalogue.exercise(wt.exercises[wt.index])
            sets = typed_sets(text, exercise, wt.set_index, walkthrough.MAX_REPS, language)
            if sets == OUT_OF_RANGE:
                return Hint("reps-range")
            if sets is None or isinstance(sets, str):
                return Hint("reps")
            return walkthrough.Sets(sets)
        if wt.phase in (Phase.PAIN_QUESTION, Phase.FINAL_PAIN):
            number = parse_number(text)
            if number is None or not 0 <= number <= 10:
                return Hint("pain")
            return walkthrough.Pain(number)
        return Hint("steps" if wt.phase in (Phase.INTRO, Phase.STEP) else "buttons")

    async def finish(self, user_id: int) -> list[View] | None:
        """/cancel during a walkthrough: end it with the summary; None when none is open."""
        async with self._uow() as work:
            wt = await self._stored(work, user_id)
            if wt is None or wt.finished:
                return None
            views = await self._advance(work, user_id, wt, walkthrough.Finish())
            await work.commit()
        return views

    async def current(self, user_id: int) -> list[View] | None:
        """The step the user is at, or None when no walkthrough is in progress."""
        async with self._uow() as work:
            wt = await self._stored(work, user_id)
        if wt is None or wt.finished:
            return None
        return [self._current(wt)]

    async def level(self, user_id: int) -> LevelDecision:
        async with self._uow() as work:
            return await self._level(work, user_id)

    async def picture_file_id(self, key: str) -> str | None:
        """Telegram's id of a picture uploaded before, so it is not uploaded again."""
        async with self._uow() as work:
            return await work.pictures.get(key)

    async def remember_picture(self, key: str, file_id: str) -> None:
        async with self._uow() as work:
            await work.pictures.put(key, file_id, self._clock.now())
            await work.commit()

    # ---- internals -------------------------------------------------------------------------

    async def _access(self, work: UnitOfWork, user_id: int) -> Access:
        latest = await work.screenings.latest(user_id)
        return screening.exercise_access(latest, self._clock.now())

    async def _refuse_held(self, work: UnitOfWork, user_id: int) -> list[View] | None:
        """A walkthrough left open when access closed ends here, with the reason; else None."""
        access = await self._access(work, user_id)
        if access.allowed:
            return None
        await work.dialogs.clear(user_id)
        await work.commit()
        return [Refused(access)]

    def _opened(self, decision: LevelDecision) -> tuple[str, ...]:
        """Exercises of the user's level and the levels below it, in catalogue order."""
        opened: set[str] = set()
        for level, ids in self.catalogue.levels.items():
            opened.update(ids)
            if level == decision.level:
                break
        return tuple(e for e in self.catalogue.exercises if e in opened)

    async def _stored(self, work: UnitOfWork, user_id: int) -> Walkthrough | None:
        dialog = await work.dialogs.get(user_id)
        if dialog is None or dialog.flow != FLOW:
            return None
        return walkthrough.resume(self.catalogue, dialog.data)

    async def _level(self, work: UnitOfWork, user_id: int) -> LevelDecision:
        history = await work.workouts.history(user_id)
        return current_level(history, self.catalogue.progression)

    async def _begin(self, work: UnitOfWork, user_id: int, wt: Walkthrough) -> list[View]:
        await self._save(work, user_id, wt)
        return [self._show(wt, walkthrough.prompt(self.catalogue, wt))]

    async def _save(self, work: UnitOfWork, user_id: int, wt: Walkthrough) -> None:
        dialog = Dialog(FLOW, wt.phase.value, wt.to_dict())
        await work.dialogs.put(user_id, dialog, self._clock.now())

    def _show(self, wt: Walkthrough, effect: walkthrough.Effect) -> Show:
        return Show(effect, wt.session_id, wt.seq, wt.kind)

    def _current(self, wt: Walkthrough) -> Show:
        return self._show(wt, walkthrough.prompt(self.catalogue, wt))

    async def _local_date(self, work: UnitOfWork, user_id: int, now: datetime) -> date:
        profile = await work.users.get(user_id)
        zone_name = profile.timezone if profile is not None else None
        return now.astimezone(ZoneInfo(served_zone(zone_name))).date()

    async def _advance(
        self,
        work: UnitOfWork,
        user_id: int,
        wt: Walkthrough,
        event: walkthrough.Event,
        *,
        urgent: bool = False,
    ) -> list[View]:
        new, effects = walkthrough.advance(self.catalogue, wt, event)
        if any(isinstance(effect, walkthrough.Invalid) for effect in effects):
            return [Expired(), self._current(wt)]
        now = self._clock.now()
        hold = await self._hold(work, user_id, event, effects, now, urgent=urgent)
        if hold is not None:
            new, effects = walkthrough.halt(new, effects)
        today = await self._local_date(work, user_id, now)
        views: list[View] = []
        for effect in effects:
            await self._record(work, user_id, new, effect, today, now)
            if isinstance(effect, _SHOWN):
                views.append(self._show(new, effect))
        offer: list[View] = [HoldPlaced(hold)] if hold is not None else []
        if not new.finished:
            await self._save(work, user_id, new)
            return [*views, *offer]
        await work.dialogs.clear(user_id)
        if hold is not None and hold.reason is HoldReason.URGENT:
            await expect_urgent_followup(work, user_id, now)
        if new.phase is Phase.ENDED and not new.reps and not new.pains:
            return [*views, *offer]  # finished before anything was done: nothing to store
        outcome = walkthrough.session_outcome(new, today)
        if new.kind is not Kind.WORKOUT:
            # Practice and breaks never unlock a level, but their pain still counts.
            outcome = replace(outcome, completed=False)
        await work.workouts.add(user_id, new.session_id, new.kind.value, outcome, now)
        # The ladder is news after a workout, or when pain stepped it down; not while held.
        painful = _painful(outcome, self.catalogue)
        full = new.kind is Kind.WORKOUT and new.phase is not Phase.ENDED
        if (full and hold is None) or painful:
            views.append(Level(await self._level(work, user_id), at_start=False))
        return [*views, *offer]

    async def _hold(
        self,
        work: UnitOfWork,
        user_id: int,
        event: walkthrough.Event,
        effects: list[walkthrough.Effect],
        now: datetime,
        *,
        urgent: bool,
    ) -> Hold | None:
        """The hold this step places: a new symptom, pain 6+, or 2+ above the screening."""
        if isinstance(event, walkthrough.NewSymptom):
            return await place_hold(work, user_id, hold_for_symptom(urgent, now))
        pains = [
            effect.pain
            for effect in effects
            if isinstance(effect, walkthrough.RecordPain | walkthrough.RecordFinalPain)
        ]
        if not pains:
            return None
        return await hold_for_pain_score(work, user_id, max(pains), now)

    async def _record(
        self,
        work: UnitOfWork,
        user_id: int,
        wt: Walkthrough,
        effect: walkthrough.Effect,
        today: date,
        now: datetime,
    ) -> None:
        match effect:
            case walkthrough.RecordReps(exercise=exercise, side=side, reps=reps):
                await work.reps.add(
                    RepEntry(
                        user_id=user_id,
                        exercise_id=exercise,
                        side=side,
                        reps=reps,
                        source=EntrySource.WALKTHROUGH,
                        local_date=today,
                        recorded_at=now,
                        session_id=wt.session_id,
                    )
                )
            case walkthrough.RecordPain(exercise=exercise, pain=pain):
                await work.pains.add(
                    PainCheckIn(
                        user_id=user_id,
                        pain=pain,
                        context=PainContext.HURTS,
                        local_date=today,
                        recorded_at=now,
                        exercise_id=exercise,
                        session_id=wt.session_id,
                    )
                )
            case walkthrough.RecordFinalPain(pain=pain):
                await work.pains.add(
                    PainCheckIn(
                        user_id=user_id,
                        pain=pain,
                        context=PainContext.AFTER_SESSION,
                        local_date=today,
                        recorded_at=now,
                        session_id=wt.session_id,
                    )
                )
            case _:
                pass


def _painful(outcome: SessionOutcome, catalogue: Catalogue) -> bool:
    pain = outcome.max_pain
    return outcome.new_symptom or (
        pain is not None and pain >= catalogue.progression.step_down_pain
    )


def _new_session_id() -> str:
    """12 URL-safe characters: unique enough, and short enough for callback data."""
    return secrets.token_urlsafe(9)
