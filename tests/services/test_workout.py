"""Walkthrough use cases on real storage: gate, break, typed answers, ladder across days."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coach import walkthrough as w
from coach.catalogue import load_catalogue
from coach.clock import FixedClock
from coach.hold import Hold, HoldReason
from coach.progression import LadderReason
from coach.screening import AccessReason, load_questionnaire
from coach.services import setup, workout
from coach.services.contacts import register_contact
from coach.services.safety import HoldPlaced
from storage.uow import SqlUnitOfWorkFactory
from tests.support.screening import FLAGS, flags_asked

USER = 8
CLEAN: list[object] = [*[False] * len(FLAGS), 2, "gt_3m"]
FLAGGED: list[object] = [flag == "radiating" for flag in flags_asked("radiating")] + [2, "gt_3m"]
"""Pain radiating into a leg (in one leg only): see a doctor first."""


async def screened(uow: SqlUnitOfWorkFactory, clock: FixedClock, answers: list[object]) -> None:
    await register_contact(uow, clock, USER, USER, "en")
    service = setup.SetupService(uow, clock, load_questionnaire())
    await service.begin(USER)
    for value in answers:
        current = await service.current(USER)
        assert current is not None and isinstance(current[-1], setup.AskScreening)
        await service.answer_screening(USER, current[-1].question.id, value, typed=False)  # type: ignore[arg-type]


@pytest.fixture
def service(uow: SqlUnitOfWorkFactory, clock: FixedClock) -> workout.WorkoutService:
    return workout.WorkoutService(uow, clock, load_catalogue())


def shown(views: list[workout.View]) -> list[w.Effect]:
    return [view.effect for view in views if isinstance(view, workout.Show)]


async def tap(
    service: workout.WorkoutService, views: list[workout.View], event: w.Event
) -> list[workout.View]:
    """Press a button of the last shown step (with its session and sequence number)."""
    last = [view for view in views if isinstance(view, workout.Show)][-1]
    return await service.press(USER, last.session_id, last.seq, event)


async def full_workout(service: workout.WorkoutService, final_pain: int) -> list[workout.View]:
    views = await service.start_workout(USER)
    while True:
        effect = shown(views)[-1]
        if isinstance(effect, w.AskFinalPain):
            return await tap(service, views, w.Pain(final_pain))
        event: w.Event = w.Done() if isinstance(effect, w.AskReps) else w.Next()
        views = await tap(service, views, event)


async def test_the_break_is_gate_aware(
    uow: SqlUnitOfWorkFactory, clock: FixedClock, service: workout.WorkoutService
) -> None:
    await screened(uow, clock, FLAGGED)
    (plain,) = await service.start_break(USER)
    assert isinstance(plain, workout.BreakWithoutExercises)
    assert plain.access.reason is AccessReason.SEE_DOCTOR
    refused = await service.start_workout(USER)
    assert isinstance(refused[0], workout.Refused)
    assert refused[0].access.reason is AccessReason.SEE_DOCTOR
    assert await service.current(USER) is None


async def test_the_desk_break_for_a_cleared_user_is_a_break_not_a_session(
    uow: SqlUnitOfWorkFactory, clock: FixedClock, service: workout.WorkoutService
) -> None:
    """Standing exercises, Next through each; nothing goes to the rep log (the streak counts
    sessions, and this is not one) and no level is shown."""
    await screened(uow, clock, CLEAN)
    catalogue = service.catalogue
    views = await service.start_break(USER)
    total = len(catalogue.break_exercises)
    for number, exercise in enumerate(catalogue.break_exercises, start=1):
        assert shown(views) == [w.ShowIntro(exercise, number, total)]
        assert all(view.kind is w.Kind.BREAK for view in views if isinstance(view, workout.Show))
        views = await tap(service, views, w.Next())
    summary = shown(views)[-1]
    assert isinstance(summary, w.Summary) and summary.total_reps == 0
    assert not any(isinstance(view, workout.Level) for view in views)
    async with uow() as work:
        assert await work.reps.all_for(USER) == []
        (outcome,) = await work.workouts.history(USER)
        assert not outcome.completed  # never counts towards the ladder either
        assert await work.dialogs.get(USER) is None


@pytest.mark.parametrize("text", ["0", "-2", "201", "lots", "🙂", "x" * 5000])
async def test_bad_typed_reps_get_a_hint_and_store_nothing(
    uow: SqlUnitOfWorkFactory,
    clock: FixedClock,
    service: workout.WorkoutService,
    text: str,
) -> None:
    await screened(uow, clock, CLEAN)
    await service.start_single(USER, "bridge")
    views = await service.typed(USER, "go on then")
    assert views is not None and views[0] == workout.Hint("steps")
    for _step in range(3):
        views = await service.typed(USER, "Next!")
    views = await service.typed(USER, "Next!")
    assert views is not None and shown(views) == [w.AskReps("bridge", None, 10)]
    views = await service.typed(USER, text)
    # One short hint, without the step again: its buttons are still just above.
    hint = "reps" if text in ("lots", "🙂") or len(text) > 300 else "reps-range"
    assert views == [workout.Hint(hint)]
    views = await service.typed(USER, " 8 ")
    assert views is not None
    assert shown(views) == [w.AskFinalPain()]
    async with uow() as work:
        assert [e.reps for e in await work.reps.all_for(USER)] == [8]


async def test_stale_and_replaced_buttons_expire(
    uow: SqlUnitOfWorkFactory, clock: FixedClock, service: workout.WorkoutService
) -> None:
    await screened(uow, clock, CLEAN)
    first = await service.start_workout(USER)
    await tap(service, first, w.Next())
    again = await tap(service, first, w.Next())  # the same button twice
    assert isinstance(again[0], workout.Expired)
    assert shown(again) == [w.ShowStep("hip_raise", 1, 3)]
    await service.start_single(USER, "clamshell")
    assert isinstance((await tap(service, first, w.Next()))[0], workout.Expired)
    assert await service.start_single(USER, "moonwalk") == [workout.Expired()]
    assert await service.typed(USER + 1, "8") is None


async def test_three_pain_free_days_unlock_and_a_painful_session_steps_down(
    uow: SqlUnitOfWorkFactory, clock: FixedClock, service: workout.WorkoutService
) -> None:
    await screened(uow, clock, CLEAN)
    reasons = []
    for day in range(3):
        clock.set(clock.now() + timedelta(days=1 if day else 0))
        views = await full_workout(service, final_pain=2)
        level = views[-1]
        assert isinstance(level, workout.Level) and not level.at_start
        reasons.append((level.decision.reason_code, level.decision.remaining))
    assert reasons == [
        (LadderReason.NEED_N_MORE_PAIN_FREE, 2),
        (LadderReason.NEED_N_MORE_PAIN_FREE, 1),
        (LadderReason.UNLOCKED_SINGLE_LEG_BRIDGE, 0),
    ]
    clock.set(clock.now() + timedelta(days=1))
    start = await service.start_workout(USER)
    assert isinstance(start[0], workout.Level) and start[0].decision.level == "progressed"
    views = await tap(service, start, w.Hurts())
    views = await tap(service, views, w.Pain(7))
    assert shown(views)[-1] == w.StopSession(w.StopReason.PAIN)
    # Pain 7 stops and holds (6+, and 5 above the screening's 2): the re-screen is offered.
    assert views[-1] == HoldPlaced(Hold(HoldReason.PAIN, clock.now(), pain=7, baseline=2))
    level = views[-2]
    assert isinstance(level, workout.Level)
    assert level.decision.reason_code is LadderReason.STEPPED_DOWN_AFTER_PAIN
    assert (await service.level(USER)).level == "base"
    async with uow() as work:
        pains = await work.pains.all_for(USER)
        assert [(p.pain, p.context.value) for p in pains][-1] == (7, "hurts")


async def test_picture_file_ids_are_remembered(service: workout.WorkoutService) -> None:
    assert await service.picture_file_id("bridge-en-abc") is None
    await service.remember_picture("bridge-en-abc", "AgAC1")
    await service.remember_picture("bridge-en-abc", "AgAC2")
    assert await service.picture_file_id("bridge-en-abc") == "AgAC2"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("weiter", w.ShowStep("clamshell", 1, 3)),
        ("das tut weh", w.AskPain("clamshell")),
        ("fertig", None),
    ],
)
async def test_typed_words_work_like_the_buttons(
    uow: SqlUnitOfWorkFactory,
    clock: FixedClock,
    service: workout.WorkoutService,
    typed: str,
    expected: w.Effect | None,
) -> None:
    await screened(uow, clock, CLEAN)
    await service.start_single(USER, "clamshell")
    views = await service.typed(USER, typed)
    assert views is not None
    if expected is None:  # "done" only fits while reps are asked for
        assert views[0] == workout.Hint("steps")
    else:
        assert shown(views) == [expected]


@pytest.mark.parametrize("typed", ["11", "-1", "a lot", "7/10"])
async def test_bad_typed_pain_gets_a_hint(
    uow: SqlUnitOfWorkFactory, clock: FixedClock, service: workout.WorkoutService, typed: str
) -> None:
    await screened(uow, clock, CLEAN)
    await service.start_single(USER, "clamshell")
    await service.typed(USER, "hurts")
    views = await service.typed(USER, typed)
    assert views == [workout.Hint("pain")]
    views = await service.typed(USER, "3")  # below the screening's 2 + 2: no hold
    assert views is not None and shown(views)[-1] == w.OfferSkip("clamshell", can_continue=True)
