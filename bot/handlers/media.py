"""Stickers, photos, voice, video notes, documents: a friendly "please type" in the user's language –
unless they come with a caption: a caption is text, and is answered like a message."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from ..conversation import reply_locally
from .messages import relay_words

# Stickers, photos, videos, video notes, animations, documents, audio, contacts,
# polls, dice, venues, games, stories …: every message kind except text, voice and
# location (handled elsewhere) and service messages.
NON_TEXT = ~filters.TEXT & ~filters.COMMAND & ~filters.LOCATION & ~filters.VOICE & ~filters.StatusUpdate.ALL


def _caption(update: Update) -> str | None:
    message = update.effective_message
    return message.caption if message is not None and message.caption and message.caption.strip() else None


async def on_voice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Voice: ask to type, and give the multilingual hotline to talk to a person."""
    caption = _caption(update)
    if caption:
        await relay_words(update, context, caption)
        return
    await reply_locally(update, context, "utter_voice_not_supported")


async def on_media(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A caption is answered like a message; anything else without words: ask to type the question."""
    caption = _caption(update)
    if caption:
        await relay_words(update, context, caption)
        return
    await reply_locally(update, context, "utter_media_not_supported")


def register(application: Application) -> None:
    private = filters.ChatType.PRIVATE
    application.add_handler(MessageHandler(private & filters.VOICE, on_voice))
    application.add_handler(MessageHandler(private & NON_TEXT, on_media))
