"""The human handover's handlers: the "Ask a person" tap, staff groups, groups the bot does not know.

- A tap on "Ask a person" (callback data `handover:<offer id>`) opens a ticket in the staff group.
- In a configured staff group, every message ends here and never reaches Rasa: a reply to a
  ticket's message is an answer (or `/close`); everything else is staff talk the bot stays out of.
- In any other group, the first message the bot sees is logged once at INFO with the group's
  chat id ("message from unconfigured group -100…"): how operators find the id for STAFF_GROUPS.
"""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from ..conversation import local_locale
from ..handover import CALLBACK_PREFIX
from ..services import SERVICES_KEY, BotServices, services

logger = logging.getLogger(__name__)


async def on_ask_person(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The tap: the pending offer becomes a ticket in the district's staff group; the user gets its number."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or not query.data or chat is None:
        return
    with contextlib.suppress(TelegramError):
        await query.answer()
    svc = services(context)
    offer_id = query.data.removeprefix(CALLBACK_PREFIX)
    async with svc.delivery.lock(chat.id):  # two quick taps open one ticket
        handover = svc.handover
        ticket = await handover.open_ticket(context.bot, chat.id, offer_id) if handover else None
        if ticket is None:
            reply = svc.texts.render("utter_offer_expired", local_locale(svc, update))
        else:
            reply = svc.texts.render("utter_ticket_opened", ticket.locale, ticket=ticket.id)
        await svc.delivery.send_replies(context.bot, chat.id, [reply])


async def on_staff_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Anything in a staff group: only a new message replying to a ticket's message counts."""
    handover = services(context).handover
    message = update.message  # edits, channel posts and the like are ignored
    if handover is None or message is None:
        return
    await handover.on_staff_message(context.bot, message)


async def note_unconfigured_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log a group's chat id once, so the operator can put it into STAFF_GROUPS."""
    chat = update.effective_chat
    svc = services(context)
    if chat is None or chat.id in svc.logged_groups:
        return
    svc.logged_groups.add(chat.id)
    logger.info("message from unconfigured group %s", chat.id)


def register(application: Application) -> None:
    """Before every other handler: staff groups must never reach the user-facing handlers."""
    svc: BotServices = application.bot_data[SERVICES_KEY]
    staff_chats = sorted(svc.handover.staff_chats) if svc.handover else []
    staff = filters.Chat(chat_id=staff_chats)
    # Group -1 runs in addition to the handlers of group 0.
    application.add_handler(MessageHandler(filters.ChatType.GROUPS & ~staff, note_unconfigured_group), group=-1)
    application.add_handler(CallbackQueryHandler(on_ask_person, pattern=f"^{CALLBACK_PREFIX}"))
    if staff_chats:
        application.add_handler(MessageHandler(staff, on_staff_message))
