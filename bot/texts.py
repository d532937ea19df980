"""Replies the bot renders itself (Rasa down, media, pickers) from the same responses/ files."""

from __future__ import annotations

from typing import Any

from actions.answers.runtime import Runtime
from actions.content.language_policy import LanguageDetector, choose_locale
from actions.content.locales import LOCALES, normalize_locale
from actions.content.store import ContentStore


class LocalTexts:
    """The action server's renderer and language policy, used inside the bot process."""

    def __init__(self, store: ContentStore, detector: LanguageDetector | None = None) -> None:
        self.runtime = Runtime(store=store, detector=detector or LanguageDetector())

    def locale_for(self, chosen: str | None, text: str = "", language_code: str | None = None) -> str:
        """DESIGN.md's policy for bot-side replies: choice, message language, Telegram hint, German."""
        state = {
            "slots": {"locale": chosen},
            "latest_message": {"text": text, "metadata": {"language_code": language_code}},
            "events": [],
        }
        return choose_locale(state, self.runtime.detector)

    def render(self, key: str, locale: str, **values: Any) -> dict[str, Any]:
        content = self.runtime.content
        merged = {**self.runtime.common_values(content, locale), **values}
        return content.catalog.render(key, locale, merged) or {"text": key, "buttons": []}

    def language_name(self, locale: str) -> str:
        return self.runtime.content.catalog.language_name(locale)

    def language_buttons(self) -> list[dict[str, str]]:
        """Native names for the picker, in the order of DESIGN.md's locales."""
        return [
            {"title": self.language_name(locale), "payload": f'/choose_language{{"language": "{locale}"}}'}
            for locale in LOCALES
        ]

    def district_buttons(self) -> list[dict[str, str]]:
        return [
            {"title": d.short_name, "payload": f'/inform_district{{"district": "{d.id}"}}'}
            for d in self.runtime.content.knowledge.districts
        ]


def chosen_locale_from_payload(payload: str) -> str | None:
    """The locale a /choose_language{"language": "xx"} button picks, if it is one."""
    if not payload.startswith("/choose_language"):
        return None
    import json

    try:
        value = json.loads(payload[len("/choose_language") :] or "{}").get("language")
    except ValueError:
        return None
    return value if value in LOCALES else normalize_locale(value)
