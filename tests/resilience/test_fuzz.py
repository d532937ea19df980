"""Fuzzing the bot's message path: whatever arrives, no crash and one defined reply.

Each example runs a fresh offline application (no network) whose Rasa is a stub
that records what it was sent; hypothesis supplies the texts.
"""

from __future__ import annotations

import asyncio
import string
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import Update
from telegram.ext import ContextTypes

from actions.settings import BotSettings
from bot.services import SERVICES_KEY
from bot.texts import LocalTexts

from ..support.applications import bot_services, offline_application
from ..support.factories import message, raw_callback, update_json

STUB_REPLY = "stub reply from Rasa"
EDGE_CASES = [
    "",
    " ",
    "\n\t \r\n",
    "x" * 10_000,
    "Impfung " * 2000,
    "😀🙏🏽👨‍👩‍👧",
    "\u200f\u200dمرحبا\u200d\u200c",
    "می\u200cخواهم",
    "\x00\x07\x1b[31mrot\x1b[0m",
    "\u202eevil\u202c",
    "Привет hello مرحبا 你好 Merhaba",
    "/",
    "@",
    '/choose_language{"language": "xx"}',
    "\ufeff",
    "\u200b\u200b",
]
TEXTS = st.one_of(
    st.sampled_from(EDGE_CASES),
    st.text(max_size=300),
    st.text(alphabet=st.characters(categories=("Cc", "Cf", "Zs", "Zl", "So", "Mn")), max_size=40),
    st.text(alphabet=st.sampled_from("سلامПриветİışğ \u200c\u200d" + string.punctuation), max_size=80),
)


class StubRasa:
    def __init__(self) -> None:
        self.received: list[str] = []

    async def send(self, sender: str, text: str, metadata: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self.received.append(text)
        return [{"text": STUB_REPLY}]


async def deliver(update_data: dict[str, Any], local_texts: LocalTexts, tmp: Path) -> tuple[list[str], StubRasa, list]:
    """Process one raw update; (texts sent, the stub Rasa, errors the error handler saw)."""
    settings_ = BotSettings(token="1:FUZZ", preferences_path=tmp / "prefs.json", max_text_chars=1000)
    errors: list[BaseException] = []

    async def record(_update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error)  # type: ignore[arg-type]

    stub = StubRasa()
    async with offline_application(settings_, bot_services(settings_, local_texts)) as (application, request):
        application.add_error_handler(record)
        application.bot_data[SERVICES_KEY].rasa = stub
        await application.process_update(Update.de_json(update_json(update_data, update_id=1), application.bot))
    return [str(c.params.get("text")) for c in request.calls if c.method == "sendMessage"], stub, errors


def expected_local(local_texts: LocalTexts, key: str) -> set[str]:
    return {local_texts.render(key, locale)["text"] for locale in ("de", "en")}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, edited=st.booleans())
def test_any_text_gets_one_defined_reply(
    text: str, edited: bool, local_texts: LocalTexts, tmp_path_factory: pytest.TempPathFactory
) -> None:
    payload = message(text)
    key = "edited_message" if edited else "message"
    sent, stub, errors = asyncio.run(deliver({key: payload}, local_texts, tmp_path_factory.mktemp("fuzz")))
    assert errors == []
    assert len(sent) == 1, sent
    if stub.received:  # relayed: cleaned and cut, and Rasa's reply delivered
        (relayed,) = stub.received
        assert sent == [STUB_REPLY]
        assert 0 < len(relayed) <= 1000
        assert not any(unicodedata.category(ch) == "Cc" for ch in relayed)
    else:  # nothing readable (or a command): answered locally
        allowed = expected_local(local_texts, "utter_ask_rephrase") | expected_local(
            local_texts, "utter_media_not_supported"
        )
        assert sent[0] in allowed or text.startswith("/"), (text, sent)


FILE = {"file_id": "f1", "file_unique_id": "u1"}
NON_TEXT_KINDS: dict[str, dict[str, Any]] = {
    "sticker": {"sticker": {**FILE, "width": 1, "height": 1, "is_animated": False, "is_video": False,
                            "type": "regular"}},
    "photo": {"photo": [{**FILE, "width": 1, "height": 1}]},
    "video": {"video": {**FILE, "width": 1, "height": 1, "duration": 1}},
    "video_note": {"video_note": {**FILE, "length": 1, "duration": 1}},
    "animation": {"animation": {**FILE, "width": 1, "height": 1, "duration": 1}},
    "document": {"document": {**FILE}},
    "audio": {"audio": {**FILE, "duration": 1}},
    "contact": {"contact": {"phone_number": "+4912345", "first_name": "A"}},
    "dice": {"dice": {"emoji": "🎲", "value": 3}},
    "poll": {"poll": {"id": "p", "question": "?", "options": [{"text": "a", "voter_count": 0, "persistent_id": "o1"}],
                      "total_voter_count": 0, "is_closed": False, "is_anonymous": True, "type": "regular",
                      "allows_multiple_answers": False, "allows_revoting": False, "members_only": False}},
    "venue": {"venue": {"location": {"latitude": 0.0, "longitude": 0.0}, "title": "x", "address": "y"},
              "location": {"latitude": 0.0, "longitude": 0.0}},
    "voice": {"voice": {**FILE, "duration": 1}},
    "location far away": {"location": {"latitude": -33.9, "longitude": 18.4}},
}  # fmt: skip


@pytest.mark.parametrize("kind", list(NON_TEXT_KINDS))
async def test_every_non_text_kind_gets_a_defined_reply(kind: str, local_texts: LocalTexts, tmp_path: Path) -> None:
    payload = message(None, **NON_TEXT_KINDS[kind])
    sent, stub, errors = await deliver({"message": payload}, local_texts, tmp_path)
    assert errors == []
    if kind.startswith("location") or kind == "venue":
        assert stub.received == ["/inform_district"]  # Rasa answers "not covered yet" for a far-away place
        assert sent == ["📍", STUB_REPLY]  # the pin closes the "share my location" keyboard
        return
    assert len(sent) == 1, sent
    if kind == "voice":
        assert sent[0] in expected_local(local_texts, "utter_voice_not_supported")
    else:
        assert sent[0] in expected_local(local_texts, "utter_media_not_supported")


@pytest.mark.parametrize("data", ["x" * 64, '/choose_language{"language": ', "/inform_district{}", "🙂"])
async def test_foreign_button_payloads_are_relayed_not_crashing(
    data: str, local_texts: LocalTexts, tmp_path: Path
) -> None:
    sent, stub, errors = await deliver(raw_callback(data), local_texts, tmp_path)
    assert errors == []
    assert stub.received == [data]
    assert sent == [STUB_REPLY]
