"""Updates in: one the library cannot read is skipped, and the webhook reads small bodies only.

Telegram adds fields to the Bot API, and a library release may require one an older update
lacks (PTB 22.8 requires ``Poll.allows_revoting``). PTB then fails on the whole batch of
``getUpdates``, logs the raw updates (names, texts) at CRITICAL and fetches the same batch
again, forever. Here every update of a batch is read on its own: one that cannot be read is
confirmed (so Telegram does not send it again), logged by its ``update_id`` and kind only,
and polling goes on. The webhook answers such an update 200 for the same reason.

PTB's webhook server buffers request bodies up to 100 MB before it checks anything; ours
stops reading at ``MAX_WEBHOOK_BODY_BYTES`` (Telegram's updates are a few kilobytes), so a
large unauthenticated POST costs neither memory nor time.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from collections.abc import Sequence
from http import HTTPStatus
from pathlib import Path
from socket import socket
from typing import Any

import tornado.web
from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE, DefaultValue
from telegram._utils.types import JSONDict, ODVInput, TimePeriod
from telegram.ext import ExtBot, Updater
from telegram.ext._utils.webhookhandler import TelegramHandler, WebhookAppClass, WebhookServer
from tornado.httpserver import HTTPServer

from storage.uow import commit_update

log = logging.getLogger(__name__)

# Telegram's largest updates (a 4096-character text with entities, a poll) stay far below.
MAX_WEBHOOK_BODY_BYTES = 1024 * 1024
_HEADER_ALLOWANCE = 64 * 1024


def describe(data: object) -> tuple[int | None, str]:
    """An update's id and kind ("message", "poll"...), never its content."""
    if not isinstance(data, dict):
        return None, "not an object"
    update_id = data.get("update_id")
    kinds = [key for key in data if key in Update.ALL_TYPES]
    return (
        update_id if isinstance(update_id, int) else None,
        kinds[0] if kinds else "unknown",
    )


def readable(data: object, bot: Any) -> Update | None:
    """The update, or None (logged by id and kind) when this library version cannot read it."""
    try:
        update = Update.de_json(data, bot) if isinstance(data, dict) else None
    except Exception:
        update = None
    if update is None:
        update_id, kind = describe(data)
        log.warning(
            "skipped update %s (%s): this version of python-telegram-bot cannot read it",
            update_id,
            kind,
        )
    return update


class _Skipped:
    """The highest update_id skipped while polling, to confirm it with the next call."""

    def __init__(self) -> None:
        self.through: int | None = None


