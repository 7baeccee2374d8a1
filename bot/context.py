"""The typed context every handler receives: services as attributes, not string keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.texts import Catalogue
from coach.clock import Clock
from coach.ports import UnitOfWorkFactory
from coach.services.admin import AdminService
from coach.services.progress import ProgressService
from coach.services.reminders import ReminderService
from coach.services.safety import SafetyService
from coach.services.settings import SettingsService
from coach.services.setup import SetupService
from coach.services.weekly_summary import WeeklySummaryService
from coach.services.workout import WorkoutService

NOTE_DEADLINE = timedelta(seconds=5)
"""A note not sent by then (its group is paused) is dropped, so its sender's updates never wait."""


@dataclass
class Services:
    """Everything a handler may use; built once in `post_init`."""

    settings: Settings
    clock: Clock
    uow: UnitOfWorkFactory
    texts: Catalogue
    setup: SetupService
    workout: WorkoutService
    progress: ProgressService
    weekly_summaries: WeeklySummaryService
    """`send_weekly_summaries()` is for the scheduler's calendar job, `stop()` for shutdown."""
    user_settings: SettingsService
    safety: SafetyService
    """Safety re-offer: `check_pain(user_id, pain)` for any pain score another area asks for."""
    reminders: ReminderService
    admin: AdminService
    """The operator's `/admin` view (ADMIN_CHAT_IDS only)."""


class BotData:
    """Application-wide data: the services, set when the application starts."""

    def __init__(self) -> None:
        self._services: Services | None = None
        self.settings: Settings | None = None
        self.clock: Clock | None = None
        """Built with the application: the outbound queue checks send deadlines on it."""
        self.resources: list[Any] = []

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("services are not ready before post_init")
        return self._services

    @services.setter
    def services(self, value: Services) -> None:
        self._services = value


class CoachContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """Handlers reach services through `context.services`."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.known_language: str | None = None
        """The user's language once read for this update, so handlers read it once.

        PTB builds one context per update and hands it to every handler group, so this
        lasts exactly one update. `bot.handlers.common.language` fills it; whatever may
        change the language within the update (settings, /language, /delete) forgets it.
        """
        self.zone_unknown = False
        """The user's stored zone was unknown when the update came in (`gate`): only then is
        the notice checked after the reply."""

    @property
    def services(self) -> Services:
        return self.bot_data.services
