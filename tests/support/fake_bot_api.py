"""The fake Telegram: Telegram's answers to the Bot API calls the bot makes (`answer`), served two ways.

- `FakeBotApi`, a local HTTP server (TELEGRAM_API_BASE_URL), enough for a real bot to
  poll and reply; used by the tests and `make bench`. Updates queued with `push()` are
  handed out by getUpdates (long polling, answered as soon as one arrives; at most `limit`,
  as Telegram does) and each getUpdates call is recorded (`polls`); everything
  the bot sends is recorded with the time it arrived. `rate_limit_next_sends` answers
  that many sends with 429 RetryAfter, `fail_next_sends` with a dropped connection.
  `fake_bot_api_server()` runs it on a free port.
- `OfflineRequest`, python-telegram-bot's request object answering in-process without
  any network, recording every call (and raising the failures queued in `fail_next`).

    python -m tests.support.fake_bot_api --port 8081   # then TELEGRAM_API_BASE_URL=http://127.0.0.1:8081
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer
from telegram.request import BaseRequest, RequestData

from .factories import BOT_USERNAME

BOT_USER = {"id": 777, "is_bot": True, "first_name": "Integration", "username": BOT_USERNAME}
SEND_METHODS = {"sendMessage", "sendContact", "sendVenue", "sendLocation", "sendPhoto"}


def answer(method: str, params: dict[str, Any], message_id: int) -> Any:
    """Telegram's result for `method`: the bot for getMe, the message (number `message_id`) for a send, else True."""
    if method == "getMe":
        return BOT_USER
    if method not in SEND_METHODS:
        return True  # setMyCommands, sendChatAction, answerCallbackQuery, deleteWebhook, …
    chat = {"id": int(params.get("chat_id", 0)), "type": "private"}
    result = {"message_id": message_id, "date": int(time.time()), "chat": chat}
    if "text" in params:
        result["text"] = params["text"]
    return result


def _maybe_json(value: Any) -> Any:
    """A parameter as python-telegram-bot sends it (JSON-encoded when not a plain string), decoded."""
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


@dataclass
class Sent:
    method: str
    params: dict[str, Any]
    at: float  # time.monotonic() when it arrived


@dataclass
class Poll:
    """One getUpdates call: when it came (time.monotonic()), its offset and limit, how many updates it got."""

    at: float
    offset: int
    limit: int
    handed_out: int = 0


@dataclass
class FakeBotApi:
    updates: list[dict[str, Any]] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    polls: list[Poll] = field(default_factory=list)
    pushed_at: dict[int, float] = field(default_factory=dict)  # update_id -> time.monotonic()
    rate_limit_next_sends: int = 0
    retry_after_seconds: int = 1
    fail_next_sends: int = 0
    offset: int = 0
    _next_update_id: int = 1
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)
    # sendMessage parameters per chat, in arrival order: messages(chat_id) must stay cheap, a soak's waiters ask it
    # on every send (a scan of `sent` made the 10,000-message soak quadratic: 0.3 s of CPU per send at its end).
    _messages: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
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
        """The parameters of every sendMessage (to `chat_id`), in arrival order."""
        if chat_id is not None:
            return list(self._messages.get(chat_id, ()))
        return [s.params for s in self.sent if s.method == "sendMessage"]

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if not request.can_read_body:
            return dict(request.query)
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                return {}
            return body if isinstance(body, dict) else {}
        return {key: _maybe_json(value) for key, value in (await request.post()).items() if isinstance(value, str)}

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append(method)
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
            if method == "sendMessage":
                self._messages.setdefault(int(params.get("chat_id", 0)), []).append(params)
            async with self._sent_changed:
                self._sent_changed.notify_all()
        return self.ok(answer(method, params, len(self.sent)))

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        self.offset = max(self.offset, int(params.get("offset") or 0))
        poll = Poll(time.monotonic(), self.offset, int(params.get("limit") or 100))
        self.polls.append(poll)
        timeout = min(float(params.get("timeout") or 0), 5.0)
        deadline = time.monotonic() + timeout
        while True:
            pending = [u for u in self.updates if u["update_id"] >= self.offset][: poll.limit]
            if pending or time.monotonic() >= deadline:
                poll.handed_out = len(pending)
                return pending
            self._arrived.clear()
            with suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), max(0.0, deadline - time.monotonic()))

    def unconfirmed(self) -> int:
        """Updates pushed and not yet confirmed by the bot (Telegram keeps them until a getUpdates offset passes)."""
        return sum(1 for u in self.updates if u["update_id"] >= self.offset)

    @staticmethod
    def ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self.handle)
        return app


@asynccontextmanager
async def fake_bot_api_server(api: FakeBotApi | None = None) -> AsyncIterator[tuple[FakeBotApi, str]]:
    """The fake Bot API on a free port; yields it and the base URL for TELEGRAM_API_BASE_URL."""
    api = api or FakeBotApi()
    server = TestServer(api.app(), host="127.0.0.1")
    await server.start_server()
    try:
        yield api, str(server.make_url("")).rstrip("/")
    finally:
        await server.close()


@dataclass
class Call:
    method: str
    params: dict[str, Any]


class OfflineRequest(BaseRequest):
    """Answers Bot API calls in-process like Telegram would, and records them."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.fail_next: dict[str, list[Exception]] = {}
        self._message_id = 1000

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params = request_data.json_parameters if request_data else {}
        decoded = {k: _maybe_json(v) for k, v in params.items()}
        failures = self.fail_next.get(api_method)
        if failures:
            raise failures.pop(0)
        self.calls.append(Call(api_method, decoded))
        if api_method in SEND_METHODS:
            self._message_id += 1
        return 200, json.dumps({"ok": True, "result": answer(api_method, decoded, self._message_id)}).encode()

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [c.params for c in self.calls if c.method == method]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8081)
    args = parser.parse_args()
    web.run_app(FakeBotApi().app(), host="127.0.0.1", port=args.port)


if __name__ == "__main__":
    main()
