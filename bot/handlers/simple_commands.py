"""/help and /hotlines: the same answers as asking in words, through Rasa."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from ..conversation import relay


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What the bot can do."""
    await relay(update, context, "/help")


async def on_hotlines(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The hotlines, in the user's language where one exists."""
    await relay(update, context, "/ask_hotline")


def register(application: Application) -> None:
    application.add_handler(CommandHandler("help", on_help))
    application.add_handler(CommandHandler("hotlines", on_hotlines))
