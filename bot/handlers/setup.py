"""Onboarding and /screen: buttons and typed answers go to the set-up service."""

from __future__ import annotations

from telegram import Update

from bot import callbacks, reply
from bot.context import CoachContext
from bot.handlers.common import chat_id_of, language, text_of, user_id_of
from bot.handlers.start import ensure_user
from bot.render import Outgoing
from bot.render.setup import render
from coach.services import setup


async def send_all(update: Update, context: CoachContext, messages: list[Outgoing]) -> None:
    for message in messages:
        await context.bot.send_message(
            chat_id_of(update), message.text, reply_markup=message.markup
        )


async def show(update: Update, context: CoachContext, views: list[setup.View]) -> None:
    """Render views, each a new message; a stale button press gets the 'expired' toast."""
    await reply.show(update, context, views, render, setup.Expired)


async def begin(update: Update, context: CoachContext) -> None:
    await ensure_user(update, context)
    await show(update, context, await context.services.setup.begin(user_id_of(update)))


async def screen_command(update: Update, context: CoachContext) -> None:
    await ensure_user(update, context)
    await show(update, context, await context.services.setup.rescreen(user_id_of(update)))


async def screening_button(update: Update, context: CoachContext) -> None:
    data = callbacks.of(update)
    service = context.services.setup
    if data is None or len(data.args) != 2:
        await show(update, context, [setup.Expired()])
        return
    question_id, value = data.args
    raw: str | int | bool = value
    if value in ("yes", "no"):
        raw = value == "yes"
    elif (number := callbacks.number(value)) is not None:
        raw = number
    views = await service.answer_screening(user_id_of(update), question_id, raw, typed=False)
    await show(update, context, views)


async def profile_button(update: Update, context: CoachContext) -> None:
    data = callbacks.of(update)
    value = None if data is None else callbacks.profile_value(data.args)
    if value is None:
        await show(update, context, [setup.Expired()])
        return
    field, raw = value
    views = await context.services.setup.answer_profile(user_id_of(update), field, raw, typed=False)
    await show(update, context, views)


async def summary_button(update: Update, context: CoachContext) -> None:
    data = callbacks.of(update)
    if data is None or len(data.args) != 1:
        await show(update, context, [setup.Expired()])
        return
    await show(
        update,
        context,
        await context.services.setup.summary_action(user_id_of(update), data.args[0]),
    )


async def doctor_button(update: Update, context: CoachContext) -> None:
    data = callbacks.of(update)
    if data is None or data.args not in (("yes",), ("no",)):
        await show(update, context, [setup.Expired()])
        return
    views = await context.services.setup.confirm_doctor(
        user_id_of(update), cleared=data.args == ("yes",)
    )
    await show(update, context, views)


async def location(update: Update, context: CoachContext) -> None:
    message = update.effective_message
    if message is None or message.location is None:
        return
    spot = message.location
    views = await context.services.setup.share_location(
        user_id_of(update), spot.latitude, spot.longitude
    )
    await show(update, context, views)


async def typed_answer(update: Update, context: CoachContext) -> bool:
    """Typed text during set-up; False when no set-up is in progress."""
    text = text_of(update)
    lang = await language(update, context)
    views = await context.services.setup.answer_text(user_id_of(update), text, lang)
    if views is None:
        return False
    await show(update, context, views)
    return True


async def unsupported_during_setup(update: Update, context: CoachContext) -> bool:
    """A sticker, photo… during set-up: a short hint and the current step again."""
    current = await context.services.setup.current(user_id_of(update))
    if current is None:
        return False
    lang = await language(update, context)
    hint = Outgoing(context.services.texts.text(lang, "setup-unsupported"))
    await send_all(update, context, [hint, *render(current, context.services.texts, lang)])
    return True
