"""What actions and the NLG endpoint share (both render replies): content, language detector, emergency
classifier, clock, retention period.

The action server builds one and passes it to every action (actions.answers.all_actions)
and to the NLG endpoint; tests pass their own. Rendering itself is actions.content.rendering,
which the bot uses too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from actions.content.knowledge.names import contact_names, place_names
from actions.content.language_policy import LanguageDetector
from actions.content.safety_model import EmergencyClassifier
from actions.content.store import Content, ContentStore
from actions.settings import DEFAULTS, ActionSettings

BERLIN = ZoneInfo("Europe/Berlin")


def berlin_now() -> dt.datetime:
    return dt.datetime.now(BERLIN)


@dataclass
class Runtime:
    store: ContentStore
    detector: LanguageDetector = field(default_factory=LanguageDetector)
    safety: EmergencyClassifier = field(default_factory=EmergencyClassifier)
    clock: Callable[[], dt.datetime] = berlin_now
    retention_days: int = int(DEFAULTS["RETENTION_DAYS"])

    @classmethod
    def from_settings(cls, settings: ActionSettings) -> Runtime:
        store = ContentStore(settings.knowledge_dir, settings.responses_dir, settings.domain_path)
        return cls(store=store, retention_days=settings.retention_days)

    @property
    def content(self) -> Content:
        return self.store.current

    def load(self) -> Content:
        """Load and validate the content now (ProblemsError on broken content: refuse to start),
        and leave its place and office names out of language detection ("Nienburg", "Koordinierungsstelle
        Migration und Teilhabe" are no sign of the message's language)."""
        content = self.content
        self.detector.ignore([*place_names(content.knowledge), *contact_names(content.knowledge)])
        return content

    def now(self) -> dt.datetime:
        """The current time in Europe/Berlin, whatever clock the runtime was given."""
        return self.clock().astimezone(BERLIN)
