"""First contact and returning users."""

from __future__ import annotations

from dataclasses import dataclass

from coach import languages
from coach.clock import Clock
from coach.ports import UnitOfWorkFactory
from coach.profile import Profile
from coach.zones import is_unknown


@dataclass(frozen=True)
class Contact:
    profile: Profile
    is_new: bool
    reactivated: bool = False
    """The user had blocked the bot (or left); their reminders need a fresh schedule."""


async def register_contact(
    uow: UnitOfWorkFactory, clock: Clock, user_id: int, chat_id: int, client_language: str | None
) -> Contact:
    """Create the user on first contact; someone who had blocked the bot is active again."""
    now = clock.now()
    async with uow() as work:
        profile = await work.users.get(user_id)
        if profile is None:
            profile = Profile(
                user_id=user_id,
                chat_id=chat_id,
                created_at=now,
                language=languages.from_client(client_language),
            )
            await work.users.add(profile)
            await work.commit()
            return Contact(profile, is_new=True)
        reactivated = not profile.active
        if not profile.active or profile.chat_id != chat_id:
            profile = profile.with_changes(active=True, chat_id=chat_id)
            await work.users.save(profile, now)
            await work.commit()
        return Contact(profile, is_new=False, reactivated=reactivated)


async def language_of(uow: UnitOfWorkFactory, user_id: int, client_language: str | None) -> str:
    """The user's chosen language, or their client's for someone we do not know yet."""
    async with uow() as work:
        profile = await work.users.get(user_id)
    return profile.language if profile else languages.from_client(client_language)


async def stored_zone_unknown(uow: UnitOfWorkFactory, user_id: int) -> bool:
    """Whether the user's stored zone is one the tz database lacks.

    Asked first thing in an update, with the update's other reads (the profile is read
    anyway), so that only such a user costs the notice's own check after the reply.
    """
    async with uow() as work:
        profile = await work.users.get(user_id)
    return profile is not None and profile.timezone is not None and is_unknown(profile.timezone)


async def zone_notice_due(uow: UnitOfWorkFactory, user_id: int) -> Profile | None:
    """The user, when they should now be told that their stored zone is unknown; else None.

    Such a user is served in UTC (`coach.zones`) and asked once to choose their city again:
    the claim is stored, so the notice is not repeated on every reply (nor by a replica).
    """
    async with uow() as work:
        profile = await work.users.get(user_id)
        if profile is None or profile.timezone is None or not is_unknown(profile.timezone):
            return None
        claimed = await work.users.claim_zone_notice(user_id, profile.timezone)
        await work.commit()
    return profile if claimed else None
