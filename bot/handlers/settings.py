"""/settings and /language: buttons, typed values and locations go to the settings service."""

from __future__ import annotations

from telegram import Update

from bot import callbacks, reply
from bot.context import CoachContext
from bot.handlers.common import forget_language, language, text_of, user_id_of
from bot.handlers.setup import send_all
from bot.handlers.start import ensure_user
from bot.render import Outgoing
from bot.render.settings import render
from coach.services import settings


async def show(update: Update, context: CoachContext, views: list[settings.View]) -> None:
    """Render views in the user's language as it is now (a change may just have switched it).

    A press changes the message it was pressed on: the settings view becomes the question
    for a value, and the answered question becomes the settings view again (a note that
    comes with it, such as work hours too short, is a new message). A stale button gets the
    'expired' toast, and the current step comes anew: the old message is left as it is.
    """
    forget_language(context)
    await reply.show(update, context, views, render, settings.Expired, in_place=True, main="last")


def _args(update: Update) -> tuple[str, ...] | None:
    data = callbacks.of(update)
    return None if data is None else data.args


async def settings_command(update: Update, context: CoachContext) -> None:
    await ensure_user(update, context)
    await show(update, context, await context.services.user_settings.open(user_id_of(update)))


async def language_command(update: Update, context: CoachContext) -> None:
    await ensure_user(update, context)
    views = await context.services.user_settings.language_menu(user_id_of(update))
    await show(update, context, views)


async def choose_button(update: Update, context: CoachContext) -> None:
    """`v1:setf:<field>`: a value's button on the settings view."""
    args = _args(update)
    if args is None or len(args) != 1:
        await show(update, context, [settings.Expired()])
        return
    views = await context.services.user_settings.choose(user_id_of(update), args[0])
    await show(update, context, views)


async def value_button(update: Update, context: CoachContext) -> None:
    """`v1:setv:<field>:<value>`: a new value chosen by button."""
    args = _args(update)
    value = None if args is None else callbacks.profile_value(args)
    if value is None:
        await show(update, context, [settings.Expired()])
        return
    field, raw = value
    views = await context.services.user_settings.answer(user_id_of(update), field, raw, typed=False)
    await show(update, context, views)


async def action_button(update: Update, context: CoachContext) -> None:
    """`v1:set:done` and `v1:set:back`."""
    service = context.services.user_settings
    args = _args(update)
    if args == ("done",):
        views = await service.close(user_id_of(update))
    elif args == ("back",):
        views = await service.back(user_id_of(update))
    else:
        views = [settings.Expired()]
    await show(update, context, views)


async def language_button(update: Update, context: CoachContext) -> None:
    """`v1:lang:<code>`: /language's buttons."""
    args = _args(update)
    if args is None or len(args) != 1:
        await show(update, context, [settings.Expired()])
        return
    views = await context.services.user_settings.set_language(user_id_of(update), args[0])
    await show(update, context, views)


async def typed_answer(update: Update, context: CoachContext) -> bool:
    """Typed text while a settings prompt is open; False when the text is not for settings."""
    text = text_of(update)
    views = await context.services.user_settings.answer_text(user_id_of(update), text)
    if views is None:
        return False
    await show(update, context, views)
    return True


async def shared_location(update: Update, context: CoachContext) -> bool:
    """A shared location while the time zone prompt is open; False otherwise."""
    message = update.effective_message
    if message is None or message.location is None:
        return False
    spot = message.location
    views = await context.services.user_settings.share_location(
        user_id_of(update), spot.latitude, spot.longitude
    )
    if views is None:
        return False
    await show(update, context, views)
    return True


async def unsupported_during_settings(update: Update, context: CoachContext) -> bool:
    """A sticker, photo… while settings are open: a short hint and the current step again."""
    current = await context.services.user_settings.current(user_id_of(update))
    if current is None:
        return False
    lang = await language(update, context)
    hint = Outgoing(context.services.texts.text(lang, "setup-unsupported"))
    await send_all(update, context, [hint, *render(current, context.services.texts, lang)])
    return True
