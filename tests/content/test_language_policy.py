"""The reply-language policy, in DESIGN.md's order."""

from __future__ import annotations

from typing import Any

import pytest

from actions.content.language_policy import LanguageDetector, choose_locale


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


def state(*texts: str, slots: dict[str, Any] | None = None, metadata: dict[str, Any] | None = None) -> dict[str, Any]:
    events = [{"event": "user", "text": t, "metadata": {}} for t in texts]
    if events and metadata:
        events[-1]["metadata"] = metadata
    return {
        "slots": slots or {},
        "latest_message": {"text": texts[-1] if texts else "", "metadata": metadata or {}},
        "events": events,
    }


def test_explicit_choice_wins_over_the_message_language(detector: LanguageDetector) -> None:
    assert choose_locale(state("where can I get vaccinated?", slots={"locale": "ar"}), detector) == "ar"
    assert choose_locale(state("Wo ist das Büro?", slots={"locale": "de-simple"}), detector) == "de-simple"


def test_chosen_locale_in_metadata_counts_as_explicit(detector: LanguageDetector) -> None:
    assert choose_locale(state("where is the office?", metadata={"locale": "tr"}), detector) == "tr"


def test_confident_message_language(detector: LanguageDetector) -> None:
    assert choose_locale(state("где можно сделать прививку"), detector) == "ru"
    assert choose_locale(state("کجا میتونم واکسن بزنم"), detector) == "fa"


def test_short_message_keeps_the_last_confident_language(detector: LanguageDetector) -> None:
    assert choose_locale(state("أين أجد معلومات عن التطعيم", "ok"), detector) == "ar"


def test_channel_hint_when_nothing_is_confident(detector: LanguageDetector) -> None:
    assert choose_locale(state("ok", metadata={"language_code": "uk"}), detector) == "uk"
    assert choose_locale(state("ok", metadata={"language_code": "pt-BR"}), detector) == "de"


def test_german_by_default(detector: LanguageDetector) -> None:
    assert choose_locale(state("ok"), detector) == "de"
    assert choose_locale({}, detector) == "de"
