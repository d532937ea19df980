"""The launcher (scripts/stack.py) without Rasa: taken ports, readiness of our own child, restarts and their limit.

Tiny `python -m http.server` processes stand in for the servers, so this runs in seconds
and needs no model; the real stack is in test_run.py.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from scripts.stack import (
    RestartBudget,
    Server,
    Supervisor,
    check_port_free,
    cpu_seconds,
    descendants,
    free_port,
    port_in_use,
)

from .conftest import ROOT


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class RecordingSupervisor(Supervisor):
    def __init__(self, log_dir: Path) -> None:
        super().__init__(echo=False, log_dir=log_dir, ready_timeout=20)
        self.messages: list[str] = []

    def say(self, message: str) -> None:
        self.messages.append(message)


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A socket listening on a free 127.0.0.1 port, as an old server would."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock


def web_server(port: int, directory: Path, name: str = "web") -> Server:
    return Server(
        name, [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(directory), str(port)],
        "127.0.0.1", port, "WEB_PORT", f"http://127.0.0.1:{port}/",
    )  # fmt: skip


def wait_for(condition: Callable[[], bool], timeout: float) -> float:
    """Seconds until `condition()` held; fails after `timeout` s."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < timeout, f"not within {timeout} s"
        time.sleep(0.05)
    return time.monotonic() - start


def test_restart_budget_allows_the_limit_within_the_window_then_refuses() -> None:
    clock = Clock()
    budget = RestartBudget(limit=3, window=300, clock=clock)
    assert [budget.take(), budget.take(), budget.take()] == [1, 2, 3]
    clock.now += 299
    assert budget.take() is None


def test_restart_budget_forgets_restarts_older_than_the_window() -> None:
    clock = Clock()
    budget = RestartBudget(limit=3, window=300, clock=clock)
    assert budget.take() == 1
    clock.now += 200
    assert [budget.take(), budget.take()] == [2, 3]
    clock.now += 100  # the first restart left the window
    assert budget.take() == 3
    assert budget.take() is None


