"""The fake Bot API answers a real python-telegram-bot ``Bot`` the way Telegram does."""

from __future__ import annotations

import asyncio
import csv
import io
import time
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaAnimation,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter
from telegram.ext import filters

from tests.support.fake_bot_api import BOT_USERNAME, FakeBotApi, LimitStats, TelegramLimits
from tests.support.models import WaitTimeout
from tests.support.user import TINY_PNG, FakeUser

YES_NO = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Yes", callback_data="v1:yes"),
            InlineKeyboardButton("No", callback_data="v1:no"),
        ]
    ]
)


class MaskedBot(Bot):
    """PTB's own repr shows the token; failure output must not."""

    def __repr__(self) -> str:
        return "Bot[token=<masked>]"


def make_bot(api: FakeBotApi, token: str | None = None) -> Bot:
    return MaskedBot(
        token or api.token,
        base_url=f"{api.base_url}/bot",
        base_file_url=f"{api.base_url}/file/bot",
    )


@pytest.fixture
async def ptb(fake_api: FakeBotApi) -> AsyncIterator[Bot]:
    async with make_bot(fake_api) as bot:
        yield bot


async def test_get_me_describes_the_bot(ptb: Bot, fake_api: FakeBotApi) -> None:
    me = await ptb.get_me()
    assert me.is_bot and me.username == BOT_USERNAME and me.id == fake_api.bot_id
    assert fake_api.calls_of("getMe", ok=True)


async def test_send_message_with_html_and_inline_keyboard(
    ptb: Bot, fake_api: FakeBotApi, user: FakeUser
) -> None:
    sent = await ptb.send_message(
        user.id,
        "<b>Hi</b> Ana &amp; 🙂 <i>welcome</i>",
        parse_mode=ParseMode.HTML,
        reply_markup=YES_NO,
    )
    shown = await user.next_message()
    assert shown.message_id == sent.message_id
    assert shown.text == sent.text == "Hi Ana & 🙂 welcome"
    assert shown.html == "<b>Hi</b> Ana &amp; 🙂 <i>welcome</i>"
    assert shown.buttons == [["Yes", "No"]]
    assert shown.button_data == [["v1:yes", "v1:no"]]
    assert shown.markup_kind == "inline"
    # Offsets count UTF-16 units: the emoji takes two.
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bold", 0, 2),
        ("italic", 12, 7),
    ]
    assert sent.reply_markup == YES_NO
    call = fake_api.calls_of("sendMessage")[0]
    assert call.chat_id == user.id and call.params["reply_markup"]["inline_keyboard"]


async def test_message_ids_increase_per_chat_and_dates_are_unix_seconds(
    ptb: Bot, fake_api: FakeBotApi
) -> None:
    first, other = fake_api.user(1), fake_api.user(2)
    a = await ptb.send_message(first.id, "a")
    b = await ptb.send_message(first.id, "b")
    c = await ptb.send_message(other.id, "c")
    assert (a.message_id, b.message_id, c.message_id) == (1, 2, 1)
    assert abs(a.date.timestamp() - time.time()) < 5


