"""Talking to Rasa's REST channel: one shared aiohttp session, a deadline, one retry."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)


class RasaUnavailable(Exception):
    """Rasa (or the action server behind it) did not answer within the deadline."""


class RasaClient:
    """POST /webhooks/rest/webhook; the whole call, retry included, stays within `timeout`."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str, timeout: float, retries: int = 1) -> None:
        self._session = session
        self._url = base_url.rstrip("/") + "/webhooks/rest/webhook"
        self._timeout = timeout
        self._retries = retries

    async def send(self, sender: str, text: str, metadata: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Rasa's replies ([{text, buttons}, …]); raises RasaUnavailable."""
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
