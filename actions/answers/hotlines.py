"""Telephone hotlines, and whether one speaks the user's language."""

from __future__ import annotations

from actions.answers.base import HOTLINE_TEMPLATES, BaseAction, Turn
from actions.content.formatting import language_names
from actions.content.knowledge.names import district_of_named_contact
from actions.content.language_mentions import mentioned_language
from actions.content.locales import normalize_locale
from actions.content.question_cues import asked_field, mentions_corona


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
        corona = mentions_corona(turn.text)
        if asked is None and not corona and self.asks_for_a_district_contact(turn):
            turn.answer_topic("ask_contact")  # "Bludau hanımın numarası?", "nienburgda kime başvurabilirim, telefon?"
            return
        said = None if corona else turn.last_said(frozenset(HOTLINE_TEMPLATES.values()))
        if said is not None and (asked is None or said == "utter_hotline_women"):
            # "send me the help line number again" after the women's line: that line, not the corona line (v14);
            # "she speaks almost only Russian": the women's line speaks many languages (v15).
            turn.say(said)
            return
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

    @staticmethod
    def asks_for_a_district_contact(turn: Turn) -> bool:
        """A contact person or office named, or a covered place with a word for a phone number or an address:
        the district's contacts, not the corona lines."""
        text = turn.text
        if text.startswith("/"):
            return False
        if district_of_named_contact(turn.knowledge, text):
            return True
        match, _unknown = turn.mentioned_district()
        return match is not None and asked_field(text) == "ask_contact"
