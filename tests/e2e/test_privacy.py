"""Privacy through the real processes: Rasa stores the conversation, /delete_me and the purge remove it."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import aiohttp
import pytest

from actions.server.stored_conversations import ConversationStore
from scripts.stack import Stack

from ..conftest import ROOT
from .test_rest import ask

pytestmark = pytest.mark.slow


async def test_delete_conversation_removes_what_rasa_stored(stack: Stack) -> None:
    sender, other = f"e2e-del-{uuid.uuid4().hex[:8]}", f"e2e-keep-{uuid.uuid4().hex[:8]}"
    store = ConversationStore(stack.tracker_store_url)
    async with aiohttp.ClientSession() as session:
        await ask(session, stack, sender, "Ich wohne in Uslar, mein Name ist Amira")
        await ask(session, stack, other, "hotline arabisch")
        assert {sender, other} <= set(store.senders())

        async with session.delete(f"{stack.actions_url}/conversations/{sender}") as reply:
            assert reply.status == 200
            assert (await reply.json())["deleted_events"] > 0
        assert sender not in store.senders()
        assert other in store.senders()
        assert not any("Amira" in m.text for m in store.user_messages(since=0))

        # The user can go on: Rasa starts a fresh conversation (the district is forgotten too).
        replies = await ask(session, stack, sender, "Wen kann ich wegen Integration anrufen?")
        assert any(r.get("buttons") for r in replies), "expected the district question again"
    store.dispose()


def test_make_purge_deletes_stored_conversations(stack: Stack) -> None:
    store = ConversationStore(stack.tracker_store_url)
    assert store.senders(), "earlier tests should have left conversations"
    env = {**os.environ, "TRACKER_STORE_URL": stack.tracker_store_url, "PREFERENCES_PATH": "/nonexistent/p.json"}
    result = subprocess.run(
        [sys.executable, "-m", "scripts.purge", "--days", "0"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "events older than 0 days deleted" in result.stdout
    assert store.senders() == []
    store.dispose()
