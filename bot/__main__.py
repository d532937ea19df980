"""`python -m bot`: the Telegram bot, or the terminal chat when no TELEGRAM_BOT_TOKEN is set."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.error import InvalidToken
from telegram.ext import Application

from actions.settings import BotSettings, SettingsError

from .app import build_application, rejected_token_message
from .logs import configure_logging
from .terminal import chat
from .texts import LocalTexts


def main() -> None:
    settings = BotSettings.from_env()
    configure_logging(secrets=settings.secrets)
    if settings.token is None:
        asyncio.run(chat(settings, LocalTexts.from_settings(settings)))
        return
    application = build_application(settings)
    try:
        _run(application, settings)
    except InvalidToken:
        # PTB's message carries the token; ours names the URL tried instead.
        raise SettingsError(rejected_token_message(settings)) from None


def _run(application: Application, settings: BotSettings) -> None:
    if settings.webhook_url:
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
