"""Settings of the action server (actions + NLG), read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from None


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a number, got {raw!r}") from None


@dataclass(frozen=True)
class ActionSettings:
    host: str
    port: int
    knowledge_dir: Path
    responses_dir: Path
    domain_path: Path
    retention_days: int
    reload_interval_seconds: float
    tracker_store_url: str = field(default="", repr=False)  # may carry a database password
    api_token: str = field(default="", repr=False)
    purge_interval_hours: float = 24.0
    timezone: str = "Europe/Berlin"

    @classmethod
    def from_env(cls) -> ActionSettings:
        return cls(
            host=os.environ.get("ACTIONS_HOST", "127.0.0.1"),
            port=_int("ACTIONS_PORT", 5055),
            knowledge_dir=Path(os.environ.get("KNOWLEDGE_DIR", PROJECT_ROOT / "knowledge")),
            responses_dir=Path(os.environ.get("RESPONSES_DIR", PROJECT_ROOT / "responses")),
            domain_path=Path(os.environ.get("DOMAIN_PATH", PROJECT_ROOT / "domain.yml")),
            retention_days=_int("RETENTION_DAYS", 30),
            reload_interval_seconds=_float("CONTENT_RELOAD_SECONDS", 1.0),
            tracker_store_url=os.environ.get("TRACKER_STORE_URL", "").strip(),
            api_token=os.environ.get("ACTIONS_API_TOKEN", "").strip(),
            purge_interval_hours=_float("PURGE_INTERVAL_HOURS", 24.0),
        )
