"""What an operator sees of the running bot: /healthz, /metrics and /admin.

The bot is the real ``python -m bot`` process; the endpoints are scraped over HTTP as a
platform's probe and Prometheus would.
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.e2e.test_reminders import (
    REMINDER,
    T0,
    WAIT,
    BotClock,
    eventually,
    iso,
    prepare_database,
    start_bot,
    state,
)
from tests.e2e.test_webhook import SECRET, free_port
from tests.e2e.test_webhook_replicas import listening
from tests.support.bot_process import REPO_ROOT
from tests.support.fake_bot_api import TEST_TOKEN, FakeBotApi
from tests.support.own_postgres import own_postgres

pytestmark = [pytest.mark.e2e, pytest.mark.process]
BotFactory = Callable[..., Any]
ADMIN = 501
PERSON = 502


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


def sample(metrics: str, name: str, **labels: str) -> float:
    """One sample's value from Prometheus' text format (0 when absent)."""
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    pattern = re.compile(rf"^{re.escape(name)}(?:\{{([^}}]*)\}})? (\S+)$", re.MULTILINE)
    for found in pattern.finditer(metrics):
        have = ",".join(sorted((found.group(1) or "").split(","))) if found.group(1) else ""
        if have == wanted:
            return float(found.group(2))
    return 0.0


async def scraped(
    url: str,
    wanted: Callable[[str], bool],
    timeout: float = WAIT,  # noqa: ASYNC109
    status: int = 200,
) -> str:
    """Scrape ``url`` until its body is ``wanted`` (an event in the bot: a tick, a restart)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        code, body = await get(url)
        if code == status and wanted(body):
            return body
        if loop.time() > deadline:
            raise AssertionError(f"{url} never gave what was wanted: {code} {body[-1000:]}")
        await asyncio.sleep(0.05)


