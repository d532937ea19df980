"""/district and shared locations: district buttons, a "share my location" button, nearest district."""

from __future__ import annotations

from telegram import KeyboardButton, LinkPreviewOptions, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from ..conversation import local_locale, relay
from ..delivery import with_retries
from ..services import services


async def on_district(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask for the district: one button per district plus a location button."""
    svc = services(context)
    chat = update.effective_chat
    if chat is None:
        return
    locale = local_locale(svc, update)
    reply = svc.texts.render("utter_ask_district", locale)
    reply["buttons"] = svc.texts.district_buttons()
    share = svc.texts.render("label_share_location", locale)["text"]
    location_keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton(share, request_location=True)]], resize_keyboard=True, one_time_keyboard=True
    )
    async with svc.delivery.lock(chat.id):
        await svc.delivery.send_replies(context.bot, chat.id, [reply])
        await with_retries(
            lambda: context.bot.send_message(
                chat.id,
                share,
                reply_markup=location_keyboard,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )


async def on_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A shared location: remember the nearest covered district and let Rasa answer."""
    svc = services(context)
    message = update.effective_message
    chat = update.effective_chat
    if message is None or message.location is None or chat is None:
        return
    latitude, longitude = message.location.latitude, message.location.longitude
    match = svc.texts.knowledge.district_at(latitude, longitude)
    if match:
        svc.preferences.set(chat.id, district=match.district.id)
    await with_retries(lambda: message.reply_text("📍", reply_markup=ReplyKeyboardRemove()))
    await relay(update, context, "/inform_district", {"location": {"latitude": latitude, "longitude": longitude}})


def register(application: Application) -> None:
    application.add_handler(CommandHandler("district", on_district))
    application.add_handler(MessageHandler(filters.LOCATION, on_location))
