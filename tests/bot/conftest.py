"""An offline bot (no network: the fake Telegram's OfflineRequest records every Bot API call) and a fake Rasa."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.texts import LocalTexts

from ..support.applications import bot_services, offline_application, offline_settings
from ..support.fake_bot_api import OfflineRequest
from ..support.fake_rasa import FakeRasa


@pytest.fixture
async def bot_app(
    fake_rasa: tuple[FakeRasa, str], local_texts: LocalTexts, tmp_path: Path
) -> AsyncIterator[tuple[Application, OfflineRequest, FakeRasa]]:
    rasa, rasa_url = fake_rasa
    settings = offline_settings(rasa_url, tmp_path)
    async with offline_application(settings, bot_services(settings, local_texts)) as (application, request):
        yield application, request, rasa
