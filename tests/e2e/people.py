"""Shared end-to-end steps: a person who went through onboarding by pressing buttons."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from coach.profile import Profile
from coach.screening import Outcome, ScreeningRecord, ScreeningResult
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWorkFactory
from tests.support.screening import FLAGS, flags_asked
from tests.support.user import FakeUser

FIRST_QUESTION = "spread from your back down into a leg"


async def onboard(user: FakeUser, *, flag: str | None = None) -> None:
    """/start, the safety screening (answering yes only to `flag`), the profile, confirm."""
    user.send("/start")
    await user.next_messages(2)
    user.press("Let's begin")
    _intro, question = await user.next_messages(2)
    assert FIRST_QUESTION in question.text
    for name in flags_asked(flag) if flag else FLAGS:
        user.press("Yes" if name == flag else "No")
        await user.next_message()
    assert "0 (none) to 10" in user.last.text
    user.press("2")
    await user.next_message()
    user.press("> 3 months")
    outcome, ask_city = await user.next_messages(2)
    assert ("exercises are open" in outcome.text) is (flag is None), outcome.text
    assert "Which city" in ask_city.text
    user.send("berlin")
    await user.next_messages(2)
    user.press("Mon–Fri")
    await user.next_message()
    user.send("9:00-17:00")
    await user.next_message()
    user.press("60 min")
    await user.next_message()
    user.press("No daily reminder")
    await user.next_message()
    user.press("Looks good")
    await user.next_message()


async def onboard_in_german(user: FakeUser) -> None:
    """The same path as `onboard` without warning signs, by the German button labels."""
    user.send("/start")
    await user.next_messages(2)
    user.press("Los geht's")
    await user.next_messages(2)
    for _name in FLAGS:
        user.press("Nein")
        await user.next_message()
    user.press("2")
    await user.next_message()
    user.press("über 3 Monate")
    outcome, _ask_city = await user.next_messages(2)
    assert "Übungen" in outcome.text, outcome.text
    user.send("Berlin")
    await user.next_messages(2)
    user.press("Mo–Fr")
    await user.next_message()
    user.send("9:00-17:00")
    await user.next_message()
    user.press("60 Min.")
    await user.next_message()
    user.press("Keine tägliche Erinnerung")
    await user.next_message()
    user.press("Passt so")
    await user.next_message()


async def seed_cleared_user(db_path: Path | str, user_id: int, now: datetime) -> None:
    """Someone who uses the bot in private: onboarded in Berlin, cleared for exercises,
    stored through the project's repositories before the bot starts (``db_path``: a SQLite
    file, or a database URL)."""
    url = db_path if isinstance(db_path, str) else f"sqlite+aiosqlite:///{db_path}"
    engine = create_engine(url)
    await upgrade(engine)
    async with SqlUnitOfWorkFactory(engine)() as work:
        await work.users.add(
            Profile(
                user_id=user_id,
                chat_id=user_id,
                created_at=now,
                timezone="Europe/Berlin",
                onboarded_at=now,
            )
        )
        result = ScreeningResult(1, Outcome.CLEARED, (), 2, "gt_3m", True, ())
        await work.screenings.add(user_id, result, ScreeningRecord(Outcome.CLEARED, now, 2))
        await work.commit()
    await engine.dispose()
