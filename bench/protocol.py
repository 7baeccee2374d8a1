"""How the benchmark's child processes talk to the parent: lines on stdout.

A child gets its arguments as JSON in ``BENCH_WORKER_ARGS``.
A child prints ``READY`` once it is set up, then one ``RESULT <json>`` line at the end; the
parent may write ``stop`` on its stdin. Everything else (logs) goes to stderr, into a file.
Each measured design runs in a child of its own, so its memory and event loop are its own
and the fake Bot API in the parent costs it nothing.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

ARGS_VARIABLE = "BENCH_WORKER_ARGS"
READY = "READY"
RESULT = "RESULT "
STOP = "stop"


def say_ready() -> None:
    print(READY, flush=True)


def say_result(result: dict[str, Any]) -> None:
    print(RESULT + json.dumps(result), flush=True)


async def wait_for_stop() -> None:
    """Return when the parent writes ``stop`` (or closes our stdin)."""
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line or line.strip() == STOP:
            return
