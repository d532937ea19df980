"""`make run` / `make serve`: a small supervisor for the action server, Rasa and the bot.

Starts the action server, waits until it answers, starts Rasa, waits until its
model is loaded, then runs the bot in the foreground (the terminal chat when no
TELEGRAM_BOT_TOKEN is set). Each server's log lines are prefixed with its name;
in the terminal chat they go to var/log/<name>.log only, so the chat stays
readable. Ctrl-C, SIGTERM or the end of the chat stops everything it started
(process groups, SIGTERM then SIGKILL after 10 s): no orphans.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO

from scripts.stack_env import stack_env

ROOT = Path(__file__).resolve().parents[1]
STOP_GRACE_SECONDS = 10
READY_TIMEOUT_SECONDS = 180


def rasa_command(model: Path | str, host: str, port: str | int) -> list[str]:
    """`rasa run` as every stack here starts it: REST channel only (no --enable-api), our endpoints,
    through scripts.rasa_server (Rasa with the jsonschema fix)."""
    return [
        sys.executable, "-m", "scripts.rasa_server", "run", "--model", str(model), "--endpoints", "endpoints.yml",
        "--credentials", "credentials.yml", "--interface", host, "--port", str(port),
    ]  # fmt: skip


class Supervisor:
    def __init__(self, echo: bool, log_dir: Path = ROOT / "var" / "log") -> None:
        self.echo = echo
        self.children: dict[str, subprocess.Popen[bytes]] = {}
        self.log_dir = log_dir
        self.log_dir.mkdir(parents=True, exist_ok=True)

    def start(self, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.children[name] = process
        assert process.stdout is not None
        threading.Thread(target=self._pump, args=(name, process.stdout), daemon=True).start()
        return process

    def _pump(self, name: str, stream: IO[bytes]) -> None:
        with open(self.log_dir / f"{name}.log", "ab") as log:
            for raw in iter(stream.readline, b""):
                log.write(raw)
                log.flush()
                if self.echo:
                    sys.stdout.write(f"{name:>8} | {raw.decode('utf-8', 'replace')}")
                    sys.stdout.flush()

    def wait_ready(self, name: str, url: str, timeout: float = READY_TIMEOUT_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        process = self.children[name]
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"{name} exited with {process.returncode}; see {self.log_dir / name}.log")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        raise SystemExit(f"{name} was not ready after {timeout:.0f} s; see {self.log_dir / name}.log")

    def stop_all(self) -> None:
        for process in self.children.values():
            if process.poll() is None:
                _signal(process, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process in self.children.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal(process, signal.SIGKILL)
                process.wait()


def _signal(process: subprocess.Popen[bytes], signum: int) -> None:
    """The whole process group of a server (its own session), or just the process (the terminal chat)."""
    try:
        if os.getpgid(process.pid) == process.pid:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
    except ProcessLookupError:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-bot", action="store_true", help="only the action server and Rasa (make serve)")
    parser.add_argument("--model", default="models/current.tar.gz")
    args = parser.parse_args(argv)
    model = (ROOT / args.model).resolve()
    models_dir = Path(os.environ.get("MODELS_DIR") or ROOT / "models").resolve()
    if not model.is_relative_to(models_dir) or not model.is_file():
        # A model archive is code Rasa executes: only load what this project trained.
        raise SystemExit(f"{args.model}: not a trained model in {models_dir} (make train builds models/current.tar.gz)")

    env = stack_env(os.environ)
    terminal_chat = not args.no_bot and not env.get("TELEGRAM_BOT_TOKEN")
    supervisor = Supervisor(echo=not terminal_chat)

    def on_signal(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        supervisor.start("actions", [sys.executable, "-m", "actions.server"], env)
        supervisor.wait_ready("actions", f"{env['ACTIONS_URL']}/health")
        supervisor.start("rasa", rasa_command(model, env["RASA_HOST"], env["RASA_PORT"]), env)
        if terminal_chat:
            print("Starting the action server and Rasa (about 30 s)… logs: var/log/", flush=True)
        supervisor.wait_ready("rasa", f"http://{env['RASA_HOST']}:{env['RASA_PORT']}/")
        if args.no_bot:
            print(f"Ready: Rasa REST on http://{env['RASA_HOST']}:{env['RASA_PORT']}/webhooks/rest/webhook", flush=True)
            while all(p.poll() is None for p in supervisor.children.values()):
                time.sleep(0.5)
            return 1
        # In the foreground with the terminal (no pipes), but stopped with the rest.
        bot = subprocess.Popen([sys.executable, "-m", "bot"], cwd=ROOT, env=env)
        supervisor.children["bot"] = bot
        return bot.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        supervisor.stop_all()


if __name__ == "__main__":
    sys.exit(main())
