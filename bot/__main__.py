"""`python -m bot`: the Telegram bot, or the terminal chat when no TELEGRAM_BOT_TOKEN is set."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update

from actions.content import ContentStore

from .app import build_application
from .settings import BotSettings
from .terminal import chat
from .texts import LocalTexts


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every Bot API URL, and the URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    settings = BotSettings.from_env()
    if settings.token is None:
        store = ContentStore(settings.knowledge_dir, settings.responses_dir)
        store.load()
        asyncio.run(chat(settings, LocalTexts(store)))
        return
    application = build_application(settings)
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
