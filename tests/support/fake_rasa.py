"""A fake Rasa (REST channel) on a free local port: records what the bot sends, answers what a test sets."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer


@dataclass
class FakeRasa:
    """Records what the bot sends to Rasa; replies with `replies` (or fails when `down`).

    Also plays the action server's DELETE /conversations/{sender} (/delete_me). A slow Rasa
    takes `delay` seconds per message; with `hang` it accepts a message and never answers (until
    the server closes); while `answering` is cleared it accepts messages and answers them once it
    is set again. `max_in_flight` is the most messages it was working on at once.
    """

    requests: list[dict[str, Any]] = field(default_factory=list)
    replies: list[dict[str, Any]] = field(default_factory=lambda: [{"recipient_id": "x", "text": "Antwort von Rasa"}])
    down: bool = False
    erased: list[str] = field(default_factory=list)
    erase_down: bool = False
    echo_parts: int = 0  # > 0: answer each message with that many replies quoting it, instead of `replies`
    delay: float = 0.0
    hang: bool = False
    in_flight: int = 0
    max_in_flight: int = 0
    closing: asyncio.Event = field(default_factory=asyncio.Event)
    answering: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        self.answering.set()

    async def erase(self, request: web.Request) -> web.Response:
        if self.erase_down:
            return web.Response(status=503)
        self.erased.append(request.match_info["sender"])
        return web.json_response({"deleted_events": 7})

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.hang:
                await self.closing.wait()
            await self.answering.wait()
            await asyncio.sleep(self.delay)
        finally:
            self.in_flight -= 1
        if self.down:
            return web.Response(status=503)
        if self.echo_parts:
            return web.json_response([{"text": f"{body['message']} #{k}"} for k in range(1, self.echo_parts + 1)])
        return web.json_response(self.replies)


@asynccontextmanager
async def fake_rasa_server() -> AsyncIterator[tuple[FakeRasa, str]]:
    """A FakeRasa on a free port; yields it and its base URL (for RASA_URL and ACTIONS_URL)."""
    rasa = FakeRasa()
    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", rasa.handle)
    app.router.add_delete("/conversations/{sender}", rasa.erase)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield rasa, str(server.make_url("")).rstrip("/")
    finally:
        rasa.closing.set()  # lets hanging requests end
        rasa.answering.set()
        await server.close()
