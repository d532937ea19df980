"""The human handover on Telegram: what the bot cannot answer, the district's staff can.

1. **Offer**: Rasa's replies end with a handover marker (`{"custom": {"handover": {"reason",
   "district"}}}`, see actions/answers/base.py `Turn.hand_over`). When the district (or the
   `default` entry) has a staff group, the bot adds one message in the user's language: what
   happens on a tap (question and language go to the district's staff; no name, username or
   phone number) and when an answer can be expected (the office hours of the district's
   contact), with an "Ask a person" button. The question is kept as a pending offer in the
   ticket store; nothing is forwarded without the tap.
2. **Ticket**: the tap opens a ticket (`T-4821`) and posts it to the staff group, in German:
   ticket number, district, language, new question or follow-up, the question as written, a
   hint how to answer. Never the user's Telegram id, name or username.
3. **Answer**: a staff member's Telegram reply to any message of the ticket goes to the user
   with a localized header; the user's next message is posted to the ticket as a follow-up
   (an emergency goes to Rasa first). `/close` as a reply closes the ticket. Everything else
   in a staff group is ignored: the bot does not talk to staff chatter.

The staff-facing texts are German and live here; the user-facing ones are templates in
responses/<locale>.yml.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Bot, Message, ReplyParameters
from telegram.error import BadRequest, Forbidden

from actions.content.formatting import clock_time, language_names, weekday_and_time
from actions.content.knowledge.models import District
from actions.content.knowledge.office_hours import next_opening, open_until
from actions.content.knowledge.osm_opening_hours import OpeningHours
from actions.settings import DEFAULT_STAFF_GROUP

from .delivery import Delivery, with_retries
from .texts import LocalTexts
from .tickets import Ticket, TicketStore

logger = logging.getLogger(__name__)

BERLIN = ZoneInfo("Europe/Berlin")
CALLBACK_PREFIX = "handover:"  # the "Ask a person" button's callback data: handover:<offer id>
# What staff read (German).
STAFF_HINT = "Antworten Sie auf diese Nachricht; /close als Antwort schließt das Ticket."
NEW_QUESTION, FOLLOW_UP = "neue Frage", "Folgefrage"
NO_DISTRICT = "Landkreis nicht angegeben"
NO_QUESTION = "(Die Person möchte mit jemandem sprechen und hat noch keine Frage geschrieben.)"
BLOCKED_NOTE = "Die Person hat den Bot blockiert; die Antwort konnte nicht zugestellt werden."
CLOSED_NOTE = "Ticket {ticket} ist geschlossen; diese Antwort wurde nicht weitergegeben."
CLOSE_CONFIRMED = "Ticket {ticket} ist geschlossen; die Person wurde informiert."
ALREADY_CLOSED = "Ticket {ticket} war schon geschlossen."
TEXT_ONLY_NOTE = "Nur Text kann weitergegeben werden: bitte schreiben Sie die Antwort als Text."
# Payloads (buttons, commands) are no question anyone typed; the last typed text is offered instead.
MAX_REMEMBERED_CHATS = 1000


def berlin_now() -> dt.datetime:
    return dt.datetime.now(BERLIN)


@dataclass(frozen=True)
class Marker:
    """Rasa's handover marker: why the bot could not answer, and the district it knows (or None)."""

    reason: str
    district: str | None


def split_marker(replies: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], Marker | None]:
    """Rasa's replies without custom messages (never shown as text), and the handover marker among them."""
    shown: list[dict[str, Any]] = []
    marker: Marker | None = None
    for reply in replies:
        custom = reply.get("custom")
        if custom is None:
            shown.append(reply)
            continue
        content = custom.get("handover") if isinstance(custom, dict) else None
        if isinstance(content, dict) and marker is None:
            district = content.get("district")
            marker = Marker(str(content.get("reason") or ""), str(district) if district else None)
        if reply.get("text") or reply.get("buttons"):
            shown.append({k: v for k, v in reply.items() if k != "custom"})
    return shown, marker


def is_close_command(text: str, bot_username: str | None) -> bool:
    """`/close` or `/close@this_bot` (other words after it are allowed)."""
    if not text.startswith("/"):
        return False
    command, _, addressee = text.split(maxsplit=1)[0][1:].partition("@")
    return command.lower() == "close" and (not addressee or addressee.lower() == (bot_username or "").lower())


