"""Text messages (new or edited): cleaned, cut to a sane length and relayed to Rasa.

In groups the bot answers only when mentioned, so it does not talk over people (staff groups
of the human handover never get here: see handlers/staff.py). Right after a staff answer,
the next message is a follow-up to that ticket (bot/handover.py).
Text with nothing readable left (only spaces or control characters) gets the
localized "please say it differently"; an unknown /command gets the help.
"""

from __future__ import annotations

import re
import unicodedata

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from actions.content.safety import looks_like_emergency

from ..conversation import relay, reply_locally
from ..services import services

_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Control characters become spaces, runs of white space one space; ZWJ/ZWNJ stay (Farsi needs ZWNJ)."""
    kept = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return _SPACES.sub(" ", kept).strip()


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


async def relay_words(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Relay what the user wrote (a message or a photo's caption): cleaned, cut to MAX_TEXT_CHARS.

    Right after a staff answer, the user's next message goes to that ticket as a follow-up;
    one that looks like an emergency goes to Rasa first (the emergency numbers), then to the ticket.
    """
    text = clean_text(text)
    if not text.strip("\u200c\u200d\u200b\ufeff"):
        await reply_locally(update, context, "utter_ask_rephrase")
        return
    svc = services(context)
    text = text[: svc.settings.max_text_chars]
    chat = update.effective_chat
    ticket = None
    if svc.handover is not None and chat is not None and chat.type == ChatType.PRIVATE:
        ticket = await svc.handover.awaiting_follow_up(chat.id)
    if ticket is None or looks_like_emergency(text):
        await relay(update, context, text)
    if ticket is not None and svc.handover is not None and chat is not None:
        async with svc.delivery.lock(chat.id):
            await svc.handover.follow_up(context.bot, ticket, text)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Relay the user's words to Rasa."""
    text = _addressed_text(update, context.bot.username)
    if text is None:
        return
    await relay_words(update, context, text)


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A /command the bot does not have: show what it can do."""
    await relay(update, context, "/help")


def register(application: Application) -> None:
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    # Registered after every CommandHandler, so only unknown commands get here.
    application.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.COMMAND, on_unknown_command))
