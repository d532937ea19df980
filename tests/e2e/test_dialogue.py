"""Issue 13's examples as conversations through the real processes (action server + Rasa over REST).

Each test is one new user (a fresh sender id) and says what a user would notice:
the right contact card, follow-ups that keep the topic and the district ("What about
Goslar?", "And the e-mail?") without asking for the district again, the number to
call first, the emergency numbers first only when someone is in danger, the reply in
the asker's language, and an honest "I don't know" without another topic's facts.
Judged with tests/support/replies.py, the helpers `make eval`'s blind set uses.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import aiohttp
import pytest

from scripts.stack import Stack
from tests.support.replies import has_fact, reply_in, uses_template

from .test_rest import ask

pytestmark = pytest.mark.slow

NIENBURG_PHONE = "+49 5021 967686"
NIENBURG_EMAIL = "migration@kreis-ni.de"
NIENBURG_STREET = "Rühmkorffstraße 12"
GOSLAR_PHONE = "+49 5321 76276"
MEDICAL_ON_CALL = "116117"
MULTILINGUAL_HOTLINE = "08000 000837"
ASKS_DISTRICT = ("utter_ask_district", "utter_ask_district_to_help")


async def conversation(stack: Stack, *texts: str) -> list[list[dict[str, Any]]]:
    """Send `texts` in order as one new user; the bot's messages for each."""
    sender = f"dialogue-{uuid.uuid4().hex[:10]}"
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        return [await ask(session, stack, sender, text) for text in texts]


def joined(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


async def last_reply(stack: Stack, *texts: str) -> str:
    """The text of the bot's reply to the last of `texts`."""
    return joined((await conversation(stack, *texts))[-1])


def asks_district(text: str) -> bool:
    return any(uses_template(text, key) for key in ASKS_DISTRICT)


def shown(text: str) -> str:
    return text[:600]


# A town names the district: the contact card, no district question. ------------------


@pytest.mark.parametrize(
    ("message", "locale"),
    [
        ("I live in Uchte. Who do I talk to about integration?", "en"),
        ("Wir wohnen in Steyerberg, an wen können wir uns wenden?", "de"),
        ("ich wohne in hoya und brauche hilfe", None),
    ],
    ids=["uchte-en", "steyerberg-de", "hoya-lowercase"],
)
async def test_town_in_the_question_gives_the_nienburg_contact(stack: Stack, message: str, locale: str | None) -> None:
    text = await last_reply(stack, message)
    assert has_fact(text, NIENBURG_PHONE), shown(text)
    assert not asks_district(text), shown(text)
    if locale:
        assert reply_in(text, locale), shown(text)


async def test_postcode_gives_the_nienburg_contact(stack: Stack) -> None:
    text = await last_reply(stack, "Ich wohne in 31608. Wer hilft mir?")
    assert has_fact(text, NIENBURG_PHONE), shown(text)
    assert not asks_district(text), shown(text)


async def test_russian_town_in_a_case_form_finds_nienburg(stack: Stack) -> None:
    text = await last_reply(stack, "Я живу в Хойе")
    noted = uses_template(text, "utter_district_set") and ("Nienburg" in text or "Нинбург" in text)
    assert noted or has_fact(text, NIENBURG_PHONE), shown(text)
    assert reply_in(text, "ru"), shown(text)


async def test_office_name_is_enough_for_its_email(stack: Stack) -> None:
    text = await last_reply(stack, "Welche E-Mail-Adresse hat die Koordinierungsstelle Migration und Teilhabe?")
    assert has_fact(text, NIENBURG_EMAIL), shown(text)
    assert not asks_district(text), shown(text)


# Follow-ups keep the topic and the district. ---------------------------------------


async def test_what_about_goslar_repeats_the_question_for_goslar(stack: Stack) -> None:
    text = await last_reply(stack, "Phone number of the integration office in Nienburg?", "What about Goslar?")
    assert has_fact(text, GOSLAR_PHONE), shown(text)
    assert "Julia Aktas" in text, shown(text)
    assert not uses_template(text, "utter_district_set"), shown(text)
    assert not asks_district(text), shown(text)


async def test_and_the_email_after_a_nienburg_question(stack: Stack) -> None:
    text = await last_reply(stack, "Phone number of the integration office in Nienburg?", "And the e-mail?")
    assert has_fact(text, NIENBURG_EMAIL), shown(text)
    assert not asks_district(text), shown(text)


async def test_and_the_address_in_russian(stack: Stack) -> None:
    text = await last_reply(stack, "Какой телефон у отдела интеграции в Нинбурге?", "А адрес?")
    assert NIENBURG_STREET in text, shown(text)
    assert reply_in(text, "ru"), shown(text)
    assert not asks_district(text), shown(text)


async def test_when_are_they_open_after_a_contact_question(stack: Stack) -> None:
    text = await last_reply(
        stack, "Wen kann ich in Nienburg zum Thema Integration kontaktieren?", "Wann haben die offen?"
    )
    assert "08:00" in text, shown(text)
    assert not asks_district(text), shown(text)


# The number to call first. -----------------------------------------------------------


def position(text: str, number: str) -> int:
    """Where `number` first appears in `text` by its digits (spaces, dashes, +49 ignored), else -1."""
    digits = re.sub(r"\D", "", number).removeprefix("0")
    pattern = r"[\s\-/()]*".join(digits)
    found = re.search(rf"(?<!\d){pattern}(?!\d)", text)
    return found.start() if found else -1


async def test_vaccination_appointment_gives_116117_first(stack: Stack) -> None:
    text = await last_reply(stack, "I want to book a vaccination appointment, what number?")
    assert has_fact(text, MEDICAL_ON_CALL), shown(text)
    hotline = position(text, MULTILINGUAL_HOTLINE)
    assert hotline == -1 or position(text, MEDICAL_ON_CALL) < hotline, shown(text)


async def test_vaccination_appointment_in_german_gives_116117(stack: Stack) -> None:
    text = await last_reply(stack, "Termin für Corona-Impfung, welche Nummer?")
    assert has_fact(text, MEDICAL_ON_CALL), shown(text)


async def test_forced_marriage_gives_the_help_line_for_women(stack: Stack) -> None:
    text = await last_reply(stack, "Gibt es Hilfe für Frauen, die zwangsverheiratet werden sollen?")
    assert has_fact(text, "116 016"), shown(text)


# Emergencies first, and only emergencies. -------------------------------------------


async def test_break_in_gives_the_police_number_in_the_first_message(stack: Stack) -> None:
    (messages,) = await conversation(stack, "Somebody broke into our flat right now, what do I do?")
    assert messages, "no reply"
    first = messages[0].get("text") or ""
    assert has_fact(first, "110"), shown(joined(messages))


@pytest.mark.parametrize(
    "message",
    ["When does your freedom end?", "What is usually the payout amount on the payslip?"],
    ids=["freedom", "payslip"],
)
async def test_no_alarm_for_harmless_questions(stack: Stack, message: str) -> None:
    text = await last_reply(stack, message)
    assert not uses_template(text, "utter_emergency"), shown(text)


# The reply language. -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "locale"),
    [("Hello", "en"), ("Привет", "ru"), ("where is office nienburg", "en")],
    ids=["hello-en", "privet-ru", "office-nienburg-en"],
)
async def test_first_message_is_answered_in_its_language(stack: Stack, message: str, locale: str) -> None:
    text = await last_reply(stack, message)
    assert text, "no reply"
    assert reply_in(text, locale), shown(text)


