"""The weekly summary picture on Telegram: `coach.services.weekly_summary.SummarySender`."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from telegram.error import Forbidden, RetryAfter, TelegramError
from telegram.ext import ExtBot

from bot.outbound import SendExpired
from bot.render.progress import stats_lines
from bot.render.progress_chart import chart_texts, render_png
from bot.texts import Catalogue
from bot.threads import in_thread
from coach.profile import Profile
from coach.rate_limit import Priority
from coach.reminder_state import Delivery
from coach.services.progress import StatsView

log = logging.getLogger(__name__)


class TelegramSummarySender:
    def __init__(self, bot: ExtBot[Any], texts: Catalogue) -> None:
        self._bot = bot
        self._texts = texts

    async def send_weekly_summary(
        self, profile: Profile, stats: StatsView, *, deadline: datetime
    ) -> Delivery:
        lang = profile.language
        png = await in_thread(render_png, stats, chart_texts(stats, self._texts, lang))
        caption = (
            f"{self._texts.text(lang, 'progress-weekly-caption')}\n"
            f"{stats_lines(stats.streak, self._texts, lang)}"
        )
        try:
            await self._bot.send_photo(
                profile.chat_id,
                png,
                caption=caption,
                # Behind the replies of people chatting now, and never after its claim ends.
                rate_limit_args={"priority": Priority.REMINDER, "deadline": deadline},
            )
        except Forbidden:
            return Delivery.BLOCKED
        except SendExpired:  # held past its deadline, or stopping: Telegram was not called
            return Delivery.NOT_SENT
        except RetryAfter:  # refused again after the limiter's last retry: not sent
            log.warning("weekly summary to user %s still rate limited; not sent", profile.user_id)
            return Delivery.NOT_SENT
        except TelegramError as error:  # timed out, network, bad request: never retried blindly
            log.warning("weekly summary to user %s not confirmed: %r", profile.user_id, error)
            return Delivery.FAILED
        return Delivery.SENT
