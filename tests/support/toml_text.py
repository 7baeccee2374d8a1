"""TOML text for parsed data (tomllib reads TOML but does not write it): enough for the
input vocabularies, whose tables are one level deep with everything else inline."""

from __future__ import annotations

from typing import Any


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        if "'" not in value:
            return "'" + value + "'"
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f'"{k}" = {_toml_value(v)}' for k, v in value.items()) + "}"
    raise TypeError(value)


def to_toml(data: dict[str, Any]) -> str:
    """A TOML text for a parsed vocabulary (tables one level deep, the rest inline)."""
    lines = []
    for section, table in data.items():
        lines.append(f"[{section}]")
        for key, value in table.items():
            lines.append(f'"{key}" = {_toml_value(value)}')
    return "\n".join(lines) + "\n"
