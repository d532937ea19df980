"""The one path every user input takes: Rasa, then Telegram; a localized fallback when Rasa is down."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from telegram import Update
from telegram.constants import ChatAction, ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from .handover import split_marker
from .rasa_client import RasaUnavailable
from .services import BotServices, services
from .texts import chosen_locale_from_payload

logger = logging.getLogger(__name__)


def sender_id(chat_id: int) -> str:
    return f"tg-{chat_id}"


def local_locale(svc: BotServices, update: Update, text: str = "") -> str:
    """Locale for replies the bot renders itself, by the same policy as the server."""
    chat = update.effective_chat
    chosen = svc.preferences.get(chat.id).get("locale") if chat else None
    user = update.effective_user
    return svc.texts.locale_for(chosen, text, user.language_code if user else None)


def remember_choices(svc: BotServices, chat_id: int, payload: str) -> None:
    """Picker buttons change preferences before Rasa answers, so they survive a crash."""
    locale = chosen_locale_from_payload(payload)
    if locale:
        svc.preferences.set(chat_id, locale=locale)
    if payload.startswith("/inform_district"):
        with contextlib.suppress(ValueError, AttributeError):
            district = json.loads(payload[len("/inform_district") :] or "{}").get("district")
            if district and svc.texts.knowledge.district(district):
                svc.preferences.set(chat_id, district=district)


async def _typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    """Keep 'typing…' visible while the message waits for its turn and while Rasa thinks (Telegram shows it for 5 s);
    the TypingBudget keeps a burst's many chats from using up the Bot API calls the replies need."""
    budget = services(context).typing
    with contextlib.suppress(TelegramError):
        while True:
            await budget.wait()
            await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(4.5)


async def relay(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, extra_metadata: dict[str, Any] | None = None
) -> None:
    """Send text or a button payload to Rasa for this chat and deliver every reply, in order.

    The chat's lock keeps its messages in arrival order; the RasaQueue behind `svc.rasa` makes a message
    wait for its turn (with "typing…"), and the deadline starts only when it is sent.
    """
    svc = services(context)
    chat = update.effective_chat
    if chat is None:
        return
    remember_choices(svc, chat.id, text)
    svc.preferences.touch(chat.id)
    preferences = svc.preferences.get(chat.id)
    user = update.effective_user
    metadata = {
        "language_code": user.language_code if user else None,
        "locale": preferences.get("locale"),
        "district": preferences.get("district"),
        **(extra_metadata or {}),
    }
    handover = svc.handover
    if handover is not None:
        handover.remember_typed(chat.id, text)
    async with svc.delivery.lock(chat.id):
        typing = asyncio.create_task(_typing(context, chat.id))
        try:
            if svc.rasa is None:
                raise RasaUnavailable("not connected")
            replies = await svc.rasa.send(sender_id(chat.id), text, metadata)
            if not replies:
                # Rasa answers [] when the action server (actions or NLG) failed: never leave the user silent.
                raise RasaUnavailable("Rasa sent no reply")
        except RasaUnavailable as exc:
            logger.warning("Rasa unavailable, sent the fallback reply: %s", exc)
            replies = [svc.texts.render("utter_cannot_answer_now", local_locale(svc, update, text))]
        finally:
            typing.cancel()
        replies, marker = split_marker(replies)  # custom messages are never shown as text
        await svc.delivery.send_replies(context.bot, chat.id, replies)
        if marker is not None and handover is not None and chat.type == ChatType.PRIVATE:
            question = handover.question_for(chat.id, text)
            locale = local_locale(svc, update, question)
            offer = await handover.offer(chat.id, text, locale, marker, preferences.get("district"))
            if offer is not None:
                await svc.delivery.send_replies(context.bot, chat.id, [offer])


async def reply_locally(update: Update, context: ContextTypes.DEFAULT_TYPE, key: str, **values: Any) -> None:
    """Send one template rendered by the bot itself (no Rasa round trip)."""
    svc = services(context)
    chat = update.effective_chat
    if chat is None:
        return
    reply = svc.texts.render(key, local_locale(svc, update), **values)
    async with svc.delivery.lock(chat.id):
        await svc.delivery.send_replies(context.bot, chat.id, [reply])
