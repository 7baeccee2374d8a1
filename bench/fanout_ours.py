"""`python -m bench.fanout_ours`: only our design's reminder fan-out, against Telegram's limits.

The same run as the first column of `make bench`'s fan-out table (``bench.__main__.fanout``,
sizes from ``bench.sizes``), in about two minutes instead of ten: for checking a change to
the outbound limiter.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from bench.__main__ import _ensure_chats, fanout
from bench.sizes import SIZES, Sizes
from tests.support.fake_bot_api import FakeBotApi, TelegramLimits


async def main(sizes: Sizes) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-") as name:
        limited = FakeBotApi(limits=TelegramLimits())
        async with limited:
            _ensure_chats(limited, sizes.fanout_due)
            run = await fanout(limited, Path(name), "ours", sizes.fanout_users, sizes.fanout_due)
            assert not limited.internal_errors, limited.internal_errors
    print(
        f"ours: {run['users']:,} users, {run['due']:,} due within {run['window_s']} s: "
        f"delivered {run['delivered']:,}, not delivered {run['not_delivered']:,}, "
        f"twice {run['duplicates']}, {run['rate']:.1f} sends/s sustained, "
        f"most in any second {run['most_in_a_second']}, {run['http_429']} x 429, "
        f"lateness p50 {run['late_p50_s']:.1f} s / p99 {run['late_p99_s']:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(SIZES)))
