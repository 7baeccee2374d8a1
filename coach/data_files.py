"""Reading the content files in `coach/data/`: one loader, so every file fails the same way.

A broken content file must stop the bot at start with a message naming the file and the spot,
never with a bare traceback from deep inside a parser.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def load_toml(
    name: str,
    path: Path | str | None,
    parse: Callable[[dict[str, Any]], T],
    error: type[ValueError],
    what: str,
) -> T:
    """Read `path` (or the shipped `coach/data/<name>`), parse it; every failure is `error`.

    `what` names the content in the "cannot read" message ("exercise catalogue").
    """
    try:
        if path is None:
            text = resources.files("coach.data").joinpath(name).read_text("utf-8")
            source = f"coach/data/{name}"
        else:
            text = Path(path).read_text("utf-8")
            source = str(path)
    except OSError as exc:
        raise error(f"cannot read {what}: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{source}: invalid TOML: {exc}") from exc
    try:
        return parse(data)
    except error as exc:
        raise error(f"{source}: {exc}") from None
