"""Sends the weekly summary picture: the bot's side of `coach.services.progress.SummarySender`."""

from __future__ import annotations

import asyncio

from telegram import Bot

from bot.render.progress import stats_lines
from bot.render.progress_chart import chart_texts, render_png
from bot.texts import Catalogue
from coach.profile import Profile
from coach.services.progress import StatsView


class TelegramSummarySender:
    def __init__(self, bot: Bot, texts: Catalogue) -> None:
        self._bot = bot
        self._texts = texts

    async def send_weekly_summary(self, profile: Profile, stats: StatsView) -> None:
        lang = profile.language
        png = await asyncio.to_thread(render_png, stats, chart_texts(stats, self._texts, lang))
        caption = (
            f"{self._texts.text(lang, 'progress-weekly-caption')}\n"
            f"{stats_lines(stats.streak, self._texts, lang)}"
        )
        await self._bot.send_photo(profile.chat_id, png, caption=caption)
