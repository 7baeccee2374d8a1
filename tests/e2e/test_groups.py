"""Nobody reaches the coach from a group, supergroup or channel, and nobody speaks for another.

The real bot gets updates from groups, supergroups and channels: commands (for this
bot, for another bot), mentions, replies, plain reps, edits, anonymous admins (from
GroupAnonymousBot with sender_chat), posts on behalf of a channel, messages without `from`,
button presses under group messages, membership changes. Every table must be exactly as
before (the update log included: nothing is stored), nothing personal may be sent anywhere,
and the group gets the short "let's talk in private" note exactly when it addressed the bot.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.e2e.conftest import query, summaries_scheduled, table_rows
from tests.e2e.people import seed_cleared_user
from tests.support.bot_process import BotProcess
from tests.support.fake_bot_api import BOT_USERNAME, FakeBotApi
from tests.support.group import ANONYMOUS_ADMIN, FakeGroup
from tests.support.models import BotMessage

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]

USER = 301
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
NOTES = (
    "I coach one person at a time, in a private chat",
    "Ich coache jede Person einzeln im privaten Chat",
)
TOASTS = ("Let's talk in private", "Lass uns privat schreiben")
LINK = f"https://t.me/{BOT_USERNAME}?start=private"
PERSONAL = ("sendPhoto", "sendDocument", "sendMediaGroup")


def person(user_id: int, language: str = "en") -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Sam", "language_code": language}


SENDERS: dict[str, dict[str, Any] | None] = {
    "the user": person(USER),
    "the user in German": person(USER, "de"),
    "a stranger": person(302),
    "another bot": {"id": 555, "is_bot": True, "first_name": "Other", "username": "OtherBot"},
    "an anonymous admin": ANONYMOUS_ADMIN,
    "nobody": None,
}
TEXTS = {
    # text → addressed to this bot?
    "/start": True,
    "/start private": True,
    f"/stats@{BOT_USERNAME}": True,
    f"/export@{BOT_USERNAME.lower()}": True,
    "/delete": True,
    "/sit": True,
    "/start@OtherBot": False,
    "/export@OtherBot": False,
    f"@{BOT_USERNAME} 10 clamshells": True,
    "10/10 clamshells": False,
    "yes": False,
    "hello everyone": False,
}


@dataclass(frozen=True)
class Case:
    kind: str  # group, supergroup or channel
    sender: str
    on_behalf: bool  # sender_chat is the group (an anonymous admin) or a channel
    text: str
    reply_to_bot: bool
    edited: bool
    press: str | None  # callback data of a press under a group message instead of a text

    @property
    def noted(self) -> bool:
        """The group gets the note: a new message addressed to the bot, outside a channel."""
        if self.press is not None or self.kind == "channel" or self.edited:
            return False
        return TEXTS[self.text] or self.reply_to_bot


cases = st.builds(
    Case,
    kind=st.sampled_from(("group", "supergroup", "channel")),
    sender=st.sampled_from(tuple(SENDERS)),
    on_behalf=st.booleans(),
    text=st.sampled_from(tuple(TEXTS)),
    reply_to_bot=st.booleans(),
    edited=st.booleans(),
    press=st.none()
    | st.sampled_from(("v1:del:yes", "v1:rem:start:1795512600", "v1:pause:hour", "v1:begin")),
)

# The reported ones first, then Hypothesis's mix.
FIXED = (
    Case("group", "the user", False, "/start", False, False, None),
    Case("supergroup", "the user", False, f"/stats@{BOT_USERNAME}", False, False, None),
    Case("supergroup", "the user", False, f"/export@{BOT_USERNAME.lower()}", False, False, None),
    Case("group", "the user", False, "10/10 clamshells", False, False, None),
    Case("group", "the user", False, "yes", True, False, None),
    Case("supergroup", "an anonymous admin", True, "/start", False, False, None),
    Case("group", "nobody", False, "/start", False, False, None),
    Case("channel", "nobody", True, "/start", False, False, None),
    Case("group", "the user", False, "/start", False, True, None),
    Case("group", "the user", False, "/start@OtherBot", False, False, None),
    Case("supergroup", "the user", False, "/start", False, False, "v1:del:yes"),
    Case("group", "a stranger", False, "/start", False, False, "v1:begin"),
)


class Groups:
    """One group of each kind, with the bot's earlier message in each to reply to or press."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self.by_kind: dict[str, FakeGroup] = {
            kind: api.group(-4001 - index, kind=kind)
            for index, kind in enumerate(("group", "supergroup", "channel"))
        }
        self.earlier: dict[str, BotMessage] = {
            kind: group.bot_message() for kind, group in self.by_kind.items()
        }
        self.sent_ids: list[int] = []
        self._next_id = -5001

    def renew(self, kind: str) -> FakeGroup:
        """A group of ``kind`` the bot has not answered yet (a group gets one note a minute)."""
        group = self.api.group(self._next_id, kind=kind)
        self._next_id -= 1
        self.by_kind[kind] = group
        self.earlier[kind] = group.bot_message()
        return group

    async def settled(self, bot: BotProcess) -> None:
        """Every update sent so far is handled: the bot logs the end of each one it stops.

        (Updates of different senders are handled concurrently, so a later update from
        someone else proves nothing about an earlier one.)
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 30
        pending = list(self.sent_ids)
        while pending:
            output = bot.output  # a log file: polled, it sends no signal
            pending = [
                u for u in pending if f"update {u} outside a private chat: done" not in output
            ]
            if pending and loop.time() > deadline:
                raise AssertionError(f"updates {pending} were not handled within 30 s")
            await asyncio.sleep(0.02)
        self.sent_ids = []

    def send(self, case: Case) -> None:
        group = self.by_kind[case.kind]
        sender = SENDERS[case.sender]
        if case.press is not None:
            self.sent_ids.append(
                group.press_data(self.earlier[case.kind], case.press, sender=sender or person(USER))
            )
            return
        behalf = None
        if case.on_behalf:
            behalf = group.chat if case.sender == "an anonymous admin" else _channel()
        update_id = group.send(
            case.text,
            sender=sender,
            sender_chat=behalf,
            reply_to=self.earlier[case.kind] if case.reply_to_bot else None,
            edited=case.edited,
        )
        self.sent_ids.append(update_id)


def _channel() -> dict[str, Any]:
    return {"id": -1009000, "type": "channel", "title": "Some channel"}


def people_rows(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every stored row but the groups' note pacing, which holds group chat ids and a time."""
    rows = table_rows(db_path)
    notes = rows.pop("group_notes")
    assert all(isinstance(chat_id, int) and chat_id < 0 for chat_id, _at in notes), notes
    return rows


