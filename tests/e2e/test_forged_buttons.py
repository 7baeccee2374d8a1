"""Forged buttons never crash: random and mutated callback data against the real bot.

Button data comes back from the client unchecked. Every pattern registered in bot/app.py gets
mutations of real button data (digits replaced by "²" or "٣", huge and negative numbers,
empty and extra parts, more than 64 bytes) and random data; each press must be answered with
"This button has expired." and leave every table as it was (compared as the text SQLite
writes of every row, ``TableTexts``). Hypothesis runs in a worker thread and hands each press
to the test's event loop, where the fake Bot API lives.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram.ext import CallbackQueryHandler

from bot.app import build_application
from bot.config import Settings
from tests.e2e.conftest import TableTexts, summaries_scheduled
from tests.e2e.people import seed_cleared_user
from tests.support.fake_bot_api import TEST_TOKEN, FakeBotApi
from tests.support.user import FakeUser

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]

USER = 700
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)  # a Tuesday, 10:30 in Berlin
EXPIRED = "This button has expired."
EXAMPLES = 200
BARRIER = "v1:help:settled"

# Real data of buttons the bot shows in flows this test does not open (setup, screening, a
# reminder, a rep question, /delete); the test adds whatever the bot really sends it.
KNOWN = (
    "v1:scr:radiating:yes",
    "v1:scr:pain_now:5",
    "v1:scr:duration:gt_3m",
    "v1:pf:sit_interval:60",
    "v1:pf:work_hours:0900-1700",
    "v1:pf:timezone:city:2950159",
    "v1:sum:confirm",
    "v1:doc:yes",
    "v1:wx:clamshell",
    "v1:wk",
    "v1:adm:unpark",
    "v1:rep:bridge:1a2b3c4d",
    "v1:rep:x:12345678",
    "v1:del:yes",
    "v1:setf:goal",
    "v1:setv:goal:5",
    "v1:setv:timezone:city:2950159",
    "v1:set:done",
    "v1:lang:de",
    "v1:safe:screen",
    "v1:rem:start:1795512600",
    "v1:rem:snooze:1795512600",
    "v1:why:meeting",
    "v1:pause:hour",
)
UNICODE_DIGITS = ("²", "٣", "５", "𝟙", "߂")
ALLOWED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:")


def registered_patterns() -> list[re.Pattern[str]]:
    """Every callback pattern the real application registers (the catch-all has none)."""
    application = build_application(Settings(telegram_bot_token=TEST_TOKEN, _env_file=None))  # type: ignore[call-arg]
    patterns: list[re.Pattern[str]] = []
    for handlers in application.handlers.values():
        for handler in handlers:
            if isinstance(handler, CallbackQueryHandler) and isinstance(
                handler.pattern, re.Pattern
            ):
                patterns.append(handler.pattern)
    return patterns


def button_data(user: FakeUser) -> set[str]:
    return {data for message in user.chat for row in message.button_data for data in row if data}


@st.composite
def forged(draw: st.DrawFn, seeds: tuple[str, ...]) -> str:
    """One mutation of real button data, or random data no button of the bot carries."""
    seed = draw(st.sampled_from(seeds))
    parts = seed.split(":")
    kind = draw(
        st.sampled_from(("unicode", "huge", "negative", "empty", "extra", "long", "random"))
    )
    where = draw(st.integers(1, len(parts) - 1))  # never the version
    if kind == "unicode":
        part = parts[where]
        digits = [i for i, char in enumerate(part) if char.isdigit()]
        at = draw(st.sampled_from(digits)) if digits else draw(st.integers(0, len(part)))
        char = draw(st.sampled_from(UNICODE_DIGITS))
        parts[where] = part[:at] + char + part[at + (1 if digits else 0) :]
    elif kind == "huge":
        huge = str(draw(st.integers(10**12, 10**40)))
        if len(parts) > 2:
            parts[draw(st.integers(2, len(parts) - 1))] = huge
        else:
            parts.append(huge)
    elif kind == "negative":
        negative = f"-{draw(st.integers(0, 10**6))}"
        if len(parts) > 2:
            parts[draw(st.integers(2, len(parts) - 1))] = negative
        else:
            parts.append(negative)
    elif kind == "empty":
        if draw(st.booleans()):
            parts[where] = ""
        else:
            parts.insert(where + 1, "")
    elif kind == "extra":
        extra = draw(st.text(alphabet="abcxyz0123456789", min_size=1, max_size=6))
        parts.extend([extra] * draw(st.integers(1, 3)))
    elif kind == "long":
        parts[where] += "7" * (65 - len(seed.encode()) + draw(st.integers(0, 40)))
    else:
        noise = draw(st.text(min_size=1, max_size=40).filter(lambda t: not set(t) <= ALLOWED))
        return draw(st.sampled_from((f"{seed}{noise}", f"{':'.join(parts[:2])}:{noise}", noise)))
    return ":".join(parts)


def mutations(seed: str) -> list[str]:
    """The fixed mutations of one button's data: every kind, on every argument."""
    parts = seed.split(":")
    args = range(2, len(parts)) if len(parts) > 2 else [len(parts)]
    out: list[str] = []

    def with_part(index: int, value: str) -> str:
        changed = [*parts, ""] if index == len(parts) else list(parts)
        changed[index] = value
        return ":".join(changed)

    for index, part in enumerate(parts[1:], start=1):
        digits = [i for i, char in enumerate(part) if char.isdigit()]
        for at, char in ((digits[0], "²"), (digits[-1], "٣")) if digits else ():
            out.append(with_part(index, part[:at] + char + part[at + 1 :]))
    if not any(char.isdigit() for char in seed):
        out.append(seed + "²")
    for index in args:
        out += [with_part(index, str(10**20)), with_part(index, "-1"), with_part(index, "")]
    out += [f"{seed}:", f"{seed}:1", f"{seed}:x:y", seed + "7" * (65 - len(seed.encode()))]
    return out


