"""Rep replies, the "which exercise?" buttons, /undo, /stats, /export and /delete."""

from __future__ import annotations

from telegram import Update

from bot import callbacks, reply
from bot.context import CoachContext
from bot.handlers.common import chat_id_of, forget_language, language, text_of, user_id_of
from bot.handlers.setup import send_all
from bot.outbound import OutboundLimiter
from bot.render import Outgoing
from bot.render.progress import delete_question, render, stats_lines
from bot.render.progress_chart import chart_texts, render_png
from bot.threads import in_thread
from coach.services import progress


async def show(
    update: Update, context: CoachContext, views: list[progress.View], *, lang: str | None = None
) -> None:
    """Render views, each a new message; a stale button press gets the 'expired' toast."""
    await reply.show(update, context, views, render, progress.Expired, lang=lang)


async def rep_reply(update: Update, context: CoachContext, *, lang: str | None = None) -> None:
    """A plain text outside any other flow: a rep report (or an explanation why not).

    `lang`: the user's language when the caller has just read it.
    """
    message = update.effective_message
    text = text_of(update)
    replied = message.reply_to_message if message else None
    views = await context.services.progress.log_text(
        user_id_of(update), text, replied.message_id if replied else None
    )
    await show(update, context, views, lang=lang)


async def exercise_button(update: Update, context: CoachContext) -> None:
    data = callbacks.of(update)
    service = context.services.progress
    user_id = user_id_of(update)
    if data is None or len(data.args) != 2:
        question = await service.current_question(user_id)
        await show(update, context, [progress.Expired(), *([question] if question else [])])
        return
    choice, token = data.args
    if choice == "x":
        await show(update, context, await service.close_question(user_id, token))
        return
    await show(update, context, await service.choose_exercise(user_id, choice, token))


async def during_question(update: Update, context: CoachContext) -> bool:
    """A sticker, photo… while "which exercise?" is open: a hint and the question again."""
    question = await context.services.progress.current_question(user_id_of(update))
    if question is None:
        return False
    await show(update, context, [question])
    return True


async def rest_command(update: Update, context: CoachContext) -> None:
    await show(update, context, await context.services.progress.rest_today(user_id_of(update)))


async def undo_command(update: Update, context: CoachContext) -> None:
    await show(update, context, await context.services.progress.undo(user_id_of(update)))


async def stats_command(update: Update, context: CoachContext) -> None:
    stats = await context.services.progress.stats(user_id_of(update))
    lang = await language(update, context)
    texts = context.services.texts
    if stats is None:
        await show(update, context, [progress.NotReady()])
        return
    png = await in_thread(render_png, stats, chart_texts(stats, texts, lang))
    caption = (
        f"{texts.text(lang, 'progress-stats-caption')}\n{stats_lines(stats.streak, texts, lang)}"
    )
    await context.bot.send_photo(chat_id_of(update), png, caption=caption)


async def export_command(update: Update, context: CoachContext) -> None:
    export = await context.services.progress.export(user_id_of(update))
    if export is None:
        await show(update, context, [progress.NotReady()])
        return
    lang = await language(update, context)
    caption = context.services.texts.text(lang, "progress-export-caption", rows=export.rows)
    await context.bot.send_document(
        chat_id_of(update),
        export.data,
        filename=export.file_name,
        caption=caption,
    )


async def delete_command(update: Update, context: CoachContext) -> None:
    await show(update, context, await context.services.progress.ask_delete(user_id_of(update)))


async def delete_button(update: Update, context: CoachContext) -> None:
    data = callbacks.of(update)
    service = context.services.progress
    user_id = user_id_of(update)
    if data is None or data.args not in (("yes",), ("no",)):
        await show(update, context, [progress.Expired()])
        if await service.delete_pending(user_id):
            await delete_hint(update, context)
        return
    views = await service.confirm_delete(user_id, confirmed=data.args == ("yes",))
    forget_language(context)  # a deleted user is answered in their client's language
    await show(update, context, views)
    limiter = context.bot.rate_limiter
    if any(isinstance(view, progress.Deleted) for view in views) and isinstance(
        limiter, OutboundLimiter
    ):
        # After the last message: every send records its chat (chat_sends on PostgreSQL).
        await limiter.forget(chat_id_of(update))


async def during_delete(update: Update, context: CoachContext) -> bool:
    """Anything but a button while /delete asks for confirmation: the question again."""
    if not await context.services.progress.delete_pending(user_id_of(update)):
        return False
    await delete_hint(update, context)
    return True


async def delete_hint(update: Update, context: CoachContext) -> None:
    lang = await language(update, context)
    message: Outgoing = delete_question(context.services.texts, lang, hint=True)
    await send_all(update, context, [message])