async def test_health_and_metrics_of_a_polling_bot_move_with_a_reply_and_a_reminder(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    port = free_port()
    clock = BotClock(tmp_path / "clock.txt", T0)
    await prepare_database(db_path, [PERSON], interval=30)
    person = fake_api.user(PERSON)
    await start_bot(bot_factory, tmp_path, clock, METRICS_PORT=str(port))
    await listening(port)
    base = f"http://127.0.0.1:{port}"

    status, body = await get(f"{base}/healthz")
    assert status == 200, body
    assert json.loads(body) == {
        "healthy": True,
        "database": "ok",
        "reminder_tick": "ok",
        "reminder_tick_age_seconds": json.loads(body)["reminder_tick_age_seconds"],
        "telegram": "ok",
    }
    _, before = await get(f"{base}/metrics")

    person.send("/help")
    await person.next_message()
    due = await eventually(lambda: state(db_path, PERSON)["next_due_at"])
    clock.set(due + timedelta(seconds=5))
    await person.wait_for_text(REMINDER, WAIT)

    def reminder_counted(text: str) -> bool:
        return sample(text, "strongback_reminders_total", kind="sit_break", outcome="sent") >= 1

    after = await scraped(f"{base}/metrics", reminder_counted)  # counted once confirmed
    assert sample(after, "strongback_updates_total") > sample(before, "strongback_updates_total")
    ok = {"method": "sendMessage", "outcome": "ok"}
    assert sample(after, "strongback_telegram_calls_total", **ok) >= 2
    assert sample(after, "strongback_update_seconds_count") >= 1
    assert "strongback_reminders_due_backlog" in after
    labels = " ".join(re.findall(r"\{([^}]*)\}", after))  # every label of every sample
    assert str(PERSON) not in labels and "/help" not in after  # no person in any label
    assert TEST_TOKEN not in after


async def test_healthz_says_unhealthy_while_the_database_is_down(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path
) -> None:
    port = free_port()
    async with own_postgres(tmp_path) as server:
        bot = bot_factory({"METRICS_PORT": str(port)}, database_url=server.url)
        await bot.start()
        await listening(port)
        url = f"http://127.0.0.1:{port}/healthz"
        assert (await get(url))[0] == 200
        await server.stop()
        status, body = await get(url)
        assert status == 503 and json.loads(body)["database"] == "unreachable", body
        await server.start()
        healthy = await scraped(url, lambda body: json.loads(body)["healthy"])
        assert json.loads(healthy)["database"] == "ok"
        await bot.stop()


async def test_a_webhook_bot_serves_health_and_metrics_on_its_port(
    fake_api: FakeBotApi, bot_factory: BotFactory
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {"WEBHOOK_URL": url, "WEBHOOK_SECRET": SECRET, "PORT": str(port)}
    bot = bot_factory(env)
    mark = fake_api.mark()
    await bot.start(wait_for_polling=False)
    await fake_api.wait_for_call("setWebhook", timeout=30, since=mark)
    await listening(port)
    status, body = await get(f"{url}/healthz")
    assert status == 200 and json.loads(body)["healthy"] is True
    status, metrics = await get(f"{url}/metrics")
    assert status == 200 and "strongback_updates_total" in metrics


async def test_admin_shows_counts_to_an_admin_and_nothing_to_anyone_else(
    fake_api: FakeBotApi, bot_factory: BotFactory, tmp_path: Path, db_path: Path
) -> None:
    clock = BotClock(tmp_path / "clock.txt", T0)
    await prepare_database(db_path, [ADMIN, PERSON], interval=60, due=T0 + timedelta(hours=1))
    with sqlite3.connect(db_path) as connection:  # one parked row: what the button is for
        connection.execute(
            "UPDATE reminder_state SET parked_at = ?, attempts = 5, next_due_at = NULL"
            " WHERE user_id = ?",
            (iso(T0), PERSON),
        )
    admin, person = fake_api.user(ADMIN), fake_api.user(PERSON)
    await start_bot(bot_factory, tmp_path, clock, ADMIN_CHAT_IDS=str(ADMIN))

    person.send("/admin")
    refused = await person.next_message()
    assert "I don't know that command" in refused.text

    admin.send("/admin")
    view = await admin.next_message()
    assert "operator view" in view.text
    assert "Users: 2" in view.text and "parked" in view.text
    assert view.labels == ["Re-activate 1 parked reminders"]
    admin.press("Re-activate 1 parked reminders")
    await admin.next_callback_answer()
    await fake_api.wait_until(
        lambda: "Re-activated" in admin.message(view.message_id).text or None, timeout=WAIT
    )
    edited = admin.message(view.message_id)
    assert "Re-activated 1 parked reminder rows" in edited.text
    assert edited.labels == []
    row = state(db_path, PERSON)
    assert row["next_due_at"] is not None  # scheduled again
    assert sqlite3.connect(db_path).execute(
        "SELECT parked_at, attempts FROM reminder_state WHERE user_id = ?", (PERSON,)
    ).fetchone() == (None, 0)
    assert str(PERSON) not in edited.text  # counts only, never a person


async def test_the_image_health_probe_passes_against_a_running_bot(
    fake_api: FakeBotApi, bot_factory: BotFactory
) -> None:
    """The container's HEALTHCHECK command (``python -m bot.healthcheck``), run as Docker
    would: with the bot's environment, against the bot's own /healthz."""
    port = free_port()
    bot = bot_factory({"METRICS_PORT": str(port)})
    await bot.start()
    await listening(port)
    env = {key: value for key, value in bot.environment().items() if key != "WEBHOOK_URL"}
    probe = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.healthcheck", env=env, cwd=REPO_ROOT
    )
    assert await asyncio.wait_for(probe.wait(), WAIT) == 0
    await bot.stop()
    failed = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.healthcheck",
        env=env,
        cwd=REPO_ROOT,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    assert await asyncio.wait_for(failed.wait(), WAIT) != 0  # nothing listens any more
