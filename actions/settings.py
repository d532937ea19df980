"""Every setting of every process, read from the environment: one set of rules, one place for the defaults.

Standard library only (no Rasa, no rasa_sdk), so every process reads its settings here:

- `ActionSettings`: the action server (actions + NLG);
- `BotSettings`: the Telegram bot and the terminal chat;
- `StackSettings`: what `make run`'s launcher needs to start and check the processes;
- `stack_env`: the environment for child processes (it fills endpoints.yml's ${VARS});
- `retention_days`: RETENTION_DAYS for the staff tools (`make purge`, `make report`);
- `staff_groups`, `check_staff_districts`, `ticket_store_url`: the human handover (STAFF_GROUPS,
  TICKET_STORE_URL) for the bot and the staff tools.

Every default is in `DEFAULTS`; the README's configuration table lists them (tests/test_settings.py
checks that it does). Rules, the same for every variable: empty counts as unset; whole numbers
are whole (`30.5` days is refused); numbers are checked against their range; URLs are http(s).
A bad value stops the process with `SettingsError`, whose message names the variable and what it
expects. Secrets (tokens, passwords, a tracker store URL with its password) are fields with
repr=False and are never logged or quoted in an error.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parents[1]
VAR_DIR = PROJECT_ROOT / "var"

# The default of every setting, written as in the environment. Paths are relative to the
# project root (a path set in the environment is taken as given).
DEFAULTS: Mapping[str, str] = MappingProxyType(
    {
        # where the processes listen
        "RASA_HOST": "127.0.0.1",
        "RASA_PORT": "5005",
        "ACTIONS_HOST": "127.0.0.1",
        "ACTIONS_PORT": "5055",
        # content, model, files
        "KNOWLEDGE_DIR": "knowledge/",
        "RESPONSES_DIR": "responses/",
        "DOMAIN_PATH": "domain.yml",
        "MODELS_DIR": "models/",
        "PREFERENCES_PATH": "var/preferences.json",
        "CONTENT_RELOAD_SECONDS": "1",
        # privacy
        "RETENTION_DAYS": "30",
        "PURGE_INTERVAL_HOURS": "24",
        # Rasa's stores (endpoints.yml)
        "TRACKER_STORE_URL": "sqlite:///var/tracker.db",
        "LOCK_STORE_TYPE": "in_memory",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": "6379",
        "REDIS_DB": "1",
        "REDIS_PASSWORD": "",
        # the bot
        "TELEGRAM_WEBHOOK_LISTEN": "127.0.0.1",
        "TELEGRAM_WEBHOOK_PORT": "8443",
        "RASA_TIMEOUT_SECONDS": "8",
        "RASA_MAX_IN_FLIGHT": "8",
        "RASA_QUEUE_WARN_SECONDS": "60",
        "TELEGRAM_MAX_PENDING_UPDATES": "256",
        "MAX_TEXT_CHARS": "1000",
        # the human handover: staff groups per district and where tickets are kept
        "STAFF_GROUPS": "",
        "TICKET_STORE_URL": "sqlite:///var/tickets.db",
    }
)

# What `stack_env` fills in for the child processes: endpoints.yml's ${VARS} and the addresses.
_STACK_VARIABLES = (
    "ACTIONS_HOST", "ACTIONS_PORT", "RASA_HOST", "RASA_PORT",
    "LOCK_STORE_TYPE", "REDIS_HOST", "REDIS_PORT", "REDIS_DB", "REDIS_PASSWORD",
)  # fmt: skip
# Not settings but quiet children: TensorFlow and Rasa talk a lot at import.
_QUIET_CHILDREN = {"TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false"}

# RASA_MAX_IN_FLIGHT's upper bound: far above what one machine's Rasa processes serve at once (8 per process).
MAX_IN_FLIGHT_LIMIT = 1000
IN_FLIGHT = f"a whole number of requests, 1-{MAX_IN_FLIGHT_LIMIT}"
# TELEGRAM_MAX_PENDING_UPDATES' upper bound: python-telegram-bot handles at most this many updates at once (bot/app.py).
MAX_PENDING_LIMIT = 10_000

_WHOLE = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


class SettingsError(SystemExit):
    """A malformed or missing setting: stops the process with a message naming the variable and what it expects."""


# One set of rules ----------------------------------------------------------------------------


def _raw(env: Mapping[str, str], name: str) -> str:
    """The value as set, stripped; empty counts as unset."""
    return (env.get(name) or "").strip()


def _text(env: Mapping[str, str], name: str) -> str:
    return _raw(env, name) or DEFAULTS.get(name, "")


def setting_path(name: str, env: Mapping[str, str] = os.environ) -> Path:
    """A path setting (KNOWLEDGE_DIR, PREFERENCES_PATH, …): as set, else its default under the project root."""
    raw = _raw(env, name)
    return Path(raw) if raw else PROJECT_ROOT / DEFAULTS[name]


def _whole(env: Mapping[str, str], name: str, expected: str, minimum: int, maximum: int | None = None) -> int:
    return whole_number(name, _raw(env, name) or DEFAULTS[name], expected, minimum, maximum)


def whole_number(name: str, raw: str, expected: str, minimum: int, maximum: int | None = None) -> int:
    """`raw` as a whole number in [minimum, maximum]; SettingsError naming `name` and `expected` otherwise."""
    value = raw.strip()
    number = int(value) if _WHOLE.fullmatch(value) else None
    if number is None or number < minimum or (maximum is not None and number > maximum):
        raise SettingsError(f"{name} must be {expected}, got {raw!r}")
    return number


def _number(env: Mapping[str, str], name: str, expected: str, minimum: float, *, above: bool = False) -> float:
    """A decimal number ≥ minimum (> minimum with `above`); no inf, nan or exponents."""
    raw = _raw(env, name) or DEFAULTS[name]
    number = float(raw) if _DECIMAL.fullmatch(raw) else math.nan
    if not (number > minimum if above else number >= minimum):  # nan fails both
        raise SettingsError(f"{name} must be {expected}, got {raw!r}")
    return number


def _port(env: Mapping[str, str], name: str) -> int:
    return _whole(env, name, "a port number, 1-65535", 1, 65535)


def http_url(name: str, raw: str, example: str) -> str:
    """`raw` stripped when it is an http(s) URL; SettingsError naming `name` otherwise."""
    url = raw.strip()
    try:
        parsed = urlsplit(url)
    except ValueError:  # a broken [IPv6] host
        parsed = urlsplit("")
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise SettingsError(f"{name} must be an http(s) URL such as {example}, got {raw!r}")
    return url


def _service_url(env: Mapping[str, str], name: str, host: str, port: str) -> str:
    """RASA_URL / ACTIONS_URL as set, else built from the process's host and port settings."""
    raw = _raw(env, name)
    if raw:
        return http_url(name, raw, _default_url(DEFAULTS[host], DEFAULTS[port])).rstrip("/")
    return _default_url(_text(env, host), str(_port(env, port)))


