"""Telegram's HTML parse mode, as strict as the real server.

The real Bot API rejects a message whose HTML it cannot parse (an unescaped ``<``, an
unsupported tag such as ``<br>``, a tag left open). Parsing here the same way makes such a
bug fail in tests instead of in production.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_START_TAG = re.compile(
    r"<([a-zA-Z][a-zA-Z0-9-]*)"
    r"((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)"
    r"\s*>"
)
_END_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)\s*>")
_ATTRIBUTE = re.compile(
    r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?"
)
_CHAR_REF = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "a": "text_link",
    "span": "spoiler",
    "tg-emoji": "custom_emoji",
}

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML; the message is the server's description."""


@dataclass
class _Open:
    tag: str
    entity: dict[str, Any]
    byte_offset: int


def utf16_length(text: str) -> int:
    """Telegram counts offsets and lengths in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def unescape(text: str) -> str:
    """Decode only the character references Telegram decodes; anything else stays literal."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _NAMED:
            return _NAMED[name]
        code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
        try:
            return chr(code)
        except (ValueError, OverflowError):
            return match.group(0)

    return _CHAR_REF.sub(replace, text)


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _attributes(raw: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(raw):
        value = match.group(2) or ""
        if value[:1] in {'"', "'"}:
            value = value[1:-1]
        found[match.group(1).lower()] = unescape(value)
    return found


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Return the plain text and the message entities Telegram would derive from ``source``."""
    plain: list[str] = []
    position = 0  # in UTF-16 units of the plain text
    entities: list[dict[str, Any]] = []
    stack: list[_Open] = []
    index = 0
    while index < len(source):
        char = source[index]
        if char != "<":
            next_tag = source.find("<", index)
            chunk = source[index:] if next_tag == -1 else source[index:next_tag]
            decoded = unescape(chunk)
            plain.append(decoded)
            position += utf16_length(decoded)
            index += len(chunk)
            continue
        end = _END_TAG.match(source, index)
        if end is not None:
            name = end.group(1).lower()
            if not stack:
                raise HtmlParseError(
                    "Bad Request: can't parse entities: Unexpected end tag at byte offset "
                    f"{_byte_offset(source, index)}"
                )
            opened = stack.pop()
            if opened.tag != name:
                raise HtmlParseError(
                    "Bad Request: can't parse entities: Unmatched end tag at byte offset "
                    f'{_byte_offset(source, index)}, expected "</{opened.tag}>", found "</{name}>"'
                )
            length = position - opened.entity["offset"]
            if length > 0 and opened.entity["type"] != "_ignored":
                opened.entity["length"] = length
                entities.append(opened.entity)
            index = end.end()
            continue
        start = _START_TAG.match(source, index)
        if start is None:
            raise HtmlParseError(
                "Bad Request: can't parse entities: Unsupported start tag or unescaped "
                f'"<" at byte offset {_byte_offset(source, index)}'
            )
        name = start.group(1).lower()
        attributes = _attributes(start.group(2))
        if name not in _SIMPLE_TAGS:
            raise HtmlParseError(
                f'Bad Request: can\'t parse entities: Unsupported start tag "{name}" at byte '
                f"offset {_byte_offset(source, index)}"
            )
        entity: dict[str, Any] = {"type": _SIMPLE_TAGS[name], "offset": position}
        if name == "a":
            href = attributes.get("href", "")
            if not href:
                entity["type"] = "_ignored"
            else:
                entity["url"] = href
        elif name == "span":
            if attributes.get("class") != "tg-spoiler":
                raise HtmlParseError(
                    'Bad Request: can\'t parse entities: Tag "span" must have class "tg-spoiler" '
                    f"at byte offset {_byte_offset(source, index)}"
                )
        elif name == "blockquote" and "expandable" in attributes:
            entity["type"] = "expandable_blockquote"
        elif name == "tg-emoji":
            entity["custom_emoji_id"] = attributes.get("emoji-id", "")
        elif name == "code" and stack and stack[-1].tag == "pre":
            language = attributes.get("class", "")
            if language.startswith("language-"):
                stack[-1].entity["language"] = language.removeprefix("language-")
            entity["type"] = "_ignored"
        stack.append(_Open(name, entity, _byte_offset(source, index)))
        index = start.end()
    if stack:
        raise HtmlParseError(
            "Bad Request: can't parse entities: Can't find end tag corresponding to start tag "
            f'"{stack[-1].tag}"'
        )
    entities.sort(key=lambda item: (item["offset"], -item["length"]))
    return "".join(plain), entities
