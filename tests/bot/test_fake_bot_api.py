"""Real polling against a local fake Bot API (TELEGRAM_API_BASE_URL): replies arrive exactly once,
a 429 on the first send is retried, and a webhook request with a wrong secret gets 403."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest

from actions.settings import BotSettings
from scripts.stack import free_port

from ..support.applications import bot_services, polling_application, webhook_application
from ..support.factories import USER_ID, raw_text, update_json
from ..support.fake_bot_api import FakeBotApi, fake_bot_api_server

TOKEN = "123:FAKE"


@pytest.fixture
async def fake_api() -> AsyncIterator[tuple[FakeBotApi, str]]:
    async with fake_bot_api_server() as running:
        yield running


async def test_polling_through_fake_api_survives_a_429(fake_api, fake_rasa, local_texts, tmp_path) -> None:
    api, api_url = fake_api
    rasa, rasa_url = fake_rasa
    rasa.replies = [{"text": "رقم الهاتف: +49 5021 967686"}]
    settings = BotSettings(token=TOKEN, rasa_url=rasa_url, api_base_url=api_url, preferences_path=tmp_path / "p.json")
    async with polling_application(settings, bot_services(settings, local_texts)):
        api.rate_limit_next_sends = 1
        queued = time.monotonic()
        api.push(raw_text("ما هو رقم هاتف مكتب الاندماج في نينبورغ", language_code="ar"))
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
    port = free_port()
    services = bot_services(settings, local_texts)
    webhook = {"listen": "127.0.0.1", "port": port, "url_path": "telegram", "secret_token": "right-secret"}
    async with webhook_application(settings, services, **webhook):
        body = json.dumps(update_json(raw_text("hallo", language_code="ar"), update_id=5)).encode()
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
