"""The action server's privacy duties: erase one conversation on request, purge old ones daily."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer

from actions.answers.runtime import Runtime
from actions.server.app import create_app
from actions.server.stored_conversations import EVENTS, SECONDS_PER_DAY, ConversationStore


def store_with(tmp_path: Path, *rows: tuple[str, float]) -> ConversationStore:
    """A tracker-store table with one user event per (sender, age in days)."""
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = sa.create_engine(url)
    EVENTS.metadata.create_all(engine)
    with engine.begin() as connection:
        for sender, days in rows:
            connection.execute(
                EVENTS.insert().values(
                    sender_id=sender, type_name="user", timestamp=time.time() - days * SECONDS_PER_DAY,
                    data=json.dumps({"event": "user", "text": "hallo"}),
                )
            )  # fmt: skip
    engine.dispose()
    return ConversationStore(url)


@pytest.fixture
async def client(runtime: Runtime, tmp_path: Path) -> AsyncIterator[TestClient]:
    store = store_with(tmp_path, ("tg-1", 0), ("tg-1", 0), ("tg-2", 0))
    app = create_app(runtime, reload_interval_seconds=None, conversations=store, api_token="s3cret")
    async with TestClient(TestServer(app)) as client:
        yield client


async def test_delete_erases_exactly_that_conversation(client: TestClient, tmp_path: Path) -> None:
    reply = await client.delete("/conversations/tg-1", headers={"Authorization": "Bearer s3cret"})
    assert reply.status == 200
    assert await reply.json() == {"deleted_events": 2}
    assert ConversationStore(f"sqlite:///{tmp_path / 'tracker.db'}").senders() == ["tg-2"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"}])
async def test_delete_needs_the_token(client: TestClient, tmp_path: Path, headers: dict[str, str]) -> None:
    reply = await client.delete("/conversations/tg-1", headers=headers)
    assert reply.status == 401
    assert sorted(ConversationStore(f"sqlite:///{tmp_path / 'tracker.db'}").senders()) == ["tg-1", "tg-2"]


async def test_without_a_tracker_store_delete_says_it_cannot(runtime: Runtime) -> None:
    async with TestClient(TestServer(create_app(runtime, reload_interval_seconds=None))) as client:
        reply = await client.delete("/conversations/tg-1")
        assert reply.status == 503


async def test_the_retention_job_purges_at_start(runtime: Runtime, tmp_path: Path) -> None:
    store = store_with(tmp_path, ("old", 31), ("new", 29))
    app = create_app(runtime, reload_interval_seconds=None, conversations=store, purge_interval_seconds=3600)
    async with TestClient(TestServer(app)):
        for _ in range(100):
            if store.senders() == ["new"]:
                break
            await asyncio.sleep(0.05)
        assert store.senders() == ["new"]
