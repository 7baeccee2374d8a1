"""Messages for logged reps, the "which exercise?" question, /undo, /stats and /delete."""

from __future__ import annotations

from collections.abc import Iterable

from bot import callbacks
from bot.keyboards import inline
from bot.render import Outgoing
from bot.render import safety as safety_render
from bot.texts import Catalogue
from coach.activity import RepEntry
from coach.progress import StreakLine
from coach.services import progress


def render(views: list[progress.View], texts: Catalogue, lang: str) -> list[Outgoing]:
    out: list[Outgoing] = []
    for view in views:
        out.extend(_one(view, texts, lang))
    return out


def entries_text(entries: Iterable[RepEntry], texts: Catalogue, lang: str) -> str:
    """ "10 clamshells (left), 10 clamshells (right)" in the user's language."""
    parts = []
    for entry in entries:
        exercise = texts.text(lang, f"progress-exercise-{entry.exercise_id}", reps=entry.reps)
        if entry.side in ("left", "right"):
            side = texts.text(lang, f"progress-side-{entry.side}")
            parts.append(
                texts.text(
                    lang, "progress-entry-side", reps=entry.reps, exercise=exercise, side=side
                )
            )
        else:
            parts.append(texts.text(lang, "progress-entry", reps=entry.reps, exercise=exercise))
    return ", ".join(parts)


def streak_text(streak: StreakLine, texts: Catalogue, lang: str) -> str:
    return texts.text(
        lang,
        "progress-streak-line",
        period=streak.goal.period,
        current=streak.current,
        best=streak.best,
        strength=streak.percent,
    )


def stats_lines(streak: StreakLine, texts: Catalogue, lang: str) -> str:
    """The lines beside the picture: streak, best streak, strength and what strength means
    (a percentage nobody explained reads like a grade)."""
    period = streak.goal.period
    return "\n".join(
        (
            texts.text(lang, "progress-stats-streak", period=period, current=streak.current),
            texts.text(lang, "progress-stats-best", period=period, best=streak.best),
            texts.text(lang, "progress-stats-strength", strength=streak.percent),
            texts.text(lang, "progress-stats-strength-explained"),
        )
    )


def exercise_question(question: progress.AskExercise, texts: Catalogue, lang: str) -> Outgoing:
    token = question.token
    rows = [
        [(texts.text(lang, f"progress-button-{choice}"), callbacks.encode("rep", choice, token))]
        for choice in question.choices
    ]
    never_mind = texts.text(lang, "progress-button-never-mind")
    rows.append([(never_mind, callbacks.encode("rep", "x", token))])
    body = texts.text(lang, "progress-ask-exercise")
    if question.notice == "hint":
        body = f"{texts.text(lang, 'progress-ask-hint')}\n\n{body}"
    return Outgoing(body, inline(rows))


def delete_question(texts: Catalogue, lang: str, *, hint: bool = False) -> Outgoing:
    rows = [
        [(texts.text(lang, "progress-button-delete-yes"), callbacks.encode("del", "yes"))],
        [(texts.text(lang, "progress-button-delete-no"), callbacks.encode("del", "no"))],
    ]
    body = texts.text(lang, "progress-delete-ask")
    if hint:
        body = f"{texts.text(lang, 'progress-delete-hint')}\n\n{body}"
    return Outgoing(body, inline(rows))


def _one(view: progress.View, texts: Catalogue, lang: str) -> list[Outgoing]:
    t = texts.text
    match view:
        case progress.Logged(entries=entries, streak=streak):
            logged = t(lang, "progress-logged", entries=entries_text(entries, texts, lang))
            return [Outgoing(f"{logged}\n{streak_text(streak, texts, lang)}")]
        case progress.AskExercise():
            return [exercise_question(view, texts, lang)]
        case progress.HeldReply(access=access):
            lead = t(lang, "safety-reps-not-logged")
            return [safety_render.refusal(access, texts, lang, lead=lead)]
        case progress.RefusedReply(reason=reason, detail=detail):
            return [Outgoing(t(lang, f"progress-refused-{reason}", word=detail))]
        case progress.NotReady():
            return [Outgoing(t(lang, "progress-not-ready"))]
        case progress.Undone(entries=entries, streak=streak):
            undone = t(lang, "progress-undone", entries=entries_text(entries, texts, lang))
            return [Outgoing(f"{undone}\n{streak_text(streak, texts, lang)}")]
        case progress.RestDay(streak=streak):
            rest = t(lang, "progress-rest-day")
            return [Outgoing(f"{rest}\n{streak_text(streak, texts, lang)}")]
        case progress.TooManyRestDays(allowed=allowed):
            return [Outgoing(t(lang, "progress-rest-day-limit", allowed=allowed))]
        case progress.NothingToUndo():
            return [Outgoing(t(lang, "progress-nothing-to-undo"))]
        case progress.QuestionClosed():
            return [Outgoing(t(lang, "progress-question-closed"))]
        case progress.AskDelete():
            return [delete_question(texts, lang)]
        case progress.Deleted():
            return [Outgoing(t(lang, "progress-deleted"))]
        case progress.DeleteCancelled():
            return [Outgoing(t(lang, "progress-delete-cancelled"))]
        case progress.Expired():
            return []
    return []  # pragma: no cover - every view is matched above