async def test_und_in_goslar_stays_german(stack: Stack) -> None:
    text = await last_reply(stack, "Wie ist die Telefonnummer der Migrationsberatung in Nienburg?", "Und in Goslar?")
    assert reply_in(text, "de"), shown(text)
    assert not asks_district(text), shown(text)


async def test_english_out_of_scope_question_is_declined_in_english(stack: Stack) -> None:
    text = await last_reply(stack, "Can you help me fill in my tax return?")
    assert uses_template(text, "utter_not_known") or uses_template(text, "utter_out_of_scope"), shown(text)
    assert reply_in(text, "en"), shown(text)


# Out of scope: an honest "I don't know", no other topic's facts. ---------------------


async def test_residence_permit_is_not_known(stack: Stack) -> None:
    text = await last_reply(stack, "How do I extend my residence permit?")
    assert uses_template(text, "utter_not_known"), shown(text)
    assert not has_fact(text, MULTILINGUAL_HOTLINE), shown(text)
    assert not has_fact(text, "integrationsbeauftragte.de"), shown(text)
    assert not uses_template(text, "utter_emergency"), shown(text)


async def test_a_second_unplaced_message_gets_one_reply_and_the_conversation_goes_on(stack: Stack) -> None:
    """Rasa's two-stage fallback gives up through action_default_fallback; answered without undoing the message,
    RulePolicy ran it ten times in a row and the conversation fell silent (blind set v15, Arabic)."""
    replies = await conversation(
        stack,
        "مرحبا انا ساكن بآيستروب",
        "كيف بقدر جيب ولادي من تركيا؟ لم شمل يعني",
        "طيب مين بالكرايس ممكن يساعدني او يدلني، اعطيني رقم",
    )
    second, third = joined(replies[1]), joined(replies[2])
    assert len(replies[1]) <= 6, shown(second)  # one answer (a decline is up to 5 messages), not ten
    assert has_fact(third, NIENBURG_PHONE), shown(third)
