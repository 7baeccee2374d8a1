"""/settings and /language: show the profile, change one value at a time.

The settings dialog (flow "settings") lives in the `dialogs` table, so a restart resumes at
the same prompt. Every answer goes through `coach.profile_answers` (the rules onboarding
uses); a rejected answer re-asks and stores nothing. After every saved change the profile
listeners run inside the same transaction, so whatever depends on the profile (the next
reminder) is recomputed atomically with the change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, Final, Protocol

from coach import timezones
from coach.clock import Clock
from coach.dialog import Dialog
from coach.ports import UnitOfWork, UnitOfWorkFactory
from coach.profile import Profile
from coach.profile_answers import Rejected, apply_answer
from coach.services.setup import ShortWorkWindow, short_window_note

FLOW: Final = "settings"
VIEW: Final = "view"
FIELDS: Final = (
    "timezone",
    "work_days",
    "work_hours",
    "sit_interval",
    "exercise_time",
    "goal",
    "summary",
    "language",
)
FOLLOW_UPS: Final = {"summary": "summary_time"}
"""Values asked in two steps (the weekly summary's day, then its time): the first answer waits
in the dialog (JSON values only) and is saved together with the second, so Back in between
changes nothing."""


class ProfileListener(Protocol):
    """Called after every saved change, before the commit, with the unit of work in use."""

    async def __call__(
        self, work: UnitOfWork, before: Profile, after: Profile, now: datetime
    ) -> None: ...


# ---- views: what to show next ------------------------------------------------------------


@dataclass(frozen=True)
class ShowSettings:
    profile: Profile


@dataclass(frozen=True)
class AskSetting:
    field: str
    notice: str | None = None  # None, "hint", "no_match", "choose"
    candidates: tuple[timezones.City, ...] = ()


@dataclass(frozen=True)
class TimezoneSet:
    zone: str
    place: str


@dataclass(frozen=True)
class AskLanguage:
    current: str


@dataclass(frozen=True)
class LanguageSet:
    language: str


@dataclass(frozen=True)
class SettingsClosed:
    pass


@dataclass(frozen=True)
class Expired:
    """A stale or forged button; the current step (if any) follows."""


View = (
    ShowSettings
    | AskSetting
    | TimezoneSet
    | AskLanguage
    | LanguageSet
    | SettingsClosed
    | Expired
    | ShortWorkWindow
)


def _edit_step(field: str) -> str:
    return f"edit:{field}"


def _field_of(dialog: Dialog | None) -> str | None:
    if dialog is None or dialog.flow != FLOW:
        return None
    prefix, _, field = dialog.step.partition(":")
    known = field in FIELDS or field in FOLLOW_UPS.values()
    return field if prefix == "edit" and known else None


def _pending(dialog: Dialog | None) -> dict[str, Any]:
    """Profile changes of a first step that wait for the follow-up's answer."""
    pending = dialog.data.get("pending") if dialog is not None else None
    return pending if isinstance(pending, dict) else {}


def _changes(before: Profile, after: Profile) -> dict[str, Any]:
    return {
        item.name: getattr(after, item.name)
        for item in fields(Profile)
        if getattr(before, item.name) != getattr(after, item.name)
    }


class SettingsService:
    """Use cases of /settings and /language."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        listeners: Sequence[ProfileListener] = (),
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._listeners = tuple(listeners)

    # ---- /settings -------------------------------------------------------------------------

    async def open(self, user_id: int) -> list[View]:
        """/settings: the profile with a button per value; replaces any other dialog."""
        async with self._uow() as work:
            profile = await self._profile(work, user_id)
            await work.dialogs.put(user_id, Dialog(FLOW, VIEW), self._clock.now())
            await work.commit()
        return [ShowSettings(profile)]

    async def choose(self, user_id: int, field: str) -> list[View]:
        """A value's button on the settings view: ask for the new value."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
            if dialog is None or dialog.flow != FLOW or field not in FIELDS:
                return [Expired(), *await self._current(work, user_id, dialog)]
            await work.dialogs.put(user_id, Dialog(FLOW, _edit_step(field)), self._clock.now())
            await work.commit()
        return [AskSetting(field)]

    async def back(self, user_id: int) -> list[View]:
        """Leave a prompt without changing anything."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
            if dialog is None or dialog.flow != FLOW:
                return [Expired()]
            profile = await self._profile(work, user_id)
            await work.dialogs.put(user_id, Dialog(FLOW, VIEW), self._clock.now())
            await work.commit()
        return [ShowSettings(profile)]

    async def close(self, user_id: int) -> list[View]:
        """'Done': the settings dialog ends; its old buttons expire."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
            if dialog is None or dialog.flow != FLOW:
                return [Expired()]
            await work.dialogs.clear(user_id)
            await work.commit()
        return [SettingsClosed()]

    async def answer(self, user_id: int, field: str | None, raw: str, *, typed: bool) -> list[View]:
        """A new value for the field being edited (a button's token, or typed text)."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
            editing = _field_of(dialog)
            if editing is None or (field is not None and field != editing):
                return [Expired(), *await self._current(work, user_id, dialog)]
            before = await self._profile(work, user_id)
            base = before.with_changes(**_pending(dialog))
            answer = apply_answer(base, editing, raw, typed=typed)
            if isinstance(answer, Rejected):
                if not typed and answer.notice == "hint":
                    return [Expired(), AskSetting(editing)]
                return [AskSetting(editing, answer.notice, answer.candidates)]
            after = answer.profile
            follow_up = FOLLOW_UPS.get(editing)
            if follow_up is not None and not (editing == "summary" and not after.summary_enabled):
                pending = {"pending": _changes(before, after)}
                step = Dialog(FLOW, _edit_step(follow_up), pending)
                await work.dialogs.put(user_id, step, self._clock.now())
                await work.commit()
                return [AskSetting(follow_up)]
            await self._save(work, before, after)
            await work.dialogs.put(user_id, Dialog(FLOW, VIEW), self._clock.now())
            await work.commit()
        views: list[View] = []
        if editing == "timezone" and after.timezone:
            views.append(TimezoneSet(after.timezone, answer.place or after.timezone))
        note = short_window_note(after)
        if note is not None and editing in ("work_hours", "sit_interval"):
            views.append(note)
        return [*views, ShowSettings(after)]

    async def answer_text(self, user_id: int, text: str) -> list[View] | None:
        """Typed text while a settings prompt is open; None when the text is not for us."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
        if _field_of(dialog) is None:
            return None
        return await self.answer(user_id, None, text, typed=True)

    async def share_location(
        self, user_id: int, latitude: float, longitude: float
    ) -> list[View] | None:
        """A shared location while the time zone prompt is open; None otherwise."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
        if _field_of(dialog) != "timezone":
            return None
        zone = await timezones.resolve_location_off_loop(latitude, longitude)
        if zone is None:
            return [AskSetting("timezone", "no_match")]
        return await self.answer(user_id, "timezone", f"zone:{zone}", typed=False)

    async def current(self, user_id: int) -> list[View] | None:
        """The step the user is at in settings, or None when settings are not open."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
            if dialog is None or dialog.flow != FLOW:
                return None
            return await self._current(work, user_id, dialog)

    # ---- /language -------------------------------------------------------------------------

    async def language_menu(self, user_id: int) -> list[View]:
        async with self._uow() as work:
            profile = await self._profile(work, user_id)
        return [AskLanguage(profile.language)]

    async def set_language(self, user_id: int, language: str) -> list[View]:
        """/language's buttons; does not touch whatever dialog the user is in."""
        async with self._uow() as work:
            before = await self._profile(work, user_id)
            answer = apply_answer(before, "language", language, typed=False)
            if isinstance(answer, Rejected):
                return [Expired(), AskLanguage(before.language)]
            await self._save(work, before, answer.profile)
            await work.commit()
        return [LanguageSet(answer.profile.language)]

    # ---- internals -------------------------------------------------------------------------

    async def _save(self, work: UnitOfWork, before: Profile, after: Profile) -> None:
        now = self._clock.now()
        await work.users.save(after, now)
        for listener in self._listeners:
            await listener(work, before, after, now)

    @staticmethod
    async def _profile(work: UnitOfWork, user_id: int) -> Profile:
        profile = await work.users.get(user_id)
        if profile is None:
            raise LookupError(f"user {user_id} has not started the bot")
        return profile

    async def _current(self, work: UnitOfWork, user_id: int, dialog: Dialog | None) -> list[View]:
        if dialog is None or dialog.flow != FLOW:
            return []
        field = _field_of(dialog)
        if field is not None:
            return [AskSetting(field)]
        return [ShowSettings(await self._profile(work, user_id))]
