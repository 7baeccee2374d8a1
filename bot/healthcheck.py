"""`python -m bot.healthcheck`: the container's health probe, exit 0 when /healthz answers 2xx.

Slim images have no curl, so the probe is Python's urllib. It asks the port the bot serves
/healthz on: the webhook's PORT in webhook mode, METRICS_PORT (default 9090) when polling.
It reads the environment only (no settings validation, no token), so it stays cheap.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping

DEFAULT_WEBHOOK_PORT = "8443"
DEFAULT_METRICS_PORT = "9090"
TIMEOUT_SECONDS = 4.0


def health_url(env: Mapping[str, str]) -> str:
    """Where /healthz is, from the same variables the bot reads."""
    if env.get("WEBHOOK_URL", "").strip():
        port = env.get("PORT", "").strip() or DEFAULT_WEBHOOK_PORT
    else:
        port = env.get("METRICS_PORT", "").strip() or DEFAULT_METRICS_PORT
    return f"http://127.0.0.1:{port}/healthz"


def main() -> int:
    url = health_url(os.environ)
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
            status = int(response.status)
    except (urllib.error.URLError, OSError) as error:
        print(f"unhealthy: {url}: {error}", file=sys.stderr)
        return 1
    return 0 if 200 <= status < 300 else 1


if __name__ == "__main__":
    sys.exit(main())
