"""The progression ladder: which level a user trains at, decided from their past sessions.

Pure and replayable: the level is never stored as a fact of its own but recomputed from the
session history, so a changed rule or a deleted session (/undo) cannot leave a stale level
behind. The rule is the article's: start with the two-legged bridge until the single-leg
version can be done without pain (PRODUCT.md §2 fixes "without pain" as 3 sessions at pain
0-3); a painful session (6+, the red traffic light) at the harder level steps back down.

Choices made here:

- A session counts as pain-free when it was completed, included the counted exercise (the
  two-legged bridge), and every pain reported in it, including the final "how is your back
  now", is at most `pain_free_max`. A session without any pain answer does not count.
- At most one pain-free session counts per local calendar day, so three quick sessions in one
  afternoon do not unlock the harder exercise.
- An amber session (4-5) neither counts nor resets the count; a red one (6+) or a new symptom
  resets the count at the start level and steps down from the unlocked level.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from coach.catalogue import ProgressionRules

__all__ = [
    "LadderReason",
    "LevelDecision",
    "SessionOutcome",
    "current_level",
]


class LadderReason(StrEnum):
    """Why the user is at their level; the bot explains it with `ladder-<value>`."""

    NEED_N_MORE_PAIN_FREE = "need_n_more_pain_free"
    """At the start level; `remaining` more pain-free sessions unlock the next one."""
    UNLOCKED_SINGLE_LEG_BRIDGE = "unlocked_single_leg_bridge"
    """The latest session unlocked the next level."""
    KEEP_PROGRESSED = "keep_progressed"
    """At the unlocked level since an earlier session."""
    STEPPED_DOWN_AFTER_PAIN = "stepped_down_after_pain"
    """The latest session hurt (or brought a new symptom) at the unlocked level."""
    RESTARTED_AFTER_PAIN = "restarted_after_pain"
    """The latest session hurt at the start level: the pain-free count starts again."""


@dataclass(frozen=True, slots=True)
class SessionOutcome:
    """What the ladder needs to know about one finished or stopped session."""

    local_date: date
    """The session's day in the user's own calendar."""
    exercise_pains: Mapping[str, int | None] = field(default_factory=dict)
    """Exercises done (with reps recorded) → pain reported for it via "this hurts", if any."""
    max_pain: int | None = None
    """Highest pain answered in the session (exercise pains and the final question)."""
    completed: bool = False
    new_symptom: bool = False


@dataclass(frozen=True, slots=True)
class LevelDecision:
    level: str
    reason_code: LadderReason
    pain_free_bridge_sessions: int
    """Pain-free sessions of the counted exercise since the start or the last reset."""
    remaining: int
    """Pain-free sessions still needed to unlock; 0 at the unlocked level."""


def _highest_pain(session: SessionOutcome) -> int | None:
    pains = [p for p in (session.max_pain, *session.exercise_pains.values()) if p is not None]
    return max(pains, default=None)


def _is_painful(session: SessionOutcome, rules: ProgressionRules) -> bool:
    pain = _highest_pain(session)
    return session.new_symptom or (pain is not None and pain >= rules.step_down_pain)


def _is_pain_free(session: SessionOutcome, rules: ProgressionRules) -> bool:
    pain = _highest_pain(session)
    return (
        session.completed
        and rules.counted_exercise in session.exercise_pains
        and pain is not None
        and pain <= rules.pain_free_max
    )


def current_level(
    history: Iterable[SessionOutcome], rules: ProgressionRules | None = None
) -> LevelDecision:
    """Replay the history (any order; sorted by local date, stable) into today's level."""
    rules = rules or ProgressionRules()
    needed = rules.unlock_after_pain_free_sessions
    level = rules.start_level
    count = 0
    counted_days: set[date] = set()
    reason = LadderReason.NEED_N_MORE_PAIN_FREE
    for session in sorted(history, key=lambda s: s.local_date):
        if _is_painful(session, rules):
            if level == rules.unlocked_level:
                reason = LadderReason.STEPPED_DOWN_AFTER_PAIN
            else:
                reason = LadderReason.RESTARTED_AFTER_PAIN
            level, count = rules.start_level, 0
            counted_days = set()
            continue
        if level == rules.unlocked_level:
            reason = LadderReason.KEEP_PROGRESSED
            continue
        if _is_pain_free(session, rules) and session.local_date not in counted_days:
            counted_days.add(session.local_date)
            count += 1
            if count >= needed:
                level, reason = rules.unlocked_level, LadderReason.UNLOCKED_SINGLE_LEG_BRIDGE
                continue
        reason = LadderReason.NEED_N_MORE_PAIN_FREE
    remaining = 0 if level == rules.unlocked_level else needed - count
    return LevelDecision(
        level=level, reason_code=reason, pain_free_bridge_sessions=count, remaining=remaining
    )
