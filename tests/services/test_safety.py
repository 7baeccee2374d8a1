"""The screening is re-offered when a pain score rises 2 points above the screening baseline."""

from __future__ import annotations

import pytest

from coach import walkthrough as w
from coach.catalogue import load_catalogue
from coach.clock import FixedClock
from coach.safety import PainRise, SymptomReply
from coach.services import workout
from coach.services.safety import SafetyService
from storage.uow import SqlUnitOfWorkFactory
from tests.services.test_workout import CLEAN, USER, full_workout, screened, shown, tap


@pytest.fixture
def service(uow: SqlUnitOfWorkFactory, clock: FixedClock) -> workout.WorkoutService:
    return workout.WorkoutService(uow, clock, load_catalogue())


@pytest.mark.parametrize(("pain", "offered"), [(3, False), (4, True), (5, True)])
async def test_this_hurts_with_pain_above_the_baseline_offers_the_screening(
    uow: SqlUnitOfWorkFactory,
    clock: FixedClock,
    service: workout.WorkoutService,
    pain: int,
    offered: bool,
) -> None:
    await screened(uow, clock, CLEAN)  # baseline 2
    views = await service.start_single(USER, "clamshell")
    views = await tap(service, views, w.Hurts())
    views = await tap(service, views, w.Pain(pain))
    assert (PainRise(pain, 2) in views) is offered
    assert views.count(PainRise(pain, 2)) <= 1


@pytest.mark.parametrize(("final_pain", "offered"), [(1, False), (3, False), (4, True)])
async def test_the_after_session_pain_is_checked_too(
    uow: SqlUnitOfWorkFactory,
    clock: FixedClock,
    service: workout.WorkoutService,
    final_pain: int,
    offered: bool,
) -> None:
    await screened(uow, clock, CLEAN)
    views = await full_workout(service, final_pain)
    assert (views[-1] == PainRise(final_pain, 2)) is offered
    assert any(isinstance(view, PainRise) for view in views) is offered


@pytest.mark.parametrize(("pain", "expected"), [(3, []), (4, [PainRise(4, 2)])])
async def test_other_areas_check_a_pain_score_against_the_baseline(
    uow: SqlUnitOfWorkFactory, clock: FixedClock, pain: int, expected: list[PainRise]
) -> None:
    safety = SafetyService(uow)
    assert await safety.check_pain(USER, 9) == []  # no screening yet: no baseline
    await screened(uow, clock, CLEAN)
    assert await safety.check_pain(USER, pain) == expected


def test_a_reply_is_checked_without_storage(uow: SqlUnitOfWorkFactory) -> None:
    safety = SafetyService(uow)
    assert safety.check_reply("my bladder is acting up") == [SymptomReply(urgent=True)]
    assert safety.check_reply("10 bridges") == []


@pytest.mark.parametrize(
    ("text", "urgent"),
    [("my left leg went numb", False), ("Mein Bein kribbelt", False), ("bladder trouble", True)],
)
async def test_a_symptom_typed_during_a_walkthrough_ends_it(
    uow: SqlUnitOfWorkFactory,
    clock: FixedClock,
    service: workout.WorkoutService,
    text: str,
    urgent: bool,
) -> None:
    await screened(uow, clock, CLEAN)
    views = await service.start_single(USER, "clamshell")
    views = await tap(service, views, w.Next())
    views = await service.typed(USER, text) or []
    assert w.StopSession(w.StopReason.NEW_SYMPTOM) in shown(views)
    assert views[-1] == SymptomReply(urgent=urgent)
    assert await service.current(USER) is None
    async with uow() as work:
        assert list(await work.reps.all_for(USER)) == []


async def test_an_ordinary_typed_answer_is_not_a_symptom(
    uow: SqlUnitOfWorkFactory, clock: FixedClock, service: workout.WorkoutService
) -> None:
    await screened(uow, clock, CLEAN)
    views = await service.start_single(USER, "clamshell")
    views = await service.typed(USER, "next") or []
    assert shown(views) == [w.ShowStep("clamshell", 1, 3)]
