"""The launcher: the action server, Rasa and the bot as processes, for everything that starts them.

`make run` / `make serve` (scripts/run.py, a thin command line over this), `make bench`,
the end-to-end and the resilience tests all start the stack through `Stack`:

- `free_port` for throwaway stacks (`Stack.on_free_ports`), `check_port_free` for fixed
  ones: a taken port is refused, naming the setting and who holds it (an old `make run`
  still listening would otherwise answer the health checks in place of the new server).
- One readiness rule (`Supervisor.is_ready`): our own child is alive, its health URL
  answers 200 (`GET /health` on the action server, `GET /` on Rasa, which listens only
  once its model is loaded) and, when /proc tells, the listener on its port is ours.
- `start_actions`, then `start_rasa` (each waits until ready), then `start_bot`: the
  terminal chat without TELEGRAM_BOT_TOKEN, else the Telegram bot. Each server's log
  lines go to <log_dir>/<name>.log, prefixed with its name on stdout when `echo`.
- `supervise`: a server that exits is noticed within a second and restarted, at most
  3 times within 5 minutes; then SystemExit. `stop` ends everything it started (process
  groups, SIGTERM then SIGKILL after 10 s): no orphans, Rasa's workers included.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from actions.settings import stack_env

ROOT = Path(__file__).resolve().parents[1]
LOCALHOST = "127.0.0.1"
STOP_GRACE_SECONDS = 10
READY_TIMEOUT_SECONDS = 180
POLL_SECONDS = 0.5
PORT_RELEASE_SECONDS = 10  # a killed server's socket closes as soon as its whole process group is gone
RESTART_LIMIT = 3
RESTART_WINDOW_SECONDS = 300


def free_port(host: str = LOCALHOST) -> int:
    """A TCP port nothing listens on right now (the OS picks it) for a throwaway server."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def rasa_command(model: Path | str, host: str, port: str | int) -> list[str]:
    """`rasa run` as every stack here starts it: REST channel only (no --enable-api), our endpoints,
    through scripts.rasa_server (Rasa with the speed patches of scripts/rasa_patches.py)."""
    return [
        sys.executable, "-m", "scripts.rasa_server", "run", "--model", str(model), "--endpoints", "endpoints.yml",
        "--credentials", "credentials.yml", "--interface", host, "--port", str(port),
    ]  # fmt: skip


@dataclass(frozen=True)
class Server:
    """A server the supervisor starts, health-checks and restarts.

    `port` is where it listens on `host` (`port_variable` is the setting to change when it is taken);
    `health_url` answers 200 once it is ready.
    """

    name: str
    command: list[str]
    host: str
    port: int
    port_variable: str
    health_url: str


class RestartBudget:
    """At most `limit` restarts within any `window` seconds: a rare crash is restarted, a crash loop stops."""

    def __init__(
        self,
        limit: int = RESTART_LIMIT,
        window: float = RESTART_WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.restarts: deque[float] = deque()  # clock() of the restarts still inside the window

    def take(self) -> int | None:
        """Record a restart now: its number within the window (1..limit), or None when the limit is used up."""
        now = self.clock()
        while self.restarts and now - self.restarts[0] >= self.window:
            self.restarts.popleft()
        if len(self.restarts) >= self.limit:
            return None
        self.restarts.append(now)
        return len(self.restarts)


def port_in_use(host: str, port: int) -> bool:
    """Whether a server binding `host`:`port` would fail with "address already in use"."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        return False  # a bad host is the server's to report
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            # As the servers do (asyncio, Sanic): a closed connection in TIME_WAIT is no conflict, a listener is.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    return True
    return False


def _listening_sockets(port: int) -> set[str]:
    """/proc fd link targets ("socket:[inode]") of the TCP sockets listening on `port`; empty off Linux."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()  # local address "HEXIP:HEXPORT", state (0A: LISTEN), inode
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                    found.add(f"socket:[{fields[9]}]")
    return found


def _pids_holding(sockets: set[str], process_group: int | None = None) -> list[int]:
    """Pids (of `process_group`, else any we may inspect) with one of `sockets` open."""
    holders = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # "pid (comm) state ppid pgrp …"; comm may contain spaces and parentheses.
            group = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[2])
            if process_group is not None and group != process_group:
                continue
            if any(str(fd.readlink()) in sockets for fd in (entry / "fd").iterdir()):
                holders.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile, or another user's
    return holders


def who_listens(port: int) -> str | None:
    """`pid 123 (python -m …)` for the process listening on `port` when /proc tells, else None."""
    for pid in _pids_holding(_listening_sockets(port)):
        with contextlib.suppress(OSError):
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").rstrip("\0").split("\0")
            command = " ".join([Path(argv[0]).name, *argv[1:]])
            return f"pid {pid} ({command[:80]}{'…' if len(command) > 80 else ''})"
    return None


