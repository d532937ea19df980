"""A local fake of Telegram's Bot API, enough for a real bot to poll and reply (TELEGRAM_API_BASE_URL).

Used by the tests and `make bench`: updates queued with `push()` are handed out by
getUpdates (long polling, answered as soon as one arrives); everything the bot
sends is recorded with the time it arrived. `rate_limit_next_sends` answers that
many sends with 429 RetryAfter, `fail_next_sends` with a dropped connection.

    python -m scripts.fake_bot_api --port 8081   # then TELEGRAM_API_BASE_URL=http://127.0.0.1:8081
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_USER = {"id": 777, "is_bot": True, "first_name": "Integration", "username": "integration_test_bot"}
SEND_METHODS = {"sendMessage", "sendContact", "sendVenue", "sendLocation", "sendPhoto"}


@dataclass
class Sent:
    method: str
    params: dict[str, Any]
    at: float  # time.monotonic() when it arrived


@dataclass
class FakeBotApi:
    updates: list[dict[str, Any]] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    pushed_at: dict[int, float] = field(default_factory=dict)  # update_id -> time.monotonic()
    rate_limit_next_sends: int = 0
    retry_after_seconds: int = 1
    fail_next_sends: int = 0
    offset: int = 0
    _next_update_id: int = 1
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)
    _sent_changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Wait until `predicate()` holds (checked whenever something is sent); False on timeout."""
        async with self._sent_changed:
            try:
                await asyncio.wait_for(self._sent_changed.wait_for(predicate), timeout)
            except asyncio.TimeoutError:
                return False
            return True

    def push(self, update: dict[str, Any]) -> int:
        """Queue an update (update_id assigned when missing); returns its id."""
        update = dict(update)
        update.setdefault("update_id", self._next_update_id)
        self._next_update_id = max(self._next_update_id, update["update_id"]) + 1
        self.pushed_at[update["update_id"]] = time.monotonic()
        self.updates.append(update)
        self._arrived.set()
        return int(update["update_id"])

    def messages(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        texts = [s.params for s in self.sent if s.method == "sendMessage"]
        return [p for p in texts if chat_id is None or int(p["chat_id"]) == chat_id]

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if not request.can_read_body:
            return dict(request.query)
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                return {}
            return body if isinstance(body, dict) else {}
        params: dict[str, Any] = {}
        for key, value in (await request.post()).items():
            if isinstance(value, str):
                try:
                    params[key] = json.loads(value)
                except ValueError:
                    params[key] = value
        return params

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append(method)
        if method == "getMe":
            return self.ok(BOT_USER)
        if method == "getUpdates":
            return self.ok(await self._get_updates(params))
        if method in SEND_METHODS:
            if self.fail_next_sends > 0:
                self.fail_next_sends -= 1
                assert request.transport is not None
                request.transport.close()  # the client sees a dropped connection (NetworkError)
                return web.Response(status=500)
            if self.rate_limit_next_sends > 0:
                self.rate_limit_next_sends -= 1
                return web.json_response(
                    {"ok": False, "error_code": 429, "description": "Too Many Requests: retry later",
                     "parameters": {"retry_after": self.retry_after_seconds}}, status=429,
                )  # fmt: skip
            self.sent.append(Sent(method, params, time.monotonic()))
            async with self._sent_changed:
                self._sent_changed.notify_all()
            chat = {"id": int(params.get("chat_id", 0)), "type": "private"}
            result = {"message_id": len(self.sent), "date": int(time.time()), "chat": chat}
            if "text" in params:
                result["text"] = params["text"]
            return self.ok(result)
        return self.ok(True)  # setMyCommands, sendChatAction, answerCallbackQuery, deleteWebhook, …

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        self.offset = max(self.offset, int(params.get("offset") or 0))
        timeout = min(float(params.get("timeout") or 0), 5.0)
        deadline = time.monotonic() + timeout
        while True:
            pending = [u for u in self.updates if u["update_id"] >= self.offset]
            if pending or time.monotonic() >= deadline:
                return pending
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), max(0.0, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                pass

    @staticmethod
    def ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self.handle)
        return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8081)
    args = parser.parse_args()
    web.run_app(FakeBotApi().app(), host="127.0.0.1", port=args.port)


if __name__ == "__main__":
    main()