def _retention(env: Mapping[str, str]) -> int:
    return _whole(env, "RETENTION_DAYS", "a whole number of days, 0 or more", 0)


def _reload_seconds(env: Mapping[str, str]) -> float:
    return _number(env, "CONTENT_RELOAD_SECONDS", "a number of seconds, 0 or more (0: never)", 0)


def _default_url(host: str, port: str) -> str:
    return f"http://{host}:{port}"


# The human handover ---------------------------------------------------------------------------

DEFAULT_STAFF_GROUP = "default"  # the STAFF_GROUPS key for questions without a district of their own
_STAFF_GROUPS_EXAMPLE = "nienburg=-1001234567890,default=-100333"
_DISTRICT_KEY = re.compile(r"[a-z0-9_-]+")
_GROUP_CHAT_ID = re.compile(r"-[0-9]+")
_TICKET_STORE_SCHEMES = re.compile(r"(sqlite|postgresql)(\+[a-z0-9_]+)?://", re.IGNORECASE)


def staff_groups(raw: str) -> dict[str, int]:
    """STAFF_GROUPS as {district id or "default": group chat id}; SettingsError naming the bad entry.

    Written as `district=chat id` pairs separated by commas. A group's chat id is negative
    (a private chat's is positive: tickets must never go to one person's chat). Whether the
    district ids exist is checked against knowledge/ by `check_staff_districts`.
    """
    groups: dict[str, int] = {}
    for part in raw.split(","):
        entry = part.strip()
        if not entry:
            continue
        key, sep, value = (piece.strip() for piece in entry.partition("="))
        if not sep or not _DISTRICT_KEY.fullmatch(key):
            raise SettingsError(f"STAFF_GROUPS entry {entry!r} must be district=chat id, e.g. {_STAFF_GROUPS_EXAMPLE}")
        if not _GROUP_CHAT_ID.fullmatch(value):
            raise SettingsError(
                f"STAFF_GROUPS entry {entry!r}: the chat id must be a group's id, a whole negative number "
                "such as -1001234567890"
            )
        if key in groups:
            raise SettingsError(f"STAFF_GROUPS entry {entry!r}: {key} is listed twice")
        groups[key] = int(value)
    return groups


