"""A mistyped city at the onboarding city question offers the big, close place first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.test_onboarding import answer_flags, begin
from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]


async def test_berln_offers_berlin_first_and_no_small_namesake(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str]
) -> None:
    user = await begin(fake_api, bot_factory, db_env)
    await answer_flags(user)
    user.press("3")
    await user.next_message()
    user.press("> 3 months")
    _outcome, ask_city = await user.next_messages(2)
    assert "Which city" in ask_city.text

    user.send("Berln")
    offer = await user.next_message()
    assert "Did you mean" in offer.text
    assert offer.labels[0] == "Berlin, DE"
    # North Canton, OH was once called Berlin: an old name of a small town is no typo match.
    assert not any("North Canton" in label for label in offer.labels)

    user.press("Berlin, DE")
    chosen, _days = await user.next_messages(2)
    assert "Europe/Berlin" in chosen.text
