"""The flow registry: which handler takes typed text, other messages and locations per flow.

Every flow keeps its state in the user's one dialog row (`coach.services.conversation`), so
at most one flow is open and its name says who may answer. `fallback` reads that name once
and asks only this flow's handler; a handler returns False when the message is not for it
after all (a settings view with no prompt open, a finished walkthrough), and then the
default answer comes. A new flow is one entry in `FLOWS`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Update

from bot.context import CoachContext
from bot.handlers import progress, reminders, settings, setup, workout
from coach.services import progress as progress_service
from coach.services import reminders as reminders_service
from coach.services import safety as safety_service
from coach.services import settings as settings_service
from coach.services import setup as setup_service
from coach.services import workout as workout_service

Handler = Callable[[Update, CoachContext], Awaitable[bool]]
"""Answers the message and returns True, or returns False when it is not for this flow."""


@dataclass(frozen=True, slots=True)
class Flow:
    """What one open flow does with a message no command or button took (None: nothing)."""

    text: Handler | None = None
    """Typed text: the answer to the flow's current question."""
    other: Handler | None = None
    """A sticker, photo, voice note…: usually a hint and the current step again."""
    location: Handler | None = None
    """A shared location: the answer to the flow's time zone question."""


FLOWS: dict[str, Flow] = {
    setup_service.FLOW: Flow(text=setup.typed_answer, other=setup.unsupported_during_setup),
    settings_service.FLOW: Flow(
        text=settings.typed_answer,
        other=settings.unsupported_during_settings,
        location=settings.shared_location,
    ),
    workout_service.FLOW: Flow(
        text=workout.typed_answer, other=workout.unsupported_during_walkthrough
    ),
    reminders_service.FLOW: Flow(
        text=reminders.typed_answer, other=reminders.unsupported_while_asking
    ),
    # "Which exercise?": typed text is a rep report, which the default answer reads anyway.
    progress_service.FLOW: Flow(other=progress.during_question),
    progress_service.DELETE_FLOW: Flow(text=progress.during_delete, other=progress.during_delete),
    # The urgent advice's follow-up comes with the next update (`coach.services.updates`).
    safety_service.FLOW: Flow(),
}


def flow_of(name: str | None) -> Flow:
    """The open flow's entry; no flow (or one this bot does not know) has no handlers."""
    return FLOWS.get(name or "", Flow())
