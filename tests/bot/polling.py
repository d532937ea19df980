"""A real bot polling a local fake Bot API: the set-up the polling, storm, end-to-end and resilience tests share."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp.test_utils import TestServer
from telegram.ext import Application, ApplicationBuilder

from actions.settings import BotSettings
from bot.app import build_application, build_services, post_init, post_shutdown
from bot.services import BotServices
from scripts.fake_bot_api import FakeBotApi


@asynccontextmanager
async def fake_bot_api(api: FakeBotApi | None = None) -> AsyncIterator[tuple[FakeBotApi, str]]:
    """The fake Bot API on a free port; yields it and the base URL for TELEGRAM_API_BASE_URL."""
    api = api or FakeBotApi()
    server = TestServer(api.app(), host="127.0.0.1")
    await server.start_server()
    try:
        yield api, str(server.make_url("")).rstrip("/")
    finally:
        await server.close()


@asynccontextmanager
async def polling_application(settings: BotSettings, services: BotServices | None = None) -> AsyncIterator[Application]:
    """The bot application, started and polling (short long-poll timeout so stopping is quick)."""
    assert settings.token is not None
    application = build_application(
        settings, services or build_services(settings), ApplicationBuilder().token(settings.token)
    )
    await application.initialize()
    await post_init(application)
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0.0, timeout=1)
    try:
        yield application
    finally:
        await application.updater.stop()
        await application.stop()
        await post_shutdown(application)
        await application.shutdown()