class Handover:
    """The handover's state (the ticket store) and its steps; one per bot application."""

    def __init__(
        self,
        store: TicketStore,
        groups: Mapping[str, int],
        texts: LocalTexts,
        delivery: Delivery,
        clock: Callable[[], dt.datetime] = berlin_now,
    ) -> None:
        self.store = store
        self.groups = dict(groups)
        self.texts = texts
        self.delivery = delivery
        self.clock = clock
        self._typed: OrderedDict[int, str] = OrderedDict()

    @property
    def staff_chats(self) -> frozenset[int]:
        return frozenset(self.groups.values())

    def group_for(self, district: str | None) -> int | None:
        """The staff group for a district: its own, else the default one; None when neither is configured."""
        if district and district in self.groups:
            return self.groups[district]
        return self.groups.get(DEFAULT_STAFF_GROUP)

    # The offer ----------------------------------------------------------------------------------

    def remember_typed(self, chat_id: int, text: str) -> None:
        """The last message a user typed (in memory only): offered when a button led to the marker."""
        if text.startswith("/"):
            return
        self._typed[chat_id] = text
        self._typed.move_to_end(chat_id)
        while len(self._typed) > MAX_REMEMBERED_CHATS:
            self._typed.popitem(last=False)

    def question_for(self, chat_id: int, text: str) -> str:
        return text if not text.startswith("/") else self._typed.get(chat_id, "")

    async def offer(
        self, chat_id: int, text: str, locale: str, marker: Marker, known_district: str | None = None
    ) -> dict[str, Any] | None:
        """The offer to send (text + "Ask a person" button), kept as a pending offer; None without a staff group.

        `known_district` (the district the user chose in the bot) counts when the marker has none.
        """
        district = marker.district or known_district
        if district is not None and self.texts.knowledge.district(district) is None:
            district = None
        group = self.group_for(district)
        if group is None:
            return None
        question = self.question_for(chat_id, text)
        # A district without a group of its own goes to the default group, which still sees the district.
        offer_id = await asyncio.to_thread(
            self.store.add_offer, chat_id, question, locale, district, group, marker.reason
        )
        when = self.answer_expected(district if district in self.groups else None, locale)
        reply = self.texts.render("utter_handover_offer", locale, when=when)
        label = self.texts.render("label_ask_person", locale)["text"]
        reply["buttons"] = [{"title": label, "payload": CALLBACK_PREFIX + offer_id}]
        return reply

    def answer_expected(self, district_id: str | None, locale: str) -> str:
        """When the district's staff can be expected to answer, from its contact's office hours:
        today until 16:00, today / tomorrow / on a day from 08:00, or "during office hours"
        (the default group, or no hours known)."""
        district = self.texts.knowledge.district(district_id) if district_id else None
        hours = self._office_hours(district) if district else None
        if district is None or hours is None:
            return self.texts.render("handover_when_office_hours", locale)["text"]
        now = self.clock().astimezone(BERLIN)
        closes = open_until(hours, district, now)
        if closes is not None:
            return self.texts.render("handover_when_open", locale, time=clock_time(closes))["text"]
        opens = next_opening(hours, district, now)
        if opens is None:
            return self.texts.render("handover_when_office_hours", locale)["text"]
        time = clock_time(opens.time())
        if opens.date() == now.date():
            return self.texts.render("handover_when_today", locale, time=time)["text"]
        if opens.date() == now.date() + dt.timedelta(days=1):
            return self.texts.render("handover_when_tomorrow", locale, time=time)["text"]
        return self.texts.render("handover_when_later", locale, day_and_time=weekday_and_time(opens, locale))["text"]

    def _office_hours(self, district: District) -> OpeningHours | None:
        for contact in self.texts.knowledge.contacts_for(district.id):
            if contact.opening_hours is not None and contact.opening_hours.has_fixed_hours:
                return contact.opening_hours
        return None

    # The ticket ---------------------------------------------------------------------------------

    def staff_post(self, ticket: Ticket, question: str, *, follow_up: bool) -> str:
        """The ticket as staff read it (German): number, district, language, kind; the question; the hint.

        No user id, name or username: the store keeps the chat id, the post never shows it.
        """
        district = self.texts.knowledge.district(ticket.district) if ticket.district else None
        easy_german = self.texts.content.catalog.language_name("de-simple")
        (language,) = language_names([ticket.locale], "de", easy_german)
        header = " · ".join(
            (
                f"Ticket {ticket.id}",
                district.name if district else NO_DISTRICT,
                f"Sprache: {language}",
                FOLLOW_UP if follow_up else NEW_QUESTION,
            )
        )
        return f"{header}\n\n{question.strip() or NO_QUESTION}\n\n{STAFF_HINT}"

    async def open_ticket(self, bot: Bot, chat_id: int, offer_id: str) -> Ticket | None:
        """The tap: a new ticket, posted to its staff group; None when the offer is gone, expired or not this chat's."""
        offer = await asyncio.to_thread(self.store.offer, offer_id, chat_id)
        if offer is None:
            return None
        ticket = await asyncio.to_thread(self.store.open_ticket, offer)
        try:
            post = await with_retries(
                partial(
                    bot.send_message, ticket.group_chat_id, self.staff_post(ticket, offer.question, follow_up=False)
                )
            )
        except BaseException:
            await asyncio.to_thread(self.store.discard, ticket.id)  # the offer stays: the user can tap again
            raise
        await asyncio.to_thread(self.store.posted, ticket, offer.id, post.message_id)
        logger.info("Ticket %s opened", ticket.id)
        return ticket

    # The staff's side ---------------------------------------------------------------------------

    async def on_staff_message(self, bot: Bot, message: Message) -> None:
        """A message in a staff group: only a reply to a ticket's message counts; the rest is staff talk."""
        replied = message.reply_to_message
        if replied is None or (message.from_user is not None and message.from_user.is_bot):
            return
        ticket = await asyncio.to_thread(self.store.ticket_for_message, message.chat_id, replied.message_id)
        if ticket is None:
            return
        text = (message.text or message.caption or "").strip()
        if is_close_command(text, bot.username):
            await self._close(bot, ticket, message)
        elif ticket.closed:
            await self._note(bot, ticket, message, CLOSED_NOTE.format(ticket=ticket.id))
        elif not text:
            await self._note(bot, ticket, message, TEXT_ONLY_NOTE)
        else:
            await self._deliver_answer(bot, ticket, message, text)

    async def _deliver_answer(self, bot: Bot, ticket: Ticket, message: Message, text: str) -> None:
        # Stored first, with the follow-up expected: a user who replies at once reaches the ticket.
        await asyncio.to_thread(self.store.answered, ticket, message.message_id, text, True)
        reply = self.texts.render("utter_ticket_answer", ticket.locale, ticket=ticket.id, answer=text)
        try:
            async with self.delivery.lock(ticket.chat_id):
                await self.delivery.send_replies(bot, ticket.chat_id, [reply])
        except Forbidden:
            # Kept: an answer that could not be delivered is not lost; staff are told.
            await asyncio.to_thread(self.store.undelivered, ticket, message.message_id)
            logger.info("Ticket %s answered; the user has blocked the bot", ticket.id)
            await self._note(bot, ticket, message, BLOCKED_NOTE)
            return
        logger.info("Ticket %s answered", ticket.id)

    async def _close(self, bot: Bot, ticket: Ticket, message: Message) -> None:
        if ticket.closed:
            await self._note(bot, ticket, message, ALREADY_CLOSED.format(ticket=ticket.id))
            return
        await asyncio.to_thread(self.store.close, ticket)
        logger.info("Ticket %s closed", ticket.id)
        reply = self.texts.render("utter_ticket_closed", ticket.locale, ticket=ticket.id)
        try:
            async with self.delivery.lock(ticket.chat_id):
                await self.delivery.send_replies(bot, ticket.chat_id, [reply])
        except Forbidden:
            await self._note(bot, ticket, message, BLOCKED_NOTE)
            return
        await self._note(bot, ticket, message, CLOSE_CONFIRMED.format(ticket=ticket.id))

    async def _note(self, bot: Bot, ticket: Ticket, message: Message, text: str) -> None:
        """A short German note in the staff group, as a reply to the staff member's message."""
        note = await with_retries(
            partial(
                bot.send_message,
                message.chat_id,
                text,
                reply_parameters=ReplyParameters(message.message_id, allow_sending_without_reply=True),
            )
        )
        await asyncio.to_thread(self.store.noted, ticket, note.message_id)

    # The user's side after an answer ------------------------------------------------------------

    async def awaiting_follow_up(self, chat_id: int) -> Ticket | None:
        return await asyncio.to_thread(self.store.awaiting_follow_up, chat_id)

    async def follow_up(self, bot: Bot, ticket: Ticket, text: str) -> None:
        """Post the user's message to the ticket as a follow-up (a reply to the ticket) and tell the user.

        Call it under the chat's delivery lock.
        """
        first = await asyncio.to_thread(self.store.first_post, ticket)
        reply_to = ReplyParameters(first, allow_sending_without_reply=True) if first else None
        post = await with_retries(
            partial(
                bot.send_message,
                ticket.group_chat_id,
                self.staff_post(ticket, text, follow_up=True),
                reply_parameters=reply_to,
            )
        )
        await asyncio.to_thread(self.store.followed_up, ticket, post.message_id)
        logger.info("Ticket %s: follow-up posted", ticket.id)
        confirmation = self.texts.render("utter_ticket_follow_up_sent", ticket.locale, ticket=ticket.id)
        await self.delivery.send_replies(bot, ticket.chat_id, [confirmation])

    # Deleting -----------------------------------------------------------------------------------

    async def delete_chat(self, bot: Bot, chat_id: int) -> int:
        """/delete_me: the chat's tickets and offers, and the bot's posts in the staff groups where Telegram
        still allows it (bots may delete messages younger than 48 hours; the staff's own replies stay)."""
        posts = await asyncio.to_thread(self.store.delete_chat, chat_id)
        deleted = 0
        for group, message_id in posts:
            with contextlib.suppress(BadRequest, Forbidden):
                if await with_retries(partial(bot.delete_message, group, message_id)):
                    deleted += 1
        return deleted

    async def purge(self, retention_days: int) -> int:
        return await asyncio.to_thread(self.store.purge, retention_days)