def test_a_taken_port_is_refused_naming_port_variable_and_user(listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    assert port_in_use("127.0.0.1", port)
    with pytest.raises(SystemExit) as refused:
        check_port_free("127.0.0.1", port, "RASA_PORT")
    message = str(refused.value)
    assert f"Port {port} (RASA_PORT) on 127.0.0.1 is already in use by pid {os.getpid()}" in message
    assert "set RASA_PORT to a free port" in message
    listener.close()
    assert not port_in_use("127.0.0.1", port)
    check_port_free("127.0.0.1", port, "RASA_PORT")


@pytest.mark.parametrize(
    ("variable", "extra_env", "args"),
    [
        ("RASA_PORT", {}, ["--no-bot"]),
        ("ACTIONS_PORT", {}, ["--no-bot"]),
        (
            "TELEGRAM_WEBHOOK_PORT",
            {"TELEGRAM_BOT_TOKEN": "123:TEST", "TELEGRAM_WEBHOOK_URL": "https://bot.example/telegram",
             "TELEGRAM_WEBHOOK_SECRET": "s3cret"},
            [],
        ),
    ],
)  # fmt: skip
def test_make_run_with_a_taken_port_stops_before_starting_anything(
    variable: str, extra_env: dict[str, str], args: list[str], listener: socket.socket, tmp_path: Path
) -> None:
    models = tmp_path / "models"
    models.mkdir()
    (models / "current.tar.gz").write_bytes(b"never loaded: the port check comes first")
    env = {
        **os.environ,
        "MODELS_DIR": str(models),
        "ACTIONS_PORT": str(free_port()),
        "RASA_PORT": str(free_port()),
        "TELEGRAM_WEBHOOK_PORT": str(free_port()),
        "TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        **extra_env,
        variable: str(listener.getsockname()[1]),
    }
    for unset in ("ACTIONS_URL", "TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_URL"):
        if unset not in extra_env:
            env.pop(unset, None)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "scripts.run", "--model", str(models / "current.tar.gz"), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode != 0
    assert f"Port {listener.getsockname()[1]} ({variable}) on 127.0.0.1 is already in use" in result.stderr
    assert f"set {variable} to a free port" in result.stderr
    assert time.monotonic() - started < 30
    assert "Ready" not in result.stdout


def test_a_stale_server_on_the_port_does_not_pass_for_our_child(tmp_path: Path) -> None:
    port = free_port()
    stale = subprocess.Popen(web_server(port, tmp_path).command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    supervisor = Supervisor(echo=False, log_dir=tmp_path / "log")
    try:
        wait_for(lambda: port_in_use("127.0.0.1", port), timeout=10)
        # Ours never gets the port (like a Rasa still loading its model, or failing to bind) …
        supervisor.start("web", [sys.executable, "-c", "import time; time.sleep(30)"], dict(os.environ))
        with pytest.raises(SystemExit, match="web was not ready after 2 s"):
            supervisor.wait_ready("web", f"http://127.0.0.1:{port}/", timeout=2, port=port)
        # … or dies: its exit is reported, not the stale server's answer.
        supervisor.start("web", [sys.executable, "-c", "raise SystemExit(3)"], dict(os.environ))
        with pytest.raises(SystemExit, match="web exited with code 3"):
            supervisor.wait_ready("web", f"http://127.0.0.1:{port}/", timeout=10, port=port)
    finally:
        supervisor.stop_all()
        stale.kill()
        stale.wait()


def test_supervise_returns_the_exit_code_of_the_bot(tmp_path: Path) -> None:
    supervisor = RecordingSupervisor(tmp_path / "log")
    server = web_server(free_port(), tmp_path)
    try:
        supervisor.launch(server, dict(os.environ))
        bot = subprocess.Popen([sys.executable, "-c", "raise SystemExit(7)"])
        assert supervisor.supervise([server], dict(os.environ), bot) == 7
    finally:
        supervisor.stop_all()
    assert supervisor.messages == []


def test_a_dead_server_is_restarted_within_seconds_until_the_limit_then_everything_stops(tmp_path: Path) -> None:
    supervisor = RecordingSupervisor(tmp_path / "log")
    server = web_server(free_port(), tmp_path)
    env = dict(os.environ)
    bot = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    supervisor.children["bot"] = bot
    pool = ThreadPoolExecutor(max_workers=1)

    def said(text: str) -> Callable[[], bool]:
        return lambda: any(text in message for message in supervisor.messages)

    try:
        supervisor.launch(server, env)
        watching = pool.submit(supervisor.supervise, [server], env, bot, {"web": RestartBudget(limit=2, window=60)})
        for restart in (1, 2):
            old = supervisor.children["web"]
            os.killpg(old.pid, signal.SIGKILL)
            noticed = f"web exited with code -9 (SIGKILL); restarting ({restart}/2)"
            assert wait_for(said(noticed), timeout=5) < 5
            wait_for(lambda: "web is ready again" in supervisor.messages[-1], timeout=20)
            assert supervisor.children["web"].pid != old.pid
            assert supervisor.is_ready("web", server.health_url, server.port)
        os.killpg(supervisor.children["web"].pid, signal.SIGKILL)
        stopped = watching.exception(timeout=5)
        assert isinstance(stopped, SystemExit)
        assert "web exited with code -9 (SIGKILL) – more than 2 restarts within 1 min; stopping everything" in str(
            stopped
        )
    finally:
        supervisor.stop_all()
        pool.shutdown(wait=False)
    assert bot.poll() is not None


def test_cpu_seconds_counts_the_descendants_of_a_process() -> None:
    """make bench's CPU milliseconds per message: a worker's busy child counts for the process that started it."""
    # The child says when it has burnt its 0.4 s; waiting on the parent's total instead raced (the parent's own
    # start-up counts there too, CI saw the child at 0.37 s). /proc counts in clock ticks, hence the 0.02 s slack.
    burn = (
        "import time\nend = time.process_time() + 0.4\nwhile time.process_time() < end: pass\n"
        "print('burnt', flush=True)\ntime.sleep(30)"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", f"import subprocess, sys; subprocess.run([sys.executable, '-c', {burn!r}])"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert parent.stdout is not None
        assert parent.stdout.readline() == "burnt\n"
        children = descendants(parent.pid)
        assert len(children) == 1
        assert cpu_seconds(children[0]) >= 0.38
        assert cpu_seconds(parent.pid) >= cpu_seconds(children[0])
    finally:
        for pid in [*descendants(parent.pid), parent.pid]:
            os.kill(pid, signal.SIGKILL)
        parent.wait()
