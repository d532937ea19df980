"""`make run` (scripts/run.py) as a newcomer uses it: terminal chat, a real answer, a Rasa crash restarted,
Ctrl-C leaves nothing behind. Taken ports and the restart logic without Rasa: test_stack.py."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from scripts.stack import free_port

from .conftest import ROOT

pytestmark = pytest.mark.slow


def processes_with(marker: str) -> list[int]:
    """Pids whose environment carries `marker` (everything the supervisor started inherits it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def pid_running(marker: str, module: str) -> int:
    """The one process carrying `marker` that runs `python -m module`."""
    found = []
    for pid in processes_with(marker):
        try:
            if f"-m\0{module}\0".encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
        except OSError:
            continue
    assert len(found) == 1, found
    return found[0]


def read_until(process: subprocess.Popen[bytes], needle: str, timeout: float) -> str:
    assert process.stdout is not None
    seen = ""
    deadline = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            chunk = os.read(process.stdout.fileno(), 65536).decode("utf-8", "replace")
            if not chunk:
                break
            seen += chunk
    return seen


def test_terminal_chat_answers_survives_a_rasa_crash_and_ctrl_c_leaves_no_process(
    trained_model: Path, tmp_path: Path
) -> None:
    marker = f"RUN_TEST_{uuid.uuid4().hex}"
    env = {
        **os.environ,
        marker: "1",
        "MODELS_DIR": str(trained_model.parent),
        "ACTIONS_PORT": str(free_port()),
        "RASA_PORT": str(free_port()),
        "TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        "PREFERENCES_PATH": str(tmp_path / "preferences.json"),
    }
    env.pop("ACTIONS_URL", None)
    env.pop("TELEGRAM_BOT_TOKEN", None)
    run = subprocess.Popen(
        [sys.executable, "-m", "scripts.run", "--model", str(trained_model)],
        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, like a terminal's foreground job
    )  # fmt: skip
    try:
        assert "type your question" in read_until(run, "type your question", timeout=240)
        assert run.stdin is not None
        run.stdin.write(b"Wie ist die Telefonnummer der Migrationsberatung in Nienburg?\n")
        run.stdin.flush()
        assert "+49 5021 967686" in read_until(run, "+49 5021 967686", timeout=60)
        assert len(processes_with(marker)) >= 3  # supervisor, action server, Rasa, terminal chat

        os.killpg(pid_running(marker, "scripts.rasa_server"), signal.SIGKILL)  # Rasa crashes
        crashed = time.monotonic()
        noticed = "rasa exited with code -9 (SIGKILL); restarting (1/3)"
        assert noticed in read_until(run, noticed, timeout=5)
        assert time.monotonic() - crashed < 5
        assert "rasa is ready again" in read_until(run, "rasa is ready again", timeout=180)
        run.stdin.write(b"Wie ist die Telefonnummer der Migrationsberatung in Nienburg?\n")  # answered again
        run.stdin.flush()
        assert "+49 5021 967686" in read_until(run, "+49 5021 967686", timeout=60)

        os.killpg(run.pid, signal.SIGINT)  # Ctrl-C
        assert run.wait(timeout=30) == 0
        deadline = time.monotonic() + 15
        while processes_with(marker) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert processes_with(marker) == []
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
        for pid in processes_with(marker):
            os.kill(pid, signal.SIGKILL)


def test_a_model_from_elsewhere_is_refused(tmp_path: Path) -> None:
    stray = tmp_path / "model.tar.gz"
    stray.write_bytes(b"not ours")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.run", "--model", str(stray)],
        cwd=ROOT, env={**os.environ, "MODELS_DIR": str(ROOT / "models")}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    assert "not a trained model in" in result.stderr
