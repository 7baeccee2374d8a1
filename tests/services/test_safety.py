"""The safety hold on real storage: every stop is stored, every door asks it, a re-screen
lifts it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coach import walkthrough as w
from coach.catalogue import load_catalogue
from coach.clock import FixedClock
from coach.hold import Hold, HoldReason
from coach.safety import SymptomReply
from coach.screening import AccessReason, load_questionnaire
from coach.services import progress, setup, workout
from coach.services.reminder_views import WhyAnswered
from coach.services.reminders import ReminderService
from coach.services.safety import HoldPlaced, SafetyService
from coach.services.updates import claim_update
from storage.uow import SqlUnitOfWorkFactory
from tests.services.test_workout import CLEAN, FLAGGED, USER, full_workout, screened, shown, tap


@pytest.fixture
def service(uow: SqlUnitOfWorkFactory, clock: FixedClock) -> workout.WorkoutService:
    return workout.WorkoutService(uow, clock, load_catalogue())


async def rescreened(
    uow: SqlUnitOfWorkFactory, clock: FixedClock, answers: list[object]
) -> list[setup.View]:
    """/screen again, answering each question in turn; the views of the last answer."""
    service = setup.SetupService(uow, clock, load_questionnaire())
    views = await service.rescreen(USER)
    for value in answers:
        current = await service.current(USER)
        assert current is not None and isinstance(current[-1], setup.AskScreening)
        question = current[-1].question.id
        views = await service.answer_screening(USER, question, value, typed=False)  # type: ignore[arg-type]
    return views


async def finish_setup(uow: SqlUnitOfWorkFactory, clock: FixedClock) -> None:
    async with uow() as work:
        profile = await work.users.get(USER)
        assert profile is not None
        done = profile.with_changes(onboarded_at=clock.now(), timezone="Europe/Berlin")
        await work.users.save(done, clock.now())
        await work.commit()


async def hold_of(uow: SqlUnitOfWorkFactory) -> Hold | None:
    async with uow() as work:
        latest = await work.screenings.latest(USER)
    return latest.hold if latest else None


async def assert_every_door_refused(
    uow: SqlUnitOfWorkFactory, clock: FixedClock, service: workout.WorkoutService
) -> None:
    """Every service door that can show exercise content or log reps, while held."""
    for refused in (
        await service.start_workout(USER),
        await service.exercise_menu(USER),
        await service.start_single(USER, "clamshell"),
    ):
        assert len(refused) == 1 and isinstance(refused[0], workout.Refused), refused
        assert refused[0].access.reason is AccessReason.HELD
    (walk,) = await service.start_break(USER)
    assert isinstance(walk, workout.BreakWithoutExercises)
    assert walk.access.reason is AccessReason.HELD
    assert await service.current(USER) is None
    await finish_setup(uow, clock)  # reps are read only from someone who finished set-up
    reps = progress.ProgressService(uow, clock, load_catalogue())
    (held,) = await reps.log_text(USER, "10 bridges")
    assert isinstance(held, progress.HeldReply)
    async with uow() as work:
        assert await work.reps.all_for(USER) == []


@pytest.mark.parametrize(
    ("pain", "reason"),
    [(3, None), (4, HoldReason.PAIN_RISE), (5, HoldReason.PAIN_RISE), (6, HoldReason.PAIN)],
)
async def test_this_hurts_holds_on_pain_six_or_two_above_the_screening(
    uow: SqlUnitOfWorkFactory,
    clock: FixedClock,
    service: workout.WorkoutService,
    pain: int,
    reason: HoldReason | None,
) -> None:
    await screened(uow, clock, CLEAN)  # baseline 2
    views = await service.start_single(USER, "clamshell")
    views = await tap(service, views, w.Hurts())
    views = await tap(service, views, w.Pain(pain))
    placed = [view for view in views if isinstance(view, HoldPlaced)]
    assert [view.hold.reason for view in placed] == ([reason] if reason else [])
    if reason is None:
        assert shown(views)[-1] == w.OfferSkip("clamshell", can_continue=pain <= 3)
        return
    # The walkthrough ends there: no easier exercise, no next step.
    assert not any(isinstance(e, w.OfferSkip | w.OfferRegression) for e in shown(views))
    assert await service.current(USER) is None
    assert (await hold_of(uow)) == Hold(reason, clock.now(), pain, 2)
    await assert_every_door_refused(uow, clock, service)


@pytest.mark.parametrize(("final_pain", "held"), [(1, False), (3, False), (4, True), (7, True)])
async def test_the_after_session_pain_holds_too(
    uow: SqlUnitOfWorkFactory,
    clock: FixedClock,
    service: workout.WorkoutService,
    final_pain: int,
    held: bool,
) -> None:
    await screened(uow, clock, CLEAN)
    views = await full_workout(service, final_pain)
    assert any(isinstance(view, HoldPlaced) for view in views) is held
    assert (await hold_of(uow) is not None) is held


async def test_the_new_symptom_button_holds_and_a_clearing_rescreen_needs_a_doctor(
    uow: SqlUnitOfWorkFactory, clock: FixedClock, service: workout.WorkoutService
) -> None:
    await screened(uow, clock, CLEAN)
    views = await service.start_workout(USER)
    views = await tap(service, views, w.Hurts())
    views = await tap(service, views, w.NewSymptom())
    assert w.StopSession(w.StopReason.NEW_SYMPTOM) in shown(views)
    assert (await hold_of(uow)) == Hold(HoldReason.SYMPTOM, clock.now())
    await assert_every_door_refused(uow, clock, service)

    clock.set(clock.now() + timedelta(days=2))
    views = await rescreened(uow, clock, CLEAN)  # clear: the hold is gone, a doctor must confirm
    assert isinstance(views[-1], setup.AskDoctorConfirmation)
    refused = await service.start_workout(USER)
    assert isinstance(refused[0], workout.Refused)
    assert refused[0].access.reason is AccessReason.NEEDS_DOCTOR_CONFIRMATION


async def test_other_areas_place_the_hold_for_a_pain_score(
    uow: SqlUnitOfWorkFactory, clock: FixedClock
) -> None:
    safety = SafetyService(uow, clock)
    assert await safety.check_pain(USER, 9) == []  # no screening yet: nothing to hold
    await screened(uow, clock, CLEAN)
    assert await safety.check_pain(USER, 3) == []
    assert await safety.check_pain(USER, 4) == [
        HoldPlaced(Hold(HoldReason.PAIN_RISE, clock.now(), 4, 2))
    ]


async def test_a_typed_urgent_symptom_holds_and_the_next_message_gets_the_followup_once(
    uow: SqlUnitOfWorkFactory, clock: FixedClock, service: workout.WorkoutService
) -> None:
    safety = SafetyService(uow, clock)
    await screened(uow, clock, CLEAN)
    assert await safety.check_reply(USER, "10 bridges") == []
    assert await hold_of(uow) is None
    assert await safety.check_reply(USER, "my bladder is acting up") == [SymptomReply(True)]
    assert (await hold_of(uow)) == Hold(HoldReason.URGENT, clock.now())
    first = await claim_update(uow, clock, 1, followup_for=USER)
    assert first.fresh and first.followup is not None and first.followup.onboarded is False
    second = await claim_update(uow, clock, 2, followup_for=USER)
    assert second.fresh and second.followup is None
    await assert_every_door_refused(uow, clock, service)


async def test_not_yet_to_the_doctor_question_gets_an_answer(
    uow: SqlUnitOfWorkFactory, clock: FixedClock
) -> None:
    await screened(uow, clock, FLAGGED)  # see a doctor first
    clock.set(clock.now() + timedelta(days=1))
    views = await rescreened(uow, clock, CLEAN)
    assert isinstance(views[-1], setup.AskDoctorConfirmation)
    setup_service = setup.SetupService(uow, clock, load_questionnaire())
    views = await setup_service.confirm_doctor(USER, cleared=False)
    assert views[0] == setup.DoctorNotYet(onboarded=False)
    assert isinstance(views[-1], setup.AskProfile)  # set-up of the reminders goes on


async def test_days_on_hold_freeze_the_streak_instead_of_breaking_it(
    uow: SqlUnitOfWorkFactory, clock: FixedClock, service: workout.WorkoutService
) -> None:
    await screened(uow, clock, CLEAN)
    await finish_setup(uow, clock)
    reps = progress.ProgressService(uow, clock, load_catalogue())
    for _day in range(2):
        await full_workout(service, final_pain=2)
        clock.set(clock.now() + timedelta(days=1))
    await SafetyService(uow, clock).check_pain(USER, 7)  # day 3: held, no workout possible
    clock.set(clock.now() + timedelta(days=3))
    cleared = await rescreened(uow, clock, CLEAN)
    assert isinstance(cleared[-1], setup.ScreeningOutcome)  # onboarded: nothing more to ask
    await full_workout(service, final_pain=2)  # day 6, after a clearing re-screen
    stats = await reps.stats(USER)
    assert stats is not None and stats.streak.current == 3  # days 3-5 frozen, not missed


async def test_the_answer_to_three_skips_suggests_walking_only_while_held(
    uow: SqlUnitOfWorkFactory, clock: FixedClock
) -> None:
    await screened(uow, clock, CLEAN)
    await finish_setup(uow, clock)
    reminders = ReminderService(uow, clock, grace=timedelta(minutes=10))
    (before,) = await reminders.answer_why(USER, "busy")
    assert isinstance(before, WhyAnswered) and before.exercises
    await SafetyService(uow, clock).check_pain(USER, 8)
    (held,) = await reminders.answer_why(USER, "busy")
    assert isinstance(held, WhyAnswered) and not held.exercises


async def test_a_stranger_typing_an_urgent_symptom_gets_the_advice_and_nothing_is_stored(
    uow: SqlUnitOfWorkFactory, clock: FixedClock
) -> None:
    safety = SafetyService(uow, clock)
    assert await safety.check_reply(USER, "I can't control my bladder") == [SymptomReply(True)]
    async with uow() as work:
        assert await work.dialogs.get(USER) is None
        assert await work.screenings.latest(USER) is None
