"""Inline button taps: the button's payload goes to Rasa as if the user had typed it."""

from __future__ import annotations

import contextlib

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from ..conversation import relay


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Acknowledge the tap (stops the spinner) and relay the payload."""
    query = update.callback_query
    if query is None or not query.data:
        return
    with contextlib.suppress(TelegramError):
        await query.answer()
    await relay(update, context, query.data)


def register(application: Application) -> None:
    application.add_handler(CallbackQueryHandler(on_button))
