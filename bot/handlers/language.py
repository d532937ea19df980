"""/language: the picker with native language names; a tap goes to Rasa as its payload."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from ..conversation import local_locale
from ..services import services


async def send_language_picker(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The eight languages as buttons, in their own names."""
    svc = services(context)
    chat = update.effective_chat
    if chat is None:
        return
    reply = svc.texts.render("utter_ask_language", local_locale(svc, update))
    reply["buttons"] = svc.texts.language_buttons()
    async with svc.delivery.lock(chat.id):
        await svc.delivery.send_replies(context.bot, chat.id, [reply])


def register(application: Application) -> None:
    application.add_handler(CommandHandler("language", send_language_picker))
