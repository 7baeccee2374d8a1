"""The weekly summary picture on Telegram: `coach.services.weekly_summary.SummarySender`."""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot
from telegram.error import Forbidden, TelegramError

from bot.render.progress import stats_lines
from bot.render.progress_chart import chart_texts, render_png
from bot.texts import Catalogue
from coach.profile import Profile
from coach.reminder_state import Delivery
from coach.services.progress import StatsView

log = logging.getLogger(__name__)


class TelegramSummarySender:
    def __init__(self, bot: Bot, texts: Catalogue) -> None:
        self._bot = bot
        self._texts = texts

    async def send_weekly_summary(self, profile: Profile, stats: StatsView) -> Delivery:
        lang = profile.language
        png = await asyncio.to_thread(render_png, stats, chart_texts(stats, self._texts, lang))
        caption = (
            f"{self._texts.text(lang, 'progress-weekly-caption')}\n"
            f"{stats_lines(stats.streak, self._texts, lang)}"
        )
        try:
            await self._bot.send_photo(profile.chat_id, png, caption=caption)
        except Forbidden:
            return Delivery.BLOCKED
        except TelegramError as error:  # timed out, network, bad request: never retried blindly
            log.warning("weekly summary to user %s not confirmed: %r", profile.user_id, error)
            return Delivery.FAILED
        return Delivery.SENT
