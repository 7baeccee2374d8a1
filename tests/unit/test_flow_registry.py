"""The flow registry: every flow a service can open is routed, an unknown one gets the default."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any, cast

import pytest
from telegram import Update

import coach.services
from bot.context import CoachContext
from bot.handlers import fallback
from bot.handlers.flows import FLOWS, flow_of
from coach.services.conversation import Conversation
from tests.support.updates import private_text


def stored_flow_names() -> set[str]:
    """Every flow name a service module declares (`FLOW`, `DELETE_FLOW`…): what a dialog holds."""
    names: set[str] = set()
    for info in pkgutil.iter_modules(coach.services.__path__):
        module = importlib.import_module(f"coach.services.{info.name}")
        for attribute, value in vars(module).items():
            if attribute.endswith("FLOW") and attribute.isupper() and isinstance(value, str):
                names.add(value)
    return names


def test_the_services_declare_flows() -> None:
    assert {"setup", "settings", "walkthrough", "pause", "delete", "reps", "safety"} <= (
        stored_flow_names()
    )


@pytest.mark.parametrize("name", sorted(stored_flow_names()))
def test_every_stored_flow_has_an_entry(name: str) -> None:
    assert name in FLOWS


@pytest.mark.parametrize("name", [None, "", "gone-since-last-release"])
def test_no_or_unknown_flow_has_no_handlers(name: str | None) -> None:
    flow = flow_of(name)
    assert (flow.text, flow.other, flow.location) == (None, None, None)


def _update() -> Update:
    return private_text(language_code="de")


class _Services:
    uow = None


class _Context:
    services = _Services()


@pytest.fixture
def unknown_flow(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """A dialog row whose flow this bot does not know; records what the fallback did."""
    calls: list[tuple[str, Any]] = []

    async def conversation(*_args: object) -> Conversation:
        return Conversation(flow="gone-since-last-release", language="de")

    async def say(_update: Update, _context: CoachContext, key: str, **_kw: object) -> None:
        calls.append(("say", key))

    async def symptom_reply(*_args: object, lang: str | None = None) -> bool:
        calls.append(("symptom", lang))
        return False

    async def rep_reply(*_args: object, lang: str | None = None) -> None:
        calls.append(("reps", lang))

    async def location(*_args: object) -> None:
        calls.append(("setup-location", None))

    monkeypatch.setattr(fallback, "conversation_of", conversation)
    monkeypatch.setattr(fallback, "say", say)
    monkeypatch.setattr(fallback.safety, "symptom_reply", symptom_reply)
    monkeypatch.setattr(fallback.progress, "rep_reply", rep_reply)
    monkeypatch.setattr(fallback.setup, "location", location)
    return calls


async def test_unknown_flow_text_gets_the_default_answer(
    unknown_flow: list[tuple[str, Any]],
) -> None:
    await fallback.text_message(_update(), cast(CoachContext, _Context()))
    assert unknown_flow == [("symptom", "de"), ("reps", "de")]


async def test_unknown_flow_sticker_gets_the_default_answer(
    unknown_flow: list[tuple[str, Any]],
) -> None:
    await fallback.unsupported_message(_update(), cast(CoachContext, _Context()))
    assert unknown_flow == [("say", "unsupported-message")]


async def test_unknown_flow_location_goes_to_the_setup_question(
    unknown_flow: list[tuple[str, Any]],
) -> None:
    await fallback.location_message(_update(), cast(CoachContext, _Context()))
    assert unknown_flow == [("setup-location", None)]
