"""Which language to answer in: one policy for REST, Telegram and the terminal chat.

1. the locale the user chose explicitly (slot ``locale``, set by the picker,
   /language or "please answer in Arabic"), or a ``locale`` in the message metadata;
2. else the language of the current message, when detection is confident;
3. else the language of the latest earlier message that was detected confidently;
4. else the channel's hint (metadata ``language_code``, e.g. Telegram's), if supported;
5. else German.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from .locales import DEFAULT_LOCALE, normalize_locale

# Below these, lingua's guesses on chat messages were wrong too often to switch
# the reply language on them (greetings like "hi", names, one-word topics).
MIN_CONFIDENCE = 0.70
MIN_LETTERS = 8
MIN_WORDS = 2

_LINGUA_TO_LOCALE = {
    "GERMAN": "de",
    "ENGLISH": "en",
    "ARABIC": "ar",
    "PERSIAN": "fa",
    "RUSSIAN": "ru",
    "UKRAINIAN": "uk",
    "TURKISH": "tr",
}


class LanguageDetector:
    """lingua restricted to the supported languages; models load on first use."""

    def __init__(self) -> None:
        self._detector: Any = None
        self._lock = threading.Lock()

    def _get(self) -> Any:
        with self._lock:
            if self._detector is None:
                from lingua import Language, LanguageDetectorBuilder

                languages = [getattr(Language, name) for name in _LINGUA_TO_LOCALE]
                self._detector = (
                    LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()
                )
            return self._detector

    def warm_up(self) -> None:
        """Load the language models now instead of on the first message."""
        self.detect("Wo finde ich Informationen zur Impfung in meiner Sprache?")

    def detect(self, text: str) -> str | None:
        """The locale of text when the guess is confident, else None."""
        return _detect_cached(self, text.strip())

    def _detect_uncached(self, text: str) -> str | None:
        if not text or text.startswith("/"):
            return None  # button payloads are not language
        letters = sum(ch.isalpha() for ch in text)
        if letters < MIN_LETTERS or len(text.split()) < MIN_WORDS:
            return None
        values = self._get().compute_language_confidence_values(text)
        if not values or values[0].value < MIN_CONFIDENCE:
            return None
        return _LINGUA_TO_LOCALE.get(values[0].language.name)


@lru_cache(maxsize=8192)
def _detect_cached(detector: LanguageDetector, text: str) -> str | None:
    return detector._detect_uncached(text)


def _user_events(events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [e for e in events if e.get("event") == "user"]


def choose_locale(state: Mapping[str, Any], detector: LanguageDetector) -> str:
    """The reply locale for a tracker state (rasa's ``tracker.current_state()`` shape)."""
    slots = state.get("slots") or {}
    chosen = normalize_locale(slots.get("locale"))
    if chosen:
        return chosen

    latest = state.get("latest_message") or {}
    users = _user_events(state.get("events") or [])
    metadata = latest.get("metadata") or (users[-1].get("metadata") if users else None) or {}
    chosen = normalize_locale(metadata.get("locale"))
    if chosen:
        return chosen

    current_text = latest.get("text") or (users[-1].get("text") if users else "") or ""
    detected = detector.detect(current_text)
    if detected:
        return detected

    # The current message is the last user event; look at the ones before it.
    for event in reversed(users[:-1] if users and users[-1].get("text") == current_text else users):
        detected = detector.detect(event.get("text") or "")
        if detected:
            return detected

    hint = normalize_locale(metadata.get("language_code"))
    if hint is None:
        for event in reversed(users):
            hint = normalize_locale((event.get("metadata") or {}).get("language_code"))
            if hint:
                break
    return hint or DEFAULT_LOCALE
