"""Runs before every handler: drop updates we have handled before."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import CoachContext
from coach.services.updates import claim_update

log = logging.getLogger(__name__)


async def drop_redelivered(update: Update, context: CoachContext) -> None:
    services = context.services
    if not await claim_update(services.uow, services.clock, update.update_id):
        log.info("update %s was handled before; ignored", update.update_id)
        raise ApplicationHandlerStop
