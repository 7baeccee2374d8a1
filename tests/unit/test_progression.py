"""The progression ladder, replayed from session outcomes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.progression import LadderReason, SessionOutcome, current_level

DAY = date(2026, 11, 2)


def session(
    day: int,
    pain: int | None = 2,
    *,
    completed: bool = True,
    exercises: tuple[str, ...] = ("hip_raise", "clamshell", "bridge"),
    symptom: bool = False,
) -> SessionOutcome:
    return SessionOutcome(
        local_date=DAY + timedelta(days=day),
        exercise_pains=dict.fromkeys(exercises),
        max_pain=pain,
        completed=completed,
        new_symptom=symptom,
    )


PROGRESSED = ("hip_raise", "clamshell", "single_leg_bridge")
THREE_GOOD = [session(0), session(1), session(2, pain=3)]


@pytest.mark.parametrize(
    ("history", "level", "reason", "remaining"),
    [
        ([], "base", LadderReason.NEED_N_MORE_PAIN_FREE, 3),
        ([session(0)], "base", LadderReason.NEED_N_MORE_PAIN_FREE, 2),
        (THREE_GOOD[:2], "base", LadderReason.NEED_N_MORE_PAIN_FREE, 1),
        (THREE_GOOD, "progressed", LadderReason.UNLOCKED_SINGLE_LEG_BRIDGE, 0),
        # Order of the stored rows does not matter: replayed by local date.
        (list(reversed(THREE_GOOD)), "progressed", LadderReason.UNLOCKED_SINGLE_LEG_BRIDGE, 0),
        # Amber (4-5) neither counts nor resets.
        (
            [session(0), session(1, pain=4), session(2)],
            "base",
            LadderReason.NEED_N_MORE_PAIN_FREE,
            1,
        ),
        # Three sessions on one day count once.
        ([session(0), session(0), session(0)], "base", LadderReason.NEED_N_MORE_PAIN_FREE, 2),
        # Unfinished, unanswered or bridge-less sessions do not count.
        ([session(0, completed=False)], "base", LadderReason.NEED_N_MORE_PAIN_FREE, 3),
        ([session(0, pain=None)], "base", LadderReason.NEED_N_MORE_PAIN_FREE, 3),
        ([session(0, exercises=("hip_raise",))], "base", LadderReason.NEED_N_MORE_PAIN_FREE, 3),
        # A painful session at the start level resets the count.
        (
            [session(0), session(1), session(2, pain=6)],
            "base",
            LadderReason.RESTARTED_AFTER_PAIN,
            3,
        ),
        (
            [session(0), session(1, pain=6), session(2)],
            "base",
            LadderReason.NEED_N_MORE_PAIN_FREE,
            2,
        ),
        # At the unlocked level: stays while it goes well ...
        (
            [*THREE_GOOD, session(3, exercises=PROGRESSED)],
            "progressed",
            LadderReason.KEEP_PROGRESSED,
            0,
        ),
        # ... and one painful session (6+) or a new symptom steps back down.
        (
            [*THREE_GOOD, session(3, pain=6, exercises=PROGRESSED, completed=False)],
            "base",
            LadderReason.STEPPED_DOWN_AFTER_PAIN,
            3,
        ),
        (
            [*THREE_GOOD, session(3, pain=1, symptom=True, exercises=PROGRESSED)],
            "base",
            LadderReason.STEPPED_DOWN_AFTER_PAIN,
            3,
        ),
        # After stepping down, three new pain-free sessions unlock it again.
        (
            [*THREE_GOOD, session(3, pain=8), session(4), session(5), session(6)],
            "progressed",
            LadderReason.UNLOCKED_SINGLE_LEG_BRIDGE,
            0,
        ),
    ],
)
def test_ladder(
    history: list[SessionOutcome], level: str, reason: LadderReason, remaining: int
) -> None:
    decision = current_level(history)
    assert (decision.level, decision.reason_code, decision.remaining) == (level, reason, remaining)


def test_an_exercise_pain_counts_even_when_the_final_answer_is_low() -> None:
    painful = SessionOutcome(
        local_date=DAY + timedelta(days=2), exercise_pains={"bridge": 7}, max_pain=1, completed=True
    )
    assert current_level([*THREE_GOOD[:2], painful]).remaining == 3
