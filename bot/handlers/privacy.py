"""/privacy and /delete_me."""

from __future__ import annotations

import contextlib

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from ..conversation import relay, sender_id
from ..rasa_client import RasaUnavailable
from ..services import services


async def on_privacy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What is stored and for how long."""
    await relay(update, context, "/privacy")


async def on_delete_me(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Erase the stored preferences and reset the Rasa conversation."""
    svc = services(context)
    chat = update.effective_chat
    if chat is None:
        return
    locale_before = svc.preferences.get(chat.id).get("locale")
    svc.preferences.delete(chat.id)
    if svc.rasa is not None:
        with contextlib.suppress(RasaUnavailable):
            await svc.rasa.send(sender_id(chat.id), "/restart", {})
    # Confirm in the language the user had chosen, although it is now forgotten.
    reply = svc.texts.render("utter_data_deleted", svc.texts.locale_for(locale_before))
    async with svc.delivery.lock(chat.id):
        await svc.delivery.send_replies(context.bot, chat.id, [reply])


def register(application: Application) -> None:
    application.add_handler(CommandHandler("privacy", on_privacy))
    application.add_handler(CommandHandler("delete_me", on_delete_me))
