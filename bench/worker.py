"""``python -m bench.worker <role>``: one measured design in a process of its own."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from typing import Any

from bench import fanout, updates
from bench.probe import StallMonitor
from bench.protocol import ARGS_VARIABLE, say_result
from bot.config import TOKEN_REJECTED
from bot.logging_setup import configure_logging


async def main(role: str, args: dict[str, Any]) -> dict[str, Any]:
    monitor = StallMonitor()
    monitor.start()
    try:
        if role == "fanout-ours":
            return await fanout.run_ours(args, monitor)
        if role == "fanout-jobqueue":
            return await fanout.run_jobqueue(args, monitor)
        if role in ("updates-ours", "updates-echo"):
            return await updates.run(role.removeprefix("updates-"), args, monitor)
        raise SystemExit(f"unknown role {role!r}")
    finally:
        await monitor.stop()


if __name__ == "__main__":
    arguments = json.loads(os.environ[ARGS_VARIABLE])
    configure_logging("INFO", [arguments["token"]], token_rejected=TOKEN_REJECTED)
    say_result(asyncio.run(main(sys.argv[1], arguments)))