def check_port_free(host: str, port: int, variable: str) -> None:
    """Raises SystemExit with what to do when `host`:`port` (the setting `variable`) is already in use."""
    if port_in_use(host, port):
        user = who_listens(port)
        raise SystemExit(
            f"Port {port} ({variable}) on {host} is already in use{f' by {user}' if user else ''} – stop the other "
            f"process (an old `make run`?) or set {variable} to a free port."
        )


def wait_until_port_free(host: str, port: int, seconds: float = PORT_RELEASE_SECONDS) -> None:
    """Gives a killed server's socket up to `seconds` to close (it does once its whole process group is gone)."""
    deadline = time.monotonic() + seconds
    while port_in_use(host, port) and time.monotonic() < deadline:
        time.sleep(0.2)


def env_port(env: Mapping[str, str], variable: str, default: str) -> int:
    """The port setting `variable` (else `default`); SystemExit naming the setting when it is no port number."""
    raw = env.get(variable) or default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise SystemExit(f"{variable} must be a port number (1-65535), got {raw!r}")
    return int(raw)


def rss_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) in MB of a process and its children."""
    total, peak = 0.0, 0.0
    for each in [pid, *descendants(pid)]:
        try:
            status = Path(f"/proc/{each}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        total += int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
        peak += int(fields.get("VmHWM", "0 kB").split()[0]) / 1024
    return total, peak


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process and its descendants have used so far, exited children they reaped
    included (/proc/<pid>/stat utime, stime, cutime, cstime)."""
    total = 0
    for each in [pid, *descendants(pid)]:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])  # fields 14-17 of proc(5), after pid and comm
    return total / os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    """The pids of a process's children, their children and so on (Rasa's Sanic workers)."""
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    result = [int(child) for child in found]
    for child in list(result):
        result += descendants(child)
    return result


def _exit_reason(returncode: int) -> str:
    """'exited with code 1', 'exited with code -9 (SIGKILL)'."""
    if returncode < 0:
        with contextlib.suppress(ValueError):
            return f"exited with code {returncode} ({signal.Signals(-returncode).name})"
    return f"exited with code {returncode}"


