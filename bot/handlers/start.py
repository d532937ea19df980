"""/start: a greeting in the best-guess language, then the language picker."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from ..conversation import relay
from .language import send_language_picker


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet (Rasa, in the user's Telegram language) and offer the language picker."""
    await relay(update, context, "/greet")
    await send_language_picker(update, context)


def register(application: Application) -> None:
    application.add_handler(CommandHandler("start", on_start))
