"""Slow work (drawing a picture) runs in a worker thread, after the update's work is stored.

An update's transaction holds SQLite's one writer until it commits; a picture drawn in
between would keep every other writer (other people's replies, the reminder tick) waiting
for it. Outside an update the commit does nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from storage.uow import commit_update

P = ParamSpec("P")
T = TypeVar("T")


async def in_thread(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    await commit_update()
    return await asyncio.to_thread(function, *args, **kwargs)
