"""Conversations as Rasa stores them (the tracker store of endpoints.yml): erase one, purge old, read for the report.

Run against SQLite (the default) and a real PostgreSQL server (docker-compose's store): fixtures in conftest.py.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from actions.server.stored_conversations import SECONDS_PER_DAY, ConversationStore

NOW = time.time()


def conversation(sender: str, days_ago: float, *texts: str, locale: str = "de") -> Any:
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    start = NOW - days_ago * SECONDS_PER_DAY
    events: list[Any] = [
        ActionExecuted("action_session_start", timestamp=start),
        SessionStarted(timestamp=start),
        ActionExecuted("action_listen", timestamp=start),
    ]
    for offset, text in enumerate(texts, start=1):
        intent = {"name": "nlu_fallback" if text.startswith("?") else "ask_contact", "confidence": 0.9}
        events += [
            UserUttered(
                text,
                intent=intent,
                parse_data={"intent": intent, "text": text},
                metadata={"locale": locale},
                timestamp=start + offset,
            ),  # fmt: skip
            BotUttered("…", timestamp=start + offset + 0.5),
            ActionExecuted("action_listen", timestamp=start + offset + 0.6),
        ]
    return DialogueStateTracker.from_events(sender, events)


async def test_deleting_a_conversation_removes_every_event_of_that_user_only(rasa_store: Any, store_url: str) -> None:
    await rasa_store.save(conversation("tg-1", 0.1, "Telefonnummer Nienburg"))
    await rasa_store.save(conversation("tg-2", 0.1, "hotline arabisch"))
    conversations = ConversationStore(store_url)
    assert sorted(conversations.senders()) == ["tg-1", "tg-2"]

    assert conversations.delete("tg-1") == 6  # session start, listen, user, bot, listen…
    assert conversations.senders() == ["tg-2"]
    assert await rasa_store.retrieve("tg-1") is None  # Rasa starts afresh
    remaining = await rasa_store.retrieve("tg-2")
    assert remaining is not None
    assert remaining.latest_message.text == "hotline arabisch"
    assert conversations.delete("tg-1") == 0
    conversations.dispose()


async def test_purge_deletes_what_is_older_than_the_retention_period(rasa_store: Any, store_url: str) -> None:
    await rasa_store.save(conversation("old", 45, "alte frage"))
    await rasa_store.save(conversation("recent", 3, "neue frage"))
    conversations = ConversationStore(store_url)

    result = conversations.purge(retention_days=30)
    assert (result.events, result.conversations) == (6, 1)
    assert conversations.senders() == ["recent"]
    assert await rasa_store.retrieve("old") is None
    assert conversations.purge(retention_days=30).events == 0
    assert conversations.purge(retention_days=0).conversations == 1
    assert conversations.senders() == []
    conversations.dispose()


async def test_the_report_reads_user_messages_of_the_window_without_sender_ids(rasa_store: Any, store_url: str) -> None:
    await rasa_store.save(conversation("a", 40, "zu alt"))
    await rasa_store.save(conversation("b", 2, "Öffnungszeiten?", "?wetter morgen", locale="ar"))
    conversations = ConversationStore(store_url)
    messages = list(conversations.user_messages(since=NOW - 30 * SECONDS_PER_DAY))
    assert [(m.text, m.intent, m.metadata) for m in messages] == [
        ("Öffnungszeiten?", "ask_contact", {"locale": "ar"}),
        ("?wetter morgen", "nlu_fallback", {"locale": "ar"}),
    ]
    assert not any(value == "b" for m in messages for value in vars(m).values())
    conversations.dispose()


def test_a_store_rasa_has_not_created_yet_is_empty(tmp_path: Path) -> None:
    conversations = ConversationStore(f"sqlite:///{tmp_path / 'none.db'}")
    assert conversations.delete("x") == 0
    assert conversations.purge(30).events == 0
    assert list(conversations.user_messages(0)) == []
