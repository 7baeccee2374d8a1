"""The commands a user can send, shared by the Telegram menu and /help."""

from __future__ import annotations

# In this order in Telegram's menu and in /help; each description is `command-<name>`.
MENU_COMMANDS = (
    "workout",
    "exercise",
    "stats",
    "undo",
    "sit",
    "pause",
    "resume",
    "rest",
    "settings",
    "language",
    "screen",
    "export",
    "delete",
    "cancel",
    "start",
    "help",
)
