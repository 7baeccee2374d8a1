"""The languages tests run over: those the shipped data holds, found the way the bot finds
them (texts in bot/locales and an input vocabulary in coach/data/input), never a list."""

from __future__ import annotations

from bot.texts import text_languages
from coach import languages

LANGUAGES = tuple(code for code in languages.available() if code in text_languages())
"""The fallback (English) first, then by code."""
