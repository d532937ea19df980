"""The bot application as the tests run it: polling a fake Bot API, serving a webhook, or offline (updates fed in
directly)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

from telegram.ext import Application, Updater

from actions.settings import BotSettings
from bot.app import build_application, build_handover, build_services, post_init, post_shutdown
from bot.delivery import Delivery
from bot.preferences import PreferenceStore
from bot.services import BotServices
from bot.texts import LocalTexts

from .fake_bot_api import OfflineRequest


def offline_settings(rasa_url: str, var: Path, **overrides: Any) -> BotSettings:
    """BotSettings for an offline bot talking to a fake Rasa at `rasa_url`; preferences under `var`."""
    values: dict[str, Any] = {
        "token": "123:OFFLINE",
        "rasa_url": rasa_url,
        "actions_url": rasa_url,
        "rasa_timeout_seconds": 2.0,
        "preferences_path": var / "prefs.json",
    }
    return BotSettings(**{**values, **overrides})


def bot_services(settings: BotSettings, texts: LocalTexts) -> BotServices:
    """The bot's services with already loaded `texts` (the session's, instead of loading the content again);
    with the human handover when `settings` name staff groups."""
    delivery = Delivery()
    handover = build_handover(settings, texts, delivery)
    return BotServices(settings, PreferenceStore(settings.preferences_path), texts, delivery, handover=handover)


@asynccontextmanager
async def _started(
    settings: BotSettings, services: BotServices | None, start_updater: Callable[[Updater], Awaitable[object]]
) -> AsyncIterator[Application]:
    assert settings.token is not None
    application = build_application(settings, services or build_services(settings))
    await application.initialize()
    await post_init(application)
    await application.start()
    assert application.updater is not None
    await start_updater(application.updater)
    try:
        yield application
    finally:
        if application.updater.running:  # a test may have stopped it
            await application.updater.stop()
        await application.stop()
        await post_shutdown(application)
        await application.shutdown()


def polling_application(
    settings: BotSettings, services: BotServices | None = None
) -> AbstractAsyncContextManager[Application]:
    """The bot application, started and polling (short long-poll timeout so stopping is quick)."""
    return _started(settings, services, lambda updater: updater.start_polling(poll_interval=0.0, timeout=1))


def webhook_application(
    settings: BotSettings, services: BotServices | None = None, **webhook: Any
) -> AbstractAsyncContextManager[Application]:
    """The bot application, started with its webhook server (`webhook`: Updater.start_webhook's arguments)."""
    return _started(settings, services, lambda updater: updater.start_webhook(**webhook))


@asynccontextmanager
async def offline_application(
    settings: BotSettings, services: BotServices
) -> AsyncIterator[tuple[Application, OfflineRequest]]:
    """The bot application initialized on an OfflineRequest (no network): feed it updates with process_update;
    yields it and the request, which recorded every Bot API call."""
    assert settings.token is not None
    request = OfflineRequest()
    application = build_application(settings, services, request, get_updates_request=OfflineRequest())
    await application.initialize()
    await post_init(application)
    try:
        yield application, request
    finally:
        await post_shutdown(application)
        await application.shutdown()
