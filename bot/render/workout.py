"""Messages of the guided walkthroughs: pictures, steps, rep and pain buttons, summaries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from telegram import InlineKeyboardMarkup

from bot import callbacks
from bot.keyboards import Button, inline
from bot.render import Outgoing
from bot.render import safety as safety_render
from bot.texts import Catalogue as Texts
from coach import walkthrough as wt
from coach.catalogue import PAIN_MAX, Catalogue, Exercise
from coach.progression import LadderReason
from coach.safety import SymptomReply
from coach.services import workout
from coach.services.safety import HoldPlaced

MENU_AREA = "wx"


@dataclass(frozen=True)
class Picture:
    """An exercise animation with its caption and buttons."""

    picture: str
    side: str | None
    """The side it shows (the other side is its mirror image); None: no sides."""
    title: str
    labels: dict[str, str]
    caption: str
    markup: InlineKeyboardMarkup | None = None


Message = Outgoing | Picture


class TextFn(Protocol):
    """The shape of `Catalogue.text`."""

    def __call__(self, language: str, key: str, **args: object) -> str: ...


class _ButtonFn(Protocol):
    def __call__(self, label_key: str, action: str, *args: int, **text_args: object) -> Button: ...


def render(
    views: list[workout.View], texts: Texts, lang: str, catalogue: Catalogue
) -> list[Message]:
    return [message for _view, message in render_each(views, texts, lang, catalogue)]


def render_each(
    views: list[workout.View], texts: Texts, lang: str, catalogue: Catalogue
) -> list[tuple[workout.View, Message]]:
    """Each message for `views`, with the view it shows.

    A hold placed by a stop that was just shown (pain 6+, a new symptom, red pain after the
    session) puts its "Redo safety check" button on that stop message instead of repeating
    the reason in one more.
    """
    out: list[tuple[workout.View, Message]] = []
    stop: int | None = None
    for view in views:
        if isinstance(view, HoldPlaced) and stop is not None:
            shown, message = out[stop]
            assert isinstance(message, Outgoing)
            out[stop] = (shown, Outgoing(message.text, safety_render.screen_button(texts, lang)))
            continue
        out.extend((view, message) for message in _one(view, texts, lang, catalogue))
        if isinstance(view, workout.Show) and _is_stop(view.effect):
            stop = len(out) - 1
    return out


def _is_stop(effect: wt.Effect) -> bool:
    """A message that already says "stop and redo the safety check"."""
    if isinstance(effect, wt.StopSession):
        return True
    return isinstance(effect, wt.Summary) and effect.final_light == "red"


def _one(view: workout.View, texts: Texts, lang: str, catalogue: Catalogue) -> list[Message]:
    t = texts.text
    match view:
        case workout.Refused(access=access):
            return [safety_render.refusal(access, texts, lang)]
        case workout.Expired():
            return []
        case workout.Hint(kind=kind):
            return [Outgoing(t(lang, f"workout-hint-{kind}"))]
        case workout.BreakWithoutExercises(access=access):
            return [safety_render.walk_break(access, texts, lang)]
        case workout.ChooseExercise(exercises=ids):
            rows = [
                [(t(lang, catalogue.exercise(i).name_key), callbacks.encode(MENU_AREA, i))]
                for i in ids
            ]
            return [Outgoing(t(lang, "workout-choose-exercise"), inline(rows))]
        case workout.Level(decision=decision, at_start=at_start):
            return [Outgoing(_ladder(decision.reason_code, decision.remaining, at_start, t, lang))]
        case workout.Show():
            return _show(view, texts, lang, catalogue)
        case SymptomReply() | HoldPlaced():
            return list(safety_render.render(view, texts, lang))
    raise AssertionError(f"unhandled view {view!r}")


def _ladder(reason: LadderReason, remaining: int, at_start: bool, t: TextFn, lang: str) -> str:
    if at_start:
        if reason in (
            LadderReason.KEEP_PROGRESSED,
            LadderReason.UNLOCKED_SINGLE_LEG_BRIDGE,
        ):
            return t(lang, "ladder-start-progressed")
        return t(lang, "ladder-start-base", remaining=remaining)
    return t(lang, f"ladder-{reason.value}", remaining=remaining)


def _button(session: str, seq: int, action: str, *args: int) -> str:
    return callbacks.WalkthroughPress(session, seq, action, *args).encode()


def _show(view: workout.Show, texts: Texts, lang: str, catalogue: Catalogue) -> list[Message]:
    t = texts.text
    effect, session, seq = view.effect, view.session_id, view.seq

    def b(label_key: str, action: str, *args: int, **text_args: object) -> Button:
        return (t(lang, label_key, **text_args), _button(session, seq, action, *args))

    hurts = [b("workout-button-hurts", "h")]
    finish = [b("workout-button-finish", "e")]
    match effect:
        case wt.ShowIntro(exercise=eid, number=number, total=total) if view.kind is wt.Kind.BREAK:
            ex = catalogue.exercise(eid)
            labels = {name: t(lang, key) for name, key in ex.label_keys.items()}
            markup = inline([[b("workout-button-next", "n")], hurts, finish])
            caption = desk_caption(ex, number, total, t, lang)
            return [
                Picture(ex.picture, _first_side(ex), t(lang, ex.name_key), labels, caption, markup)
            ]
        case wt.ShowIntro(exercise=eid, number=number, total=total):
            ex = catalogue.exercise(eid)
            caption = t(
                lang,
                "workout-intro",
                name=t(lang, ex.name_key),
                number=number,
                total=total,
                start=t(lang, ex.start_key),
                stop=t(lang, ex.stop_key),
            )
            labels = {name: t(lang, key) for name, key in ex.label_keys.items()}
            markup = inline([[b("workout-button-next", "n")], hurts, finish])
            return [
                Picture(ex.picture, _first_side(ex), t(lang, ex.name_key), labels, caption, markup)
            ]
        case wt.ShowStep(exercise=eid, n=n, steps=steps):
            ex = catalogue.exercise(eid)
            text = t(lang, "workout-step", n=n, steps=steps, text=t(lang, ex.step_key(n)))
            return [Outgoing(text, inline([[b("workout-button-next", "n")], hurts, finish]))]
        case wt.AskReps(exercise=eid, side=side, reps=reps):
            ex = catalogue.exercise(eid)
            lines = [t(lang, f"workout-reps-{side or 'both'}", reps=reps)]
            if side != "right":
                lines.append(_tips(ex, t, lang))
            lines.append(t(lang, "workout-reps-fewer"))
            numbers = [b("workout-button-number", "f", n, n=n) for n in range(1, reps)]
            rows = [
                [b("workout-button-done", "d", reps=reps)],
                *(numbers[i : i + 5] for i in range(0, len(numbers), 5)),
                hurts,
                finish,
            ]
            text, markup = "\n\n".join(lines), inline(rows)
            if side is not None and side != _first_side(ex):
                # The other side: its own (mirrored) animation in place of the first side's.
                labels = {name: t(lang, key) for name, key in ex.label_keys.items()}
                return [Picture(ex.picture, side, t(lang, ex.name_key), labels, text, markup)]
            return [Outgoing(text, markup)]
        case wt.AskPain(exercise=eid):
            name = t(lang, catalogue.exercise(eid).name_key)
            return [Outgoing(t(lang, "workout-ask-pain", name=name), _pain_markup(b, True))]
        case wt.RecordPain(pain=pain, light=light):
            return [Outgoing(t(lang, f"workout-light-{light}", pain=pain))]
        case wt.OfferRegression(regression=easier, can_continue=can_continue):
            name = t(lang, catalogue.exercise(easier).name_key)
            rows = [
                *([[b("workout-button-continue", "c")]] if can_continue else []),
                [b("workout-button-regression", "r", name=name)],
                [b("workout-button-skip", "s")],
                finish,
            ]
            key = "workout-offer-continue" if can_continue else "workout-offer-regression"
            return [Outgoing(t(lang, key, name=name), inline(rows))]
        case wt.OfferSkip(can_continue=can_continue):
            rows = [
                *([[b("workout-button-continue", "c")]] if can_continue else []),
                [b("workout-button-skip", "s")],
                finish,
            ]
            key = "workout-offer-continue-skip" if can_continue else "workout-offer-skip"
            return [Outgoing(t(lang, key), inline(rows))]
        case wt.StopSession(reason=reason):
            return [Outgoing(t(lang, f"workout-stop-{reason.value}"))]
        case wt.AskFinalPain():
            return [Outgoing(t(lang, "workout-ask-final-pain"), _pain_markup(b, False))]
        case wt.Summary():
            return [Outgoing(_summary(effect, view.kind, t, lang, catalogue))]
    return []


def _first_side(ex: Exercise) -> str | None:
    """The side an exercise's animation shows first: its first set's."""
    return ex.sides[0] if ex.sides else None


def amount(ex: Exercise, t: TextFn, lang: str) -> str:
    """How long or how often: "30 seconds", "5 times", "10 per side"."""
    if ex.seconds is not None:
        return t(lang, "desk-amount-seconds", seconds=ex.seconds)
    return t(lang, "desk-amount-per-side" if ex.sides else "desk-amount-reps", reps=ex.reps)


def desk_caption(ex: Exercise, number: int, total: int, t: TextFn, lang: str) -> str:
    """One desk-break exercise in one caption: what, how much, how; the stop note first."""
    steps = "\n".join(f"• {t(lang, key)}" for key in ex.step_keys)
    caption = t(
        lang,
        "desk-step",
        name=t(lang, ex.name_key),
        number=number,
        total=total,
        amount=amount(ex, t, lang),
        start=t(lang, ex.start_key),
        steps=steps,
    )
    return f"{caption}\n{t(lang, ex.stop_key)}" if number == 1 else caption


def _tips(ex: Exercise, t: TextFn, lang: str) -> str:
    cues = "\n".join(f"• {t(lang, key)}" for key in ex.cue_keys)
    mistakes = "\n".join(f"• {t(lang, key)}" for key in ex.mistake_keys)
    return t(lang, "workout-tips", cues=cues, mistakes=mistakes)


def _pain_markup(b: _ButtonFn, with_symptom: bool) -> InlineKeyboardMarkup:
    numbers = [b("workout-button-number", "p", n, n=n) for n in range(PAIN_MAX + 1)]
    rows: list[list[Button]] = [numbers[:6], numbers[6:]]
    if with_symptom:
        rows.append([b("workout-button-new-symptom", "x")])
    return inline(rows)


def _summary(summary: wt.Summary, kind: wt.Kind, t: TextFn, lang: str, catalogue: Catalogue) -> str:
    if summary.ended_early:
        done, planned = len(summary.exercises_done), summary.planned
        lines = [t(lang, "workout-summary-ended", done=done, total=planned)]
    elif kind is wt.Kind.BREAK and not summary.reps:  # the desk break counts no reps
        return "\n".join([t(lang, "workout-summary-break"), t(lang, "desk-summary")])
    else:
        lines = [t(lang, "workout-summary-break" if kind is wt.Kind.BREAK else "workout-summary")]
    for eid in summary.exercises_done:
        sets = [r for r in summary.reps if r.exercise == eid]
        parts = [t(lang, f"workout-summary-set-{r.side or 'both'}", reps=r.reps) for r in sets]
        name = t(lang, catalogue.exercise(eid).name_key)
        lines.append(f"• {name}: {', '.join(parts)}")
    if summary.skipped:
        names = ", ".join(t(lang, catalogue.exercise(e).name_key) for e in summary.skipped)
        lines.append(t(lang, "workout-summary-skipped", names=names))
    lines.append(t(lang, "workout-summary-total", reps=summary.total_reps))
    if summary.final_pain is not None and summary.final_light is not None:
        lines.append(t(lang, f"workout-light-{summary.final_light}", pain=summary.final_pain))
        if summary.final_light == "red":
            lines.append(t(lang, "workout-stop-note"))
            lines.append(t(lang, "workout-stop-screen"))
    return "\n".join(lines)
