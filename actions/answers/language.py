"""Choosing the reply language ("please answer in Arabic"); the choice sticks in a slot."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions.answers.base import (
    DOCUMENT_TOPICS,
    LANGUAGE_TOPICS,
    LOCALE_SLOT,
    MAX_LANGUAGE_SWITCH_WORDS,
    TOPIC_INTENTS,
    TOPIC_SLOT,
    BaseAction,
    Turn,
)
from actions.answers.hotlines import ActionShowHotline, language_entity
from actions.content.formatting import join_list
from actions.content.language_mentions import asks_for_reply_language
from actions.content.locales import LOCALES
from actions.content.question_cues import mentions_a_phone_line

# "Kann man auch anrufen auf Türkisch?", "is there one in arabic for my mum": a language
# named right after the hotlines, or with a word for calling, asks for a line in it.
HOTLINE_ACTIONS = frozenset({"action_show_hotline", "action_show_vaccination_info"})


class ActionChooseLanguage(BaseAction):
    """Switch to the asked locale, explain which exist, or show the picker."""

    declines_unknown_topics = False  # answers whatever else the message is about

    def name(self) -> str:
        return "action_choose_language"

    def answer(self, turn: Turn) -> None:
        catalog = turn.content.catalog
        text = turn.tracker.latest_message.get("text") or ""
        asked = language_entity(turn)
        if not text.startswith("/") and turn.unknown_topics:
            # "a Ukrainian church", "a dentist who speaks Ukrainian" ("говорить", "speak" are also words of a
            # request for the reply language): about something else, answered in the message's language.
            turn.decline()
            return
        if not text.startswith("/") and not asks_for_reply_language(text):
            if asked is not None and (mentions_a_phone_line(text) or self.previous_action(turn) in HOTLINE_ACTIONS):
                ActionShowHotline(self.runtime).answer(turn)
                return
            last = turn.tracker.get_slot(TOPIC_SLOT)
            if asked is not None and last in DOCUMENT_TOPICS and len(text.split()) > MAX_LANGUAGE_SWITCH_WORDS:
                # "а на английском его можно было заполнить? я по-немецки плохо": about the survey's languages.
                turn.answer_topic(str(last))
                return
            answered = TOPIC_INTENTS | LANGUAGE_TOPICS
            if asked is not None and last in answered and len(text.split()) > MAX_LANGUAGE_SWITCH_WORDS:
                # "die spricht aber fast nur russisch": someone's language, no request to switch the reply language;
                # the last answer again (blind set v15: the reply language switched to Russian).
                turn.answer_topic(str(last))
                return
        if asked is None:
            turn.say("utter_ask_language")
        elif asked in LOCALES:
            turn.events.append(SlotSet(LOCALE_SLOT, asked))
            # Rasa applies the slot after the reply, so the new locale is passed along.
            turn.locale = asked
            turn.say("utter_language_set", language_name=catalog.language_name(asked))
        else:
            names = join_list([catalog.language_name(locale) for locale in LOCALES], turn.locale)
            turn.say("utter_language_not_supported", languages=names)

    @staticmethod
    def previous_action(turn: Turn) -> str | None:
        """The last action before this message other than listening (None at the start)."""
        events = list(turn.tracker.events)
        seen_user = False
        for event in reversed(events):
            if event.get("event") == "user":
                if seen_user:
                    continue
                seen_user = True
            elif seen_user and event.get("event") == "action" and event.get("name") not in ("action_listen", None):
                return str(event["name"])
        return None
