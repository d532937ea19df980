"""What actions and the NLG endpoint share: content, language detector, clock.

The action server builds one and passes it to every action (actions.answers.all_actions)
and to the NLG endpoint; tests pass their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from actions.content.formatting import join_list, language_names
from actions.content.knowledge import Knowledge
from actions.content.language_policy import LanguageDetector
from actions.content.store import Content, ContentStore
from actions.settings import ActionSettings

BERLIN = ZoneInfo("Europe/Berlin")


def berlin_now() -> dt.datetime:
    return dt.datetime.now(BERLIN)


@dataclass
class Runtime:
    store: ContentStore
    detector: LanguageDetector = field(default_factory=LanguageDetector)
    clock: Callable[[], dt.datetime] = berlin_now
    retention_days: int = 30

    @classmethod
    def from_settings(cls, settings: ActionSettings) -> Runtime:
        store = ContentStore(settings.knowledge_dir, settings.responses_dir, settings.domain_path)
        return cls(store=store, retention_days=settings.retention_days)

    @property
    def content(self) -> Content:
        return self.store.current

    def now(self) -> dt.datetime:
        """The current time in Europe/Berlin, whatever clock the runtime was given."""
        return self.clock().astimezone(BERLIN)

    def common_values(self, content: Content, locale: str) -> dict[str, Any]:
        """Placeholders any template may use, filled from the knowledge snapshot."""
        return dict(_common_values(content, locale, self.retention_days))


def _numbers(knowledge: Knowledge, topic: str, emergency: bool | None = None) -> str:
    found = [
        h.phone.international
        for h in knowledge.hotlines
        if topic in h.topics and (emergency is None or h.emergency == emergency)
    ]
    return " / ".join(found)


@lru_cache(maxsize=64)
def _common_values(content: Content, locale: str, retention_days: int) -> tuple[tuple[str, Any], ...]:
    knowledge = content.knowledge
    multilingual = next((h for h in knowledge.hotlines if h.languages and not h.emergency), None)
    easy_name = content.catalog.language_name("de-simple")
    values = {
        "districts": join_list([d.short_name for d in knowledge.districts], locale),
        "emergency_number": _numbers(knowledge, "medical_emergency", emergency=True),
        "police_number": _numbers(knowledge, "police", emergency=True),
        "women_helpline_number": _numbers(knowledge, "violence_against_women", emergency=True),
        "crisis_line_numbers": _numbers(knowledge, "crisis", emergency=True),
        "medical_on_call_number": _numbers(knowledge, "medical", emergency=False),
        "multilingual_hotline_number": multilingual.phone.international if multilingual else "",
        "hotline_languages": join_list(language_names(multilingual.languages, locale, easy_name), locale)
        if multilingual
        else "",
        "retention_days": retention_days,
    }
    return tuple(values.items())
