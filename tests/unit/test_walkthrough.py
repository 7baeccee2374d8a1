"""The walkthrough state machine: every branch from a tap to what is shown and recorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from coach import walkthrough as w
from coach.catalogue import Side, load_catalogue

CAT = load_catalogue()
SID = "s1"


def run(wt: w.Walkthrough, *events: w.Event) -> tuple[w.Walkthrough, list[w.Effect]]:
    """Apply events in order; the effects of the last one."""
    effects: list[w.Effect] = []
    for event in events:
        wt, effects = w.advance(CAT, wt, event)
    return wt, effects


def to_reps(wt: w.Walkthrough) -> w.Walkthrough:
    """From the intro through every step to the first set."""
    steps = CAT.exercise(wt.current or "").steps
    wt, _ = run(wt, *([w.Next()] * (steps + 1)))
    assert wt.phase is w.Phase.REPS
    return wt


def workout(level: str = "base") -> w.Walkthrough:
    return w.start_workout(CAT, level, SID)


def single(exercise: str) -> w.Walkthrough:
    return w.start_single(CAT, exercise, SID)


def test_a_workout_starts_with_the_first_picture_and_walks_the_steps() -> None:
    wt = workout()
    assert w.prompt(CAT, wt) == w.ShowIntro("hip_raise", 1, 3)
    wt, effects = run(wt, w.Next())
    assert effects == [w.ShowStep("hip_raise", 1, 3)]
    wt, effects = run(wt, w.Next(), w.Next(), w.Next())
    assert effects == [w.AskReps("hip_raise", "left", 10)]
    wt, effects = run(wt, w.Done())
    assert effects == [w.RecordReps("hip_raise", "left", 10), w.AskReps("hip_raise", "right", 10)]
    wt, effects = run(wt, w.Fewer(7))
    assert effects == [w.RecordReps("hip_raise", "right", 7), w.ShowIntro("clamshell", 2, 3)]


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (w.Done(), [w.RecordReps("clamshell", "left", 10)]),
        (w.Fewer(1), [w.RecordReps("clamshell", "left", 1)]),
        (w.Fewer(9), [w.RecordReps("clamshell", "left", 9)]),
        (w.Count(8), [w.RecordReps("clamshell", "left", 8)]),
        (w.Count(12), [w.RecordReps("clamshell", "left", 12)]),
        (w.Count(200), [w.RecordReps("clamshell", "left", 200)]),
        (w.Fewer(10), [w.Invalid(w.InvalidReason.OUT_OF_RANGE)]),
        (w.Fewer(0), [w.Invalid(w.InvalidReason.OUT_OF_RANGE)]),
        (w.Count(0), [w.Invalid(w.InvalidReason.OUT_OF_RANGE)]),
        (w.Count(201), [w.Invalid(w.InvalidReason.OUT_OF_RANGE)]),
        (w.Pain(3), [w.Invalid(w.InvalidReason.STALE)]),
        (w.TakeRegression(), [w.Invalid(w.InvalidReason.STALE)]),
        (w.Done(seq=0), [w.Invalid(w.InvalidReason.STALE)]),
    ],
)
def test_reps_answers(event: w.Event, expected: list[w.Effect]) -> None:
    wt = to_reps(single("clamshell"))
    new, effects = w.advance(CAT, wt, event)
    assert effects[: len(expected)] == expected
    if isinstance(expected[0], w.Invalid):
        assert new == wt  # nothing changes on a misfit
    else:
        assert new.seq == wt.seq + 1 and effects[-1] == w.AskReps("clamshell", "right", 10)


@pytest.mark.parametrize(
    ("exercise", "pain", "expected"),
    [
        ("single_leg_bridge", 0, w.OfferRegression("single_leg_bridge", "bridge", True)),
        ("clamshell", 3, w.OfferSkip("clamshell", can_continue=True)),
        ("single_leg_bridge", 4, w.OfferRegression("single_leg_bridge", "bridge")),
        ("single_leg_bridge", 5, w.OfferRegression("single_leg_bridge", "bridge")),
        ("clamshell", 4, w.OfferSkip("clamshell")),
        ("single_leg_bridge", 6, w.StopSession(w.StopReason.PAIN)),
        ("clamshell", 10, w.StopSession(w.StopReason.PAIN)),
    ],
)
def test_this_hurts_then_pain(exercise: str, pain: int, expected: w.Effect) -> None:
    wt, effects = run(single(exercise), w.Next(), w.Hurts())
    assert effects == [w.AskPain(exercise)]
    wt, effects = run(wt, w.Pain(pain))
    light = CAT.traffic_light(pain)
    assert effects == [w.RecordPain(exercise, pain, light), expected]
    assert wt.finished is isinstance(expected, w.StopSession)


def test_pain_out_of_range_and_a_new_symptom() -> None:
    wt, _ = run(single("bridge"), w.Hurts())
    assert run(wt, w.Pain(11))[1] == [w.Invalid(w.InvalidReason.OUT_OF_RANGE)]
    stopped, effects = run(wt, w.NewSymptom())
    assert effects == [w.StopSession(w.StopReason.NEW_SYMPTOM)]
    assert stopped.phase is w.Phase.STOPPED
    assert run(stopped, w.Next())[1] == [w.Invalid(w.InvalidReason.STALE)]


def test_taking_the_regression_swaps_in_the_easier_exercise() -> None:
    wt, _ = run(single("single_leg_bridge"), w.Hurts(), w.Pain(4))
    wt, effects = run(wt, w.TakeRegression())
    assert effects == [w.ShowIntro("bridge", 1, 1)] and wt.exercises == ("bridge",)
    wt, effects = run(to_reps(wt), w.Done())
    assert effects == [w.RecordReps("bridge", None, 10), w.AskFinalPain()]
    wt, effects = run(wt, w.Pain(2))
    assert effects[0] == w.RecordFinalPain(2, "green")
    summary = effects[1]
    assert isinstance(summary, w.Summary) and summary.total_reps == 10 and wt.finished


def test_no_regression_in_a_session_that_already_has_it() -> None:
    wt, _ = run(single("clamshell"), w.Hurts(), w.Pain(3))
    assert run(wt, w.TakeRegression())[1] == [w.Invalid(w.InvalidReason.STALE)]
    wt, effects = run(wt, w.SkipExercise())
    assert effects == [w.AskFinalPain()] and wt.skipped == ("clamshell",)


def test_skipping_moves_to_the_next_exercise() -> None:
    wt, effects = run(workout(), w.SkipExercise())
    assert effects == [w.ShowIntro("clamshell", 2, 3)] and wt.skipped == ("hip_raise",)


def test_the_desk_break_is_one_next_per_exercise_and_counts_nothing() -> None:
    wt = w.start_break(CAT, SID)
    assert wt.exercises == CAT.break_exercises and wt.kind is w.Kind.BREAK
    total = len(CAT.break_exercises)
    for number, exercise in enumerate(CAT.break_exercises, start=1):
        assert w.prompt(CAT, wt) == w.ShowIntro(exercise, number, total)
        wt, effects = run(wt, w.Next())
    assert effects == [w.Summary((), (), (), None, None, planned=5)] and wt.phase is w.Phase.DONE
    assert wt.reps == () and not w.session_outcome(wt, date(2026, 11, 26)).exercise_pains


def test_this_hurts_in_the_desk_break_asks_for_pain_and_offers_to_skip() -> None:
    wt, effects = run(w.start_break(CAT, SID), w.Hurts())
    assert effects == [w.AskPain("desk_walk")]
    wt, effects = run(wt, w.Pain(2))
    green = w.RecordPain("desk_walk", 2, "green")
    assert effects == [green, w.OfferSkip("desk_walk", can_continue=True)]
    wt, effects = run(wt, w.SkipExercise())
    assert effects == [w.ShowIntro("desk_squat", 2, len(CAT.break_exercises))]


def test_progress_survives_a_round_trip_and_old_versions_start_afresh() -> None:
    wt, _ = run(workout("progressed"), w.Next(), w.Next())
    stored = wt.to_dict()
    assert w.resume(CAT, stored) == wt
    assert w.resume(CAT, {**stored, "catalogue_version": 99}) is None
    assert w.resume(CAT, {**stored, "phase": "flying"}) is None
    assert w.resume(CAT, {**stored, "step": 9}) is None
    assert w.resume(CAT, {"format": 1}) is None


def test_the_outcome_for_the_ladder() -> None:
    wt = to_reps(single("bridge"))
    wt, _ = run(wt, w.Done(), w.Pain(3))
    outcome = w.session_outcome(wt, date(2026, 11, 26))
    assert outcome.exercise_pains == {"bridge": None}
    assert (outcome.max_pain, outcome.completed, outcome.new_symptom) == (3, True, False)
    stopped = replace(wt, phase=w.Phase.STOPPED, stop_reason=w.StopReason.NEW_SYMPTOM)
    assert w.session_outcome(stopped, date(2026, 11, 26)).new_symptom


@pytest.mark.parametrize("bad", ["", "has:colon", "x" * 17])
def test_session_ids_must_fit_callback_data(bad: str) -> None:
    with pytest.raises(w.WalkthroughError):
        w.start_single(CAT, "bridge", bad)


@pytest.mark.parametrize("presses", [0, 1, 4, 5])
def test_finish_for_today_ends_with_what_was_done(presses: int) -> None:
    """From the picture, a step, a rep step or after a set: ended early, sets kept."""
    wt, _ = run(workout(), *([w.Next()] * presses))
    if presses == 5:
        wt, _ = run(wt, w.Done())
    wt, effects = run(wt, w.Finish())
    assert wt.phase is w.Phase.ENDED and wt.finished
    reps = (w.RepRecord("hip_raise", "left", 10),) if presses == 5 else ()
    assert effects == [w.Summary(reps, tuple(r.exercise for r in reps), (), None, None, True, 3)]
    assert not w.session_outcome(wt, date(2026, 1, 5)).completed
    assert w.resume(CAT, wt.to_dict()) == wt
    assert run(wt, w.Finish())[1] == [w.Invalid(w.InvalidReason.STALE)]


def test_finish_at_the_final_question_is_a_done_session() -> None:
    wt = workout()
    while wt.phase is not w.Phase.FINAL_PAIN:
        wt, _ = run(wt, w.Done() if wt.phase is w.Phase.REPS else w.Next())
    wt, effects = run(wt, w.Finish())
    assert wt.phase is w.Phase.DONE
    assert isinstance(effects[0], w.Summary) and not effects[0].ended_early


@pytest.mark.parametrize(
    ("sets", "recorded", "next_effect"),
    [
        ((10, 12), [("left", 10), ("right", 12)], w.ShowIntro("bridge", 2, 2)),
        ((8,), [("left", 8)], w.AskReps("clamshell", "right", 10)),
    ],
)
def test_typed_sets_record_each_side_and_show_what_follows(
    sets: tuple[int, ...], recorded: list[tuple[Side, int]], next_effect: w.Effect
) -> None:
    wt = replace(to_reps(single("clamshell")), exercises=("clamshell", "bridge"))
    wt, effects = run(wt, w.Sets(sets))
    records = [w.RecordReps("clamshell", side, reps) for side, reps in recorded]
    assert effects == [*records, next_effect]


@pytest.mark.parametrize("sets", [(), (10, 10, 10), (0,), (201, 5)])
def test_impossible_typed_sets_change_nothing(sets: tuple[int, ...]) -> None:
    wt = to_reps(single("clamshell"))
    assert run(wt, w.Sets(sets)) == (wt, [w.Invalid(w.InvalidReason.OUT_OF_RANGE)])


@pytest.mark.parametrize("steps_before", [0, 2, 4])
def test_continue_after_low_pain_returns_where_this_hurts_was_tapped(steps_before: int) -> None:
    wt, _ = run(single("clamshell"), *([w.Next()] * steps_before))
    before = w.prompt(CAT, wt)
    wt, effects = run(wt, w.Hurts(), w.Pain(2))
    assert effects[-1] == w.OfferSkip("clamshell", can_continue=True)
    assert w.resume(CAT, wt.to_dict()) == wt
    wt, effects = run(wt, w.Continue())
    assert effects == [before] and wt.resume_phase is None


def test_continue_is_not_offered_after_amber_pain() -> None:
    wt, effects = run(single("clamshell"), w.Next(), w.Hurts(), w.Pain(4))
    assert effects[-1] == w.OfferSkip("clamshell")
    assert run(wt, w.Continue())[1] == [w.Invalid(w.InvalidReason.STALE)]
