"""Rasa replies -> Telegram messages: split at 4096, inline keyboards, no link previews, retries.

A 429 is handled by PTB's AIORateLimiter (it waits RetryAfter and retries);
TimedOut and NetworkError are retried here with backoff. Replies to one chat are
sent one after another under a per-chat lock, so they arrive in order.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import MessageLimit
from telegram.error import NetworkError, RetryAfter, TimedOut

logger = logging.getLogger(__name__)

T = TypeVar("T")
MAX_CHARS = MessageLimit.MAX_TEXT_LENGTH  # 4096
MAX_CALLBACK_BYTES = 64
SEND_ATTEMPTS = 4
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def split_text(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Pieces of at most `limit` characters, cut at paragraph, line or word ends when possible."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        if cut < limit // 2:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def keyboard(buttons: Sequence[dict[str, str]], per_row: int = 2) -> InlineKeyboardMarkup | None:
    """Rasa buttons as an inline keyboard whose callback data is the payload (max 64 bytes)."""
    usable = [b for b in buttons if len(b["payload"].encode("utf-8")) <= MAX_CALLBACK_BYTES]
    if len(usable) < len(buttons):
        logger.warning("Dropped %d button(s) whose payload exceeds Telegram's 64 bytes", len(buttons) - len(usable))
    if not usable:
        return None
    rows = [
        [InlineKeyboardButton(b["title"], callback_data=b["payload"]) for b in usable[i : i + per_row]]
        for i in range(0, len(usable), per_row)
    ]
    return InlineKeyboardMarkup(rows)


async def with_retries(call: Callable[[], Awaitable[T]], attempts: int = SEND_ATTEMPTS) -> T:
    """Retry a Bot API call on timeouts and network errors, with exponential backoff."""
    delay = 0.5
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except RetryAfter as exc:  # the rate limiter normally absorbs these
            if attempt == attempts:
                raise
            retry_after = exc.retry_after
            await asyncio.sleep(
                retry_after.total_seconds() if hasattr(retry_after, "total_seconds") else float(retry_after)
            )
        except (TimedOut, NetworkError) as exc:
            if attempt == attempts:
                raise
            logger.warning("Telegram call failed (%s), retrying in %.1f s", type(exc).__name__, delay)
            await asyncio.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")


class Delivery:
    """Sends replies to chats, in order per chat."""

    def __init__(self) -> None:
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    def lock(self, chat_id: int) -> asyncio.Lock:
        return self._locks[chat_id]

    async def send_replies(self, bot: Bot, chat_id: int, replies: Sequence[dict[str, Any]]) -> list[Message]:
        sent: list[Message] = []
        for reply in replies:
            text = (reply.get("text") or "").strip()
            markup = keyboard(reply.get("buttons") or [])
            if not text and markup is None:
                continue
            pieces = split_text(text) if text else ["…"]
            for index, piece in enumerate(pieces):
                last = index == len(pieces) - 1
                send = partial(
                    bot.send_message,
                    chat_id,
                    piece,
                    reply_markup=markup if last else None,
                    link_preview_options=NO_PREVIEW,
                )
                sent.append(await with_retries(send))
        return sent
