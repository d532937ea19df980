"""A reply key rendered: its template filled with the caller's values and the ones every template may use.

The action server (the replies of custom actions, Turn.say; the fragments they assemble; the NLG
endpoint for the responses Rasa utters itself) and the bot (the
replies it renders itself: fallback, pickers, command menus, media replies) both render
through here, so a reply reads the same whichever process renders it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from actions.content.formatting import join_list, language_names
from actions.content.knowledge import Knowledge
from actions.content.store import Content


def common_values(content: Content, locale: str, retention_days: int) -> dict[str, Any]:
    """Placeholders any template may use ({emergency_number}, {districts}, {retention_days} …)."""
    return dict(_common_values(content, locale, retention_days))


def render(
    content: Content, key: str, locale: str, values: Mapping[str, Any] | None = None, *, retention_days: int
) -> dict[str, Any] | None:
    """{'text': …, 'buttons': [...]} for `key` in `locale` (or its fallbacks); None for an unknown key.

    The caller's `values` win over the common ones.
    """
    merged = {**common_values(content, locale, retention_days), **(values or {})}
    return content.catalog.render(key, locale, merged)


def render_text(
    content: Content, key: str, locale: str, values: Mapping[str, Any] | None = None, *, retention_days: int
) -> str:
    """Just the text of `key` (a fragment such as line_*, status_*, topic_*); "" for an unknown key."""
    rendered = render(content, key, locale, values, retention_days=retention_days)
    return rendered["text"] if rendered else ""


def _numbers(knowledge: Knowledge, topic: str, emergency: bool | None = None) -> str:
    found = [
        h.phone.international
        for h in knowledge.hotlines
        if topic in h.topics and (emergency is None or h.emergency == emergency)
    ]
    return " / ".join(found)


@lru_cache(maxsize=64)  # Content is hashed by identity: one entry per loaded version and locale
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
