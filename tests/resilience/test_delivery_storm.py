"""A storm of 429s and dropped connections from the Bot API: every reply arrives exactly once, in order, per chat.

Real polling against the local fake Bot API; Rasa is faked (each message gets two
replies quoting it), so what is tested is delivery, not understanding.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import Application

from actions.settings import BotSettings
from bot.texts import LocalTexts

from ..support.applications import bot_services, polling_application
from ..support.factories import message
from ..support.fake_bot_api import FakeBotApi, fake_bot_api_server
from ..support.fake_rasa import FakeRasa

TOKEN = "123:STORM"
CHATS = (501, 502, 503)
MESSAGES_PER_CHAT = 6


@pytest.fixture
async def polling_bot(
    fake_rasa: tuple[FakeRasa, str], local_texts: LocalTexts, tmp_path: Path
) -> AsyncIterator[tuple[FakeBotApi, FakeRasa, Application]]:
    rasa, rasa_url = fake_rasa
    async with fake_bot_api_server(FakeBotApi(retry_after_seconds=1)) as (api, api_url):
        settings = BotSettings(
            token=TOKEN, rasa_url=rasa_url, api_base_url=api_url, preferences_path=tmp_path / "p.json"
        )
        async with polling_application(settings, bot_services(settings, local_texts)) as application:
            yield api, rasa, application


async def test_every_reply_exactly_once_and_in_order_per_chat(polling_bot) -> None:
    api, rasa, _application = polling_bot
    rasa.echo_parts = 2
    api.rate_limit_next_sends = 4
    api.fail_next_sends = 4
    for n in range(MESSAGES_PER_CHAT):
        for chat_id in CHATS:
            api.push({"message": message(f"chat {chat_id} message {n}", chat_id=chat_id)})
        if n == MESSAGES_PER_CHAT // 2:  # a second storm in the middle
            api.rate_limit_next_sends += 3
            api.fail_next_sends += 3

    expected = {
        chat_id: [f"chat {chat_id} message {n} #{k}" for n in range(MESSAGES_PER_CHAT) for k in (1, 2)]
        for chat_id in CHATS
    }
    total = sum(len(texts) for texts in expected.values())
    assert await api.wait_for(lambda: len(api.messages()) >= total, timeout=90), api.messages()
    await asyncio.sleep(1.0)  # duplicates would arrive in this window
    for chat_id in CHATS:
        assert [m["text"] for m in api.messages(chat_id)] == expected[chat_id]
    assert api.rate_limit_next_sends == 0
    assert api.fail_next_sends == 0
    assert len(rasa.requests) == len(CHATS) * MESSAGES_PER_CHAT  # each update relayed once
