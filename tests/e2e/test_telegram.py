"""A new user on Telegram, end to end: the bot polls a local fake Bot API and talks to the real Rasa stack.

/start, picking Arabic from the picker, the Nienburg office's phone (with a 429 on
the first send), a shared location in Nienburg, a sticker and a voice note: right,
localized replies, each delivered exactly once, in order. Prints the update-to-reply
times (p50/p95) measured on the way.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import Application

from actions.settings import BotSettings
from scripts.stack import Stack

from ..support.applications import polling_application
from ..support.factories import USER_ID, raw_callback, raw_location, raw_media, raw_text
from ..support.fake_bot_api import FakeBotApi, fake_bot_api_server
from .test_rest import reply_in

pytestmark = pytest.mark.slow

TOKEN = "123:E2E"
NIENBURG = (52.6406, 9.2079)


@pytest.fixture
async def telegram(stack: Stack, tmp_path: Path) -> AsyncIterator[tuple[FakeBotApi, Application]]:
    async with fake_bot_api_server() as (api, api_url):
        settings = BotSettings(
            token=TOKEN,
            rasa_url=stack.rasa_url,
            actions_url=stack.actions_url,
            api_base_url=api_url,
            preferences_path=tmp_path / "preferences.json",
        )
        async with polling_application(settings) as application:
            yield api, application


async def exchange(api: FakeBotApi, raw: dict[str, Any], latencies: list[float], settle: float = 0.7) -> list[str]:
    """Push one update; the texts sent after it (waits until no more arrive for `settle` s)."""
    already = len(api.sent)
    pushed = time.monotonic()
    api.push(raw)
    assert await api.wait_for(lambda: len(api.sent) > already, timeout=30), f"no reply to {raw}"
    latencies.append(api.sent[already].at - pushed)
    count = -1
    while count != len(api.sent):  # until nothing more arrives for `settle` seconds
        count = len(api.sent)
        await api.wait_for(lambda: len(api.sent) > count, timeout=settle)  # noqa: B023 - read while looping
    return [str(s.params.get("text", "")) for s in api.sent[already:] if s.method == "sendMessage"]


async def test_a_new_arabic_speaking_user(telegram: tuple[FakeBotApi, Application]) -> None:
    api, _application = telegram
    latencies: list[float] = []

    (greeting, *_rest) = await exchange(api, raw_text("/start", language_code="de"), latencies)
    picker = next(m["reply_markup"]["inline_keyboard"] for m in api.messages(USER_ID) if "reply_markup" in m)
    arabic = next(b for row in picker for b in row if b["text"] == "العربية")
    assert greeting

    chosen = await exchange(api, raw_callback(arabic["callback_data"]), latencies)
    assert reply_in("\n".join(chosen), "ar"), chosen

    api.rate_limit_next_sends = 1  # Telegram says "slow down" to the next send: it must wait, not drop
    phone = await exchange(api, raw_text("ما هو رقم هاتف مكتب الاندماج في نينبورغ؟", language_code="ar"), latencies)
    answer = "\n".join(phone)
    assert "+49 5021 967686" in answer
    assert reply_in(answer, "ar"), answer

    located = "\n".join(await exchange(api, raw_location(*NIENBURG, language_code="ar"), latencies))
    assert "Nienburg" in located or "نينبورغ" in located, located
    assert reply_in(located, "ar"), located

    sticker = "\n".join(await exchange(api, raw_media("sticker", language_code="ar"), latencies))
    assert reply_in(sticker, "ar"), sticker
    voice = "\n".join(await exchange(api, raw_media("voice", language_code="ar"), latencies))
    assert reply_in(voice, "ar"), voice
    assert "000837" in voice, voice  # the free multilingual hotline

    sent_texts = [m["text"] for m in api.messages(USER_ID)]
    assert len(sent_texts) == len(set(sent_texts)), "a reply was delivered twice"
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
    print(
        f"telegram e2e: {len(latencies)} updates, update->first reply "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms (the 429 adds its retry_after)"
    )