class Supervisor:
    """Child processes by name: servers in their own process group with their output logged, started, checked
    for readiness, restarted and stopped."""

    def __init__(
        self, echo: bool, log_dir: Path = ROOT / "var" / "log", ready_timeout: float = READY_TIMEOUT_SECONDS
    ) -> None:
        self.echo = echo
        self.children: dict[str, subprocess.Popen[bytes]] = {}
        self.groups: set[str] = set()  # children started in their own process group (servers)
        self.log_dir = log_dir
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.ready_timeout = ready_timeout

    def start(self, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.children[name] = process
        self.groups.add(name)
        assert process.stdout is not None
        threading.Thread(target=self._pump, args=(name, process.stdout), daemon=True).start()
        return process

    def _pump(self, name: str, stream: IO[bytes]) -> None:
        with (self.log_dir / f"{name}.log").open("ab") as log:
            for raw in iter(stream.readline, b""):
                log.write(raw)
                log.flush()
                if self.echo:
                    sys.stdout.write(f"{name:>8} | {raw.decode('utf-8', 'replace')}")
                    sys.stdout.flush()

    def say(self, message: str) -> None:
        """A supervisor message on stdout (in the chat too: a restart must not go unnoticed)."""
        print(f"{'run':>8} | {message}" if self.echo else message, flush=True)

    def log_path(self, name: str) -> str:
        """Where `name` logs, relative to the working directory when inside it (var/log/rasa.log)."""
        path = self.log_dir / f"{name}.log"
        with contextlib.suppress(ValueError):
            return str(path.resolve().relative_to(Path.cwd()))
        return str(path)

    def is_ready(self, name: str, url: str, port: int | None = None) -> bool:
        """Our child `name` is alive, `url` answers 200 and (when /proc tells) the listener on `port` is ours.

        The ownership check keeps a stale server on the same port from passing for ours.
        """
        process = self.children[name]
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status != 200:
                    return False
        except (urllib.error.URLError, OSError):
            return False
        if process.poll() is not None:  # answered by someone else while ours was dying
            return False
        if port is not None and (sockets := _listening_sockets(port)):
            return bool(_pids_holding(sockets, process_group=process.pid))
        return True

    def wait_ready(self, name: str, url: str, timeout: float | None = None, port: int | None = None) -> None:
        """Blocks until is_ready(); SystemExit when the child exits or `timeout` (s, default ready_timeout) passes."""
        timeout = self.ready_timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        process = self.children[name]
        while time.monotonic() < deadline:
            if self.is_ready(name, url, port):
                return
            if process.poll() is not None:
                raise SystemExit(f"{name} {_exit_reason(process.returncode)}; see {self.log_path(name)}")
            time.sleep(0.3)
        raise SystemExit(f"{name} was not ready after {timeout:.0f} s; see {self.log_path(name)}")

    def launch(self, server: Server, env: dict[str, str]) -> None:
        """Start `server` on its port and wait until it is ready; SystemExit when the port is taken or it fails."""
        check_port_free(server.host, server.port, server.port_variable)
        self.start(server.name, server.command, env)
        self.wait_ready(server.name, server.health_url, port=server.port)

    def supervise(
        self,
        servers: list[Server],
        env: dict[str, str],
        bot: subprocess.Popen[bytes] | None = None,
        budgets: dict[str, RestartBudget] | None = None,
    ) -> int:
        """Watch the launched `servers` every POLL_SECONDS and restart one that exits, within its budget.

        Returns the bot's exit code when it ends (without a bot, runs until interrupted). SystemExit when a
        server exits once more than its RestartBudget allows or is not ready `ready_timeout` s after a restart:
        never run on half-dead.
        """
        budgets = budgets if budgets is not None else {server.name: RestartBudget() for server in servers}
        starting: dict[str, float] = {}  # restarted servers not ready yet -> deadline (time.monotonic())
        while True:
            if bot is not None and bot.poll() is not None:
                return bot.returncode
            for server in servers:
                if self.children[server.name].poll() is not None:
                    self._restart(server, env, budgets[server.name])
                    starting[server.name] = time.monotonic() + self.ready_timeout
                elif server.name in starting:
                    if self.is_ready(server.name, server.health_url, server.port):
                        del starting[server.name]
                        self.say(f"{server.name} is ready again")
                    elif time.monotonic() > starting[server.name]:
                        raise SystemExit(
                            f"{server.name} was not ready {self.ready_timeout:.0f} s after a restart; stopping "
                            f"everything – see {self.log_path(server.name)}"
                        )
            time.sleep(POLL_SECONDS)

    def _restart(self, server: Server, env: dict[str, str], budget: RestartBudget) -> None:
        process = self.children[server.name]
        reason = _exit_reason(process.returncode)
        count = budget.take()
        if count is None:
            raise SystemExit(
                f"{server.name} {reason} – more than {budget.limit} restarts within {budget.window / 60:.0f} min; "
                f"stopping everything. See {self.log_path(server.name)}"
            )
        self.say(f"{server.name} {reason}; restarting ({count}/{budget.limit}) – log: {self.log_path(server.name)}")
        self.kill(server.name)  # its workers, if any, would keep the port
        wait_until_port_free(server.host, server.port)
        check_port_free(server.host, server.port, server.port_variable)
        self.start(server.name, server.command, env)

    def kill(self, name: str) -> None:
        """SIGKILL `name` (a server's whole process group) and reap it."""
        process = self.children[name]
        self._signal(name, process, signal.SIGKILL)
        process.wait()

    def _signal(self, name: str, process: subprocess.Popen[bytes], signum: int) -> None:
        """The whole process group of a server (even when its leader is gone), or just the process (the chat)."""
        with contextlib.suppress(ProcessLookupError):
            if name in self.groups:
                os.killpg(process.pid, signum)
            elif process.poll() is None:
                process.send_signal(signum)

    def stop_all(self) -> None:
        for name, process in self.children.items():
            self._signal(name, process, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for name, process in self.children.items():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._signal(name, process, signal.SIGKILL)
                process.wait()
            if name in self.groups:
                self._signal(name, process, signal.SIGKILL)  # workers that outlived their leader


class Stack:
    """The project's processes under one Supervisor, started in the order actions -> Rasa -> bot.

    `env` is complete (actions.settings.stack_env fills in the defaults); the servers listen where ACTIONS_HOST/PORT and
    RASA_HOST/PORT say, and Rasa loads `model`.
    """

    def __init__(
        self,
        model: Path | str,
        env: Mapping[str, str],
        *,
        log_dir: Path = ROOT / "var" / "log",
        echo: bool = False,
        ready_timeout: float = READY_TIMEOUT_SECONDS,
    ) -> None:
        self.model = Path(model)
        self.env = dict(env)
        self.supervisor = Supervisor(echo=echo, log_dir=log_dir, ready_timeout=ready_timeout)
        actions_host, rasa_host = self.env["ACTIONS_HOST"], self.env["RASA_HOST"]
        actions_port, rasa_port = env_port(self.env, "ACTIONS_PORT", "5055"), env_port(self.env, "RASA_PORT", "5005")
        self.actions = Server(
            "actions", [sys.executable, "-m", "actions.server"], actions_host, actions_port, "ACTIONS_PORT",
            f"{self.env['ACTIONS_URL']}/health",
        )  # fmt: skip
        self.rasa = Server(
            "rasa", rasa_command(self.model, rasa_host, rasa_port), rasa_host, rasa_port, "RASA_PORT",
            f"http://{rasa_host}:{rasa_port}/",
        )  # fmt: skip

    @classmethod
    def on_free_ports(cls, model: Path | str, var_dir: Path, extra_env: Mapping[str, str] | None = None) -> Stack:
        """A throwaway stack on free 127.0.0.1 ports with its SQLite tracker store, preferences and logs in
        `var_dir` (the environment, then `extra_env`, for everything else)."""
        actions_port, rasa_port = free_port(), free_port()
        overrides = {
            "ACTIONS_HOST": LOCALHOST,
            "ACTIONS_PORT": str(actions_port),
            "ACTIONS_URL": f"http://{LOCALHOST}:{actions_port}",
            "RASA_HOST": LOCALHOST,
            "RASA_PORT": str(rasa_port),
            "RASA_URL": f"http://{LOCALHOST}:{rasa_port}",
            "TRACKER_STORE_URL": f"sqlite:///{var_dir / 'tracker.db'}",
            "LOCK_STORE_TYPE": "in_memory",
            "PREFERENCES_PATH": str(var_dir / "preferences.json"),
        }
        env = stack_env({**os.environ, **overrides, **(extra_env or {})}, var_dir=var_dir)
        return cls(model, env, log_dir=var_dir / "log")

    @property
    def servers(self) -> list[Server]:
        return [self.actions, self.rasa]

    @property
    def rasa_url(self) -> str:
        return f"http://{self.rasa.host}:{self.rasa.port}"

    @property
    def actions_url(self) -> str:
        return self.env["ACTIONS_URL"]

    @property
    def tracker_store_url(self) -> str:
        return self.env["TRACKER_STORE_URL"]

    def check_ports(self, bot: bool = False) -> None:
        """SystemExit naming the setting when a port the stack needs is taken: the servers' and, with the `bot` in
        webhook mode (TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_URL set), the webhook's."""
        for server in self.servers:
            check_port_free(server.host, server.port, server.port_variable)
        if bot and self.env.get("TELEGRAM_BOT_TOKEN") and self.env.get("TELEGRAM_WEBHOOK_URL", "").strip():
            listen = self.env.get("TELEGRAM_WEBHOOK_LISTEN") or LOCALHOST
            check_port_free(listen, env_port(self.env, "TELEGRAM_WEBHOOK_PORT", "8443"), "TELEGRAM_WEBHOOK_PORT")

    def start_actions(self) -> None:
        """Start the action server and wait until it is ready; SystemExit when its port is taken or it fails."""
        self.supervisor.launch(self.actions, self.env)

    def start_rasa(self) -> None:
        """Start Rasa and wait until its model is loaded; SystemExit when its port is taken or it fails."""
        self.supervisor.launch(self.rasa, self.env)

    def start(self) -> None:
        """The action server, then Rasa, each ready before the next starts (Rasa calls the action server)."""
        self.start_actions()
        self.start_rasa()

    def start_bot(self, foreground: bool = False, **env: str) -> subprocess.Popen[bytes]:
        """`python -m bot` with the stack's environment plus `env`: the terminal chat without TELEGRAM_BOT_TOKEN,
        else the Telegram bot (polling, or webhook mode with TELEGRAM_WEBHOOK_URL/SECRET).

        In the `foreground` it shares this terminal (the chat of `make run`); else it logs to <log_dir>/bot.log
        like the servers. `stop` ends it either way.
        """
        command = [sys.executable, "-m", "bot"]
        if not foreground:
            return self.supervisor.start("bot", command, {**self.env, **env})
        bot = subprocess.Popen(command, cwd=ROOT, env={**self.env, **env})
        self.supervisor.children["bot"] = bot
        return bot

    def supervise(
        self, bot: subprocess.Popen[bytes] | None = None, budgets: dict[str, RestartBudget] | None = None
    ) -> int:
        """Restart a server that dies (Supervisor.supervise); the bot's exit code when it ends."""
        return self.supervisor.supervise(self.servers, self.env, bot, budgets)

    def kill(self, name: str) -> None:
        """kill -9 `name`'s whole process group, as a crash would, and wait until its port is free again."""
        self.supervisor.kill(name)
        for server in self.servers:
            if server.name == name:
                wait_until_port_free(server.host, server.port)

    def pid(self, name: str) -> int:
        return self.supervisor.children[name].pid

    def log(self, name: str) -> str:
        return (self.supervisor.log_dir / f"{name}.log").read_text(errors="replace")

    def stop(self) -> None:
        self.supervisor.stop_all()
