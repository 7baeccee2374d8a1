"""The walking skeleton, as a person on a phone sees it: the real bot over HTTP."""

from __future__ import annotations

import asyncio
import asyncio.base_events
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from tests.e2e.conftest import table_rows
from tests.support.fake_bot_api import FakeBotApi
from tests.support.languages import LANGUAGES

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
BotFactory = Callable[..., Any]


async def started(bot_factory: BotFactory, **env: str) -> Any:
    bot = bot_factory(extra_env=env)
    await bot.start()
    return bot


async def test_start_greets_with_buttons(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str]
) -> None:
    await started(bot_factory, **db_env)
    user = fake_api.user(101, first_name="Ana")
    user.send("/start")
    welcome = await user.next_message()
    assert "Hi Ana" in welcome.text and "glutes" in welcome.text
    note = await user.next_message()
    assert "stop and seek medical advice" in note.text
    assert note.labels == ["Let's begin", "How it works"]
    user.press("How it works")
    help_text = (await user.next_message()).text
    for command in ("/help", "/workout", "/exercise", "/pause", "/stats", "/settings", "/delete"):
        assert command in help_text
    assert fake_api.unknown_calls == []


async def test_unknown_command_sticker_and_photo_get_a_short_help(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str]
) -> None:
    await started(bot_factory, **db_env)
    user = fake_api.user(102)
    user.send("/fly")
    assert "/help" in (await user.next_message()).text
    user.send_sticker()
    assert "/help" in (await user.next_message()).text
    user.send_photo()
    assert "/help" in (await user.next_message()).text
    user.send("x" * 5000)
    assert "/help" in (await user.next_message()).text


async def test_forged_button_says_expired(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str]
) -> None:
    await started(bot_factory, **db_env)
    user = fake_api.user(103)
    user.send("/start")
    await user.next_messages(2)
    for forged in ("v1:scr:radiating:maybe", "garbage", "v9:begin", "v1:pf:timezone:city:1"):
        user.press_data(user.last, forged)
        answer = await user.next_callback_answer()
        assert answer.text == "This button has expired."


async def test_a_redelivered_update_is_handled_once(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str]
) -> None:
    await started(bot_factory, **db_env)
    user = fake_api.user(104)
    update_id = user.send("/help")
    first = await user.next_messages(2)
    assert "/help" in first[0].text
    user.redeliver(update_id)
    user.send("/start")
    # The next message is the answer to /start: the redelivered /help produced nothing.
    assert "Hi" in (await user.next_message()).text


async def test_command_menu_is_registered_in_every_language(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str]
) -> None:
    await started(bot_factory, **db_env)
    calls = fake_api.calls_of("setMyCommands", ok=True)
    languages = sorted(str(call.params.get("language_code") or "") for call in calls)
    assert languages == sorted("" if code == "en" else code for code in LANGUAGES)


@pytest.mark.process
async def test_restart_keeps_every_row_and_sigterm_exits_cleanly(
    fake_api: FakeBotApi, bot_factory: BotFactory, db_env: dict[str, str], db_path: Path
) -> None:
    bot = await started(bot_factory, **db_env)
    user = fake_api.user(105)
    user.send("/start")
    await user.next_messages(2)
    user.press("Let's begin")
    await user.next_messages(2)
    user.press("No")
    await user.next_message()
    assert await bot.stop() == 0
    before = table_rows(db_path)
    assert before["users"] and before["dialogs"] and before["processed_updates"]
    restarted = await started(bot_factory, **db_env)
    user.send("/help")
    await user.next_messages(2)
    after = table_rows(db_path)
    for table, rows in before.items():
        assert set(rows) <= set(after[table]), f"rows lost from {table}"
    assert await restarted.stop() == 0


def run_bot_without_server(
    env_overrides: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env.update(env_overrides)
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("token", [None, "", "not-a-token", "123:short"])
def test_missing_or_malformed_token_exits_2_with_one_clear_line(
    token: str | None, tmp_path: Path
) -> None:
    overrides = {} if token is None else {"TELEGRAM_BOT_TOKEN": token}
    result = run_bot_without_server(overrides, tmp_path)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "TELEGRAM_BOT_TOKEN" in lines[0] and "@BotFather" in lines[0]
    assert ".env" in lines[0] and "Traceback" not in result.stderr
    if token:
        assert token not in result.stderr + result.stdout


REJECTED_TOKEN = "987654321:AAHrejected_token_secret_part_0123456789"
TOKEN_REJECTED_LINE = "Telegram rejected TELEGRAM_BOT_TOKEN: check it with @BotFather"


async def rejecting_api(status: int, seen: list[str]) -> tuple[web.AppRunner, str]:
    """A Bot API that answers every call as Telegram does a rejected token (401 or 404)."""

    async def answer(request: web.Request) -> web.Response:
        seen.append(request.path.rsplit("/", 1)[-1])
        description = "Unauthorized" if status == 401 else "Not Found"
        body = {"ok": False, "error_code": status, "description": description}
        return web.json_response(body, status=status)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", answer)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server = site._server
    assert isinstance(server, asyncio.base_events.Server)
    port = server.sockets[0].getsockname()[1]
    return runner, f"http://127.0.0.1:{port}"


@pytest.mark.parametrize("status", [401, 404])
@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
async def test_a_rejected_token_exits_2_with_one_line_and_never_prints_it(
    status: int, level: str, tmp_path: Path
) -> None:
    seen: list[str] = []
    runner, base_url = await rejecting_api(status, seen)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "WEBHOOK_")) and k not in ("DATABASE_URL", "DATA_DIR")
    }
    env.update(
        {
            "TELEGRAM_BOT_TOKEN": REJECTED_TOKEN,
            "TELEGRAM_API_BASE_URL": base_url,
            "LOG_LEVEL": level,
            "DATA_DIR": str(tmp_path / "data"),
            "PYTHONPATH": str(ROOT),
        }
    )
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=tmp_path,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(process.communicate(), 60)
    finally:
        await runner.cleanup()
    stdout, stderr = out.decode(), err.decode()
    assert seen and seen[0].lower() == "getme"
    assert process.returncode == 2, stderr
    secret_part = REJECTED_TOKEN.split(":", 1)[1]
    for output in (stdout, stderr):
        assert REJECTED_TOKEN not in output and secret_part not in output
    assert "Traceback" not in stderr
    told = [line for line in stderr.splitlines() if "TELEGRAM_BOT_TOKEN" in line]
    assert len(told) == 1 and TOKEN_REJECTED_LINE in told[0]
    if level == "INFO":
        assert [line for line in (stdout + stderr).splitlines() if line.strip()] == told
