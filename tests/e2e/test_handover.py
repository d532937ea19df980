"""The human handover end to end: the real action server and Rasa, the bot polling a local fake Bot API.

A user who reads Arabic asks something the bot does not know ("Wie finde ich eine Wohnung in
Nienburg?") → the "Ask a person" offer → the tap → the ticket in Nienburg's staff group, without
the user's id, name or username → the bot is stopped and a new one started on the same ticket
store → a staff member replies to the ticket → the user gets the answer with the Arabic header,
after the earlier replies → the user's follow-up reaches the same ticket → /close → /delete_me
removes the ticket and the bot's posts in the staff group.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from actions.settings import BotSettings
from bot.handover import CLOSE_CONFIRMED, STAFF_HINT
from bot.tickets import TicketStore
from scripts.stack import Stack

from ..support.applications import polling_application
from ..support.factories import USER_ID, USER_NAME, USER_USERNAME, raw_callback, raw_group_message, raw_text
from ..support.fake_bot_api import FakeBotApi, fake_bot_api_server

pytestmark = pytest.mark.slow

TOKEN = "123:E2E-HANDOVER"
NIENBURG_GROUP, DEFAULT_GROUP = -1001234567890, -100333
QUESTION = "Wie finde ich eine Wohnung in Nienburg?"
TIMEOUT = 30.0


def messages_to(api: FakeBotApi, chat_id: int) -> list[tuple[int, dict[str, Any]]]:
    """(message id the fake gave it, parameters) of every sendMessage to `chat_id`, in order."""
    return [
        (index + 1, sent.params)
        for index, sent in enumerate(api.sent)
        if sent.method == "sendMessage" and int(sent.params["chat_id"]) == chat_id
    ]


async def next_message(api: FakeBotApi, chat_id: int, already: int, what: str) -> tuple[int, dict[str, Any]]:
    """Wait for message number `already` + 1 to `chat_id`."""
    arrived = await api.wait_for(lambda: len(messages_to(api, chat_id)) > already, timeout=TIMEOUT)
    assert arrived, f"no {what}; sent so far: {[s.params.get('text') for s in api.sent]}"
    return messages_to(api, chat_id)[already]


async def test_a_question_the_bot_cannot_answer_reaches_the_staff_and_the_answer_comes_back(
    stack: Stack, tmp_path: Path
) -> None:
    settings_for = lambda api_url: BotSettings(  # noqa: E731 - one line per bot start
        token=TOKEN,
        rasa_url=stack.rasa_url,
        actions_url=stack.actions_url,
        api_base_url=api_url,
        preferences_path=tmp_path / "preferences.json",
        staff_groups={"nienburg": NIENBURG_GROUP, "default": DEFAULT_GROUP},
        ticket_store_url=f"sqlite:///{tmp_path / 'tickets.db'}",
    )
    async with fake_bot_api_server() as (api, api_url):
        async with polling_application(settings_for(api_url)):
            # The user reads Arabic (chosen in the picker) and asks about housing.
            api.push(raw_callback('/choose_language{"language": "ar"}', language_code="ar"))
            await next_message(api, USER_ID, 0, "language confirmation")
            api.push(raw_text(QUESTION, language_code="ar"))
            offer_at = None
            while offer_at is None:  # the decline's messages, then the offer with its button
                index, params = await next_message(api, USER_ID, len(messages_to(api, USER_ID)), "offer")
                if "handover:" in str(params.get("reply_markup")):
                    offer_at = index
            offer = dict(messages_to(api, USER_ID))[offer_at]
            assert offer["text"].startswith("يمكن لموظفي المنطقة الإجابة عن هذا.")
            (button,) = [b for row in offer["reply_markup"]["inline_keyboard"] for b in row]
            assert button["text"] == "🙋 اسأل شخصًا"
            assert messages_to(api, NIENBURG_GROUP) == []  # nothing forwarded before the tap

            before_tap = len(messages_to(api, USER_ID))
            api.push(raw_callback(button["callback_data"], language_code="ar"))
            post_id, post = await next_message(api, NIENBURG_GROUP, 0, "ticket in Nienburg's group")
            ticket_id = re.match(r"Ticket (T-\d{4}) ", post["text"]).group(1)  # type: ignore[union-attr]
            assert post["text"] == (
                f"Ticket {ticket_id} · Landkreis Nienburg/Weser · Sprache: Arabisch · neue Frage\n\n{QUESTION}\n\n"
                f"{STAFF_HINT}"
            )
            for identity in (str(USER_ID), USER_NAME, USER_USERNAME):
                assert identity not in str(post)
            _, confirmation = await next_message(api, USER_ID, before_tap, "ticket number")
            assert confirmation["text"].startswith(f"وصل سؤالك إلى الموظفين برقم \u2066{ticket_id}\u2069")
            assert messages_to(api, DEFAULT_GROUP) == []

        # The bot restarts; the ticket lives in the store.
        before_restart = len(messages_to(api, USER_ID))
        async with polling_application(settings_for(api_url)):
            answer = "Bitte wenden Sie sich an die Wohnraumvermittlung, Zimmer 12."
            api.push(raw_group_message(answer, NIENBURG_GROUP, reply_to=post_id))
            _, relayed = await next_message(api, USER_ID, before_restart, "staff answer")
            assert relayed["text"] == (
                f"رد موظفي المنطقة (\u2066{ticket_id}\u2069):\n\n\u2066{answer}\u2069\n\n"
                "رسالتك التالية ستصل إليهم أيضًا."
            )
            texts = [params["text"] for _, params in messages_to(api, USER_ID)]
            assert texts.index(relayed["text"]) == len(texts) - 1  # in order: after everything before, once
            assert texts.count(relayed["text"]) == 1

            follow_up = "Wir sind zwei Erwachsene und zwei Kinder."
            api.push(raw_text(follow_up, language_code="ar"))
            _, posted = await next_message(api, NIENBURG_GROUP, 1, "follow-up")
            assert posted["text"] == (
                f"Ticket {ticket_id} · Landkreis Nienburg/Weser · Sprache: Arabisch · Folgefrage\n\n{follow_up}\n\n"
                f"{STAFF_HINT}"
            )
            assert posted["reply_parameters"]["message_id"] == post_id
            await next_message(api, USER_ID, before_restart + 1, "follow-up confirmation")

            api.push(raw_group_message("/close", NIENBURG_GROUP, reply_to=post_id))
            _, closed = await next_message(api, USER_ID, before_restart + 2, "ticket closed")
            assert closed["text"].startswith("أغلق الموظفون الطلب")
            _, confirmed = await next_message(api, NIENBURG_GROUP, 2, "close confirmation")
            assert confirmed["text"] == CLOSE_CONFIRMED.format(ticket=ticket_id)

            api.push(raw_text("/delete_me", language_code="ar"))
            await next_message(api, USER_ID, before_restart + 3, "deletion confirmation")
            assert await api.wait_for(lambda: api.calls.count("deleteMessage") >= 3, timeout=TIMEOUT)

    store = TicketStore(f"sqlite:///{tmp_path / 'tickets.db'}", create=False)
    try:
        assert store.ticket(ticket_id) is None
    finally:
        store.dispose()