class CoachBot(ExtBot[Any]):
    """``ExtBot`` whose ``get_updates`` drops updates it cannot read instead of failing, and
    which stores the current update's work before any call leaves for Telegram: a reply
    never shows what could still be rolled back, and SQLite's writer is free while the call
    waits for its turn in the outbound queue."""

    __slots__ = ("_skipped",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with self._unfrozen():
            self._skipped = _Skipped()

    async def _do_post(
        self,
        endpoint: str,
        data: JSONDict,
        *,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> bool | JSONDict | list[JSONDict]:
        if endpoint != "getUpdates":
            await commit_update()
        return await super()._do_post(
            endpoint,
            data,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: TimePeriod | None = None,  # noqa: ASYNC109 - the Bot API method's own
        allowed_updates: Sequence[str] | None = None,
        *,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
        api_kwargs: JSONDict | None = None,
    ) -> tuple[Update, ...]:
        through = self._skipped.through
        if through is not None and (offset is None or offset <= through):
            # The skipped update was the last one fetched: the updater never saw it, so its
            # offset does not confirm it; this one does.
            offset = through + 1
        # As Bot.get_updates does it (the long poll's wait is added to the read timeout),
        # except that each update is read on its own, once.
        if isinstance(read_timeout, DefaultValue):
            waited: float = self._request[0].read_timeout or 0
        else:
            waited = read_timeout or 0
        if isinstance(timeout, dt.timedelta):
            waited += timeout.total_seconds()
        elif timeout:
            waited += timeout
        result = await self._post(
            "getUpdates",
            {
                "timeout": timeout,
                "offset": offset,
                "limit": limit,
                "allowed_updates": allowed_updates,
            },
            read_timeout=waited,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
            api_kwargs=api_kwargs,
        )
        updates = []
        for item in result or ():
            update = readable(item, self)
            if update is not None:
                self.insert_callback_data(update)
                updates.append(update)
                continue
            update_id, _kind = describe(item)
            if update_id is not None:
                self._skipped.through = max(update_id, self._skipped.through or update_id)
        return tuple(updates)


class _SkippingHandler(TelegramHandler):
    """PTB's webhook handler, except that an unreadable update is answered 200 and skipped."""

    async def post(self) -> None:
        self._validate_post()  # the content type and the secret token, as PTB checks them
        try:
            data = json.loads(self.request.body)
        except ValueError:
            data = None
        self.set_status(HTTPStatus.OK)
        update = readable(data, self.bot)
        if update is None:
            return
        if isinstance(self.bot, ExtBot):
            self.bot.insert_callback_data(update)
        await self.update_queue.put(update)


class _WebhookApp(WebhookAppClass):
    """PTB's webhook application (no access log: the path is secret) with the handler above."""

    def __init__(
        self,
        path: str,
        bot: Any,
        update_queue: asyncio.Queue[object],
        secret_token: str | None,
        extra_routes: Sequence[Any] = (),
    ) -> None:
        self.shared_objects = {
            "bot": bot,
            "update_queue": update_queue,
            "secret_token": secret_token,
        }
        tornado.web.Application.__init__(
            self, [(rf"{path}/?", _SkippingHandler, self.shared_objects), *extra_routes]
        )


class _LimitedWebhookServer(WebhookServer):
    """PTB's server with a body limit: a longer body is refused before it is read."""

    __slots__ = ()

    def __init__(self, listen: str, port: int, app: _WebhookApp) -> None:
        super().__init__(listen, port, app, None)
        self._http_server = HTTPServer(
            app,
            max_body_size=MAX_WEBHOOK_BODY_BYTES,
            max_buffer_size=MAX_WEBHOOK_BODY_BYTES + _HEADER_ALLOWANCE,
        )


class CoachUpdater(Updater):
    """PTB's updater with the webhook server above (plain HTTP behind a proxy, as we run it).

    ``extra_routes`` (set before the webhook starts: `/healthz`, `/metrics`) are served on
    the webhook's port beside the secret path.
    """

    extra_routes: Sequence[Any] = ()

    async def _start_webhook(
        self,
        listen: str,
        port: int,
        url_path: str,
        bootstrap_retries: int,
        allowed_updates: Sequence[str] | None,
        cert: str | Path | None = None,
        key: str | Path | None = None,
        drop_pending_updates: bool | None = None,
        webhook_url: str | None = None,
        ready: asyncio.Event | None = None,
        ip_address: str | None = None,
        max_connections: int = 40,
        secret_token: str | None = None,
        unix: str | Path | socket | None = None,
    ) -> None:
        if cert is not None or key is not None or unix is not None:
            raise ValueError("the webhook serves plain HTTP on a port (TLS ends at the proxy)")
        path = "/" + url_path.lstrip("/")
        app = _WebhookApp(path, self.bot, self.update_queue, secret_token, self.extra_routes)
        self._httpd = _LimitedWebhookServer(listen, port, app)
        await self._bootstrap(
            cert=None,
            max_retries=bootstrap_retries,
            drop_pending_updates=drop_pending_updates,
            webhook_url=webhook_url or f"http://{listen}:{port}{path}",
            allowed_updates=allowed_updates,
            ip_address=ip_address,
            max_connections=max_connections,
            secret_token=secret_token,
        )
        await self._httpd.serve_forever(ready=ready)