async def test_unknown_chat_and_bad_html_are_refused_like_telegram(
    ptb: Bot, user: FakeUser
) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await ptb.send_message(999, "hello")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await ptb.send_message(user.id, "line<br>break", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await ptb.send_message(user.id, "pain < 5", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await ptb.send_message(user.id, "<b>open", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await ptb.send_message(user.id, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await ptb.send_message(
            user.id,
            "long data",
            reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton("x", callback_data="d" * 65)]]
            ),
        )
    assert user.chat == []


async def test_edit_applies_on_the_phone_and_drops_the_keyboard_unless_resent(
    ptb: Bot, user: FakeUser
) -> None:
    sent = await ptb.send_message(user.id, "Question?", reply_markup=YES_NO)
    await user.next_message()
    edited = await ptb.edit_message_text(
        "Question? <b>Yes</b>",
        chat_id=user.id,
        message_id=sent.message_id,
        parse_mode=ParseMode.HTML,
    )
    assert not isinstance(edited, bool) and edited.edit_date is not None
    change = await user.next_edit()
    assert change.text == "Question? Yes" and change.edited and change.buttons == []
    assert user.chat[-1].text == "Question? Yes"
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await ptb.edit_message_text(
            "Question? <b>Yes</b>",
            chat_id=user.id,
            message_id=sent.message_id,
            parse_mode=ParseMode.HTML,
        )
    await ptb.edit_message_reply_markup(
        chat_id=user.id, message_id=sent.message_id, reply_markup=YES_NO
    )
    assert user.last.buttons == [["Yes", "No"]] and user.last.edit_count == 2
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await ptb.edit_message_text("x", chat_id=user.id, message_id=99)


async def test_next_change_reads_answers_sent_or_edited_and_skips_bare_keyboard_edits(
    ptb: Bot, user: FakeUser
) -> None:
    question = await ptb.send_message(user.id, "Question?", reply_markup=YES_NO)
    assert (await user.next_change()).text == "Question?"
    await ptb.edit_message_text("Answered", chat_id=user.id, message_id=question.message_id)
    photo = await ptb.send_photo(user.id, TINY_PNG, caption="Step 1", reply_markup=YES_NO)
    await ptb.edit_message_reply_markup(chat_id=user.id, message_id=photo.message_id)
    await ptb.edit_message_caption(
        chat_id=user.id, message_id=photo.message_id, caption="Step 2", reply_markup=YES_NO
    )
    edited = await user.next_change()
    assert edited.message_id == question.message_id and edited.text == "Answered"
    assert (await user.next_change()).text == "Step 1"
    step = await user.next_change()  # the keyboard-only edit in between is not an answer
    assert step.message_id == photo.message_id and step.caption == "Step 2"
    user.assert_no_unread()
    with pytest.raises(WaitTimeout):
        await user.next_change(timeout=0.05)
    user.press("Yes")  # on the message as it is now: the buttons it got back
    updates = await ptb.get_updates(timeout=0)
    query = updates[-1].callback_query
    assert query is not None and query.message is not None
    assert query.message.message_id == photo.message_id and query.message.caption == "Step 2"


async def test_delete_removes_the_message_from_the_chat(ptb: Bot, user: FakeUser) -> None:
    keep = await ptb.send_message(user.id, "keep")
    gone = await ptb.send_message(user.id, "gone")
    assert await ptb.delete_message(user.id, gone.message_id)
    assert [message.text for message in user.chat] == ["keep"]
    assert user.last.message_id == keep.message_id
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await ptb.delete_message(user.id, gone.message_id)


async def test_press_sends_a_callback_query_that_ptb_parses(
    ptb: Bot, fake_api: FakeBotApi, user: FakeUser
) -> None:
    sent = await ptb.send_message(user.id, "Question?", reply_markup=YES_NO)
    update_id = user.press("No")
    updates = await ptb.get_updates(timeout=0)
    assert [update.update_id for update in updates] == [update_id]
    query = updates[0].callback_query
    assert query is not None and query.data == "v1:no"
    assert query.from_user.id == user.id and query.chat_instance
    assert query.message is not None and query.message.message_id == sent.message_id
    assert await query.answer("Noted", show_alert=True)
    answer = await user.next_callback_answer()
    assert answer.text == "Noted" and answer.show_alert and answer.data == "v1:no"
    assert user.callback_texts == ["Noted"]
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await query.answer("twice")


async def test_press_matches_a_unique_substring_and_explains_a_miss(
    ptb: Bot, user: FakeUser
) -> None:
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("> 3 months", callback_data="long")],
            [InlineKeyboardButton("Docs", url="https://example.org")],
        ]
    )
    await ptb.send_message(user.id, "How long?", reply_markup=keyboard)
    user.press("3 months")
    updates = await ptb.get_updates(timeout=0)
    assert updates[-1].callback_query is not None
    assert updates[-1].callback_query.data == "long"
    with pytest.raises(AssertionError, match=r"visible buttons: #1: \['> 3 months', 'Docs'\]"):
        user.press("Maybe")
    with pytest.raises(AssertionError, match=r"(?i)no callback data"):
        user.press("Docs")


async def test_commands_from_the_user_carry_a_bot_command_entity(ptb: Bot, user: FakeUser) -> None:
    user.send("/start deep-link")
    user.send("just text")
    first, second = await ptb.get_updates(timeout=0)
    assert filters.COMMAND.check_update(first)
    assert first.message is not None and first.message.text == "/start deep-link"
    assert not filters.COMMAND.check_update(second)
    assert filters.TEXT.check_update(second)
    assert user.chat[0].from_bot is False


