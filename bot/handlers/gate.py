"""Runs around every handler: drop updates handled before, remind of urgent advice, and tell
a user once that their stored time zone is unknown."""

from __future__ import annotations

import logging
from typing import Final

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import CoachContext
from bot.handlers.common import chat_id_of, language
from bot.render import safety as safety_render
from coach.services.contacts import stored_zone_unknown, zone_notice_due
from coach.services.updates import claim_update

log = logging.getLogger(__name__)

_PASS_THROUGH: Final = ("/screen", "/delete")
"""Commands that act even right after urgent advice: the safety check and erasing one's data."""


async def drop_redelivered(update: Update, context: CoachContext) -> None:
    services = context.services
    sender = update.effective_user
    admission = await claim_update(
        services.uow,
        services.clock,
        update.update_id,
        _followup_for(update),
        person=sender.id if sender is not None else None,
    )
    if not admission.fresh:
        log.info("update %s was handled before; ignored", update.update_id)
        raise ApplicationHandlerStop
    if update.effective_user is not None and _may_get_zone_notice(update):
        # In the update's one transaction, before the reply; the notice itself comes after.
        context.zone_unknown = await stored_zone_unknown(services.uow, update.effective_user.id)
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


def _may_get_zone_notice(update: Update) -> bool:
    return update.message is not None or update.callback_query is not None


async def tell_unknown_zone(update: Update, context: CoachContext) -> None:
    """After the reply: a user whose stored zone the tz database lacks is served in UTC and
    asked, once, to choose their city again.

    Everyone else was told apart by the gate's read (``context.zone_unknown``), so they cost
    nothing here; for such a user the zone is read again, since the reply may have changed it.
    """
    user = update.effective_user
    if user is None or not _may_get_zone_notice(update) or not context.zone_unknown:
        return
    profile = await zone_notice_due(context.services.uow, user.id)
    if profile is None:
        return
    log.info("user %s has a time zone the tz database lacks; told once", user.id)
    text = context.services.texts.text(profile.language, "zone-unknown")
    await context.bot.send_message(chat_id_of(update), text)
