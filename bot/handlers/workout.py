"""/workout, /exercise, walkthrough buttons and the 2-minute break: thin calls into the service."""

from __future__ import annotations

import logging

from telegram import InputMediaAnimation, Message, Update
from telegram.error import BadRequest

from bot import callbacks, pictures, reply
from bot.context import CoachContext
from bot.handlers.common import chat_id_of, language, text_of, user_id_of
from bot.handlers.start import ensure_user
from bot.render import Outgoing
from bot.render.workout import Message as Shown
from bot.render.workout import Picture, render_each
from coach import walkthrough
from coach.services import workout

log = logging.getLogger(__name__)


async def workout_command(update: Update, context: CoachContext) -> None:
    await ensure_user(update, context)
    await show(update, context, await context.services.workout.start_workout(user_id_of(update)))


async def start_workout_button(update: Update, context: CoachContext) -> None:
    """The session reminder's "Start workout": the same as /workout (the gate decides)."""
    await ensure_user(update, context)
    await show(update, context, await context.services.workout.start_workout(user_id_of(update)))


async def exercise_command(update: Update, context: CoachContext) -> None:
    await ensure_user(update, context)
    await show(update, context, await context.services.workout.exercise_menu(user_id_of(update)))


async def start_break(update: Update, context: CoachContext, *, pressed: bool = True) -> None:
    """The 2-minute mini break (the sit-break reminder's "Start break" button).

    Gate-aware: a user whose screening does not clear them for exercises gets a plain
    stand-up-and-move prompt instead of a walkthrough. ``pressed=False``: the reminder's
    press was answered already (the reminder says when the break started); send only.
    """
    await ensure_user(update, context)
    views = await context.services.workout.start_break(user_id_of(update))
    await show(update, context, views, pressed=pressed)


async def menu_button(update: Update, context: CoachContext) -> None:
    """An exercise chosen from the /exercise menu."""
    data = callbacks.of(update)
    if data is None or len(data.args) != 1:
        await show(update, context, [workout.Expired()])
        return
    views = await context.services.workout.start_single(user_id_of(update), data.args[0])
    await show(update, context, views)


def _event(press: callbacks.WalkthroughPress) -> walkthrough.Event | None:
    seq = press.seq
    if press.number is None:
        simple: dict[str, walkthrough.Event] = {
            "n": walkthrough.Next(seq),
            "d": walkthrough.Done(seq),
            "h": walkthrough.Hurts(seq),
            "r": walkthrough.TakeRegression(seq),
            "s": walkthrough.SkipExercise(seq),
            "x": walkthrough.NewSymptom(seq),
            "c": walkthrough.Continue(seq),
            "e": walkthrough.Finish(seq),
        }
        return simple.get(press.action)
    if press.action == "f":
        return walkthrough.Fewer(press.number, seq)
    if press.action == "p":
        return walkthrough.Pain(press.number, seq)
    return None


async def walkthrough_button(update: Update, context: CoachContext) -> None:
    """`v1:wo:<session>:<seq>:<action>[:<number>]`; anything else is an expired button."""
    press = callbacks.WalkthroughPress.parse(callbacks.of(update))
    event = None if press is None else _event(press)
    if press is None or event is None or event.seq is None:
        await show(update, context, [workout.Expired()])
        return
    service = context.services.workout
    views = await service.press(user_id_of(update), press.session, event.seq, event)
    await show(update, context, views)


async def typed_answer(update: Update, context: CoachContext) -> bool:
    """Typed text during a walkthrough; False when no walkthrough is in progress."""
    text = text_of(update)
    lang = await language(update, context)
    views = await context.services.workout.typed(user_id_of(update), text, lang)
    if views is None:
        return False
    await show(update, context, views)
    return True


async def unsupported_during_walkthrough(update: Update, context: CoachContext) -> bool:
    """A sticker, photo… during a walkthrough: a short hint and the current step again."""
    current = await context.services.workout.current(user_id_of(update))
    if current is None:
        return False
    await show(update, context, [workout.Hint("unsupported"), *current])
    return True


async def show(
    update: Update, context: CoachContext, views: list[workout.View], *, pressed: bool = True
) -> None:
    """Render views; a stale button press gets the 'expired' toast.

    A press that moves on within the exercise (the next step, the other side, the pain
    question) changes the message it was pressed on, and so does the summary that answers
    "how is your back now?"; a new picture, the final question or a break's summary come as
    new messages, and the pressed message loses its buttons. After an expired button, and
    with ``pressed=False`` (the press was answered already), everything is sent anew.
    """
    lang = await language(update, context)
    services = context.services
    expired = await reply.answer_press(
        update, context, views, workout.Expired, lang, pressed=pressed
    )
    # After an expired press the current step comes anew; the old message stays as it is.
    query = update.callback_query if pressed and not expired else None
    if any(
        isinstance(v, workout.Show) and isinstance(v.effect, walkthrough.Summary) for v in views
    ):
        await services.reminders.movement(user_id_of(update))  # a finished session resets sitting
    catalogue = services.workout.catalogue
    messages = render_each(views, services.texts, lang, catalogue)
    replaced = False
    for index, (view, message) in enumerate(messages):
        message_id = None
        in_place = index == 0 and query is not None and _continues(view, views)
        if in_place and isinstance(message, Outgoing):
            message_id = await reply.replace(update, context, message)
            replaced = message_id is not None
        elif in_place and isinstance(message, Picture):
            message_id = await replace_picture(update, context, message, lang)
            replaced = message_id is not None
        if message_id is None:
            message_id = await _send(update, context, message, lang)
        about = _about(view)
        if about is not None:
            exercise_id, side = about
            await services.progress.remember_message_exercise(
                user_id_of(update), message_id, exercise_id, side=side
            )
    if query is not None and messages and not replaced:
        await reply.strip_keyboard(update, context)


