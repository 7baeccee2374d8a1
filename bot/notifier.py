"""The core's Notifier port on Telegram: reminders go through the shared outbound queue."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from telegram.error import Forbidden, RetryAfter, TelegramError
from telegram.ext import ExtBot

from bot.outbound import SendExpired
from bot.render import Outgoing
from bot.render.reminders import reminder_message, session_message
from bot.texts import Catalogue
from coach.rate_limit import Priority
from coach.reminder_state import Delivery, SessionReminder, SitBreakReminder

log = logging.getLogger(__name__)


class TelegramNotifier:
    """Sends a reminder at reminder priority; maps Telegram's answer to a ``Delivery``."""

    def __init__(self, bot: ExtBot[Any], texts: Catalogue) -> None:
        self._bot = bot
        self._texts = texts

    async def send_reminder(self, reminder: SitBreakReminder) -> Delivery:
        return await self._send(
            reminder.user_id,
            reminder.chat_id,
            reminder_message(reminder, self._texts),
            reminder.deadline,
        )

    async def send_session_reminder(self, reminder: SessionReminder) -> Delivery:
        return await self._send(
            reminder.user_id,
            reminder.chat_id,
            session_message(reminder, self._texts),
            reminder.deadline,
        )

    async def _send(
        self, user_id: int, chat_id: int, message: Outgoing, deadline: datetime | None
    ) -> Delivery:
        limits: dict[str, Any] = {"priority": Priority.REMINDER}
        if deadline is not None:
            limits["deadline"] = deadline
        try:
            await self._bot.send_message(
                chat_id, message.text, reply_markup=message.markup, rate_limit_args=limits
            )
        except Forbidden:
            return Delivery.BLOCKED
        except SendExpired:  # held past its deadline, or stopping: Telegram was not called
            return Delivery.NOT_SENT
        except RetryAfter:  # refused again after the limiter's last retry: not sent
            log.warning("reminder to user %s still rate limited; not sent", user_id)
            return Delivery.NOT_SENT
        except TelegramError as error:  # timed out, network, bad request: never retried blindly
            log.warning("reminder to user %s not confirmed: %r", user_id, error)
            return Delivery.FAILED
        return Delivery.SENT