def check_staff_districts(groups: Mapping[str, int], district_ids: Iterable[str]) -> None:
    """SettingsError naming the first STAFF_GROUPS entry whose district knowledge/ does not know."""
    known = sorted(district_ids)
    for key, chat_id in groups.items():
        if key != DEFAULT_STAFF_GROUP and key not in known:
            raise SettingsError(
                f"STAFF_GROUPS entry '{key}={chat_id}': unknown district '{key}' "
                f"(known: {', '.join(known)}, or {DEFAULT_STAFF_GROUP})"
            )


def ticket_store_url(env: Mapping[str, str] = os.environ) -> str:
    """TICKET_STORE_URL as set, else the SQLite file var/tickets.db under the project root.

    SettingsError when it is no SQLite or PostgreSQL SQLAlchemy URL; the value is never
    quoted (it may carry a database password).
    """
    raw = _raw(env, "TICKET_STORE_URL")
    if not raw:
        return f"sqlite:///{PROJECT_ROOT / 'var' / 'tickets.db'}"
    if not _TICKET_STORE_SCHEMES.match(raw):
        raise SettingsError(
            "TICKET_STORE_URL must be an SQLAlchemy URL such as sqlite:///var/tickets.db or "
            "postgresql://user:password@host:5432/db"
        )
    return raw


# The processes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionSettings:
    """The action server (python -m actions.server)."""

    host: str = DEFAULTS["ACTIONS_HOST"]
    port: int = int(DEFAULTS["ACTIONS_PORT"])
    knowledge_dir: Path = PROJECT_ROOT / DEFAULTS["KNOWLEDGE_DIR"]
    responses_dir: Path = PROJECT_ROOT / DEFAULTS["RESPONSES_DIR"]
    domain_path: Path = PROJECT_ROOT / DEFAULTS["DOMAIN_PATH"]
    retention_days: int = int(DEFAULTS["RETENTION_DAYS"])
    reload_interval_seconds: float = float(DEFAULTS["CONTENT_RELOAD_SECONDS"])
    # Empty: no stored conversations (DELETE /conversations answers 503, no purge). `make run`
    # and compose set it; it may carry a database password.
    tracker_store_url: str = field(default="", repr=False)
    api_token: str = field(default="", repr=False)
    purge_interval_hours: float = float(DEFAULTS["PURGE_INTERVAL_HOURS"])

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> ActionSettings:
        return cls(
            host=_text(env, "ACTIONS_HOST"),
            port=_port(env, "ACTIONS_PORT"),
            knowledge_dir=setting_path("KNOWLEDGE_DIR", env),
            responses_dir=setting_path("RESPONSES_DIR", env),
            domain_path=setting_path("DOMAIN_PATH", env),
            retention_days=_retention(env),
            reload_interval_seconds=_reload_seconds(env),
            tracker_store_url=_raw(env, "TRACKER_STORE_URL"),
            api_token=_raw(env, "ACTIONS_API_TOKEN"),
            purge_interval_hours=_number(env, "PURGE_INTERVAL_HOURS", "a number of hours, 0 or more (0: never)", 0),
        )


def bot_api_root(raw: str) -> str:
    """The Bot API server's root URL from TELEGRAM_API_BASE_URL.

    Accepts both forms people copy: the server root (`http://127.0.0.1:8081`) and
    python-telegram-bot's `base_url` form ending in `/bot` (`http://127.0.0.1:8081/bot`).
    Raises SettingsError for anything that is not an http(s) URL.
    """
    return http_url("TELEGRAM_API_BASE_URL", raw, "http://127.0.0.1:8081").rstrip("/").removesuffix("/bot")


