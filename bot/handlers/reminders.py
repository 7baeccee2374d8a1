"""Sit-break reminders: the reminder's buttons, /sit, /pause, /resume, and a blocked bot."""

from __future__ import annotations

from telegram import ChatMember, Update

from bot import callbacks, reply
from bot.context import CoachContext
from bot.handlers import workout
from bot.handlers.common import chat_id_of, language, text_of, user_id_of
from bot.handlers.start import ensure_user
from bot.render import Outgoing
from bot.render.reminders import render
from coach.services import reminders as rem


async def show(update: Update, context: CoachContext, views: list[rem.View]) -> None:
    """Render views; a press changes the reminder it was pressed on ("✅ Break taken at
    10:02"), and a stale button press gets the 'expired' toast."""
    await reply.show(update, context, views, render, rem.Expired, in_place=True)


async def _expired(update: Update, context: CoachContext) -> None:
    await show(update, context, [rem.Expired()])


def _args(update: Update) -> tuple[str, ...] | None:
    data = callbacks.of(update)
    return None if data is None else data.args


async def reminder_button(update: Update, context: CoachContext) -> None:
    """Start break / Done / Snooze / In a meeting / Skip on a reminder."""
    press = callbacks.ReminderPress.parse(callbacks.of(update))
    if press is None or press.action not in rem.ACTIONS:
        await _expired(update, context)
        return
    if press.action == "start":
        await start_break(update, context, press.stamp)
        return
    views = await context.services.reminders.act(user_id_of(update), press.action, press.stamp)
    await show(update, context, views)


async def start_break(update: Update, context: CoachContext, stamp: int) -> None:
    """Start break: counts as a break taken, then the 2-minute mini walkthrough.

    A user whose screening does not clear them for exercises gets a stand-up-and-move prompt
    instead (the walkthrough area decides, and answers the button itself).
    """
    views = await context.services.reminders.act(user_id_of(update), "start", stamp)
    await show(update, context, views)  # the reminder now says when the break started
    if any(isinstance(view, rem.Expired) for view in views):
        return
    await workout.start_break(update, context, pressed=False)


async def why_button(update: Update, context: CoachContext) -> None:
    args = _args(update)
    if args is None or len(args) != 1:
        await _expired(update, context)
        return
    await show(
        update, context, await context.services.reminders.answer_why(user_id_of(update), args[0])
    )


async def pause_button(update: Update, context: CoachContext) -> None:
    args = _args(update)
    if args is None or len(args) != 1:
        await _expired(update, context)
        return
    await show(update, context, await context.services.reminders.pause(user_id_of(update), args[0]))


async def sit_command(update: Update, context: CoachContext) -> None:
    await ensure_user(update, context)
    await show(update, context, await context.services.reminders.sit(user_id_of(update)))


async def pause_command(update: Update, context: CoachContext) -> None:
    """/pause shows the choices; "/pause 2 weeks" or "/pause bis Montag" pauses at once."""
    await ensure_user(update, context)
    service = context.services.reminders
    length = " ".join(context.args or ())
    if length:
        await show(update, context, await service.pause_for_text(user_id_of(update), length))
        return
    await show(update, context, await service.pause_menu(user_id_of(update)))


async def resume_command(update: Update, context: CoachContext) -> None:
    await ensure_user(update, context)
    await show(update, context, await context.services.reminders.resume(user_id_of(update)))


async def typed_answer(update: Update, context: CoachContext) -> bool:
    """Typed text while the pause length is asked for; False when it is not asked for."""
    text = text_of(update)
    views = await context.services.reminders.typed_days(user_id_of(update), text)
    if views is None:
        return False
    await show(update, context, views)
    return True


async def unsupported_while_asking(update: Update, context: CoachContext) -> bool:
    """A sticker, photo… while the pause length is asked for: a hint and the question again."""
    if not await context.services.reminders.asking_days(user_id_of(update)):
        return False
    lang = await language(update, context)
    texts = context.services.texts
    hint = Outgoing(texts.text(lang, "reminder-unsupported"))
    for message in [hint, *render([rem.AskPauseDays(hint=True)], texts, lang)]:
        await context.bot.send_message(chat_id_of(update), message.text)
    return True


async def member_changed(update: Update, context: CoachContext) -> None:
    """The user blocked the bot (status "kicked"): stop their reminders until /start."""
    change = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    if change.new_chat_member.status == ChatMember.BANNED:
        await context.services.reminders.deactivate(change.from_user.id)
