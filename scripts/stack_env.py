"""Environment defaults for the action server and Rasa (endpoints.yml needs every ${VAR} set).

One place for `make run`, `make serve`, the benchmarks and the end-to-end tests;
values already in the environment (or .env via the Makefile) win.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def stack_env(base: Mapping[str, str], var_dir: Path = ROOT / "var") -> dict[str, str]:
    env = {**base, "PYTHONPATH": str(ROOT)}
    env.setdefault("ACTIONS_HOST", "127.0.0.1")
    env.setdefault("ACTIONS_PORT", "5055")
    env.setdefault("RASA_HOST", "127.0.0.1")
    env.setdefault("RASA_PORT", "5005")
    env.setdefault("ACTIONS_URL", f"http://{env['ACTIONS_HOST']}:{env['ACTIONS_PORT']}")
    env.setdefault("TRACKER_STORE_URL", f"sqlite:///{var_dir / 'tracker.db'}")
    env.setdefault("LOCK_STORE_TYPE", "in_memory")
    env.setdefault("REDIS_HOST", "127.0.0.1")
    env.setdefault("REDIS_PORT", "6379")
    env.setdefault("REDIS_DB", "1")
    env.setdefault("REDIS_PASSWORD", "")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    if env["TRACKER_STORE_URL"].startswith("sqlite:///"):
        Path(env["TRACKER_STORE_URL"].removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return env


def retention_days(env: Mapping[str, str], override: int | None = None) -> int:
    """RETENTION_DAYS (default 30) or `override`; ValueError with a message naming the setting when it is bad."""
    raw = override if override is not None else (env.get("RETENTION_DAYS") or "30")
    try:
        days = int(raw)
    except ValueError:
        raise ValueError(f"RETENTION_DAYS must be a whole number of days, got {raw!r}") from None
    if days < 0:
        raise ValueError("The retention period cannot be negative")
    return days