@dataclass(frozen=True)
class BotSettings:
    """The Telegram bot and the terminal chat (python -m bot); the token is never logged."""

    token: str | None = field(repr=False)  # None: the terminal chat
    rasa_url: str = _default_url(DEFAULTS["RASA_HOST"], DEFAULTS["RASA_PORT"])
    actions_url: str = _default_url(DEFAULTS["ACTIONS_HOST"], DEFAULTS["ACTIONS_PORT"])
    actions_api_token: str = field(default="", repr=False)
    api_base_url: str | None = None  # the Bot API server's root, without /bot (see bot_api_root)
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_listen: str = DEFAULTS["TELEGRAM_WEBHOOK_LISTEN"]
    webhook_port: int = int(DEFAULTS["TELEGRAM_WEBHOOK_PORT"])
    rasa_timeout_seconds: float = float(DEFAULTS["RASA_TIMEOUT_SECONDS"])
    # Backpressure (bot/backpressure.py): requests to Rasa at once; the rest queue, and one queued longer is logged.
    rasa_max_in_flight: int = int(DEFAULTS["RASA_MAX_IN_FLIGHT"])
    rasa_queue_warn_seconds: float = float(DEFAULTS["RASA_QUEUE_WARN_SECONDS"])
    # Intake backpressure (bot/intake.py): updates taken from Telegram and not yet handled, at most.
    max_pending_updates: int = int(DEFAULTS["TELEGRAM_MAX_PENDING_UPDATES"])
    max_text_chars: int = int(DEFAULTS["MAX_TEXT_CHARS"])
    retention_days: int = int(DEFAULTS["RETENTION_DAYS"])
    preferences_path: Path = PROJECT_ROOT / DEFAULTS["PREFERENCES_PATH"]
    knowledge_dir: Path = PROJECT_ROOT / DEFAULTS["KNOWLEDGE_DIR"]
    responses_dir: Path = PROJECT_ROOT / DEFAULTS["RESPONSES_DIR"]
    reload_interval_seconds: float = float(DEFAULTS["CONTENT_RELOAD_SECONDS"])
    # The human handover: {district id or "default": staff group chat id}; empty: no handover.
    staff_groups: Mapping[str, int] = field(default_factory=dict)
    # May carry a database password.
    ticket_store_url: str = field(default=f"sqlite:///{PROJECT_ROOT / 'var' / 'tickets.db'}", repr=False)

    @property
    def secrets(self) -> list[str]:
        """The values a log line must never show."""
        try:
            store_password = urlsplit(self.ticket_store_url).password
        except ValueError:
            store_password = None
        return [s for s in (self.token, self.webhook_secret, self.actions_api_token, store_password) if s]

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> BotSettings:
        webhook_url = _raw(env, "TELEGRAM_WEBHOOK_URL")
        secret = _raw(env, "TELEGRAM_WEBHOOK_SECRET")
        if webhook_url and not secret:
            raise SettingsError("TELEGRAM_WEBHOOK_URL is set but TELEGRAM_WEBHOOK_SECRET is not: set a random secret")
        if webhook_url:
            webhook_url = http_url("TELEGRAM_WEBHOOK_URL", webhook_url, "https://bot.example.org/telegram")
        raw_api = _raw(env, "TELEGRAM_API_BASE_URL")
        in_flight = _whole(env, "RASA_MAX_IN_FLIGHT", IN_FLIGHT, 1, MAX_IN_FLIGHT_LIMIT)
        return cls(
            token=_raw(env, "TELEGRAM_BOT_TOKEN") or None,
            rasa_url=_service_url(env, "RASA_URL", "RASA_HOST", "RASA_PORT"),
            actions_url=_service_url(env, "ACTIONS_URL", "ACTIONS_HOST", "ACTIONS_PORT"),
            actions_api_token=_raw(env, "ACTIONS_API_TOKEN"),
            api_base_url=bot_api_root(raw_api) if raw_api else None,
            webhook_url=webhook_url or None,
            webhook_secret=secret or None,
            webhook_listen=_text(env, "TELEGRAM_WEBHOOK_LISTEN"),
            webhook_port=_port(env, "TELEGRAM_WEBHOOK_PORT"),
            rasa_timeout_seconds=_number(
                env, "RASA_TIMEOUT_SECONDS", "a number of seconds greater than 0", 0, above=True
            ),
            rasa_max_in_flight=in_flight,
            max_pending_updates=_whole(
                env,
                "TELEGRAM_MAX_PENDING_UPDATES",
                f"a whole number of updates, {in_flight}-{MAX_PENDING_LIMIT} (at least RASA_MAX_IN_FLIGHT)",
                in_flight,
                MAX_PENDING_LIMIT,
            ),
            rasa_queue_warn_seconds=_number(
                env, "RASA_QUEUE_WARN_SECONDS", "a number of seconds greater than 0", 0, above=True
            ),
            max_text_chars=_whole(env, "MAX_TEXT_CHARS", "a whole number of characters, 1 or more", 1),
            retention_days=_retention(env),
            preferences_path=setting_path("PREFERENCES_PATH", env),
            knowledge_dir=setting_path("KNOWLEDGE_DIR", env),
            responses_dir=setting_path("RESPONSES_DIR", env),
            reload_interval_seconds=_reload_seconds(env),
            staff_groups=staff_groups(_raw(env, "STAFF_GROUPS")),
            ticket_store_url=ticket_store_url(env),
        )


