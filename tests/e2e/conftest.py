"""The real processes (action server + Rasa) on 127.0.0.1.

The model is trained once per test session into a temp dir (about 3 minutes
on 2 cores); set E2E_MODEL=path/to/model.tar.gz to reuse one while iterating.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from scripts.run import rasa_command
from scripts.stack_env import stack_env

from ..conftest import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Stack:
    rasa_url: str
    actions_url: str
    tracker_store_url: str
    processes: dict[str, subprocess.Popen[bytes]]


def _wait_for(
    url: str, deadline: float, process: subprocess.Popen[bytes], method: str = "GET", json: object = None
) -> None:
    async def poll() -> None:
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline:
                if process.poll() is not None:
                    raise RuntimeError(f"{url}: process exited with {process.returncode}")
                try:
                    async with session.request(method, url, json=json, timeout=aiohttp.ClientTimeout(total=5)) as reply:
                        if reply.status == 200 and (method == "GET" or await reply.json()):
                            return
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    pass
                await asyncio.sleep(0.5)
            raise TimeoutError(f"{url} not ready")

    asyncio.run(poll())


@pytest.fixture(scope="session")
def stack(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    actions_port, rasa_port = free_port(), free_port()
    logs = tmp_path_factory.mktemp("logs")
    data = tmp_path_factory.mktemp("var")
    overrides = {
        "ACTIONS_HOST": "127.0.0.1",
        "ACTIONS_PORT": str(actions_port),
        "ACTIONS_URL": f"http://127.0.0.1:{actions_port}",
        "TRACKER_STORE_URL": f"sqlite:///{data / 'tracker.db'}",
        "LOCK_STORE_TYPE": "in_memory",
    }
    env = stack_env({**os.environ, **overrides}, var_dir=data)
    processes: dict[str, subprocess.Popen[bytes]] = {}
    try:
        processes["actions"] = subprocess.Popen(
            [sys.executable, "-m", "actions.server"], cwd=ROOT, env=env,
            stdout=open(logs / "actions.log", "wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        processes["rasa"] = subprocess.Popen(
            rasa_command(trained_model, "127.0.0.1", rasa_port),
            cwd=ROOT, env=env, stdout=open(logs / "rasa.log", "wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 180
        _wait_for(f"http://127.0.0.1:{actions_port}/health", deadline, processes["actions"])
        _wait_for(
            f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook", deadline, processes["rasa"],
            method="POST", json={"sender": "readiness-probe", "message": "hallo"},
        )  # fmt: skip
        yield Stack(
            f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{actions_port}", env["TRACKER_STORE_URL"], processes
        )
    except Exception:
        for name in processes:
            print(f"--- {name} log ---\n" + (logs / f"{name}.log").read_text(errors="replace")[-4000:])
        raise
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
