"""/cancel: a way out of every flow, saying what was kept."""

from __future__ import annotations

from telegram import Update

from bot.context import CoachContext
from bot.handlers import workout
from bot.handlers.common import say, user_id_of
from coach.services.conversation import leave_flow

# The flows /cancel can leave, each with its own "what was kept" sentence.
_KEPT = frozenset({"setup", "screening", "settings", "pause", "delete", "reps"})


async def cancel_command(update: Update, context: CoachContext) -> None:
    user_id = user_id_of(update)
    finished = await context.services.workout.finish(user_id)
    if finished is not None:  # a walkthrough ends with the summary of what was done
        await workout.show(update, context, finished)
        return
    left = await leave_flow(context.services.uow, user_id)
    if left is None:
        await say(update, context, "cancel-nothing")
        return
    await say(update, context, f"cancel-{left}" if left in _KEPT else "cancel-other")
