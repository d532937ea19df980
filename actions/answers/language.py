"""Choosing the reply language ("please answer in Arabic"); the choice sticks in a slot."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions.answers.base import LOCALE_SLOT, BaseAction, Turn
from actions.answers.hotlines import language_entity
from actions.content.formatting import join_list
from actions.content.locales import LOCALES


class ActionChooseLanguage(BaseAction):
    """Switch to the asked locale, explain which exist, or show the picker."""

    declines_unknown_topics = False  # answers whatever else the message is about

    def name(self) -> str:
        return "action_choose_language"

    def answer(self, turn: Turn) -> None:
        catalog = turn.content.catalog
        asked = language_entity(turn)
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