async def test_reply_to_a_bot_message(ptb: Bot, user: FakeUser) -> None:
    question = await ptb.send_message(user.id, "Which city?")
    user.send("Berlin", reply_to=question.message_id)
    (update,) = await ptb.get_updates(timeout=0)
    assert update.message is not None and update.message.reply_to_message is not None
    assert update.message.reply_to_message.message_id == question.message_id
    answer = await ptb.send_message(
        user.id, "Got it", reply_parameters=ReplyParameters(update.message.message_id)
    )
    assert answer.reply_to_message is not None
    assert user.last.reply_to_message_id == update.message.message_id
    with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
        await ptb.send_message(user.id, "x", reply_parameters=ReplyParameters(999))


async def test_bad_input_updates_parse_in_ptb(ptb: Bot, user: FakeUser) -> None:
    user.send_sticker()
    user.send_photo(caption="my desk")
    user.send_location(52.52, 13.405)
    user.send_contact()
    user.send_voice()
    user.send_document(b"a,b\n", file_name="a.csv", mime_type="text/csv")
    updates = await ptb.get_updates(timeout=0)
    messages = [update.message for update in updates]
    assert all(message is not None for message in messages)
    sticker, photo, location, contact, voice, document = (m for m in messages if m)
    assert sticker.sticker is not None and sticker.sticker.type == "regular"
    assert photo.photo and photo.caption == "my desk"
    assert location.location is not None and location.location.latitude == 52.52
    assert contact.contact is not None and contact.contact.user_id == user.id
    assert voice.voice is not None
    assert document.document is not None and document.document.file_name == "a.csv"
    # The bot can download what the person sent.
    file = await ptb.get_file(photo.photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == TINY_PNG


async def test_long_poll_returns_as_soon_as_an_update_arrives(
    ptb: Bot, fake_api: FakeBotApi, user: FakeUser
) -> None:
    mark = fake_api.mark()
    poll = asyncio.create_task(ptb.get_updates(timeout=30, read_timeout=40))
    await fake_api.wait_for_call("getUpdates", since=mark, completed=False)
    assert not poll.done()
    started = time.monotonic()
    user.send("hello")
    updates = await asyncio.wait_for(poll, 5)
    assert time.monotonic() - started < 5
    assert [u.message.text for u in updates if u.message] == ["hello"]


async def test_offset_confirms_and_limit_caps_the_batch(ptb: Bot, user: FakeUser) -> None:
    ids = [user.send(f"m{n}") for n in range(3)]
    first = await ptb.get_updates(limit=2, timeout=0)
    assert [update.update_id for update in first] == ids[:2]
    # Without confirming, the same updates come again (as after a crash).
    again = await ptb.get_updates(timeout=0)
    assert [update.update_id for update in again] == ids
    rest = await ptb.get_updates(offset=ids[-1] + 1, timeout=0)
    assert rest == ()


async def test_redeliver_sends_the_same_update_again(ptb: Bot, user: FakeUser) -> None:
    update_id = user.send("/help")
    (first,) = await ptb.get_updates(timeout=0)
    assert await ptb.get_updates(offset=update_id + 1, timeout=0) == ()
    user.redeliver(update_id)
    (second,) = await ptb.get_updates(offset=update_id + 1, timeout=0)
    assert second.update_id == first.update_id and second.to_dict() == first.to_dict()


async def test_long_poll_ends_promptly_when_the_server_stops(fake_api: FakeBotApi) -> None:
    bot = make_bot(fake_api)
    await bot.initialize()
    mark = fake_api.mark()
    poll = asyncio.create_task(bot.get_updates(timeout=30, read_timeout=40))
    await fake_api.wait_for_call("getUpdates", since=mark, completed=False)
    started = time.monotonic()
    await fake_api.stop()
    assert await asyncio.wait_for(poll, 5) == ()
    assert time.monotonic() - started < 5
    await bot.shutdown()


async def test_a_second_poller_ends_the_first_with_conflict(ptb: Bot, fake_api: FakeBotApi) -> None:
    mark = fake_api.mark()
    first = asyncio.create_task(ptb.get_updates(timeout=30, read_timeout=40))
    await fake_api.wait_for_call("getUpdates", since=mark, completed=False)
    async with make_bot(fake_api) as other:
        assert await other.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match=r"(?i)terminated by other getUpdates"):
        await asyncio.wait_for(first, 5)


