"""The safety hold: which stops place it, which reason wins, which days it freezes, and the
one access rule every door asks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.hold import Hold, HoldReason, held_days, hold_for_pain, hold_for_symptom, stronger
from coach.screening import (
    AccessReason,
    Outcome,
    ScreeningRecord,
    ScreeningResult,
    exercise_access,
    next_record,
)

NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
LATER = NOW + timedelta(hours=2)


@pytest.mark.parametrize(
    ("baseline", "pain", "expected"),
    [
        (2, 3, None),
        (2, 4, HoldReason.PAIN_RISE),
        (2, 5, HoldReason.PAIN_RISE),
        (2, 6, HoldReason.PAIN),
        (2, 10, HoldReason.PAIN),
        (0, 2, HoldReason.PAIN_RISE),
        (0, 1, None),
        (5, 6, HoldReason.PAIN),  # 6 or more stops whatever the baseline
        (4, 5, None),
        (None, 5, None),  # no screening pain to compare with
        (None, 6, HoldReason.PAIN),
        (8, 9, HoldReason.PAIN),
    ],
)
def test_which_pain_scores_place_a_hold(
    baseline: int | None, pain: int, expected: HoldReason | None
) -> None:
    hold = hold_for_pain(pain, baseline, NOW)
    assert (hold.reason if hold else None) is expected
    if hold is not None:
        assert (hold.since, hold.pain, hold.baseline) == (NOW, pain, baseline)


@pytest.mark.parametrize(
    ("current", "new", "expected"),
    [
        (None, HoldReason.PAIN_RISE, HoldReason.PAIN_RISE),
        (HoldReason.PAIN_RISE, HoldReason.PAIN, HoldReason.PAIN),
        (HoldReason.PAIN, HoldReason.PAIN_RISE, HoldReason.PAIN),
        (HoldReason.PAIN, HoldReason.SYMPTOM, HoldReason.SYMPTOM),
        (HoldReason.SYMPTOM, HoldReason.URGENT, HoldReason.URGENT),
        (HoldReason.URGENT, HoldReason.PAIN, HoldReason.URGENT),
    ],
)
def test_a_graver_stop_replaces_the_reason_but_not_the_start(
    current: HoldReason | None, new: HoldReason, expected: HoldReason
) -> None:
    held = None if current is None else Hold(current, NOW)
    kept = stronger(held, Hold(new, LATER))
    assert kept.reason is expected
    assert kept.since == (LATER if current is None else NOW)


def test_symptom_holds_need_a_doctor_and_pain_holds_do_not() -> None:
    assert hold_for_symptom(urgent=True, now=NOW).reason is HoldReason.URGENT
    assert hold_for_symptom(urgent=False, now=NOW).reason is HoldReason.SYMPTOM
    assert [r for r in HoldReason if r.needs_doctor] == [HoldReason.SYMPTOM, HoldReason.URGENT]


def test_a_hold_needs_an_aware_time() -> None:
    with pytest.raises(ValueError, match="aware"):
        Hold(HoldReason.PAIN, datetime(2026, 12, 7, 9, 30))  # noqa: DTZ001


BERLIN = ZoneInfo("Europe/Berlin")


def local(instant: datetime) -> date:
    return instant.astimezone(BERLIN).date()


@pytest.mark.parametrize(
    ("spans", "today", "expected"),
    [
        ([], date(2026, 12, 9), set()),
        # in force: from its day to today
        ([(NOW, None)], date(2026, 12, 9), {date(2026, 12, d) for d in (7, 8, 9)}),
        # lifted on the 8th: both days touched
        (
            [(NOW, NOW + timedelta(days=1))],
            date(2026, 12, 20),
            {date(2026, 12, 7), date(2026, 12, 8)},
        ),
        # 23:30 UTC is already the next day in Berlin
        (
            [(datetime(2026, 12, 7, 23, 30, tzinfo=UTC), None)],
            date(2026, 12, 8),
            {date(2026, 12, 8)},
        ),
        # two holds, lifted and placed again
        (
            [(NOW, NOW), (NOW + timedelta(days=3), None)],
            date(2026, 12, 10),
            {date(2026, 12, 7), date(2026, 12, 10)},
        ),
    ],
)
def test_held_days_freeze_in_the_users_calendar(
    spans: list[tuple[datetime, datetime | None]], today: date, expected: set[date]
) -> None:
    assert held_days(spans, today, local) == expected


def record(outcome: Outcome = Outcome.CLEARED, **changes: object) -> ScreeningRecord:
    return ScreeningRecord(outcome, NOW, 2, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("latest", "reason"),
    [
        (None, AccessReason.NOT_SCREENED),
        (record(), AccessReason.ALLOWED),
        (record(hold=Hold(HoldReason.PAIN, NOW, 7, 2)), AccessReason.HELD),
        (record(hold=Hold(HoldReason.PAIN_RISE, NOW, 4, 2)), AccessReason.HELD),
        (record(hold=Hold(HoldReason.SYMPTOM, NOW)), AccessReason.HELD),
        (record(Outcome.DOCTOR, hold=Hold(HoldReason.URGENT, NOW)), AccessReason.HELD),
        (record(Outcome.DOCTOR, hold=Hold(HoldReason.PAIN, NOW, 7)), AccessReason.SEE_DOCTOR),
        (record(Outcome.URGENT, hold=Hold(HoldReason.PAIN, NOW, 7)), AccessReason.URGENT),
        (record(flagged_before=True), AccessReason.NEEDS_DOCTOR_CONFIRMATION),
        (record(flagged_before=True, doctor_cleared=True), AccessReason.ALLOWED),
    ],
)
def test_the_one_access_rule(latest: ScreeningRecord | None, reason: AccessReason) -> None:
    access = exercise_access(latest, LATER)
    assert access.reason is reason
    assert access.allowed is (reason is AccessReason.ALLOWED)
    if reason is AccessReason.HELD:
        assert latest is not None and access.hold == latest.hold


CLEAR = ScreeningResult(1, Outcome.CLEARED, (), 2, "gt_3m", True, ())


@pytest.mark.parametrize(
    ("hold", "needs_doctor"),
    [
        (None, False),
        (Hold(HoldReason.PAIN, NOW, 7, 2), False),
        (Hold(HoldReason.PAIN_RISE, NOW, 4, 2), False),
        (Hold(HoldReason.SYMPTOM, NOW), True),
        (Hold(HoldReason.URGENT, NOW), True),
    ],
)
def test_a_clearing_rescreen_lifts_the_hold_and_a_symptom_first_needs_a_doctor(
    hold: Hold | None, needs_doctor: bool
) -> None:
    after = next_record(record(hold=hold), CLEAR, LATER)
    assert after.hold is None
    access = exercise_access(after, LATER)
    expected = AccessReason.NEEDS_DOCTOR_CONFIRMATION if needs_doctor else AccessReason.ALLOWED
    assert access.reason is expected
