"""Text messages (new or edited): cut to a sane length and relayed to Rasa.

In groups the bot answers only when mentioned, so it does not talk over people.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from ..conversation import relay
from ..services import services


def _addressed_text(update: Update, bot_username: str | None) -> str | None:
    message = update.effective_message
    chat = update.effective_chat
    if message is None or not message.text or chat is None:
        return None
    if chat.type == ChatType.PRIVATE:
        return message.text
    mention = f"@{bot_username}" if bot_username else None
    if mention and mention.lower() in message.text.lower():
        return message.text.replace(mention, "").replace(mention.lower(), "").strip()
    return None


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Relay the user's words to Rasa."""
    text = _addressed_text(update, context.bot.username)
    if not text or not text.strip():
        return
    limit = services(context).settings.max_text_chars
    await relay(update, context, text.strip()[:limit])


def register(application: Application) -> None:
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