async def test_injected_429_raises_retry_after(
    ptb: Bot, fake_api: FakeBotApi, user: FakeUser
) -> None:
    fake_api.fail_next("sendMessage", status=429, retry_after=7)
    with pytest.raises(RetryAfter, match=r"Retry in (7 seconds|0:00:07)"):
        await ptb.send_message(user.id, "hi")
    failed = fake_api.calls_of("sendMessage", ok=False)[0]
    assert failed.injected and failed.status == 429
    assert failed.error == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 7",
        "parameters": {"retry_after": 7},
    }
    assert user.chat == []
    await ptb.send_message(user.id, "hi")  # only the next call failed
    assert [message.text for message in user.chat] == ["hi"]


async def test_injected_403_for_one_chat_raises_forbidden(ptb: Bot, fake_api: FakeBotApi) -> None:
    blocked, other = fake_api.user(1), fake_api.user(2)
    fake_api.fail_next("sendMessage", status=403, chat_id=blocked.id, times=2)
    await ptb.send_message(other.id, "fine")
    for _ in range(2):
        with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
            await ptb.send_message(blocked.id, "hi")
    await ptb.send_message(blocked.id, "hi")
    assert fake_api.pending_faults == 0
    assert [m.text for m in blocked.chat] == ["hi"] and [m.text for m in other.chat] == ["fine"]


async def test_a_fault_armed_with_after_lands_on_a_known_later_call(
    ptb: Bot, fake_api: FakeBotApi, user: FakeUser
) -> None:
    fake_api.fail_next("sendMessage", status=429, retry_after=3, after=2)
    await ptb.send_message(user.id, "one")
    await ptb.send_message(user.id, "two")
    assert fake_api.injected_calls() == [] and fake_api.pending_faults == 1
    with pytest.raises(RetryAfter):
        await ptb.send_message(user.id, "three")
    (refused,) = fake_api.injected_calls("sendMessage")
    assert refused.status == 429 and refused.params["text"] == "three"
    await ptb.send_message(user.id, "four")
    assert [m.text for m in user.chat] == ["one", "two", "four"]


async def test_a_blocking_user_gets_403_until_unblocking(ptb: Bot, user: FakeUser) -> None:
    user.block()
    (update,) = await ptb.get_updates(timeout=0)
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "kicked"
    with pytest.raises(Forbidden):
        await ptb.send_message(user.id, "hi")
    user.unblock()
    await ptb.send_message(user.id, "welcome back")


async def test_unknown_method_is_refused_and_recorded(ptb: Bot, fake_api: FakeBotApi) -> None:
    with pytest.raises(BadRequest, match=r"(?i)method not found"):
        await ptb.do_api_request("sendTeleportation", api_kwargs={"chat_id": 1})
    assert [call.method for call in fake_api.unknown_calls] == ["sendTeleportation"]
    fake_api.unknown_calls.clear()  # the fixture would fail the test otherwise


async def test_method_names_are_case_insensitive(ptb: Bot, fake_api: FakeBotApi) -> None:
    result = await ptb.do_api_request("GETME")
    assert result["username"] == BOT_USERNAME


async def test_a_wrong_token_is_unauthorized(fake_api: FakeBotApi) -> None:
    bot = make_bot(fake_api, token="654321:WRONGtoken_for_strongback_e2e_runs_0000")
    with pytest.raises(InvalidToken):
        await bot.initialize()
    assert "WRONGtoken" not in repr(fake_api.calls)