@pytest.mark.long
async def test_forged_and_mutated_buttons_expire_without_a_change(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_path: Path, tmp_path: Path
) -> None:
    await seed_cleared_user(db_path, USER, NOW)
    clock = tmp_path / "clock.txt"
    clock.write_text(NOW.isoformat())
    bot = bot_factory(extra_env={"TEST_CLOCK_FILE": str(clock)})
    await bot.start()
    await summaries_scheduled(db_path)
    user = fake_api.user(USER)

    # Real buttons from the running bot: /start, /settings, /pause, then a walkthrough that
    # stays open, so forged presses meet a live session.
    user.send("/start")
    await user.next_message()
    user.send("/settings")
    await user.next_message()
    user.press("Done")
    await user.next_callback_answer()
    await user.next_change()  # the settings view says it is saved
    user.send("/pause")
    await user.next_message()
    user.send("/workout")
    await user.wait_for(lambda message: bool(message.buttons), timeout=60)
    seeds = tuple(sorted(button_data(user) | set(KNOWN)))
    assert any(seed.startswith("v1:wo:") for seed in seeds), seeds
    for pattern in registered_patterns():
        assert any(pattern.search(seed) for seed in seeds), f"no seed for {pattern.pattern}"

    loop = asyncio.get_running_loop()
    # Every table but processed_updates, which records each update id by design.
    tables = TableTexts(db_path, skip={"processed_updates"})

    async def settled() -> None:
        """Wait until every update sent so far is handled: the bot handles them in order."""
        user.press_data(user.last, BARRIER)
        while (await user.next_callback_answer(timeout=10)).data != BARRIER:
            pass

    await settled()

    async def press(data: str) -> None:
        before = tables.read()
        sent_before = {message.message_id for message in user.bot_messages}
        user.press_data(user.last, data)
        answer = await user.next_callback_answer(timeout=10)
        assert answer.data == data
        assert answer.text == EXPIRED, f"{data!r} was answered {answer.text!r}"
        await settled()
        # A stale walkthrough button shows the current step again; the bot remembers which
        # exercise that new message is about. Rows about any other message are a change.
        resent = sorted({message.message_id for message in user.bot_messages} - sent_before)
        marks = ", ".join("?" * len(resent))
        after = tables.read({"message_exercises": (f"message_id NOT IN ({marks})", resent)})
        changed = {table for table in after if after[table] != before[table]}
        assert not changed, f"{data!r} changed {changed}: {[after[t] for t in changed]}"

    # Every kind of mutation on every seed, then Hypothesis's own mix on top.
    for seed in seeds:
        for data in mutations(seed):
            await press(data)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(forged(seeds))
    def each(data: str) -> None:
        asyncio.run_coroutine_threadsafe(press(data), loop).result(timeout=60)

    await asyncio.to_thread(each)
    tables.close()
    assert "error handling update" not in bot.output
