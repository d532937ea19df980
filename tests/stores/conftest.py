"""Throwaway PostgreSQL and Redis servers on free loopback ports, one per test session.

The servers come from Debian's postgresql and redis-server packages
(scripts/install-services.sh, which .ci/run calls). When they are missing the
tests fail with that advice instead of skipping, so CI cannot go green
without having exercised the real stores.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

INSTALL_ADVICE = "run scripts/install-services.sh (Debian: apt-get install postgresql redis-server)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    if not found[-1]:
        pytest.fail(f"PostgreSQL server binary {name!r} not found: {INSTALL_ADVICE}", pytrace=False)
    return found[-1]


def _as_postgres_user(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; CI containers often are root.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
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
        shutil.chown(base, "postgres")
        shutil.chown(sockets, "postgres")
    created = subprocess.run(
        _as_postgres_user([initdb, "-D", str(data), "-U", "rasa", "--auth=trust", "-E", "UTF8", "--no-sync"]),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    if created.returncode:
        pytest.fail(f"initdb failed:\n{created.stdout[-2000:]}")
    port = free_port()
    with open(log, "wb") as log_file:
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


@pytest.fixture(scope="session")
def redis_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    server = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else "")
    if not server:
        pytest.fail(f"redis-server not found: {INSTALL_ADVICE}", pytrace=False)
    port = free_port()
    log = tmp_path_factory.mktemp("redis") / "redis.log"
    with open(log, "wb") as log_file:
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
