"""`python -m bench.update_handling`: only the update-handling part of `make bench`.

The same runs as ``bench.__main__``'s "Update handling" table (sizes from ``bench.sizes``:
``BENCH_UPDATE_USERS``, ``BENCH_UPDATE_BACKENDS``…), in about two minutes: for checking a
change to how updates are handled.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from bench.__main__ import updates, updates_table
from bench.sizes import SIZES, Sizes
from tests.support.fake_bot_api import FakeBotApi


async def main(sizes: Sizes) -> int:
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="bench-") as name:
        api = FakeBotApi()
        async with api:
            runs = [
                await updates(api, Path(name), design, users, sizes, backend)
                for users in sizes.update_users
                for design, backend in (
                    *(("ours", backend) for backend in sizes.update_backends),
                    ("echo", "none"),
                )
            ]
            assert not api.internal_errors, api.internal_errors
    print("\n".join(updates_table(runs)))
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(SIZES)))
