"""The one read the text handler starts with: the open flow and the language."""

from __future__ import annotations

from datetime import UTC, datetime

from coach.dialog import Dialog
from coach.profile import Profile
from coach.services.conversation import Conversation, conversation_of
from storage.uow import SqlUnitOfWorkFactory

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


async def test_flow_and_language_of_known_and_unknown_users(uow: SqlUnitOfWorkFactory) -> None:
    async with uow() as work:
        await work.users.add(Profile(user_id=5, chat_id=5, created_at=NOW, language="de"))
        await work.commit()
    assert await conversation_of(uow, 5, "en") == Conversation(None, "de")
    async with uow() as work:
        await work.dialogs.put(5, Dialog("settings", "edit:timezone"), NOW)
        await work.commit()
    assert await conversation_of(uow, 5, "en") == Conversation("settings", "de")
    # Someone the bot does not know yet: no flow, the client's language.
    assert await conversation_of(uow, 6, "de-AT") == Conversation(None, "de")
    assert await conversation_of(uow, 6, None) == Conversation(None, "en")
