"""/contacts [district] for volunteers: every contact as text, plus contact cards and the office venue."""

from __future__ import annotations

import json
from functools import partial

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from actions.content.knowledge.phones import dial_form

from ..conversation import relay
from ..delivery import with_retries
from ..services import services


async def on_contacts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Contacts of the named (or remembered) district, as text and as Telegram cards."""
    svc = services(context)
    chat = update.effective_chat
    if chat is None:
        return
    knowledge = svc.texts.knowledge
    named = " ".join(context.args or [])
    match = knowledge.find_district(named) if named else None
    district_id = match.district.id if match else svc.preferences.get(chat.id).get("district")
    if named and match is None:
        await relay(update, context, "/ask_contact" + json.dumps({"district": named}, ensure_ascii=False))
        return
    if district_id is None:
        await relay(update, context, "/ask_contact")
        return
    await relay(update, context, "/ask_contact" + json.dumps({"district": district_id}))
    async with svc.delivery.lock(chat.id):
        for contact in knowledge.contacts_for(district_id):
            for phone in contact.phones:
                first, _, last = contact.name.partition(" ") if contact.kind == "person" else (contact.name, "", "")
                await with_retries(
                    partial(
                        context.bot.send_contact,
                        chat.id,
                        phone_number=dial_form(phone.number),
                        first_name=first,
                        last_name=last or None,
                    )
                )
            if contact.address and contact.coordinates:
                lat, lon = contact.coordinates
                await with_retries(
                    partial(
                        context.bot.send_venue,
                        chat.id,
                        latitude=lat,
                        longitude=lon,
                        title=contact.name,
                        address=contact.address.one_line(),
                    )
                )


def register(application: Application) -> None:
    application.add_handler(CommandHandler("contacts", on_contacts))