@dataclass(frozen=True)
class StackSettings:
    """What `make run`'s launcher checks before it starts anything: addresses, ports, the model folder."""

    actions_host: str
    actions_port: int
    actions_url: str
    rasa_host: str
    rasa_port: int
    models_dir: Path
    terminal_chat: bool  # no TELEGRAM_BOT_TOKEN
    webhook_listen: str | None  # None: polling (or the terminal chat), no port to check
    webhook_port: int

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> StackSettings:
        terminal_chat = not _raw(env, "TELEGRAM_BOT_TOKEN")
        webhook = not terminal_chat and bool(_raw(env, "TELEGRAM_WEBHOOK_URL"))
        return cls(
            actions_host=_text(env, "ACTIONS_HOST"),
            actions_port=_port(env, "ACTIONS_PORT"),
            actions_url=_service_url(env, "ACTIONS_URL", "ACTIONS_HOST", "ACTIONS_PORT"),
            rasa_host=_text(env, "RASA_HOST"),
            rasa_port=_port(env, "RASA_PORT"),
            models_dir=setting_path("MODELS_DIR", env),
            terminal_chat=terminal_chat,
            webhook_listen=_text(env, "TELEGRAM_WEBHOOK_LISTEN") if webhook else None,
            webhook_port=_port(env, "TELEGRAM_WEBHOOK_PORT"),
        )


def stack_env(base: Mapping[str, str], var_dir: Path = VAR_DIR) -> dict[str, str]:
    """The environment for the child processes: `base` with the defaults endpoints.yml's ${VARS} need.

    One place for `make run`, `make serve`, the staff tools, the benchmarks and the end-to-end
    tests; values set in `base` (the environment, or .env through the Makefile) win. The SQLite
    tracker store's folder (`var_dir`) is created.
    """
    env = {**base, "PYTHONPATH": str(PROJECT_ROOT)}
    defaults = {name: DEFAULTS[name] for name in _STACK_VARIABLES}
    defaults["TRACKER_STORE_URL"] = f"sqlite:///{var_dir / 'tracker.db'}"
    for name, default in defaults.items():
        if not _raw(env, name):
            env[name] = default
    if not _raw(env, "ACTIONS_URL"):
        env["ACTIONS_URL"] = _default_url(env["ACTIONS_HOST"], env["ACTIONS_PORT"])
    for name, value in _QUIET_CHILDREN.items():
        env.setdefault(name, value)
    if env["TRACKER_STORE_URL"].startswith("sqlite:///"):
        Path(env["TRACKER_STORE_URL"].removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return env


def retention_days(env: Mapping[str, str] = os.environ, override: int | None = None) -> int:
    """RETENTION_DAYS (default 30), or `override` (a tool's --days); SettingsError when it is bad."""
    if override is not None:
        return whole_number("--days", str(override), "a whole number of days, 0 or more", 0)
    return _retention(env)
