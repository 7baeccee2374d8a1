"""Finishing onboarding schedules sit-break reminders; /start after a block restores them."""

from __future__ import annotations

from datetime import timedelta

from coach.clock import FixedClock
from coach.screening import load_questionnaire
from coach.services import setup
from coach.services.contacts import register_contact
from coach.services.reminders import ReminderService
from storage.uow import SqlUnitOfWorkFactory
from tests.services.test_setup import CLEAN, USER, answer_all


async def test_confirming_the_summary_schedules_the_first_reminder(
    uow: SqlUnitOfWorkFactory, clock: FixedClock
) -> None:
    reminders = ReminderService(uow, clock, grace=timedelta(minutes=10))
    service = setup.SetupService(
        uow, clock, load_questionnaire(), on_profile_saved=reminders.refresh_in
    )
    await register_contact(uow, clock, USER, USER, "en")
    await service.begin(USER)
    await answer_all(service, CLEAN)
    await service.answer_profile(USER, None, "Berlin", typed=True)
    await service.answer_profile(USER, "work_days", "all", typed=False)
    await service.answer_profile(USER, None, "9:00-17:00", typed=True)
    await service.answer_profile(USER, "sit_interval", "45", typed=False)
    await service.answer_profile(USER, None, "12:15", typed=True)
    async with uow() as work:
        assert await work.reminders.get(USER) is None  # not before the profile is confirmed
    await service.summary_action(USER, "confirm")
    async with uow() as work:
        state = await work.reminders.get(USER)
    assert state is not None and state.next_due_at is not None
    # 09:00 in Berlin on a work day: 45 minutes of sitting plus the user's spread offset.
    assert clock.now() + timedelta(minutes=45) <= state.next_due_at
    assert state.next_due_at < clock.now() + timedelta(minutes=90)


async def test_a_blocked_user_is_off_until_start_reactivates(
    uow: SqlUnitOfWorkFactory, clock: FixedClock
) -> None:
    reminders = ReminderService(uow, clock, grace=timedelta(minutes=10))
    await register_contact(uow, clock, USER, USER, "en")
    async with uow() as work:
        profile = await work.users.get(USER)
        assert profile is not None
        await work.users.save(
            profile.with_changes(timezone="Europe/Berlin", onboarded_at=clock.now()), clock.now()
        )
        await work.commit()
    assert await reminders.reschedule(USER) is not None
    await reminders.deactivate(USER)
    assert await reminders.reschedule(USER) is None
    contact = await register_contact(uow, clock, USER, USER, "en")
    assert contact.reactivated and contact.profile.active
    assert await reminders.reschedule(USER) is not None
