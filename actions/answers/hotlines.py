"""Telephone hotlines, and whether one speaks the user's language."""

from __future__ import annotations

from actions.answers.base import BaseAction, Turn
from actions.content.formatting import language_names
from actions.content.language_mentions import mentioned_language
from actions.content.locales import normalize_locale


def language_entity(turn: Turn) -> str | None:
    """The language the user asked about ('in Arabic' -> 'ar'), supported or not.

    From the NLU's language entity, else from a language name in the text (the
    entity misses some bare names such as "немецкий").
    """
    for entity in turn.tracker.latest_message.get("entities", []) or []:
        if entity.get("entity") == "language" and entity.get("value"):
            value = str(entity["value"]).strip().lower()
            return normalize_locale(value) or value
    text = turn.tracker.latest_message.get("text") or ""
    return None if text.startswith("/") else mentioned_language(text)


class ActionShowHotline(BaseAction):
    """The corona/vaccination hotlines; the multilingual one for the asked or reply language."""

    intent = "ask_hotline"

    def name(self) -> str:
        return "action_show_hotline"

    def answer(self, turn: Turn) -> None:
        knowledge = turn.knowledge
        # Only a language the user names picks the multilingual line: "a vaccination
        # appointment, what number?" in English is 116117, whatever the reply language.
        asked = language_entity(turn)
        if asked is None or asked == "de-simple":
            turn.say("utter_hotline")
            return
        (name,) = language_names([asked], turn.locale, turn.content.catalog.language_name("de-simple"))
        if knowledge.hotlines_for(language=asked):
            turn.say("utter_hotline_in_language", language_name=name)
            return
        link = max(knowledge.links_for(topic="vaccination"), key=lambda link: link.language_count or 0)
        turn.say(
            "utter_hotline_language_missing",
            language_name=name,
            url=link.url,
            language_count=link.language_count or "",
        )
