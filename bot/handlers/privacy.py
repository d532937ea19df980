"""/privacy and /delete_me."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from ..conversation import relay, sender_id
from ..rasa_client import RasaUnavailable
from ..services import services

logger = logging.getLogger(__name__)


async def on_privacy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What is stored and for how long."""
    await relay(update, context, "/privacy")


async def on_delete_me(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Erase the stored preferences, tickets and the stored conversation; say honestly if the latter failed."""
    svc = services(context)
    chat = update.effective_chat
    if chat is None:
        return
    locale_before = svc.preferences.get(chat.id).get("locale")
    # Under the chat's lock: a message still on its way to Rasa cannot write the conversation back.
    async with svc.delivery.lock(chat.id):
        svc.preferences.delete(chat.id)
        if svc.handover is not None:
            # Tickets, offers, and the bot's posts in the staff groups where Telegram still allows it.
            await svc.handover.delete_chat(context.bot, chat.id)
        key = "utter_data_deleted"
        try:
            if svc.eraser is None:
                raise RasaUnavailable("no action server client")
            await svc.eraser.erase(sender_id(chat.id))
        except RasaUnavailable as exc:
            logger.warning("Could not erase a conversation: %s", exc)
            key = "utter_data_deletion_failed"
        # Confirm in the language the user had chosen, although it is now forgotten.
        reply = svc.texts.render(key, svc.texts.locale_for(locale_before))
        await svc.delivery.send_replies(context.bot, chat.id, [reply])


def register(application: Application) -> None:
    application.add_handler(CommandHandler("privacy", on_privacy))
    application.add_handler(CommandHandler("delete_me", on_delete_me))
