"""Onboarding: the safety screening, then the profile questions, then a summary to confirm.

Progress lives in the user's stored dialog, so a restart resumes at the same question. Every
entry point returns views (what to show next); the bot turns them into messages.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from coach import screening, timezones
from coach.clock import Clock
from coach.dialog import Dialog
from coach.ports import UnitOfWork, UnitOfWorkFactory
from coach.profile import OFFERED_SIT_INTERVALS, Profile
from coach.profile_answers import EXERCISE_TIME_PRESETS as EXERCISE_TIME_PRESETS
from coach.profile_answers import NO_EXERCISE_TIME as NO_EXERCISE_TIME
from coach.profile_answers import WORK_DAY_PRESETS as WORK_DAY_PRESETS
from coach.profile_answers import WORK_HOUR_PRESETS as WORK_HOUR_PRESETS
from coach.profile_answers import Rejected, apply_answer
from coach.reminders import fits_work_hours
from coach.screening import Access, Outcome, Question, Questionnaire, ScreeningProgress
from coach.services.safety import expect_urgent_followup

FLOW: Final = "setup"
SCREENING: Final = "screening"
SUMMARY: Final = "summary"
CHANGE: Final = "change"
DOCTOR: Final = "doctor"
PROFILE_FIELDS: Final = ("timezone", "work_days", "work_hours", "sit_interval", "exercise_time")

ProfileHook = Callable[[UnitOfWork, int, datetime], Awaitable[object]]
"""Called inside the transaction that completes or changes a profile (e.g. the reminders)."""


# ---- views: what to show next ------------------------------------------------------------


@dataclass(frozen=True)
class AskScreening:
    question: Question
    notice: str | None = None  # None, "intro", "hint", "stale", "outdated"


@dataclass(frozen=True)
class ScreeningOutcome:
    result: screening.ScreeningResult


@dataclass(frozen=True)
class NotChronicNote:
    pass


@dataclass(frozen=True)
class AskDoctorConfirmation:
    pass


@dataclass(frozen=True)
class AccessGranted:
    pass


@dataclass(frozen=True)
class DoctorNotYet:
    """ "Not yet" to the doctor question: what stays open meanwhile, never silence."""

    onboarded: bool


@dataclass(frozen=True)
class AskProfile:
    field: str
    notice: str | None = None  # None, "hint", "no_match", "choose"
    candidates: tuple[timezones.City, ...] = ()


@dataclass(frozen=True)
class TimezoneChosen:
    zone: str
    display: str


@dataclass(frozen=True)
class ShowSummary:
    profile: Profile


@dataclass(frozen=True)
class ChooseChange:
    pass


@dataclass(frozen=True)
class SetupComplete:
    profile: Profile
    access: Access


@dataclass(frozen=True)
class Expired:
    """A stale or forged button; the current step (if any) follows."""


@dataclass(frozen=True)
class ShortWorkWindow:
    """The work hours are not longer than the interval: no sit-break reminder would come.

    Shown when such hours or such an interval is chosen (in setup and in settings), with
    the longest offered interval that fits, or None when only longer hours would help.
    """

    profile: Profile
    suggested: int | None


def short_window_note(profile: Profile) -> ShortWorkWindow | None:
    """The note for a profile whose first reminder would fall at or after the end of work."""

    def fits(minutes: int) -> bool:
        return fits_work_hours(profile.work_start, profile.work_end, timedelta(minutes=minutes))

    if fits(profile.sit_interval_min):
        return None
    fitting = [minutes for minutes in OFFERED_SIT_INTERVALS if fits(minutes)]
    return ShortWorkWindow(profile, max(fitting) if fitting else None)


View = (
    AskScreening
    | ScreeningOutcome
    | NotChronicNote
    | AskDoctorConfirmation
    | AccessGranted
    | DoctorNotYet
    | AskProfile
    | TimezoneChosen
    | ShowSummary
    | ChooseChange
    | SetupComplete
    | Expired
    | ShortWorkWindow
)


def _profile_step(field: str) -> str:
    return f"profile:{field}"


def _field_of(step: str) -> str | None:
    prefix, _, field = step.partition(":")
    return field if prefix == "profile" and field in PROFILE_FIELDS else None


class SetupService:
    """Use cases of onboarding and re-screening."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        questionnaire: Questionnaire,
        on_profile_saved: ProfileHook | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._questionnaire = questionnaire
        self._on_profile_saved = on_profile_saved

    # ---- entry points ----------------------------------------------------------------------

    async def begin(self, user_id: int) -> list[View]:
        """'Let's begin': resume where the user is, or start the screening (or profile)."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
            if dialog is not None and dialog.flow == FLOW:
                return await self._current(work, user_id, dialog)
            latest = await work.screenings.latest(user_id)
            profile = await self._profile(work, user_id)
            if latest is not None and not screening.rescreen_due(latest, self._clock.now()):
                if profile.onboarded:
                    return [ShowSummary(profile)]
                views = await self._next_profile_step(work, profile, None)
            else:
                views = await self._start_screening(work, user_id)
            await work.commit()
            return views

    async def rescreen(self, user_id: int) -> list[View]:
        """/screen: run the screening again from the first question."""
        async with self._uow() as work:
            await self._profile(work, user_id)
            views = await self._start_screening(work, user_id)
            await work.commit()
            return views

    async def current(self, user_id: int) -> list[View] | None:
        """The step the user is at, or None when no setup is in progress."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
            if dialog is None or dialog.flow != FLOW:
                return None
            return await self._current(work, user_id, dialog)

    async def rescreen_due(self, user_id: int) -> bool:
        """True when the last screening is 4 weeks old (or missing): time to offer it again."""
        async with self._uow() as work:
            latest = await work.screenings.latest(user_id)
        return screening.rescreen_due(latest, self._clock.now())

    async def in_progress(self, user_id: int) -> bool:
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
        return dialog is not None and dialog.flow == FLOW

    async def exercise_access(self, user_id: int) -> Access:
        """The gate every exercise feature must pass (safety screening first)."""
        async with self._uow() as work:
            latest = await work.screenings.latest(user_id)
        return screening.exercise_access(latest, self._clock.now())

    # ---- screening -------------------------------------------------------------------------

    async def answer_screening(
        self,
        user_id: int,
        question_id: str | None,
        raw: str | int | bool,
        *,
        typed: bool,
        language: str | None = None,
    ) -> list[View]:
        """A screening answer; typed text is read in `language` (the user's) first."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
            if dialog is None or dialog.flow != FLOW or dialog.step != SCREENING:
                current = await self._current(work, user_id, dialog) if dialog else []
                return [Expired(), *current]
            progress = self._progress(dialog)
            asked = screening.current_question(self._questionnaire, progress)
            if question_id is None:
                question_id = asked.id if asked else ""
            step = screening.answer(self._questionnaire, progress, question_id, raw, language)
            if isinstance(step, screening.Invalid):
                await work.dialogs.put(
                    user_id, dialog.at(SCREENING, progress=step.progress.to_dict()), self._now
                )
                await work.commit()
                if step.question is None:
                    return [Expired()]
                reason = step.reason_code.value
                if reason == "stale" and typed:
                    reason = "hint"
                if reason in ("unparseable", "out_of_range") and not typed:
                    reason = "stale"  # a button can only carry such a value if forged
                if reason == "stale":
                    return [Expired(), AskScreening(step.question)]
                notice = "outdated" if reason == "outdated" else "hint"
                return [AskScreening(step.question, notice)]
            if isinstance(step, screening.Ask):
                await work.dialogs.put(
                    user_id, dialog.at(SCREENING, progress=step.progress.to_dict()), self._now
                )
                await work.commit()
                return [AskScreening(step.question)]
            views = await self._finish_screening(work, user_id, step.result)
            await work.commit()
            return views

    async def confirm_doctor(self, user_id: int, *, cleared: bool) -> list[View]:
        """The answer to "has a doctor cleared you?"; access opens only on yes."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
            if dialog is None or dialog.flow != FLOW or dialog.step != DOCTOR:
                return [Expired()]
            views: list[View] = []
            profile = await self._profile(work, user_id)
            if cleared:
                await work.screenings.confirm_doctor_clearance(user_id)
                views.append(AccessGranted())
            else:
                views.append(DoctorNotYet(onboarded=profile.onboarded))
            views += await self._after_screening(work, profile)
            await work.commit()
            return views

    async def answer_text(
        self, user_id: int, text: str, language: str | None = None
    ) -> list[View] | None:
        """Typed text while setup is in progress; None when no setup is in progress.

        `language` is the user's: typed words are read in it first."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
        if dialog is None or dialog.flow != FLOW:
            return None
        if dialog.step == SCREENING:
            return await self.answer_screening(user_id, None, text, typed=True, language=language)
        if _field_of(dialog.step) is not None:
            return await self.answer_profile(user_id, None, text, typed=True)
        if dialog.step == DOCTOR:
            answer = screening.parse_yes_no(text, language)
            if answer is not None:
                return await self.confirm_doctor(user_id, cleared=answer)
        return await self.current(user_id)

    # ---- profile ---------------------------------------------------------------------------

    async def answer_profile(
        self, user_id: int, field: str | None, raw: str, *, typed: bool
    ) -> list[View]:
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
            current_field = _field_of(dialog.step) if dialog and dialog.flow == FLOW else None
            if dialog is None or current_field is None or (field and field != current_field):
                current = await self._current(work, user_id, dialog) if dialog else []
                return [Expired(), *current]
            profile = await self._profile(work, user_id)
            updated, problem = self._apply(profile, current_field, raw, typed=typed)
            if isinstance(problem, AskProfile):
                return [problem]
            views: list[View] = []
            if current_field == "timezone" and updated.timezone:
                views.append(TimezoneChosen(updated.timezone, problem or updated.timezone))
            await work.users.save(updated, self._now)
            # The interval comes after the hours: judge the pair once both are chosen.
            chosen = current_field == "sit_interval" or bool(dialog.data.get("back_to_summary"))
            note = short_window_note(updated)
            if note is not None and chosen and current_field in ("work_hours", "sit_interval"):
                views.append(note)
            views += await self._next_profile_step(work, updated, dialog)
            await work.commit()
            return views

    async def share_location(self, user_id: int, latitude: float, longitude: float) -> list[View]:
        zone = await timezones.resolve_location_off_loop(latitude, longitude)
        if zone is None:
            async with self._uow() as work:
                dialog = await work.dialogs.get(user_id)
            if dialog is None or _field_of(dialog.step) != "timezone":
                return [Expired()]
            return [AskProfile("timezone", "no_match")]
        return await self.answer_profile(user_id, "timezone", f"zone:{zone}", typed=False)

    async def summary_action(self, user_id: int, action: str) -> list[View]:
        """Confirm, Change, or the field chosen to change."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
            if dialog is None or dialog.flow != FLOW or dialog.step not in (SUMMARY, CHANGE):
                return [Expired()]
            profile = await self._profile(work, user_id)
            views: list[View]
            if action == "confirm" and dialog.step == SUMMARY:
                if profile.onboarded_at is None:
                    profile = profile.with_changes(onboarded_at=self._now)
                    await work.users.save(profile, self._now)
                await work.dialogs.clear(user_id)
                if self._on_profile_saved is not None:
                    await self._on_profile_saved(work, user_id, self._now)
                latest = await work.screenings.latest(user_id)
                views = [SetupComplete(profile, screening.exercise_access(latest, self._now))]
            elif action == "change" and dialog.step == SUMMARY:
                await work.dialogs.put(user_id, dialog.at(CHANGE), self._now)
                views = [ChooseChange()]
            elif action in PROFILE_FIELDS and dialog.step == CHANGE:
                await work.dialogs.put(
                    user_id, dialog.at(_profile_step(action), back_to_summary=True), self._now
                )
                views = [AskProfile(action)]
            else:
                return [Expired()]
            await work.commit()
            return views

    # ---- internals -------------------------------------------------------------------------

    @property
    def _now(self) -> datetime:
        return self._clock.now()

    def _progress(self, dialog: Dialog) -> ScreeningProgress:
        try:
            return ScreeningProgress.from_dict(dialog.data.get("progress") or {})
        except screening.ProgressError:
            return ScreeningProgress.start(self._questionnaire)

    async def _profile(self, work: UnitOfWork, user_id: int) -> Profile:
        profile = await work.users.get(user_id)
        if profile is None:
            raise LookupError(f"user {user_id} has not started the bot")
        return profile

    async def _start_screening(self, work: UnitOfWork, user_id: int) -> list[View]:
        progress = ScreeningProgress.start(self._questionnaire)
        dialog = Dialog(FLOW, SCREENING, {"progress": progress.to_dict()})
        await work.dialogs.put(user_id, dialog, self._now)
        return [AskScreening(self._questionnaire.questions[0], "intro")]

    async def _current(self, work: UnitOfWork, user_id: int, dialog: Dialog) -> list[View]:
        if dialog.step == SCREENING:
            step = screening.resume(self._questionnaire, self._progress(dialog))
            if isinstance(step, screening.Ask):
                return [AskScreening(step.question)]
            return [ScreeningOutcome(step.result)]
        if dialog.step == DOCTOR:
            return [AskDoctorConfirmation()]
        field = _field_of(dialog.step)
        if field is not None:
            return [AskProfile(field)]
        if dialog.step == CHANGE:
            return [ChooseChange()]
        return [ShowSummary(await self._profile(work, user_id))]

    async def _finish_screening(
        self, work: UnitOfWork, user_id: int, result: screening.ScreeningResult
    ) -> list[View]:
        previous = await work.screenings.latest(user_id)
        record = screening.next_record(previous, result, self._now)
        await work.screenings.add(user_id, result, record)
        views: list[View] = [ScreeningOutcome(result)]
        if result.outcome is Outcome.URGENT:
            # The advice stands alone; the next message gets a reminder of it.
            await expect_urgent_followup(work, user_id, self._now)
            return views
        if not result.chronic_nonspecific:
            views.append(NotChronicNote())
        access = screening.exercise_access(record, self._now)
        if access.reason is screening.AccessReason.NEEDS_DOCTOR_CONFIRMATION:
            await work.dialogs.put(user_id, Dialog(FLOW, DOCTOR), self._now)
            views.append(AskDoctorConfirmation())
            return views
        profile = await self._profile(work, user_id)
        return views + await self._after_screening(work, profile)

    async def _after_screening(self, work: UnitOfWork, profile: Profile) -> list[View]:
        if profile.onboarded:
            await work.dialogs.clear(profile.user_id)
            return []
        return await self._next_profile_step(work, profile, None)

    async def _next_profile_step(
        self, work: UnitOfWork, profile: Profile, dialog: Dialog | None
    ) -> list[View]:
        """After a profile answer: back to the summary when changing, else the next field."""
        back = bool(dialog and dialog.data.get("back_to_summary"))
        done_field = _field_of(dialog.step) if dialog else None
        if not back:
            start = PROFILE_FIELDS.index(done_field) + 1 if done_field else 0
            for field in PROFILE_FIELDS[start:]:
                await work.dialogs.put(
                    profile.user_id, Dialog(FLOW, _profile_step(field)), self._now
                )
                return [AskProfile(field)]
        await work.dialogs.put(profile.user_id, Dialog(FLOW, SUMMARY), self._now)
        return [ShowSummary(profile)]

    def _apply(
        self, profile: Profile, field: str, raw: str, *, typed: bool
    ) -> tuple[Profile, AskProfile | str | None]:
        """The profile with `raw` applied to `field`, or the re-ask for a bad answer.

        The second element is the re-ask view, or (timezone only) the display name chosen.
        """
        answer = apply_answer(profile, field, raw, typed=typed)
        if isinstance(answer, Rejected):
            return profile, AskProfile(field, answer.notice, answer.candidates)
        return answer.profile, answer.place
