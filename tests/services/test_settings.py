"""Settings use cases: each value changed and stored, bad answers refused, listeners told."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time

import pytest

from coach.clock import FixedClock
from coach.dialog import Dialog
from coach.ports import UnitOfWork
from coach.profile import Profile
from coach.services import settings, weekly_summary
from coach.services.contacts import register_contact
from storage.uow import SqlUnitOfWorkFactory

USER = 9


@dataclass
class Recorder:
    """A profile listener that remembers what it was told, and can fail on demand."""

    calls: list[tuple[Profile, Profile, datetime]] = field(default_factory=list)
    fail: bool = False

    async def __call__(
        self, work: UnitOfWork, before: Profile, after: Profile, now: datetime
    ) -> None:
        assert await work.users.get(after.user_id) == after, "called after the save"
        self.calls.append((before, after, now))
        if self.fail:
            raise RuntimeError("listener failed")


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
async def service(
    uow: SqlUnitOfWorkFactory, clock: FixedClock, recorder: Recorder
) -> settings.SettingsService:
    await register_contact(uow, clock, USER, USER, "en")
    return settings.SettingsService(uow, clock, listeners=[recorder])


async def profile_of(uow: SqlUnitOfWorkFactory) -> Profile:
    async with uow() as work:
        found = await work.users.get(USER)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("field", "raw", "typed", "changed"),
    [
        ("timezone", "Tokyo", True, {"timezone": "Asia/Tokyo"}),
        ("timezone", "zone:Europe/Vienna", False, {"timezone": "Europe/Vienna"}),
        ("work_days", "ms", False, {"work_days": frozenset(range(6))}),
        ("work_days", "Mo, Di, Do", True, {"work_days": frozenset({0, 1, 3})}),
        ("work_hours", "1000-1800", False, {"work_start": time(10), "work_end": time(18)}),
        ("work_hours", "7:30-15:30", True, {"work_start": time(7, 30), "work_end": time(15, 30)}),
        ("sit_interval", "90", False, {"sit_interval_min": 90}),
        ("sit_interval", "45 Minuten", True, {"sit_interval_min": 45}),
        ("exercise_time", "1730", False, {"exercise_time": time(17, 30)}),
        ("exercise_time", "none", False, {"exercise_time": None}),
        ("exercise_time", "7 pm", True, {"exercise_time": time(19)}),
        ("goal", "5", False, {"goal_days_per_week": 5}),
        ("goal", "3 Tage pro Woche", True, {"goal_days_per_week": 3}),
        ("goal", "every day", True, {"goal_days_per_week": 7}),
        ("language", "de", False, {"language": "de"}),
        ("language", "Deutsch", True, {"language": "de"}),
    ],
)
async def test_each_value_is_stored_shown_and_reported(
    service: settings.SettingsService,
    uow: SqlUnitOfWorkFactory,
    clock: FixedClock,
    recorder: Recorder,
    field: str,
    raw: str,
    typed: bool,
    changed: dict[str, object],
) -> None:
    before = await profile_of(uow)
    await service.open(USER)
    assert await service.choose(USER, field) == [settings.AskSetting(field)]
    views = await service.answer(USER, None if typed else field, raw, typed=typed)
    after = before.with_changes(**changed)
    assert views[-1] == settings.ShowSettings(after)
    assert await profile_of(uow) == after
    assert recorder.calls == [(before, after, clock.now())]
    assert await service.current(USER) == [settings.ShowSettings(after)]


@pytest.mark.parametrize(
    ("field", "raw", "typed", "notice"),
    [
        ("timezone", "Qwxzv", True, "no_match"),
        ("timezone", "x" * 5000, True, "no_match"),
        ("work_days", "someday", True, "hint"),
        ("work_hours", "17-9", True, "overnight"),
        ("work_hours", "🙂", True, "hint"),
        ("sit_interval", "17", True, "hint"),
        ("exercise_time", "25:00", True, "hint"),
        ("goal", "0", True, "hint"),
        ("goal", "9", True, "hint"),
        ("goal", "-3", True, "hint"),
        ("language", "Klingon", True, "hint"),
    ],
)
async def test_bad_typed_answers_re_ask_and_store_nothing(
    service: settings.SettingsService,
    uow: SqlUnitOfWorkFactory,
    recorder: Recorder,
    field: str,
    raw: str,
    typed: bool,
    notice: str,
) -> None:
    before = await profile_of(uow)
    await service.open(USER)
    await service.choose(USER, field)
    assert await service.answer(USER, None, raw, typed=typed) == [
        settings.AskSetting(field, notice)
    ]
    assert await profile_of(uow) == before
    assert recorder.calls == []
    assert await service.current(USER) == [settings.AskSetting(field)]


@pytest.mark.parametrize(
    ("field", "raw"),
    [
        ("sit_interval", "17"),  # not offered as a button
        ("goal", "2"),
        ("goal", "8"),
        ("work_days", "weekends"),
        ("work_hours", "1800-0900"),
        ("timezone", "city:999999999"),
        ("language", "rm"),  # Romansh: no texts, no vocabulary
    ],
)
async def test_forged_values_expire_and_re_ask(
    service: settings.SettingsService,
    uow: SqlUnitOfWorkFactory,
    recorder: Recorder,
    field: str,
    raw: str,
) -> None:
    before = await profile_of(uow)
    await service.open(USER)
    await service.choose(USER, field)
    views = await service.answer(USER, field, raw, typed=False)
    assert views == [settings.Expired(), settings.AskSetting(field)]
    assert await profile_of(uow) == before and recorder.calls == []


async def test_stale_buttons_expire(
    service: settings.SettingsService, uow: SqlUnitOfWorkFactory
) -> None:
    # Without open settings every settings button is stale.
    assert await service.choose(USER, "goal") == [settings.Expired()]
    assert await service.answer(USER, "goal", "5", typed=False) == [settings.Expired()]
    assert await service.close(USER) == [settings.Expired()]
    assert await service.answer_text(USER, "5") is None
    # A value button for another field than the one asked.
    await service.open(USER)
    await service.choose(USER, "goal")
    views = await service.answer(USER, "sit_interval", "30", typed=False)
    assert views == [settings.Expired(), settings.AskSetting("goal")]
    assert await service.choose(USER, "bogus") == [settings.Expired(), settings.AskSetting("goal")]
    # After Done, the view's buttons are stale and typed text is not a value any more.
    assert await service.close(USER) == [settings.SettingsClosed()]
    assert await service.choose(USER, "goal") == [settings.Expired()]
    assert await service.answer_text(USER, "5") is None
    assert (await profile_of(uow)).goal_days_per_week == 7


async def test_the_prompt_survives_a_restart_and_other_flows_are_left_alone(
    uow: SqlUnitOfWorkFactory, clock: FixedClock, service: settings.SettingsService
) -> None:
    await service.open(USER)
    await service.choose(USER, "work_hours")
    restarted = settings.SettingsService(uow, clock)
    assert await restarted.answer_text(USER, "8-16") is not None
    assert (await profile_of(uow)).work_start == time(8)
    async with uow() as work:
        await work.dialogs.put(USER, Dialog("setup", "profile:work_days"), clock.now())
        await work.commit()
    assert await restarted.answer_text(USER, "Mon-Fri") is None
    assert await restarted.current(USER) is None
    assert await restarted.share_location(USER, 52.52, 13.40) is None


async def test_location_and_language(
    service: settings.SettingsService, uow: SqlUnitOfWorkFactory, recorder: Recorder
) -> None:
    await service.open(USER)
    await service.choose(USER, "timezone")
    views = await service.share_location(USER, 52.52, 13.40)
    assert views is not None and views[0] == settings.TimezoneSet("Europe/Berlin", "Europe/Berlin")
    assert await service.language_menu(USER) == [settings.AskLanguage("en")]
    assert await service.set_language(USER, "de") == [settings.LanguageSet("de")]
    assert await service.set_language(USER, "xx") == [
        settings.Expired(),
        settings.AskLanguage("de"),
    ]
    assert (await profile_of(uow)).language == "de"
    assert [after.language for _before, after, _now in recorder.calls] == ["en", "de"]


async def test_a_failing_listener_rolls_the_change_back(
    service: settings.SettingsService, uow: SqlUnitOfWorkFactory, recorder: Recorder
) -> None:
    """The change and what depends on it (the next reminder) are stored together or not at all."""
    await service.open(USER)
    await service.choose(USER, "sit_interval")
    recorder.fail = True
    with pytest.raises(RuntimeError):
        await service.answer(USER, "sit_interval", "30", typed=False)
    assert (await profile_of(uow)).sit_interval_min == 60
    assert await service.current(USER) == [settings.AskSetting("sit_interval")]


# ---- the weekly summary: a day, then a time, saved together ---------------------------------

FAR_FUTURE = datetime(2100, 1, 1, tzinfo=UTC)


async def onboarded_in(uow: SqlUnitOfWorkFactory, clock: FixedClock, zone: str) -> None:
    """The summary is scheduled only for onboarded users with a time zone."""
    profile = await profile_of(uow)
    async with uow() as work:
        await work.users.save(
            profile.with_changes(timezone=zone, onboarded_at=clock.now()), clock.now()
        )
        await work.commit()


async def next_summary(uow: SqlUnitOfWorkFactory) -> datetime | None:
    async with uow() as work:  # never committed: the claim is only a look
        due = await work.summaries.claim_due(FAR_FUTURE, FAR_FUTURE, "look", 10)
    return next((at for profile, at in due if profile.user_id == USER), None)


@pytest.mark.parametrize(
    ("day", "day_typed", "at", "at_typed", "weekday", "moment", "next_at"),
    [
        # The clock says Wednesday 2026-11-25 08:00 UTC (09:00 in Berlin).
        ("2", False, "1800", False, 2, time(18), datetime(2026, 11, 25, 17, 0, tzinfo=UTC)),
        ("2", False, "0800", False, 2, time(8), datetime(2026, 12, 2, 7, 0, tzinfo=UTC)),
        (
            "Freitag",
            True,
            "18:30",
            True,
            4,
            time(18, 30),
            datetime(2026, 11, 27, 17, 30, tzinfo=UTC),
        ),
        ("mon", True, "7 pm", True, 0, time(19), datetime(2026, 11, 30, 18, 0, tzinfo=UTC)),
        ("6", False, "20 Uhr", True, 6, time(20), datetime(2026, 11, 29, 19, 0, tzinfo=UTC)),
    ],
)
async def test_the_summary_day_and_time_are_stored_together_and_rescheduled(
    uow: SqlUnitOfWorkFactory,
    clock: FixedClock,
    recorder: Recorder,
    day: str,
    day_typed: bool,
    at: str,
    at_typed: bool,
    weekday: int,
    moment: time,
    next_at: datetime,
) -> None:
    await register_contact(uow, clock, USER, USER, "en")
    service = settings.SettingsService(
        uow, clock, listeners=[recorder, weekly_summary.reschedule_summary]
    )
    await onboarded_in(uow, clock, "Europe/Berlin")
    before = await profile_of(uow)
    await service.open(USER)
    assert await service.choose(USER, "summary") == [settings.AskSetting("summary")]
    views = await service.answer(USER, None if day_typed else "summary", day, typed=day_typed)
    assert views == [settings.AskSetting("summary_time")]
    assert await profile_of(uow) == before, "nothing is saved before the time is known"
    assert await service.current(USER) == [settings.AskSetting("summary_time")]
    views = await service.answer(USER, None if at_typed else "summary_time", at, typed=at_typed)
    after = before.with_changes(summary_weekday=weekday, summary_time=moment)
    assert views == [settings.ShowSettings(after)]
    assert await profile_of(uow) == after
    assert recorder.calls == [(before, after, clock.now())]
    assert await next_summary(uow) == next_at
    assert next_at == weekly_summary.next_summary_of(after, clock.now())


@pytest.mark.parametrize(
    ("step", "raw", "typed", "views"),
    [
        ("summary", "someday", True, [settings.AskSetting("summary", "hint")]),
        ("summary", "Mon-Fri", True, [settings.AskSetting("summary", "hint")]),
        ("summary", "🙂", True, [settings.AskSetting("summary", "hint")]),
        ("summary", "x" * 5000, True, [settings.AskSetting("summary", "hint")]),
        ("summary", "7", False, [settings.Expired(), settings.AskSetting("summary")]),
        ("summary", "-1", False, [settings.Expired(), settings.AskSetting("summary")]),
        ("summary_time", "25:00", True, [settings.AskSetting("summary_time", "hint")]),
        ("summary_time", "sunday", True, [settings.AskSetting("summary_time", "hint")]),
        ("summary_time", "x" * 5000, True, [settings.AskSetting("summary_time", "hint")]),
        ("summary_time", "1830", False, [settings.Expired(), settings.AskSetting("summary_time")]),
        ("summary_time", "2500", False, [settings.Expired(), settings.AskSetting("summary_time")]),
    ],
)
async def test_bad_summary_answers_re_ask_and_store_nothing(
    service: settings.SettingsService,
    uow: SqlUnitOfWorkFactory,
    recorder: Recorder,
    step: str,
    raw: str,
    typed: bool,
    views: list[settings.View],
) -> None:
    before = await profile_of(uow)
    await service.open(USER)
    await service.choose(USER, "summary")
    if step == "summary_time":
        await service.answer(USER, "summary", "3", typed=False)
    assert await service.answer(USER, None if typed else step, raw, typed=typed) == views
    assert await profile_of(uow) == before and recorder.calls == []
    assert await service.current(USER) == [settings.AskSetting(step)]


async def test_back_or_a_stale_day_button_between_the_steps_changes_nothing(
    service: settings.SettingsService, uow: SqlUnitOfWorkFactory, recorder: Recorder
) -> None:
    before = await profile_of(uow)
    await service.open(USER)
    await service.choose(USER, "summary")
    await service.answer(USER, "summary", "1", typed=False)
    # The day prompt's buttons are stale once the time is asked.
    assert await service.answer(USER, "summary", "4", typed=False) == [
        settings.Expired(),
        settings.AskSetting("summary_time"),
    ]
    assert await service.choose(USER, "summary_time") == [
        settings.Expired(),
        settings.AskSetting("summary_time"),
    ]
    assert await service.back(USER) == [settings.ShowSettings(before)]
    assert await service.answer_text(USER, "18:30") is None
    assert await profile_of(uow) == before and recorder.calls == []


async def test_summary_is_rescheduled_only_when_its_instant_can_move(
    uow: SqlUnitOfWorkFactory, clock: FixedClock
) -> None:
    await register_contact(uow, clock, USER, USER, "en")
    service = settings.SettingsService(uow, clock, listeners=[weekly_summary.reschedule_summary])
    # Not onboarded yet: the weekly job schedules the first summary later.
    await service.open(USER)
    await service.choose(USER, "summary")
    await service.answer(USER, "summary", "0", typed=False)
    await service.answer(USER, "summary_time", "0800", typed=False)
    assert await next_summary(uow) is None
    await onboarded_in(uow, clock, "Europe/Berlin")
    # Another value leaves the instant alone; a new time zone moves it.
    await service.choose(USER, "goal")
    await service.answer(USER, "goal", "5", typed=False)
    assert await next_summary(uow) is None
    await service.choose(USER, "timezone")
    await service.answer(USER, "timezone", "zone:Asia/Tokyo", typed=False)
    assert await next_summary(uow) == datetime(2026, 11, 29, 23, 0, tzinfo=UTC)
