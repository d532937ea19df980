"""Replies the bot renders itself (Rasa down, media, pickers, command menus) from the same responses/ files.

The bot keeps its own live copy of knowledge/ and responses/ (a ContentStore it watches
like the action server does) and renders through actions.content.rendering, the renderer
the action server's actions and NLG use.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

from actions.content.knowledge import Knowledge
from actions.content.language_policy import LanguageDetector, LightLanguageDetector, choose_locale
from actions.content.locales import LOCALES, normalize_locale
from actions.content.rendering import render
from actions.content.store import Content, ContentStore
from actions.settings import DEFAULTS, BotSettings


class LocalTexts:
    """The content, renderer and language policy of the action server, inside the bot process.

    The language policy is the server's (choose_locale); the detector is the light one
    (LightLanguageDetector), which keeps the bot's memory near 100 MB.
    """

    def __init__(
        self,
        store: ContentStore,
        detector: LanguageDetector | None = None,
        retention_days: int = int(DEFAULTS["RETENTION_DAYS"]),
    ) -> None:
        self.store = store
        self.detector = detector or LightLanguageDetector()
        self.retention_days = retention_days

    @classmethod
    def from_settings(cls, settings: BotSettings) -> LocalTexts:
        """The bot's copy of the content, loaded now: broken content stops the start, as in the action server."""
        store = ContentStore(settings.knowledge_dir, settings.responses_dir)
        store.load()
        return cls(store, retention_days=settings.retention_days)

    def start_watching(
        self, interval_seconds: float, on_change: Callable[[Content], Awaitable[None]] | None = None
    ) -> asyncio.Task[None] | None:
        """Follow staff edits of knowledge/ and responses/ as the action server does; the caller cancels the task.

        None when CONTENT_RELOAD_SECONDS is 0. Needs a running event loop.
        """
        if not interval_seconds:
            return None
        return asyncio.create_task(self.store.watch(interval_seconds, on_change), name="watch-content")

    @property
    def content(self) -> Content:
        """The current snapshot; a valid edit replaces it as a whole (see ContentStore.watch)."""
        return self.store.current

    @property
    def knowledge(self) -> Knowledge:
        return self.content.knowledge

    def locale_for(self, chosen: str | None, text: str = "", language_code: str | None = None) -> str:
        """The server's policy for bot-side replies: choice, message language, Telegram hint, German."""
        state = {
            "slots": {"locale": chosen},
            "latest_message": {"text": text, "metadata": {"language_code": language_code}},
            "events": [],
        }
        return choose_locale(state, self.detector)

    def render(self, key: str, locale: str, **values: Any) -> dict[str, Any]:
        rendered = render(self.content, key, locale, values, retention_days=self.retention_days)
        return rendered or {"text": key, "buttons": []}

    def language_name(self, locale: str) -> str:
        return self.content.catalog.language_name(locale)

    def language_buttons(self) -> list[dict[str, str]]:
        """Native names for the picker, in the order of the locales."""
        return [
            {"title": self.language_name(locale), "payload": f'/choose_language{{"language": "{locale}"}}'}
            for locale in LOCALES
        ]

    def district_buttons(self) -> list[dict[str, str]]:
        return [
            {"title": d.short_name, "payload": f'/inform_district{{"district": "{d.id}"}}'}
            for d in self.knowledge.districts
        ]


def chosen_locale_from_payload(payload: str) -> str | None:
    """The locale a /choose_language{"language": "xx"} button picks, if it is one."""
    if not payload.startswith("/choose_language"):
        return None
    try:
        value = json.loads(payload[len("/choose_language") :] or "{}").get("language")
    except ValueError:
        return None
    return value if value in LOCALES else normalize_locale(value)