def _continues(view: workout.View, views: list[workout.View]) -> bool:
    """Whether ``view`` takes the place of the message pressed to get it.

    The steps, sides, pain question and offers of one exercise follow each other in one
    message (so a reply to it still means that exercise); the summary takes the place of the
    question "how is your back now?" that it answers.
    """
    if not isinstance(view, workout.Show):
        return False
    effect = view.effect
    if isinstance(effect, walkthrough.Summary):
        return any(
            isinstance(v, workout.Show) and isinstance(v.effect, walkthrough.RecordFinalPain)
            for v in views
        )
    return isinstance(effect, _IN_PLACE)


_IN_PLACE = (
    walkthrough.ShowStep,
    walkthrough.AskReps,
    walkthrough.AskPain,
    walkthrough.RecordPain,
    walkthrough.OfferRegression,
    walkthrough.OfferSkip,
)


def _about(view: workout.View) -> tuple[str, str | None] | None:
    """The exercise (and side) a walkthrough message is about, so a reply can log its reps."""
    if not isinstance(view, workout.Show) or view.kind is walkthrough.Kind.BREAK:
        return None  # the desk break logs no reps, so a reply to it names no exercise
    match view.effect:
        case walkthrough.ShowIntro(exercise=exercise) | walkthrough.ShowStep(exercise=exercise):
            return exercise, None
        case walkthrough.AskReps(exercise=exercise, side=side):
            return exercise, side
    return None


async def _send(update: Update, context: CoachContext, message: Shown, lang: str) -> int:
    """Send one message; returns its message id."""
    chat_id = chat_id_of(update)
    if isinstance(message, Outgoing):
        sent = await context.bot.send_message(chat_id, message.text, reply_markup=message.markup)
        return sent.message_id
    return await send_picture(context, chat_id, message, lang)


def _key(picture: Picture, lang: str) -> str:
    return pictures.picture_key(picture.picture, picture.side, lang, picture.title, picture.labels)


async def _upload(context: CoachContext, picture: Picture, lang: str) -> bytes:
    """The drawn animation (drawn once, in a worker thread, then from the cache)."""
    cache = context.services.settings.pictures_dir
    path = await pictures.animation_file(
        _key(picture, lang), picture.picture, picture.side, picture.title, picture.labels, cache
    )
    return path.read_bytes()


async def _remember(context: CoachContext, key: str, sent: Message | bool) -> None:
    """Keep Telegram's file id of an uploaded animation, so it is uploaded once."""
    if isinstance(sent, Message) and sent.animation is not None:
        await context.services.workout.remember_picture(key, sent.animation.file_id)
    else:
        log.warning("uploaded picture %s came back without a file id", key)


async def send_picture(context: CoachContext, chat_id: int, picture: Picture, lang: str) -> int:
    """Send by Telegram's file_id when uploaded before; else draw (once), upload, remember.

    Returns the sent message's id.
    """
    service = context.services.workout
    key = _key(picture, lang)
    file_id = await service.picture_file_id(key)
    if file_id is not None:
        try:
            sent = await context.bot.send_animation(
                chat_id, file_id, caption=picture.caption, reply_markup=picture.markup
            )
        except BadRequest as error:
            if not pictures.is_unknown_file_id(error.message):
                raise
            # Another bot token or server, or Telegram dropped the file: upload it again.
            log.info("picture %s: its stored file id was refused; uploading it again", key)
        else:
            return sent.message_id
    sent = await context.bot.send_animation(
        chat_id,
        await _upload(context, picture, lang),
        caption=picture.caption,
        reply_markup=picture.markup,
        filename=f"{picture.picture}.gif",
    )
    await _remember(context, key, sent)
    return sent.message_id


async def _edit_media(
    update: Update, context: CoachContext, message_id: int, picture: Picture, content: str | bytes
) -> Message | bool:
    return await context.bot.edit_message_media(
        InputMediaAnimation(content, caption=picture.caption, filename=f"{picture.picture}.gif"),
        chat_id=chat_id_of(update),
        message_id=message_id,
        reply_markup=picture.markup,
    )


async def replace_picture(
    update: Update, context: CoachContext, picture: Picture, lang: str
) -> int | None:
    """Show ``picture`` in place of the pressed animation (the other side of an exercise):
    by file_id when uploaded before, else uploaded. None when it cannot be an edit (the
    pressed message is no animation, or Telegram refuses): then it is sent anew."""
    pressed = reply.pressed_message(update)
    if pressed is None or pressed.animation is None or len(picture.caption) > reply.MAX_CAPTION:
        return None
    key = _key(picture, lang)
    file_id = await context.services.workout.picture_file_id(key)
    try:
        if file_id is not None:
            try:
                await _edit_media(update, context, pressed.message_id, picture, file_id)
            except BadRequest as error:
                if not pictures.is_unknown_file_id(error.message):
                    raise
                log.info("picture %s: its stored file id was refused; uploading it again", key)
            else:
                return pressed.message_id
        content = await _upload(context, picture, lang)
        edited = await _edit_media(update, context, pressed.message_id, picture, content)
    except BadRequest as error:
        if reply.is_not_modified(error):
            return pressed.message_id
        log.info("message %s not edited (%s); sending anew", pressed.message_id, error)
        return None
    await _remember(context, key, edited)
    return pressed.message_id
