"""The Redis lock store from endpoints.yml against a real redis-server: what keeps replicas in order."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from .helpers import endpoints


def lock_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, redis_port: int):  # noqa: ANN201 - Rasa's type
    from rasa.core.lock_store import LockStore, RedisLockStore

    config = endpoints(monkeypatch, tmp_path, LOCK_STORE_TYPE="redis", REDIS_PORT=str(redis_port)).lock_store
    store = LockStore.create(config)
    assert isinstance(store, RedisLockStore)
    return store


def test_the_default_is_an_in_memory_lock_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from rasa.core.lock_store import InMemoryLockStore, LockStore

    config = endpoints(monkeypatch, tmp_path, LOCK_STORE_TYPE="in_memory").lock_store
    assert isinstance(LockStore.create(config), InMemoryLockStore)


async def test_two_replicas_take_turns_on_one_conversation(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, redis_port: int
) -> None:
    replica_a = lock_store(monkeypatch, tmp_path, redis_port)
    replica_b = lock_store(monkeypatch, tmp_path, redis_port)  # a second connection, as in a second Rasa
    order: list[str] = []
    a_holds_lock = asyncio.Event()

    async def first() -> None:
        async with replica_a.lock("tg-1", wait_time_in_seconds=0.01):
            order.append("a starts")
            a_holds_lock.set()
            await asyncio.sleep(0.3)
            order.append("a ends")

    async def second() -> None:
        await a_holds_lock.wait()
        async with replica_b.lock("tg-1", wait_time_in_seconds=0.01):
            order.append("b starts")

    async def other_conversation() -> None:
        await a_holds_lock.wait()
        async with replica_b.lock("tg-2", wait_time_in_seconds=0.01):
            order.append("other conversation")

    await asyncio.gather(first(), second(), other_conversation())
    assert order == ["a starts", "other conversation", "a ends", "b starts"]
    assert replica_a.get_lock("tg-1") is None  # released and cleaned up in Redis
