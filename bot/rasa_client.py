"""Talking to Rasa's REST channel: one shared aiohttp session, a queue for a turn, a deadline, one retry."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any
from urllib.parse import quote

import aiohttp

from .backpressure import RasaQueue

logger = logging.getLogger(__name__)


class RasaUnavailable(Exception):
    """Rasa (or the action server behind it) did not answer within the deadline."""


class RasaClient:
    """POST /webhooks/rest/webhook; the whole call, retry included, stays within `timeout` once it is sent.

    With a `queue` (the Telegram bot), a call first waits for its turn there; the deadline
    starts when the turn comes, so time spent queued never counts against Rasa.
    """

    def __init__(
        self,
        session: aiohttp.ClientSession,
        base_url: str,
        timeout: float,
        retries: int = 1,
        queue: RasaQueue | None = None,
    ) -> None:
        self._session = session
        self._url = base_url.rstrip("/") + "/webhooks/rest/webhook"
        self._timeout = timeout
        self._retries = retries
        self._queue = queue

    async def send(self, sender: str, text: str, metadata: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Rasa's replies ([{text, buttons}, …]); raises RasaUnavailable."""
        async with self._queue.turn() if self._queue else contextlib.nullcontext():
            return await self._post(sender, text, metadata)

    async def _post(self, sender: str, text: str, metadata: dict[str, Any] | None) -> list[dict[str, Any]]:
        deadline = time.monotonic() + self._timeout
        body = {"sender": sender, "message": text, "metadata": metadata or {}}
        last_error: Exception | None = None
        for attempt in range(self._retries + 1):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                async with self._session.post(
                    self._url, json=body, timeout=aiohttp.ClientTimeout(total=remaining)
                ) as response:
                    if response.status != 200:
                        raise RasaUnavailable(f"Rasa answered HTTP {response.status}")
                    replies = await response.json()
                    return replies if isinstance(replies, list) else []
            except (aiohttp.ClientError, asyncio.TimeoutError, RasaUnavailable, ValueError) as exc:
                last_error = exc
                logger.warning("Rasa call failed (attempt %d): %s", attempt + 1, type(exc).__name__)
                await asyncio.sleep(min(0.2, max(0.0, deadline - time.monotonic())))
        raise RasaUnavailable(str(last_error) if last_error else "deadline passed")


class ConversationEraser:
    """DELETE /conversations/{sender} on the action server, which owns the tracker store (/delete_me)."""

    def __init__(self, session: aiohttp.ClientSession, actions_url: str, token: str, timeout: float) -> None:
        self._session = session
        self._base = actions_url.rstrip("/") + "/conversations/"
        self._headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._timeout = timeout

    async def erase(self, sender: str) -> int:
        """How many stored events were deleted; raises RasaUnavailable when it could not be done."""
        try:
            async with self._session.delete(
                self._base + quote(sender, safe=""),
                headers=self._headers,
                timeout=aiohttp.ClientTimeout(total=self._timeout),
            ) as response:
                if response.status != 200:
                    raise RasaUnavailable(f"action server answered HTTP {response.status}")
                return int((await response.json()).get("deleted_events", 0))
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
            raise RasaUnavailable(type(exc).__name__) from exc
