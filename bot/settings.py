"""Settings of the Telegram frontend, read from the environment (the token is never logged)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class SettingsError(SystemExit):
    """A required or malformed setting; stops the bot with a clear message."""


def bot_api_root(raw: str) -> str:
    """The Bot API server's root URL from TELEGRAM_API_BASE_URL.

    Accepts both forms people copy: the server root (`http://127.0.0.1:8081`) and
    python-telegram-bot's `base_url` form ending in `/bot` (`http://127.0.0.1:8081/bot`).
    Raises SettingsError for anything that is not an http(s) URL.
    """
    url = raw.strip().rstrip("/")
    parsed = urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise SettingsError(f"TELEGRAM_API_BASE_URL must be an http(s) URL such as http://127.0.0.1:8081, got {raw!r}")
    return url.removesuffix("/bot")


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from None


@dataclass(frozen=True)
class BotSettings:
    token: str | None = field(repr=False)
    rasa_url: str = "http://127.0.0.1:5005"
    actions_url: str = "http://127.0.0.1:5055"
    actions_api_token: str = field(default="", repr=False)
    api_base_url: str | None = None  # the Bot API server's root, without /bot (see bot_api_root)
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    rasa_timeout_seconds: float = 8.0
    max_text_chars: int = 1000
    retention_days: int = 30
    preferences_path: Path = PROJECT_ROOT / "var" / "preferences.json"
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    responses_dir: Path = PROJECT_ROOT / "responses"

    @classmethod
    def from_env(cls) -> BotSettings:
        env = os.environ
        webhook_url = env.get("TELEGRAM_WEBHOOK_URL", "").strip() or None
        secret = env.get("TELEGRAM_WEBHOOK_SECRET", "").strip() or None
        if webhook_url and not secret:
            raise SettingsError("TELEGRAM_WEBHOOK_URL is set but TELEGRAM_WEBHOOK_SECRET is not: set a random secret")
        return cls(
            token=env.get("TELEGRAM_BOT_TOKEN", "").strip() or None,
            rasa_url=env.get("RASA_URL", f"http://{env.get('RASA_HOST', '127.0.0.1')}:{env.get('RASA_PORT', '5005')}"),
            actions_url=env.get(
                "ACTIONS_URL", f"http://{env.get('ACTIONS_HOST', '127.0.0.1')}:{env.get('ACTIONS_PORT', '5055')}"
            ),
            actions_api_token=env.get("ACTIONS_API_TOKEN", "").strip(),
            api_base_url=bot_api_root(raw_api) if (raw_api := env.get("TELEGRAM_API_BASE_URL", "").strip()) else None,
            webhook_url=webhook_url,
            webhook_secret=secret,
            webhook_listen=env.get("TELEGRAM_WEBHOOK_LISTEN", "127.0.0.1"),
            webhook_port=int(_number("TELEGRAM_WEBHOOK_PORT", 8443)),
            rasa_timeout_seconds=_number("RASA_TIMEOUT_SECONDS", 8.0),
            max_text_chars=int(_number("MAX_TEXT_CHARS", 1000)),
            retention_days=int(_number("RETENTION_DAYS", 30)),
            preferences_path=Path(env.get("PREFERENCES_PATH", PROJECT_ROOT / "var" / "preferences.json")),
            knowledge_dir=Path(env.get("KNOWLEDGE_DIR", PROJECT_ROOT / "knowledge")),
            responses_dir=Path(env.get("RESPONSES_DIR", PROJECT_ROOT / "responses")),
        )
