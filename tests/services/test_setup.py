"""Onboarding use cases: screening outcomes, profile answers, the summary, the exercise gate."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from coach.clock import FixedClock
from coach.screening import AccessReason, load_questionnaire
from coach.services import setup
from coach.services.contacts import register_contact
from storage.uow import SqlUnitOfWorkFactory
from tests.support.screening import ALL_FLAGS, FLAGS, URGENT_FLAGS, flags_asked, yes_to

USER = 7
CLEAN = [*[False] * len(FLAGS), 3, "gt_3m"]
"""No to every flag asked, pain 3, more than 3 months."""


@pytest.fixture
async def service(uow: SqlUnitOfWorkFactory, clock: FixedClock) -> setup.SetupService:
    await register_contact(uow, clock, USER, USER, "en")
    return setup.SetupService(uow, clock, load_questionnaire())


async def answer_all(service: setup.SetupService, values: list[object]) -> list[setup.View]:
    views: list[setup.View] = []
    for value in values:
        current = await service.current(USER)
        assert current is not None
        question = current[-1]
        assert isinstance(question, setup.AskScreening), current
        views = await service.answer_screening(USER, question.question.id, value, typed=False)  # type: ignore[arg-type]
    return views


async def test_the_gate_is_closed_before_screening(service: setup.SetupService) -> None:
    access = await service.exercise_access(USER)
    assert (access.allowed, access.reason) == (False, AccessReason.NOT_SCREENED)


async def test_clean_screening_then_profile_then_confirm(service: setup.SetupService) -> None:
    first = await service.begin(USER)
    assert isinstance(first[0], setup.AskScreening) and first[0].notice == "intro"
    views = await answer_all(service, CLEAN)
    assert isinstance(views[0], setup.ScreeningOutcome)
    assert views[0].result.outcome.value == "cleared"
    assert views[-1] == setup.AskProfile("timezone")
    views = await service.answer_profile(USER, None, "Berlin", typed=True)
    assert isinstance(views[0], setup.TimezoneChosen) and views[0].zone == "Europe/Berlin"
    assert views[-1] == setup.AskProfile("work_days")
    assert (await service.answer_profile(USER, "work_days", "mf", typed=False))[-1] == (
        setup.AskProfile("work_hours")
    )
    await service.answer_profile(USER, None, "8:30-16:30", typed=True)
    await service.answer_profile(USER, "sit_interval", "45", typed=False)
    views = await service.answer_profile(USER, None, "12:15", typed=True)
    assert isinstance(views[-1], setup.ShowSummary)
    profile = views[-1].profile
    assert (profile.work_start, profile.work_end) == (time(8, 30), time(16, 30))
    assert profile.sit_interval_min == 45 and profile.exercise_time == time(12, 15)
    done = await service.summary_action(USER, "confirm")
    assert isinstance(done[0], setup.SetupComplete) and done[0].access.allowed
    assert await service.current(USER) is None
    assert (await service.exercise_access(USER)).allowed


@pytest.mark.parametrize("flag", ALL_FLAGS)
async def test_each_flag_leads_to_its_outcome(service: setup.SetupService, flag: str) -> None:
    await service.begin(USER)
    yes = yes_to(flag)
    urgent = flag in URGENT_FLAGS
    answers: list[object] = [name in yes for name in flags_asked(*yes)]
    if not urgent:
        answers += [4, "gt_3m"]
    views = await answer_all(service, answers)
    outcome = views[0]
    assert isinstance(outcome, setup.ScreeningOutcome)
    assert flag in outcome.result.flags
    assert outcome.result.outcome.value == ("urgent" if urgent else "doctor")
    if urgent:
        assert views == [outcome], "urgent: nothing else offered"
        assert await service.current(USER) is None
    else:
        assert views[-1] == setup.AskProfile("timezone")
    assert not (await service.exercise_access(USER)).allowed


async def test_stale_button_and_bad_typed_input(service: setup.SetupService) -> None:
    await service.begin(USER)
    stale = await service.answer_screening(USER, "systemic", True, typed=False)
    assert isinstance(stale[0], setup.Expired)
    assert stale[1] == setup.AskScreening(load_questionnaire().questions[0])
    for junk in ("🙂", "x" * 5000, "maybe"):
        again = await service.answer_screening(USER, None, junk, typed=True)
        assert again == [setup.AskScreening(load_questionnaire().questions[0], "hint")]
    current = await service.current(USER)
    assert current == [setup.AskScreening(load_questionnaire().questions[0])]


async def test_out_of_range_pain_is_not_stored(service: setup.SetupService) -> None:
    await service.begin(USER)
    await answer_all(service, CLEAN[: len(FLAGS)])
    views = await service.answer_screening(USER, None, "11", typed=True)
    assert isinstance(views[0], setup.AskScreening) and views[0].notice == "hint"
    assert views[0].question.id == "pain_now"


async def test_not_chronic_gets_the_note(service: setup.SetupService) -> None:
    await service.begin(USER)
    views = await answer_all(service, [*CLEAN[:-1], "lt_6w"])
    assert setup.NotChronicNote() in views


async def test_flagged_user_needs_doctor_confirmation_after_clear_rescreen(
    service: setup.SetupService, clock: FixedClock
) -> None:
    await service.begin(USER)
    await answer_all(
        service, [name == "radiating" for name in flags_asked("radiating")] + [2, "gt_3m"]
    )
    await service.answer_profile(USER, None, "Berlin", typed=True)
    clock.set(clock.now() + timedelta(days=3))
    await service.rescreen(USER)
    views = await answer_all(service, CLEAN)
    assert views[-1] == setup.AskDoctorConfirmation()
    assert (await service.exercise_access(USER)).reason is AccessReason.NEEDS_DOCTOR_CONFIRMATION
    views = await service.confirm_doctor(USER, cleared=True)
    assert views[0] == setup.AccessGranted()
    assert (await service.exercise_access(USER)).allowed


async def test_ambiguous_and_unknown_city(service: setup.SetupService) -> None:
    await service.begin(USER)
    await answer_all(service, CLEAN)
    nothing = await service.answer_profile(USER, None, "Qwxzv", typed=True)
    assert nothing == [setup.AskProfile("timezone", "no_match")]
    choose = await service.answer_profile(USER, None, "Springfield", typed=True)
    assert isinstance(choose[0], setup.AskProfile) and choose[0].notice == "choose"
    city = choose[0].candidates[0]
    views = await service.answer_profile(USER, "timezone", f"city:{city.geoname_id}", typed=False)
    assert isinstance(views[0], setup.TimezoneChosen) and views[0].zone == city.zone


async def test_location_sets_the_zone(service: setup.SetupService) -> None:
    await service.begin(USER)
    await answer_all(service, CLEAN)
    views = await service.share_location(USER, 52.52, 13.40)
    assert isinstance(views[0], setup.TimezoneChosen) and views[0].zone == "Europe/Berlin"


async def test_change_from_summary_returns_to_summary(service: setup.SetupService) -> None:
    await service.begin(USER)
    await answer_all(service, CLEAN)
    for field, raw in [("timezone", "zone:Europe/Berlin"), ("work_days", "mf")]:
        await service.answer_profile(USER, field, raw, typed=False)
    await service.answer_profile(USER, "work_hours", "0900-1700", typed=False)
    await service.answer_profile(USER, "sit_interval", "60", typed=False)
    await service.answer_profile(USER, "exercise_time", "none", typed=False)
    assert await service.summary_action(USER, "change") == [setup.ChooseChange()]
    assert await service.summary_action(USER, "sit_interval") == [setup.AskProfile("sit_interval")]
    views = await service.answer_profile(USER, "sit_interval", "30", typed=False)
    assert isinstance(views[-1], setup.ShowSummary) and views[-1].profile.sit_interval_min == 30
    assert await service.summary_action(USER, "bogus") == [setup.Expired()]
