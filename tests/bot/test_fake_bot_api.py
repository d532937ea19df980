"""Real polling against a local fake Bot API (TELEGRAM_API_BASE_URL): replies arrive exactly once,
a 429 on the first send is retried, and a webhook request with a wrong secret gets 403."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from telegram.ext import ApplicationBuilder

from bot.app import build_application, post_init, post_shutdown
from bot.delivery import Delivery
from bot.preferences import PreferenceStore
from bot.services import BotServices
from bot.settings import BotSettings

from ..e2e.conftest import free_port
from .factories import USER_ID, message

TOKEN = "123:FAKE"


class FakeBotApi:
    """Enough of the Bot API for polling: getUpdates hands out queued updates once."""

    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []
        self.sent: list[dict[str, Any]] = []
        self.sent_at: list[float] = []
        self.rate_limit_next_sends = 0
        self.offset = 0

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: dict[str, Any] = dict(await request.post()) if request.can_read_body else {}
        if not params and request.can_read_body:
            try:
                params = await request.json()
            except ValueError:
                params = {}
        if method == "getMe":
            return self.ok({"id": 777, "is_bot": True, "first_name": "Integration", "username": "integration_test_bot"})
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            self.offset = max(self.offset, offset)
            pending = [u for u in self.updates if u["update_id"] >= self.offset]
            if not pending:
                await asyncio.sleep(0.05)
            return self.ok(pending)
        if method == "sendMessage":
            if self.rate_limit_next_sends > 0:
                self.rate_limit_next_sends -= 1
                return web.json_response(
                    {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
                     "parameters": {"retry_after": 1}}, status=429,
                )  # fmt: skip
            self.sent.append(params)
            self.sent_at.append(time.monotonic())
            return self.ok(
                {
                    "message_id": len(self.sent),
                    "date": 0,
                    "chat": {"id": int(params["chat_id"]), "type": "private"},
                    "text": params["text"],
                }
            )
        return self.ok(True)  # setMyCommands, sendChatAction, deleteWebhook, …

    @staticmethod
    def ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})


@pytest.fixture
async def fake_api() -> AsyncIterator[tuple[FakeBotApi, str]]:
    api = FakeBotApi()
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", api.handle)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield api, str(server.make_url("")).rstrip("/")
    await server.close()


def text_update(update_id: int, text: str) -> dict[str, Any]:
    return {"update_id": update_id, "message": message(text, language_code="ar")}


async def test_polling_through_fake_api_survives_a_429(fake_api, fake_rasa, local_texts, tmp_path) -> None:
    api, api_url = fake_api
    rasa, rasa_url = fake_rasa
    rasa.replies = [{"text": "رقم الهاتف: +49 5021 967686"}]
    settings = BotSettings(token=TOKEN, rasa_url=rasa_url, api_base_url=api_url, preferences_path=tmp_path / "p.json")
    services = BotServices(settings, PreferenceStore(settings.preferences_path), local_texts, Delivery())
    application = build_application(settings, services, ApplicationBuilder().token(TOKEN))
    await application.initialize()
    await post_init(application)
    await application.start()
    await application.updater.start_polling(poll_interval=0.0, timeout=0)
    try:
        api.rate_limit_next_sends = 1
        queued = time.monotonic()
        api.updates.append(text_update(1, "ما هو رقم هاتف مكتب الاندماج في نينبورغ"))
        for _ in range(200):
            if api.sent:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)  # a duplicate would arrive in this window
        assert [s["text"] for s in api.sent] == ["رقم الهاتف: +49 5021 967686"]
        assert int(api.sent[0]["chat_id"]) == USER_ID
        assert api.sent_at[0] - queued >= 1.0  # waited out retry_after instead of dropping
        assert len(rasa.requests) == 1
    finally:
        await application.updater.stop()
        await application.stop()
        await post_shutdown(application)
        await application.shutdown()


async def test_webhook_with_wrong_secret_is_refused(fake_api, fake_rasa, local_texts, tmp_path) -> None:
    _api, api_url = fake_api
    rasa, rasa_url = fake_rasa
    settings = BotSettings(token=TOKEN, rasa_url=rasa_url, api_base_url=api_url, preferences_path=tmp_path / "p.json")
    services = BotServices(settings, PreferenceStore(settings.preferences_path), local_texts, Delivery())
    application = build_application(settings, services, ApplicationBuilder().token(TOKEN))
    port = free_port()
    await application.initialize()
    await post_init(application)
    await application.start()
    await application.updater.start_webhook(
        listen="127.0.0.1", port=port, url_path="telegram", secret_token="right-secret"
    )
    try:
        body = json.dumps(text_update(5, "hallo")).encode()
        async with aiohttp.ClientSession() as session:
            for headers in ({"X-Telegram-Bot-Api-Secret-Token": "wrong"}, {}):
                async with session.post(
                    f"http://127.0.0.1:{port}/telegram",
                    data=body,
                    headers={"Content-Type": "application/json", **headers},
                ) as reply:
                    assert reply.status == 403
            async with session.post(
                f"http://127.0.0.1:{port}/telegram",
                data=body,
                headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "right-secret"},
            ) as reply:
                assert reply.status == 200
        for _ in range(100):
            if rasa.requests:
                break
            await asyncio.sleep(0.05)
        assert [r["message"] for r in rasa.requests] == ["hallo"]  # only the request with the right secret
    finally:
        await application.updater.stop()
        await application.stop()
        await post_shutdown(application)
        await application.shutdown()
