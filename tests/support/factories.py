"""Telegram update factories (python-telegram-bot test style): plain dicts -> Update objects.

`raw_*` build an update's JSON as Telegram sends it, without update_id (the fake Bot API
numbers what it is pushed; `update_json` adds one for a webhook request); `*_update` build
the Update object a handler gets.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

from telegram import Bot, Update

_ids = itertools.count(1)
# Messages of other people in groups: ids far from the ones the fakes give the bot's own messages.
_group_ids = itertools.count(1_000_000)
USER_ID = 4242
BOT_USERNAME = "integration_test_bot"
USER_NAME, USER_USERNAME = "Amal", "amal_k"
STAFF_ID = 9001  # a staff member writing in a staff group


def user(language_code: str | None = "de", user_id: int = USER_ID) -> dict[str, Any]:
    data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": USER_NAME, "username": USER_USERNAME}
    if language_code:
        data["language_code"] = language_code
    return data


def chat(chat_id: int = USER_ID, chat_type: str = "private") -> dict[str, Any]:
    data: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type != "private":
        data["title"] = "Helferkreis"
    return data


def message(
    text: str | None = None,
    *,
    language_code: str | None = "de",
    chat_id: int = USER_ID,
    chat_type: str = "private",
    **extra: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": chat(chat_id, chat_type),
        "from": user(language_code, user_id=chat_id if chat_type == "private" else USER_ID),
        **extra,
    }
    if text is not None:
        data["text"] = text
        if text.startswith("/"):
            command = text.split()[0]
            data["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return data


# Raw updates (JSON as Telegram sends it, without update_id): for the fake Bot API.
def raw_text(text: str, *, edited: bool = False, **kwargs: Any) -> dict[str, Any]:
    key = "edited_message" if edited else "message"
    payload = message(text, **kwargs)
    if edited:
        payload["edit_date"] = int(time.time())
    return {key: payload}


def raw_callback(data: str, *, language_code: str | None = "de", chat_id: int = USER_ID) -> dict[str, Any]:
    return {
        "callback_query": {
            "id": str(next(_ids)),
            "from": user(language_code, user_id=chat_id),
            "chat_instance": "ci-1",
            "data": data,
            "message": message("…", language_code=language_code, chat_id=chat_id),
        }
    }


def raw_location(latitude: float, longitude: float, **kwargs: Any) -> dict[str, Any]:
    return {"message": message(None, location={"latitude": latitude, "longitude": longitude}, **kwargs)}


def raw_media(kind: str, **kwargs: Any) -> dict[str, Any]:
    """kind: sticker, photo, voice, video_note, document."""
    file_fields = {"file_id": "f1", "file_unique_id": "u1"}
    contents: dict[str, dict[str, Any]] = {
        "sticker": {
            "sticker": {
                **file_fields,
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            }
        },
        "photo": {"photo": [{**file_fields, "width": 90, "height": 90}]},
        "voice": {"voice": {**file_fields, "duration": 3}},
        "video_note": {"video_note": {**file_fields, "length": 240, "duration": 3}},
        "document": {"document": {**file_fields, "file_name": "Bescheid.pdf"}},
    }
    return {"message": message(None, **contents[kind], **kwargs)}


def update_json(raw: dict[str, Any], update_id: int | None = None) -> dict[str, Any]:
    """A raw update with its update_id, as Telegram posts it to a webhook."""
    return {"update_id": next(_ids) if update_id is None else update_id, **raw}


def _update(bot: Bot, raw: dict[str, Any]) -> Update:
    return Update.de_json(update_json(raw), bot)


def text_update(bot: Bot, text: str, *, edited: bool = False, **kwargs: Any) -> Update:
    return _update(bot, raw_text(text, edited=edited, **kwargs))


def command_update(bot: Bot, command: str, **kwargs: Any) -> Update:
    return text_update(bot, command, **kwargs)


def callback_update(bot: Bot, data: str, *, language_code: str | None = "de", chat_id: int = USER_ID) -> Update:
    return _update(bot, raw_callback(data, language_code=language_code, chat_id=chat_id))


def raw_group_message(
    text: str | None, group_id: int, *, reply_to: int | None = None, user_id: int = STAFF_ID, **extra: Any
) -> dict[str, Any]:
    """A message in a (super)group by someone else than the user, optionally a Telegram reply to message `reply_to`."""
    extra.setdefault("message_id", next(_group_ids))
    data = message(text, chat_id=group_id, chat_type="supergroup", **extra)
    data["from"] = {"id": user_id, "is_bot": False, "first_name": "Petra", "language_code": "de"}
    if reply_to is not None:
        data["reply_to_message"] = {
            "message_id": reply_to,
            "date": int(time.time()),
            "chat": chat(group_id, "supergroup"),
        }
    return {"message": data}


def group_message_update(bot: Bot, text: str | None, group_id: int, **kwargs: Any) -> Update:
    return _update(bot, raw_group_message(text, group_id, **kwargs))


def location_update(bot: Bot, latitude: float, longitude: float, **kwargs: Any) -> Update:
    return _update(bot, raw_location(latitude, longitude, **kwargs))


def media_update(bot: Bot, kind: str, **kwargs: Any) -> Update:
    """kind: sticker, photo, voice, video_note, document."""
    return _update(bot, raw_media(kind, **kwargs))
