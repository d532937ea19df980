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
from telegram.ext import ApplicationBuilder

from actions.settings import BotSettings
from bot.app import build_application, post_init, post_shutdown
from bot.delivery import Delivery
from bot.preferences import PreferenceStore
from bot.services import BotServices
from scripts.fake_bot_api import FakeBotApi

from ..e2e.conftest import free_port
from .factories import USER_ID, message
from .polling import fake_bot_api, polling_application

TOKEN = "123:FAKE"


@pytest.fixture
async def fake_api() -> AsyncIterator[tuple[FakeBotApi, str]]:
    async with fake_bot_api() as running:
        yield running


def text_update(update_id: int, text: str) -> dict[str, Any]:
    return {"update_id": update_id, "message": message(text, language_code="ar")}


async def test_polling_through_fake_api_survives_a_429(fake_api, fake_rasa, local_texts, tmp_path) -> None:
    api, api_url = fake_api
    rasa, rasa_url = fake_rasa
    rasa.replies = [{"text": "رقم الهاتف: +49 5021 967686"}]
    settings = BotSettings(token=TOKEN, rasa_url=rasa_url, api_base_url=api_url, preferences_path=tmp_path / "p.json")
    services = BotServices(settings, PreferenceStore(settings.preferences_path), local_texts, Delivery())
    async with polling_application(settings, services):
        api.rate_limit_next_sends = 1
        queued = time.monotonic()
        api.push(text_update(1, "ما هو رقم هاتف مكتب الاندماج في نينبورغ"))
        assert await api.wait_for(lambda: bool(api.sent), timeout=10)
        await asyncio.sleep(0.5)  # a duplicate would arrive in this window
        assert [m["text"] for m in api.messages()] == ["رقم الهاتف: +49 5021 967686"]
        assert int(api.messages()[0]["chat_id"]) == USER_ID
        assert api.sent[0].at - queued >= 1.0  # waited out retry_after instead of dropping
        assert len(rasa.requests) == 1


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