@pytest.mark.process
async def test_groups_channels_and_anonymous_senders_store_and_get_nothing(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_path: Path, tmp_path: Path
) -> None:
    await seed_cleared_user(db_path, USER, NOW)
    clock = tmp_path / "clock.txt"
    clock.write_text(NOW.isoformat())
    bot = bot_factory(extra_env={"TEST_CLOCK_FILE": str(clock)})
    await bot.start()
    await summaries_scheduled(db_path)
    private = fake_api.user(USER)
    groups = Groups(fake_api)
    await groups.settled(bot)
    loop = asyncio.get_running_loop()

    async def check(case: Case) -> None:
        group = groups.renew(case.kind)
        before = people_rows(db_path)
        notes_before, answers_before = len(group.sent), len(group.callback_answers)
        private_before = len(private.bot_messages)
        groups.send(case)
        await groups.settled(bot)
        assert people_rows(db_path) == before, f"{case} stored something"
        assert len(private.bot_messages) == private_before, f"{case} wrote to the private chat"
        new = group.sent[notes_before:]
        assert len(new) == (1 if case.noted else 0), f"{case}: {[m.text for m in new]}"
        for message in new:
            assert message.text.startswith(NOTES), message.text
            assert message.button_urls == [[LINK]]
        answers = group.callback_answers[answers_before:]
        if case.press is not None:
            assert len(answers) == 1 and (answers[0].text or "").startswith(TOASTS), answers
        for method in PERSONAL:
            assert not fake_api.calls_of(method), f"{case} sent {method}"

    for case in FIXED:
        await check(case)

    @settings(
        max_examples=60,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(cases)
    def each(case: Case) -> None:
        asyncio.run_coroutine_threadsafe(check(case), loop).result(timeout=60)

    await asyncio.to_thread(each)

    # The user's stored chat is still their private chat, and the bot still answers there.
    assert query(db_path, "SELECT id, chat_id, active FROM users") == [(USER, USER, 1)]
    private.send("/help")
    assert "/workout" in (await private.next_message()).text
    assert "error handling update" not in bot.output


async def test_a_kick_from_a_group_never_stops_private_reminders(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_path: Path, tmp_path: Path
) -> None:
    await seed_cleared_user(db_path, USER, NOW)
    clock = tmp_path / "clock.txt"
    clock.write_text(NOW.isoformat())
    bot = bot_factory(extra_env={"TEST_CLOCK_FILE": str(clock)})
    await bot.start()
    await summaries_scheduled(db_path)
    groups = Groups(fake_api)
    group = groups.by_kind["group"]
    before = people_rows(db_path)

    # The user removes the bot from the group; later sends to the group answer 403.
    groups.sent_ids.append(group.member_update("member", "kicked", by=person(USER)))
    group.kick_bot()
    groups.sent_ids.append(group.send("/start", sender=person(USER)))
    await groups.settled(bot)
    await fake_api.wait_for_call("sendMessage", lambda call: call.chat_id == group.id)
    assert fake_api.calls_of("sendMessage", ok=False), "the note should have met the 403"
    await groups.settled(bot)
    assert people_rows(db_path) == before
    assert query(db_path, "SELECT active FROM users WHERE id = ?", USER) == [(1,)]

    # Blocking the bot in the private chat still stops the reminders.
    private = fake_api.user(USER)
    private.block()
    await fake_api.wait_until(
        lambda: query(db_path, "SELECT active FROM users WHERE id = ?", USER) == [(0,)] or None
    )
    assert "error handling update" not in bot.output


async def test_forty_commands_in_a_supergroup_get_one_note_a_minute(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path
) -> None:
    """Telegram allows about 20 messages a minute in a group: a crowd typing /start@bot gets
    one note, and the next one only after a minute."""
    clock = tmp_path / "clock.txt"
    clock.write_text(NOW.isoformat())
    bot = bot_factory(extra_env={"TEST_CLOCK_FILE": str(clock)})
    await bot.start()
    groups = Groups(fake_api)
    group = groups.by_kind["supergroup"]
    for sender in range(40):
        groups.sent_ids.append(group.send(f"/start@{BOT_USERNAME}", sender=person(900 + sender)))
    await groups.settled(bot)
    assert [m.text[:45] for m in group.sent] == [NOTES[0][:45]]

    clock.write_text(NOW.replace(second=59).isoformat())  # 29 s later: still quiet
    groups.sent_ids.append(group.send(f"/start@{BOT_USERNAME}", sender=person(950)))
    await groups.settled(bot)
    assert len(group.sent) == 1

    clock.write_text(NOW.replace(minute=31, second=1).isoformat())  # a minute after the note
    groups.sent_ids.append(group.send(f"/start@{BOT_USERNAME}", sender=person(951)))
    await groups.settled(bot)
    assert len(group.sent) == 2


async def test_a_429_for_a_group_pauses_that_group_only(
    fake_api: FakeBotApi, bot_factory: BotFactory
) -> None:
    bot = bot_factory()
    await bot.start()
    groups = Groups(fake_api)
    group = groups.by_kind["supergroup"]
    fake_api.fail_next("sendMessage", status=429, retry_after=60, chat_id=group.id)
    groups.sent_ids.append(group.send(f"/start@{BOT_USERNAME}", sender=person(960)))
    await fake_api.wait_for_call(
        "sendMessage", lambda call: call.injected and call.status == 429, timeout=15
    )
    private = fake_api.user(961)
    private.send("/help")
    assert "/workout" in (await private.next_message(timeout=5)).text
    assert "paused" in bot.output and f"chat {group.id}" in bot.output
