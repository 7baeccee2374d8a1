"""Replies that mention new symptoms, and the button that starts the safety check again."""

from __future__ import annotations

from telegram import Update

from bot import callbacks
from bot.context import CoachContext
from bot.handlers import setup
from bot.handlers.common import language, text_of, user_id_of
from bot.handlers.setup import send_all
from bot.render import safety as safety_render
from coach.services import setup as setup_service


async def symptom_reply(update: Update, context: CoachContext, *, lang: str | None = None) -> bool:
    """A plain text that mentions a new symptom gets the stop-and-seek-advice note, not logged.

    False when the text mentions none; then the rep parser may read it.
    """
    text = text_of(update)
    views = await context.services.safety.check_reply(user_id_of(update), text)
    if not views:
        return False
    lang = lang or await language(update, context)
    for view in views:
        await send_all(update, context, safety_render.render(view, context.services.texts, lang))
    return True


async def screen_button(update: Update, context: CoachContext) -> None:
    """`v1:safe:screen` starts the screening like /screen; anything else has expired."""
    data = callbacks.of(update)
    if data is None or data.args != (safety_render.SCREEN,):
        await setup.show(update, context, [setup_service.Expired()])
        return
    await setup.screen_command(update, context)