async def test_photo_upload_then_reuse_by_file_id(
    ptb: Bot, fake_api: FakeBotApi, user: FakeUser
) -> None:
    first = await ptb.send_photo(user.id, TINY_PNG, caption="<b>Bridge</b>", parse_mode="HTML")
    file_id = first.photo[-1].file_id
    await ptb.send_photo(user.id, file_id)
    uploaded, reused = await user.next_messages(2)
    assert uploaded.photo is not None and uploaded.photo.uploaded
    assert uploaded.photo.data == TINY_PNG and uploaded.caption == "Bridge"
    assert uploaded.text == "Bridge" and uploaded.caption_html == "<b>Bridge</b>"
    assert reused.photo is not None and not reused.photo.uploaded
    assert reused.photo.file_id == file_id
    assert reused.photo.file_unique_id == uploaded.photo.file_unique_id
    assert [call.files.keys() == {"photo"} for call in fake_api.calls_of("sendPhoto")] == [
        True,
        False,
    ]
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await ptb.send_photo(user.id, "no-such-file-id")
    edited = await ptb.edit_message_caption(
        chat_id=user.id, message_id=first.message_id, caption="Glute bridge"
    )
    assert not isinstance(edited, bool) and edited.caption == "Glute bridge"
    assert user.message(first.message_id).caption == "Glute bridge"


# A 2 x 1 GIF: the smallest animation that is still a real image.
TINY_GIF = (
    b"GIF89a\x02\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
    b"!\xf9\x04\x00\x00\x00\x00\x00,\x00\x00\x00\x00\x02\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


async def test_animation_upload_then_reuse_by_file_id(
    ptb: Bot, fake_api: FakeBotApi, user: FakeUser
) -> None:
    first = await ptb.send_animation(
        user.id, TINY_GIF, caption="Bridge", filename="bridge.gif", reply_markup=YES_NO
    )
    assert first.animation is not None
    assert (first.animation.width, first.animation.height) == (2, 1)
    assert first.document is not None  # Telegram fills it for older clients, too
    file_id = first.animation.file_id
    await ptb.send_animation(user.id, file_id, caption="Again")
    uploaded, reused = await user.next_messages(2)
    assert uploaded.animation is not None and uploaded.animation.uploaded
    assert uploaded.animation.data == TINY_GIF and uploaded.caption == "Bridge"
    assert uploaded.photo is None and uploaded.document is None
    assert reused.animation is not None and not reused.animation.uploaded
    assert reused.animation.file_id == file_id and reused.text == "Again"
    assert [bool(call.files) for call in fake_api.calls_of("sendAnimation")] == [True, False]
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await ptb.send_animation(user.id, "no-such-file-id")
    photo = await ptb.send_photo(user.id, TINY_PNG)
    with pytest.raises(BadRequest, match=r"(?i)can't use file of type photo as animation"):
        await ptb.send_animation(user.id, photo.photo[-1].file_id)
    edited = await ptb.edit_message_caption(
        chat_id=user.id, message_id=first.message_id, caption="Glute bridge"
    )
    assert not isinstance(edited, bool) and edited.caption == "Glute bridge"


async def test_an_animation_is_replaced_by_another_upload_or_file_id(
    ptb: Bot, fake_api: FakeBotApi, user: FakeUser
) -> None:
    first = await ptb.send_animation(user.id, TINY_GIF, caption="Left side", reply_markup=YES_NO)
    user.mark_read()
    other = TINY_GIF.replace(b"\xff\xff\xff", b"\xff\x00\x00")
    edited = await ptb.edit_message_media(
        InputMediaAnimation(other, caption="Right side", filename="right.gif"),
        chat_id=user.id,
        message_id=first.message_id,
        reply_markup=YES_NO,
    )
    assert not isinstance(edited, bool) and edited.animation is not None
    right = await user.next_edit()
    assert right.message_id == first.message_id and right.caption == "Right side"
    assert right.animation is not None and right.animation.uploaded
    assert right.animation.data == other and right.labels == ["Yes", "No"]
    await ptb.edit_message_media(
        InputMediaAnimation(first.animation.file_id, caption="Left side"),
        chat_id=user.id,
        message_id=first.message_id,
    )
    left = await user.next_edit()
    assert left.animation is not None and not left.animation.uploaded
    assert left.animation.data == TINY_GIF and left.labels == []
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await ptb.edit_message_media(
            InputMediaAnimation("gone"), chat_id=user.id, message_id=first.message_id
        )
    text = await ptb.send_message(user.id, "no animation here")
    with pytest.raises(BadRequest, match="no animation in the message"):
        await ptb.edit_message_media(
            InputMediaAnimation(first.animation.file_id),
            chat_id=user.id,
            message_id=text.message_id,
        )
    assert fake_api.internal_errors == []


async def test_document_bytes_and_name_are_kept(ptb: Bot, user: FakeUser) -> None:
    content = b"date,exercise,done\n2024-05-01,bridge,yes\n"
    sent = await ptb.send_document(user.id, content, filename="history.csv", caption="Export")
    assert sent.document is not None and sent.document.file_name == "history.csv"
    shown = await user.next_message()
    assert shown.document is not None and shown.document.file_name == "history.csv"
    assert shown.document.uploaded and shown.document.mime_type == "text/csv"
    rows = list(csv.DictReader(io.StringIO(shown.document.text())))
    assert rows == [{"date": "2024-05-01", "exercise": "bridge", "done": "yes"}]


async def test_commands_are_stored_per_scope_and_language(ptb: Bot, fake_api: FakeBotApi) -> None:
    await ptb.set_my_commands([BotCommand("start", "Start"), BotCommand("help", "Help")])
    await ptb.set_my_commands([BotCommand("start", "Los")], language_code="de")
    await ptb.set_my_commands([BotCommand("admin", "Admin")], scope=BotCommandScopeChat(7))
    assert fake_api.command_list() == [("start", "Start"), ("help", "Help")]
    assert fake_api.command_list(language_code="de") == [("start", "Los")]
    assert [c.command for c in await ptb.get_my_commands(language_code="de")] == ["start"]
    assert [c.command for c in await ptb.get_my_commands(scope=BotCommandScopeChat(7))] == ["admin"]
    await ptb.delete_my_commands(language_code="de")
    assert await ptb.get_my_commands(language_code="de") == ()
    with pytest.raises(BadRequest):
        await ptb.set_my_commands([BotCommand("Bad-Name", "x")])


async def test_reply_keyboard_shows_until_removed(ptb: Bot, user: FakeUser) -> None:
    keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton("📍 Share my location", request_location=True)]]
    )
    await ptb.send_message(user.id, "Which city?", reply_markup=keyboard)
    shown = await user.next_message()
    assert shown.markup_kind == "reply" and shown.reply_keyboard == [["📍 Share my location"]]
    assert user.reply_keyboard == [["📍 Share my location"]]
    await ptb.send_message(user.id, "Thanks", reply_markup=ReplyKeyboardRemove())
    assert (await user.next_message()).markup_kind == "remove"
    assert user.reply_keyboard == []


