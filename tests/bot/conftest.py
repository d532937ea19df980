"""An offline bot (no network: a fake request records every Bot API call) and a fake Rasa."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from telegram.ext import Application, ApplicationBuilder
from telegram.request import BaseRequest, RequestData

from actions.settings import BotSettings
from bot.app import build_application, post_init, post_shutdown
from bot.delivery import Delivery
from bot.preferences import PreferenceStore
from bot.services import BotServices
from bot.texts import LocalTexts

from .factories import BOT_USERNAME


@dataclass
class Call:
    method: str
    params: dict[str, Any]


class OfflineRequest(BaseRequest):
    """Answers Bot API calls locally like Telegram would, and records them."""

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
        self, url: str, method: str, request_data: RequestData | None = None, **kwargs: Any
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params = request_data.json_parameters if request_data else {}
        decoded = {k: _maybe_json(v) for k, v in params.items()}
        failures = self.fail_next.get(api_method)
        if failures:
            raise failures.pop(0)
        self.calls.append(Call(api_method, decoded))
        return 200, json.dumps({"ok": True, "result": self._result(api_method, decoded)}).encode()

    def _result(self, api_method: str, params: dict[str, Any]) -> Any:
        if api_method == "getMe":
            return {"id": 777, "is_bot": True, "first_name": "Integration", "username": BOT_USERNAME}
        if api_method.startswith("send"):
            self._message_id += 1
            result = {
                "message_id": self._message_id,
                "date": 0,
                "chat": {"id": int(params["chat_id"]), "type": "private"},
            }
            if "text" in params:
                result["text"] = params["text"]
            return result
        return True

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [c.params for c in self.calls if c.method == method]


def _maybe_json(value: str) -> Any:
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


@dataclass
class FakeRasa:
    """Records what the bot sends to Rasa; replies with `replies` (or fails when `down`).

    Also plays the action server's DELETE /conversations/{sender} (/delete_me).
    """

    requests: list[dict[str, Any]] = field(default_factory=list)
    replies: list[dict[str, Any]] = field(default_factory=lambda: [{"recipient_id": "x", "text": "Antwort von Rasa"}])
    down: bool = False
    erased: list[str] = field(default_factory=list)
    erase_down: bool = False
    echo_parts: int = 0  # > 0: answer each message with that many replies quoting it, instead of `replies`

    async def erase(self, request: web.Request) -> web.Response:
        if self.erase_down:
            return web.Response(status=503)
        self.erased.append(request.match_info["sender"])
        return web.json_response({"deleted_events": 7})

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        if self.down:
            return web.Response(status=503)
        if self.echo_parts:
            return web.json_response([{"text": f"{body['message']} #{k}"} for k in range(1, self.echo_parts + 1)])
        return web.json_response(self.replies)


@pytest.fixture
async def fake_rasa() -> AsyncIterator[tuple[FakeRasa, str]]:
    rasa = FakeRasa()
    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", rasa.handle)
    app.router.add_delete("/conversations/{sender}", rasa.erase)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield rasa, str(server.make_url("")).rstrip("/")
    await server.close()


@pytest.fixture
async def bot_app(
    fake_rasa: tuple[FakeRasa, str], local_texts: LocalTexts, tmp_path: Path
) -> AsyncIterator[tuple[Application, OfflineRequest, FakeRasa]]:
    rasa, rasa_url = fake_rasa
    settings = BotSettings(
        token="123:OFFLINE",
        rasa_url=rasa_url,
        actions_url=rasa_url,
        rasa_timeout_seconds=2.0,
        preferences_path=tmp_path / "prefs.json",
    )
    services = BotServices(settings, PreferenceStore(settings.preferences_path), local_texts, Delivery())
    request = OfflineRequest()
    builder = ApplicationBuilder().token("123:OFFLINE").request(request).get_updates_request(OfflineRequest())
    application = build_application(settings, services, builder)
    await application.initialize()
    await post_init(application)
    yield application, request, rasa
    await post_shutdown(application)
    await application.shutdown()
