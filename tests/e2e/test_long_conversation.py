"""Issue 15 through the real processes: a long conversation keeps its context, costs the same per message
at the end as at the start in what crosses to the action server (one call per message), and is stored whole.

Rasa reads the slots plus a window of recent turns (scripts/windowed_tracker_store.py); the tracker
store stays the full record. Own stack (not the session's): Rasa reaches the action server through a
proxy that records every request's JSON size.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import sqlalchemy as sa

from scripts.stack import ROOT, Stack
from tests.support.recording_proxy import recording_proxy

pytestmark = pytest.mark.slow

WINDOWED = "scripts.windowed_tracker_store.WindowedSQLTrackerStore"
MESSAGES = 300
NIENBURG_PHONE = "+49 5021 967686"
GOSLAR_PHONE = "+49 5321 76276"
# Four questions in turn; none names a district, so the first two answer from the district slot set at message 1.
QUESTIONS = [
    ("Wie ist die Telefonnummer der Migrationsberatung?", NIENBURG_PHONE),
    ("Wann hat die Koordinierungsstelle geöffnet?", "08:00–16:00"),
    ("Gibt es eine Corona Hotline auf Arabisch?", "+49 800 0000837"),
    ("Wo finde ich Infos zur Impfung in meiner Sprache?", "integrationsbeauftragte.de/corona-virus"),
]
MAX_GROWTH = 1.25  # request sizes late in the conversation over early ones (after the window filled)
# Topics, follow-ups, unclear messages (the two-stage fallback, several in a row), topics the bot does not
# cover, language changes: asked three times over by one user, far past the window.
MIXED = [
    "Hallo", "Ich wohne in Nienburg", "Wie ist die Telefonnummer der Migrationsberatung?", "und wo?",
    "blorf zzk wummel", "quatsch", "Wann hat die Koordinierungsstelle geöffnet?", "Und in Goslar?",
    "auf Arabisch bitte", "Gibt es eine Corona Hotline auf Arabisch?", "Hello", "danke",
    "xyz xyz", "xyz xyz", "xyz xyz", "Wie ist die Telefonnummer der Migrationsberatung?",
    "Wo finde ich Infos zur Impfung in meiner Sprache?", "Ich suche eine Wohnung", "und die E-Mail?",
    "Привет", "Когда работает офис?", "und in Northeim?", "Kann ich noch an der Umfrage teilnehmen?",
    '/choose_language{"language": "en"}', "What is the phone number?", "hmm", "asdf", "Goslar",
    "Wann ist die Integrationskonferenz?", "Ich brauche Hilfe", "tschüss",
]  # fmt: skip


def question(i: int) -> tuple[str, str]:
    """The i-th question after the district (i = 0 … MESSAGES - 3), the contacts question last."""
    return QUESTIONS[(i - (MESSAGES - 3)) % len(QUESTIONS)]


async def test_a_300_message_conversation_keeps_its_district_answers_follow_ups_and_is_stored_whole(
    trained_model: Path, tmp_path: Path
) -> None:
    stack = Stack.on_free_ports(trained_model, tmp_path)
    sender = f"long-{uuid.uuid4().hex[:8]}"
    sent: list[str] = []
    replies: list[list[dict[str, Any]]] = []
    marks: list[int] = []  # how many action-server requests had been made before each message
    async with recording_proxy(stack.actions_url) as (proxy, proxy_url):
        stack.env["ACTIONS_URL"] = proxy_url  # Rasa only; the action server listens on ACTIONS_PORT
        try:
            await asyncio.to_thread(stack.start)
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:

                async def say(text: str) -> list[dict[str, Any]]:
                    marks.append(len(proxy.requests))
                    body = {"sender": sender, "message": text}
                    async with session.post(f"{stack.rasa_url}/webhooks/rest/webhook", json=body) as reply:
                        assert reply.status == 200
                        messages = await reply.json()
                    sent.append(text)
                    replies.append(messages)
                    return messages

                await say("Ich wohne in Nienburg")
                for i in range(MESSAGES - 2):
                    await say(question(i)[0])
                # Message 300: a follow-up that needs the last topic (contacts, message 299) from the slots.
                follow_up = await say("Und in Goslar?")
        finally:
            stack.stop()

    texts = ["\n".join(m.get("text") or "" for m in r) for r in replies]
    wrong = [(i + 1, texts[i + 1][:200]) for i in range(MESSAGES - 2) if question(i)[1] not in texts[i + 1]]
    assert not wrong, f"{len(wrong)} answers without their fact (district from message 1 lost?): {wrong[:3]}"
    assert GOSLAR_PHONE in "\n".join(m.get("text") or "" for m in follow_up)

    # One call per message: the actions render their replies themselves, Rasa makes no NLG call.
    assert proxy.sizes("/nlg") == []
    assert len(proxy.sizes("/webhook")) == MESSAGES
    # What crosses to the action server stays flat: the window, not the history.
    early = proxy.sizes("/webhook", marks[20], marks[40])
    late = proxy.sizes("/webhook", marks[MESSAGES - 40])
    assert early
    assert late
    assert max(late) <= MAX_GROWTH * max(early), (max(early), max(late))

    # The store holds everything: every message once, in order, and every reply Rasa sent.
    engine = sa.create_engine(stack.tracker_store_url)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}
        ).all()
    engine.dispose()
    assert [json.loads(data)["text"] for kind, data in rows if kind == "user"] == sent
    assert sum(kind == "bot" for kind, _ in rows) == sum(len(r) for r in replies)


def without_open_status(text: str | None) -> str | None:
    """The reply without its "open now / closed now" lines, which change when an office opens or closes."""
    if text is None:
        return None
    return "\n".join(line for line in text.split("\n") if not line.startswith(("🟢", "🔴")))


async def replies_of(stack: Stack, texts: list[str]) -> list[tuple[str, list[str | None]]]:
    """(message, the texts of the bot's replies) for `texts` sent in order by one new user to a fresh `stack`."""
    sender = f"mixed-{uuid.uuid4().hex[:8]}"
    out = []
    try:
        await asyncio.to_thread(stack.start)
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
            for text in texts:
                body = {"sender": sender, "message": text}
                async with session.post(f"{stack.rasa_url}/webhooks/rest/webhook", json=body) as reply:
                    assert reply.status == 200
                    out.append((text, [without_open_status(m.get("text")) for m in await reply.json()]))
    finally:
        stack.stop()
    return out


async def test_the_window_answers_exactly_as_rasa_reading_the_whole_conversation(
    trained_model: Path, tmp_path: Path
) -> None:
    texts = MIXED * 3
    windowed = await replies_of(Stack.on_free_ports(trained_model, tmp_path / "windowed"), texts)
    whole = Stack.on_free_ports(trained_model, tmp_path / "whole")
    plain = tmp_path / "endpoints-sql.yml"  # Rasa's own SQL store: every event of the session read per message
    plain.write_text((ROOT / "endpoints.yml").read_text().replace(f"type: {WINDOWED}", "type: SQL"))
    assert plain.read_text() != (ROOT / "endpoints.yml").read_text()
    whole.rasa.command[whole.rasa.command.index("--endpoints") + 1] = str(plain)
    original = await replies_of(whole, texts)
    differ = [(i, w, o) for i, (w, o) in enumerate(zip(windowed, original, strict=True)) if w != o]
    assert not differ, differ[:3]
