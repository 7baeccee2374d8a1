"""Updates built in memory, for unit tests of handlers that need no server."""

from __future__ import annotations

from telegram import Update


def private_text(text: str = "hallo", *, user_id: int = 7, language_code: str = "en") -> Update:
    """A text message from ``user_id`` in their private chat."""
    update = Update.de_json(
        {
            "update_id": 1,
            "message": {
                "message_id": 2,
                "date": 0,
                "chat": {"id": user_id, "type": "private"},
                "from": {
                    "id": user_id,
                    "is_bot": False,
                    "first_name": "A",
                    "language_code": language_code,
                },
                "text": text,
            },
        },
        None,
    )
    assert update is not None
    return update
