"""Adding a language is data only: a throw-away language "xx", made of files in a temporary
folder (English texts marked "[xx]", English words plus a few of its own), runs a journey in the
real bot process pointed at it by LOCALES_DIR and INPUT_DIR. No Python changes."""

from __future__ import annotations

import html
import re
import shutil
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fluent.syntax import FluentParser, FluentSerializer
from fluent.syntax import ast as fluent

from bot.commands import MENU_COMMANDS
from bot.texts import LOCALES, Catalogue, load_catalogue
from coach import languages, vocabulary
from tests.e2e.test_skeleton import run_bot_without_server
from tests.support.fake_bot_api import FakeBotApi
from tests.support.screening import FLAGS
from tests.support.toml_text import to_toml
from tests.support.user import FakeUser

pytestmark = pytest.mark.e2e
BotFactory = Callable[..., Any]
MARK = "[xx] "
OWN_WORDS = {
    # Words no shipped language has, so the journey can only be read from xx.toml.
    ("answers", "no"): ["neexx"],
    ("walkthrough", "stop"): ["stoppxx"],
}
BRIDGE_WORD = "brixx"


def marked(source: str) -> str:
    """A Fluent file with every message's text starting with the mark."""
    resource = FluentParser().parse(source)
    for entry in resource.body:
        if not isinstance(entry, fluent.Message):
            continue
        for pattern in (entry.value, *(attribute.value for attribute in entry.attributes)):
            if pattern is not None and isinstance(pattern.elements[0], fluent.TextElement):
                pattern.elements[0].value = MARK + pattern.elements[0].value
    return str(FluentSerializer(with_junk=True).serialize(resource))


def build_language(root: Path) -> tuple[Path, Path]:
    """LOCALES_DIR and INPUT_DIR: the shipped data, and "xx" made from English."""
    locales, inputs = root / "locales", root / "input"
    shutil.copytree(LOCALES, locales)
    shutil.copytree(vocabulary.SHIPPED, inputs)
    (locales / "xx").mkdir()
    for path in (LOCALES / "en").glob("*.ftl"):
        (locales / "xx" / path.name).write_text(marked(path.read_text("utf-8")), "utf-8")
    data = tomllib.loads((vocabulary.SHIPPED / "en.toml").read_text("utf-8"))
    data["language"] = {"name": "Xxish", "locale": "en_GB", "names": ["xxish"]}
    for (section, key), words in OWN_WORDS.items():
        data[section][key] = [*data[section][key], *words]
    data["reps"]["exercises"]["bridge"].append(BRIDGE_WORD)
    (inputs / "xx.toml").write_text(to_toml(data), "utf-8")
    return locales, inputs


@pytest.fixture
def new_language(tmp_path: Path) -> Iterator[tuple[Path, Path, Catalogue]]:
    """The folders, and the texts as this test process reads them from there."""
    locales, inputs = build_language(tmp_path)
    vocabulary.use(inputs)
    try:
        yield locales, inputs, load_catalogue(locales)
    finally:
        vocabulary.use()


def shown(text: str) -> str:
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    return plain.replace("\u202f", " ").replace("\xa0", " ")


async def typed(user: FakeUser, text: str) -> str:
    user.send(text)
    return shown((await user.next_message(30)).text)


async def test_a_language_made_of_data_files_runs_a_journey(
    fake_api: FakeBotApi,
    bot_factory: BotFactory,
    db_env: dict[str, str],
    new_language: tuple[Path, Path, Catalogue],
) -> None:
    locales, inputs, texts = new_language
    assert "xx" in languages.available()

    def xx(key: str, **args: object) -> str:
        return shown(texts.text("xx", key, **args))

    bot = bot_factory(extra_env={**db_env, "LOCALES_DIR": str(locales), "INPUT_DIR": str(inputs)})
    await bot.start()
    menu = fake_api.command_list(language_code="xx")
    assert [name for name, _ in menu] == list(MENU_COMMANDS)
    assert all(description.startswith(MARK) for _, description in menu)

    user = fake_api.user(320, first_name="Ada", language_code="xx")
    user.send("/start")
    welcome, note = await user.next_messages(2, 30)
    assert shown(welcome.text) == xx("start-welcome", name="Ada")
    assert shown(note.text) == xx("safety-note") and note.text.startswith(MARK)
    user.press(xx("button-begin"))
    await user.next_messages(2, 30)
    for flag in FLAGS:  # "neexx": a no only xx.toml knows
        assert shown(user.last.text).endswith(xx(f"screening-q-{flag}"))
        await typed(user, "neexx")
    assert await typed(user, "2") == xx("screening-q-duration")
    user.press(xx("screening-duration-gt_3m"))
    outcome, _ask_city = await user.next_messages(2, 30)
    assert shown(outcome.text) == xx("screening-outcome-cleared")
    user.send("Berlin")
    await user.next_messages(2, 30)
    assert await typed(user, "Mon-Fri") == xx("setup-ask-work_hours")
    assert await typed(user, "9-17") == xx("setup-ask-sit_interval")
    assert await typed(user, "60") == xx("setup-ask-exercise_time")
    user.press(xx("setup-button-no-reminder"))
    await user.next_message(30)
    user.press(xx("setup-button-confirm"))
    assert shown((await user.next_change(30)).text) == xx("setup-complete-open")

    # Reps in its own word, a walkthrough stopped by its own stop word.
    logged = await typed(user, f"10 {BRIDGE_WORD}")
    assert logged.startswith(MARK) and xx("progress-exercise-bridge", reps=10) in logged
    user.send("/workout")
    await user.next_messages(2, 30)
    user.send("stoppxx")
    stopped = await user.next_message(30)
    assert shown(stopped.text).splitlines()[0] == xx("workout-summary-ended", done=0, total=3)

    # /language offers it by its own name, beside the shipped ones.
    user.send("/language")
    ask = await user.next_message(30)
    assert ask.labels == [languages.own_name(code) for code in languages.available()]
    assert "Xxish" in ask.labels


def test_a_broken_language_file_stops_the_start_with_one_line(tmp_path: Path) -> None:
    locales, inputs = build_language(tmp_path)
    broken = (inputs / "xx.toml").read_text("utf-8").replace("'\\bpain", "'(pain", 1)
    (inputs / "xx.toml").write_text(broken, "utf-8")
    result = run_bot_without_server(
        {
            "TELEGRAM_BOT_TOKEN": "123456789:" + "A" * 35,
            "DATA_DIR": str(tmp_path / "data"),
            "LOCALES_DIR": str(locales),
            "INPUT_DIR": str(inputs),
        },
        tmp_path,
    )
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "xx.toml" in lines[0] and "does not compile" in lines[0]
