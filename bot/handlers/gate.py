"""Runs before every handler: drop updates we have handled before, and remind of urgent advice."""

from __future__ import annotations

import logging
from typing import Final

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import CoachContext
from bot.handlers.common import chat_id_of, language
from bot.render import safety as safety_render
from coach.services.updates import claim_update

log = logging.getLogger(__name__)

_PASS_THROUGH: Final = ("/screen", "/delete")
"""Commands that act even right after urgent advice: the safety check and erasing one's data."""


async def drop_redelivered(update: Update, context: CoachContext) -> None:
    services = context.services
    admission = await claim_update(
        services.uow, services.clock, update.update_id, _followup_for(update)
    )
    if not admission.fresh:
        log.info("update %s was handled before; ignored", update.update_id)
        raise ApplicationHandlerStop
    if admission.followup is not None:
        lang = await language(update, context)
        message = safety_render.urgent_followup(admission.followup, services.texts, lang)
        await context.bot.send_message(
            chat_id_of(update), message.text, reply_markup=message.markup
        )
        raise ApplicationHandlerStop


def _followup_for(update: Update) -> int | None:
    """The sender of a message (not a button press) that may get the urgent follow-up."""
    message = update.message
    user = update.effective_user
    if message is None or user is None:
        return None
    command = (message.text or "").split(maxsplit=1)[0].split("@")[0] if message.text else ""
    return None if command in _PASS_THROUGH else user.id