async def test_chat_action_is_recorded(ptb: Bot, user: FakeUser) -> None:
    assert await ptb.send_chat_action(user.id, ChatAction.TYPING)
    assert user.chat_actions == ["typing"]


async def test_webhook_blocks_polling_and_delete_can_drop_pending(
    ptb: Bot, fake_api: FakeBotApi, user: FakeUser
) -> None:
    user.send("queued")
    await ptb.set_webhook("http://127.0.0.1:9/telegram", secret_token="s3cret")
    info = await ptb.get_webhook_info()
    assert info.url == "http://127.0.0.1:9/telegram" and info.pending_update_count == 1
    with pytest.raises(Conflict, match=r"(?i)webhook is active"):
        await ptb.get_updates(timeout=0)
    await ptb.delete_webhook(drop_pending_updates=True)
    assert (await ptb.get_webhook_info()).url == ""
    assert await ptb.get_updates(timeout=0) == ()


async def test_webhook_receives_updates_with_the_secret(
    ptb: Bot, fake_api: FakeBotApi, user: FakeUser
) -> None:
    received: asyncio.Queue[tuple[str | None, dict[str, object]]] = asyncio.Queue()

    async def hook(request: web.Request) -> web.Response:
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        await received.put((secret, await request.json()))
        return web.Response()

    app = web.Application()
    app.router.add_post("/telegram", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = runner.addresses[0][1]
        await ptb.set_webhook(f"http://127.0.0.1:{port}/telegram", secret_token="s3cret")
        update_id = user.send("over the hook")
        secret, body = await asyncio.wait_for(received.get(), 5)
        assert secret == "s3cret" and body["update_id"] == update_id
        update = Update.de_json(body, ptb)
        assert update.message is not None and update.message.text == "over the hook"
        await fake_api.wait_until(lambda: True if fake_api.pending_update_count == 0 else None)
        await ptb.delete_webhook()
    finally:
        await runner.cleanup()


async def test_wait_for_call_and_next_message_time_out_with_context(
    fake_api: FakeBotApi, user: FakeUser
) -> None:
    with pytest.raises(WaitTimeout, match=r"(?i)no new bot message"):
        await user.next_message(timeout=0.05)
    with pytest.raises(WaitTimeout, match=r"(?i)no matching sendMessage call"):
        await fake_api.wait_for_call("sendMessage", timeout=0.05)


async def test_wait_for_skips_to_the_matching_message(ptb: Bot, user: FakeUser) -> None:
    for text in ("one", "two", "three"):
        await ptb.send_message(user.id, text)
    assert (await user.wait_for_text("two")).text == "two"
    assert (await user.next_message()).text == "three"
    user.assert_no_unread()


class ManualClock:
    """A monotonic clock the test moves by hand, for the limits mode."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def limited() -> AsyncIterator[tuple[FakeBotApi, ManualClock]]:
    clock = ManualClock()
    api = FakeBotApi(limits=TelegramLimits(), limit_clock=clock)
    async with api:
        yield api, clock
    assert not api.internal_errors


async def test_limits_are_off_by_default(ptb: Bot, fake_api: FakeBotApi, user: FakeUser) -> None:
    for _ in range(40):
        await ptb.send_message(user.id, "hi")
    assert len(fake_api.calls_of("sendMessage", ok=True)) == 40
    with pytest.raises(RuntimeError):
        _ = fake_api.limit_stats


async def test_limits_allow_one_message_a_second_per_chat(
    limited: tuple[FakeBotApi, ManualClock],
) -> None:
    api, clock = limited
    person = api.user(1)
    async with make_bot(api) as bot:
        await bot.send_message(person.id, "first")
        clock.now += 0.4
        with pytest.raises(RetryAfter):
            await bot.send_message(person.id, "too soon")
        clock.now += 0.6
        await bot.send_message(person.id, "a second later")
    assert [message.text for message in person.chat] == ["first", "a second later"]
    refused = api.calls_of("sendMessage", ok=False)[0]
    assert refused.status == 429 and not refused.injected
    assert refused.error is not None and refused.error["parameters"] == {"retry_after": 1}
    assert api.limit_stats.rejected == 1
    assert api.limit_stats.accepted == [1000.0, 1001.0]


async def test_limits_allow_thirty_chats_in_any_second(
    limited: tuple[FakeBotApi, ManualClock],
) -> None:
    api, clock = limited
    people = [api.user(chat) for chat in range(1, 33)]
    async with make_bot(api) as bot:
        for person in people[:30]:
            await bot.send_message(person.id, "hi")
            clock.now += 0.01
        with pytest.raises(RetryAfter):
            await bot.send_message(people[30].id, "the 31st within a second")
        clock.now = 1000.0 + 1.0  # the first send leaves the window
        await bot.send_message(people[30].id, "now there is room")
        with pytest.raises(RetryAfter):
            await bot.send_message(people[31].id, "but only for one")
    assert api.limit_stats.rejected == 2
    assert len(api.limit_stats.accepted) == 31
    assert api.limit_stats.most_in_any_second() == 30


async def test_limits_count_only_calls_that_name_a_chat(
    limited: tuple[FakeBotApi, ManualClock],
) -> None:
    api, _ = limited
    person = api.user(1)
    async with make_bot(api) as bot:
        sent = await bot.send_message(person.id, "hi", reply_markup=YES_NO)
        person.press("Yes")
        updates = await bot.get_updates(timeout=0)
        query = updates[0].callback_query
        assert query is not None
        await query.answer()
        await bot.set_my_commands([BotCommand("start", "Start")])
        with pytest.raises(RetryAfter):
            await bot.edit_message_text("edited", person.id, sent.message_id)
    assert api.limit_stats.rejected == 1
    assert len(api.limit_stats.accepted) == 1


def test_most_in_any_second_uses_a_sliding_window() -> None:
    stats = LimitStats(accepted=[0.0, 0.5, 0.99, 1.0, 1.2, 1.49, 3.0])
    assert stats.most_in_any_second() == 5  # 0.5 .. 1.49; 1.0 - 0.0 is a full second
    assert LimitStats().most_in_any_second() == 0
