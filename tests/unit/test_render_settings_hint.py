"""The language question's hint names every language the data holds, in its own name."""

from __future__ import annotations

import pytest

from bot.render.settings import render
from bot.texts import load_catalogue
from coach import languages
from coach.services.settings import AskSetting
from tests.support.languages import LANGUAGES

TEXTS = load_catalogue()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_hint_names_every_language_people_can_type(lang: str) -> None:
    (message,) = render([AskSetting("language", "hint")], TEXTS, lang)
    hint = message.text.split("\n")[0]
    for code in languages.available():
        assert languages.own_name(code) in hint, (code, hint)
