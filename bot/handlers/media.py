"""Stickers, photos, voice, video notes, documents: a friendly "please type" in the user's language."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from ..conversation import reply_locally

# Stickers, photos, videos, video notes, animations, documents, audio, contacts,
# polls, dice, venues, games, stories …: every message kind except text, voice and
# location (handled elsewhere) and service messages.
NON_TEXT = ~filters.TEXT & ~filters.COMMAND & ~filters.LOCATION & ~filters.VOICE & ~filters.StatusUpdate.ALL


async def on_voice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Voice: ask to type, and give the multilingual hotline to talk to a person."""
    await reply_locally(update, context, "utter_voice_not_supported")


async def on_media(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Anything that is not text: ask to type the question."""
    await reply_locally(update, context, "utter_media_not_supported")


def register(application: Application) -> None:
    private = filters.ChatType.PRIVATE
    application.add_handler(MessageHandler(private & filters.VOICE, on_voice))
    application.add_handler(MessageHandler(private & NON_TEXT, on_media))
