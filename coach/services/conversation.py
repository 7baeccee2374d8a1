"""Where a user's conversation stands: the open flow and the language, in one read.

Every flow (set-up, settings, a walkthrough, the pause question, /delete, "which
exercise?") keeps its state in the user's one dialog row, so at most one flow is open. Typed
text goes to that flow; knowing it up front spares one read per flow that cannot take it.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach import languages
from coach.ports import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class Conversation:
    flow: str | None
    """The open dialog's flow, or None when no flow is open."""
    language: str
    """The user's chosen language, or their client's for someone we do not know yet."""


async def conversation_of(
    uow: UnitOfWorkFactory, user_id: int, client_language: str | None
) -> Conversation:
    async with uow() as work:
        profile = await work.users.get(user_id)
        dialog = await work.dialogs.get(user_id)
    return Conversation(
        flow=dialog.flow if dialog is not None else None,
        language=profile.language
        if profile is not None
        else languages.from_client(client_language),
    )


async def leave_flow(uow: UnitOfWorkFactory, user_id: int) -> str | None:
    """/cancel: close the open flow and say which one it was; None when none was open.

    Only the unfinished question goes: what a flow saved on the way (a changed setting, the
    profile answers of the set-up) stays. A walkthrough is not left here but finished, so its
    sets count (the workout service does that first).
    """
    async with uow() as work:
        dialog = await work.dialogs.get(user_id)
        if dialog is None:
            return None
        await work.dialogs.clear(user_id)
        await work.commit()
    if dialog.flow == "setup" and dialog.step == "screening":
        return "screening"
    return dialog.flow
