"""Progress use cases on real storage: exercise replies, frozen days, weekly summary, delete."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from coach.catalogue import load_catalogue
from coach.clock import FixedClock
from coach.ports import UnitOfWork
from coach.profile import Profile
from coach.progress import FrozenKind
from coach.reminder_state import Delivery
from coach.screening import Outcome, ScreeningRecord, ScreeningResult
from coach.services import progress, weekly_summary
from coach.services.reminders import ReminderService
from storage.uow import SqlUnitOfWorkFactory

USER = 9
JOINED = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday


async def add_user(uow: SqlUnitOfWorkFactory, user_id: int, *, onboarded: bool = True) -> None:
    async with uow() as work:
        await work.users.add(
            Profile(
                user_id=user_id,
                chat_id=user_id,
                created_at=JOINED,
                timezone="Europe/Berlin",
                onboarded_at=JOINED if onboarded else None,
            )
        )
        if onboarded:  # everyone who finished set-up passed the safety screening first
            result = ScreeningResult(1, Outcome.CLEARED, (), 2, "gt_3m", True, ())
            await work.screenings.add(user_id, result, ScreeningRecord(Outcome.CLEARED, JOINED, 2))
        await work.commit()


@pytest.fixture
async def service(uow: SqlUnitOfWorkFactory, clock: FixedClock) -> progress.ProgressService:
    await add_user(uow, USER)
    return progress.ProgressService(uow, clock, load_catalogue())


def logged(views: list[progress.View]) -> list[tuple[str, str | None, int]]:
    assert len(views) == 1 and isinstance(views[0], progress.Logged), views
    return [(e.exercise_id, e.side, e.reps) for e in views[0].entries]


async def test_a_reply_to_a_message_about_one_exercise_takes_its_exercise(
    service: progress.ProgressService,
) -> None:
    await service.remember_message_exercise(USER, 501, "clamshell", "left")
    await service.remember_message_exercise(USER, 502, "bridge")
    assert logged(await service.log_text(USER, "10", 501)) == [("clamshell", "left", 10)]
    assert logged(await service.log_text(USER, "done 12", 502)) == [("bridge", None, 12)]
    # The words win; an unknown message falls back to asking.
    assert logged(await service.log_text(USER, "8 hip raises", 501)) == [("hip_raise", None, 8)]
    assert isinstance((await service.log_text(USER, "10", 999))[0], progress.AskExercise)
    with pytest.raises(ValueError):
        await service.remember_message_exercise(USER, 503, "push_up")


async def test_logged_reps_reset_the_sitting_timer_in_the_same_transaction(
    uow: SqlUnitOfWorkFactory, clock: FixedClock
) -> None:
    await add_user(uow, USER)
    reminders = ReminderService(uow, clock, grace=timedelta(minutes=10))
    service = progress.ProgressService(
        uow, clock, load_catalogue(), on_logged=[reminders.movement_in]
    )
    assert logged(await service.log_text(USER, "10 bridges")) == [("bridge", None, 10)]
    async with uow() as work:
        state = await work.reminders.get(USER)
    assert state is not None
    assert state.sitting_since == clock.now() and state.last_break_at == clock.now()

    async def broken(work: UnitOfWork, profile: Profile, now: datetime) -> None:
        raise RuntimeError("listener failed")

    failing = progress.ProgressService(uow, clock, load_catalogue(), on_logged=[broken])
    with pytest.raises(RuntimeError):
        await failing.log_text(USER, "12 clamshells")
    async with uow() as work:
        assert [e.reps for e in await work.reps.all_for(USER)] == [10]  # nothing half-stored


async def test_nothing_is_logged_for_someone_not_set_up(
    uow: SqlUnitOfWorkFactory, clock: FixedClock
) -> None:
    await add_user(uow, 10, onboarded=False)
    service = progress.ProgressService(uow, clock, load_catalogue())
    assert await service.log_text(10, "10 clamshells") == [progress.NotReady()]
    async with uow() as work:
        assert await work.reps.all_for(10) == []


async def full_session(service: progress.ProgressService, clock: FixedClock, day: date) -> int:
    clock.set(datetime(day.year, day.month, day.day, 10, tzinfo=UTC))
    await service.log_text(USER, "10/10 hip raises")
    await service.log_text(USER, "10/10 clamshells")
    views = await service.log_text(USER, "10 bridges")
    assert isinstance(views[0], progress.Logged)
    return views[0].streak.current


async def test_pause_and_rest_days_freeze_the_streak(
    service: progress.ProgressService, clock: FixedClock
) -> None:
    assert await full_session(service, clock, date(2026, 11, 23)) == 1
    assert await full_session(service, clock, date(2026, 11, 24)) == 2
    await service.freeze_day(USER, date(2026, 11, 25), FrozenKind.PAUSE)
    await service.freeze_day(USER, date(2026, 11, 26), FrozenKind.REST)
    await service.freeze_day(USER, date(2026, 11, 26), FrozenKind.REST)  # idempotent
    assert await full_session(service, clock, date(2026, 11, 27)) == 3
    assert await full_session(service, clock, date(2026, 11, 29)) == 1  # the 28th was missed


async def test_rest_days_freeze_up_to_two_a_week(
    service: progress.ProgressService, clock: FixedClock
) -> None:
    assert await full_session(service, clock, date(2026, 11, 23)) == 1
    for day in (24, 25):
        clock.set(datetime(2026, 11, day, 10, tzinfo=UTC))
        (view,) = await service.rest_today(USER)
        assert isinstance(view, progress.RestDay) and view.streak.current == 1
        assert isinstance((await service.rest_today(USER))[0], progress.RestDay)  # same day again
    clock.set(datetime(2026, 11, 26, 10, tzinfo=UTC))
    assert await service.rest_today(USER) == [progress.TooManyRestDays(2)]
    assert await full_session(service, clock, date(2026, 11, 26)) == 2
    clock.set(datetime(2026, 11, 30, 10, tzinfo=UTC))  # a new week: allowed again
    assert isinstance((await service.rest_today(USER))[0], progress.RestDay)


@pytest.mark.parametrize(
    ("full_days", "partial_day", "sessions"),
    [
        ((), None, 0),
        ((27,), None, 0),  # the Friday before: last week
        ((27, 30), 1, 1),  # Monday full, Tuesday only bridges
        ((30, 1, 2), None, 3),
    ],
)
async def test_stats_count_this_weeks_full_sessions(
    service: progress.ProgressService,
    clock: FixedClock,
    full_days: tuple[int, ...],
    partial_day: int | None,
    sessions: int,
) -> None:
    def day(n: int) -> date:
        return date(2026, 11, n) if n > 20 else date(2026, 12, n)

    for n in full_days:
        await full_session(service, clock, day(n))
    if partial_day is not None:
        clock.set(datetime.combine(day(partial_day), datetime.min.time(), UTC) + timedelta(hours=9))
        await service.log_text(USER, "10 bridges")
    clock.set(datetime(2026, 12, 2, 20, tzinfo=UTC))  # Wednesday evening in Berlin
    stats = await service.stats(USER)
    assert stats is not None
    assert stats.sessions_this_week == sessions
    assert stats.first_day == date(2026, 11, 23)  # the day they joined, in their zone


class FakeSender:
    def __init__(self, failing: frozenset[int] = frozenset()) -> None:
        self.sent: list[tuple[int, progress.StatsView]] = []
        self.failing = failing

    async def send_weekly_summary(
        self, profile: Profile, stats: progress.StatsView, *, deadline: datetime
    ) -> Delivery:
        if profile.user_id in self.failing:
            raise RuntimeError("the picture could not be drawn")
        self.sent.append((profile.user_id, stats))
        return Delivery.SENT


async def test_one_failed_summary_does_not_stop_the_others(
    uow: SqlUnitOfWorkFactory, service: progress.ProgressService
) -> None:
    await add_user(uow, 12)
    sender = FakeSender(failing=frozenset({USER}))
    job = weekly_summary.WeeklySummaryService(uow, service, sender)
    sunday_18 = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)
    await job.send_weekly_summaries(sunday_18 - timedelta(hours=1))
    assert await job.send_weekly_summaries(sunday_18) == 1
    assert [user for user, _ in sender.sent] == [12]


async def test_stale_answers_and_dismissing_the_question(
    uow: SqlUnitOfWorkFactory, service: progress.ProgressService
) -> None:
    (old,) = await service.log_text(USER, "12")
    (question,) = await service.log_text(USER, "10/10")
    assert isinstance(old, progress.AskExercise) and isinstance(question, progress.AskExercise)
    assert question.choices == ("hip_raise", "clamshell", "single_leg_bridge")
    assert old.token != question.token
    # A button of the older question, or a choice not offered: expired, the question again.
    assert await service.choose_exercise(USER, "clamshell", old.token) == [
        progress.Expired(),
        question,
    ]
    assert await service.choose_exercise(USER, "bridge", question.token) == [
        progress.Expired(),
        question,
    ]
    assert await service.close_question(USER, old.token) == [progress.Expired(), question]
    assert await service.close_question(USER, question.token) == [progress.QuestionClosed()]
    assert await service.close_question(USER, question.token) == [progress.Expired()]
    assert await service.choose_exercise(USER, "clamshell", question.token) == [progress.Expired()]
    async with uow() as work:
        assert await work.reps.all_for(USER) == []


async def test_weekly_summary_once_a_week_at_sunday_18_local(
    uow: SqlUnitOfWorkFactory, service: progress.ProgressService, clock: FixedClock
) -> None:
    await add_user(uow, 11, onboarded=False)  # not set up: never gets one
    sender = FakeSender()
    job = weekly_summary.WeeklySummaryService(uow, service, sender)
    sunday_18 = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)  # 18:00 in Berlin (CET)
    assert await job.send_weekly_summaries(sunday_18 - timedelta(hours=30)) == 0
    assert await job.send_weekly_summaries(sunday_18 - timedelta(minutes=1)) == 0
    assert await job.send_weekly_summaries(sunday_18 + timedelta(minutes=2)) == 1
    assert await job.send_weekly_summaries(sunday_18 + timedelta(minutes=7)) == 0
    assert [user for user, _ in sender.sent] == [USER]
    stats = sender.sent[0][1]
    assert stats.days[-1] == date(2026, 11, 29) and len(stats.days) == 28
    # The next week, again once.
    assert await job.send_weekly_summaries(sunday_18 + timedelta(days=7, minutes=1)) == 1
    # After a long outage the missed summary is skipped, not sent stale, and the next comes.
    assert await job.send_weekly_summaries(sunday_18 + timedelta(days=15)) == 0
    assert await job.send_weekly_summaries(sunday_18 + timedelta(days=21)) == 1
    assert len(sender.sent) == 3
    # Someone who blocked the bot is moved on without a send.
    async with uow() as work:
        profile = await work.users.get(USER)
        assert profile is not None
        await work.users.save(profile.with_changes(active=False), sunday_18)
        await work.commit()
    assert await job.send_weekly_summaries(sunday_18 + timedelta(days=28, minutes=1)) == 0
    later = sunday_18 + timedelta(days=28, minutes=1)
    async with uow() as work:
        assert await work.summaries.claim_due(later, later + timedelta(hours=1), "t", 10) == []


async def test_delete_needs_the_confirmation_and_removes_the_user(
    uow: SqlUnitOfWorkFactory, service: progress.ProgressService
) -> None:
    await service.log_text(USER, "10 clamshells")
    assert await service.confirm_delete(USER, confirmed=True) == [progress.Expired()]
    assert await service.ask_delete(USER) == [progress.AskDelete()]
    assert await service.confirm_delete(USER, confirmed=False) == [progress.DeleteCancelled()]
    assert await service.confirm_delete(USER, confirmed=True) == [progress.Expired()]
    await service.ask_delete(USER)
    assert await service.confirm_delete(USER, confirmed=True) == [progress.Deleted()]
    async with uow() as work:
        assert await work.users.get(USER) is None
        assert await work.reps.all_for(USER) == []
