"""The safety screening as a test walks through it, derived from the shipped questionnaire."""

from __future__ import annotations

from coach.screening import (
    Done,
    ScreeningProgress,
    Severity,
    answer,
    current_question,
    load_questionnaire,
)

QUESTIONNAIRE = load_questionnaire()
URGENT_FLAGS = frozenset(q.id for q in QUESTIONNAIRE.flags if q.severity is Severity.URGENT)


def flags_asked(*yes: str) -> tuple[str, ...]:
    """The flag questions asked, in order, to someone who says yes only to `yes`.

    A conditional question appears only after one of its `ask_if` flags was answered yes,
    and an urgent yes is the last question asked.
    """
    progress = ScreeningProgress.start(QUESTIONNAIRE)
    question = current_question(QUESTIONNAIRE, progress)
    asked: list[str] = []
    while question is not None and question.is_flag:
        asked.append(question.id)
        step = answer(QUESTIONNAIRE, progress, question.id, question.id in yes)
        if isinstance(step, Done):
            break
        progress, question = step.progress, step.question
    return tuple(asked)


def yes_to(flag: str) -> tuple[str, ...]:
    """Yes to `flag` alone, plus the first flag it is asked after when it is conditional."""
    question = QUESTIONNAIRE.get(flag)
    assert question is not None, flag
    return (flag, *question.ask_if[:1])


FLAGS = flags_asked()
"""The flags asked to someone who answers no to everything."""
ALL_FLAGS = tuple(q.id for q in QUESTIONNAIRE.flags)
