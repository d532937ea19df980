"""Information links: corona and vaccination in many languages, sign language, easy language."""

from __future__ import annotations

import re

from rasa_sdk.events import SlotSet

from actions.answers.base import LOCALE_SLOT, BaseAction, Turn
from actions.content.question_cues import asked_field


class ActionShowVaccinationInfo(BaseAction):
    """The multilingual corona and vaccination information."""

    intent = "ask_vaccination_info"

    def name(self) -> str:
        return "action_show_vaccination_info"

    def answer(self, turn: Turn) -> None:
        links = turn.knowledge.links_for(topic="vaccination")
        link = max(links, key=lambda link: link.language_count or 0)
        turn.say("utter_vaccination_info", url=link.url, language_count=link.language_count or "")


class ActionShowSignLanguageInfo(BaseAction):
    """Corona information in sign language."""

    intent = "ask_sign_language"

    def name(self) -> str:
        return "action_show_sign_language_info"

    def answer(self, turn: Turn) -> None:
        for link in turn.knowledge.links_for(fmt="sign_language"):
            turn.say("utter_sign_language", url=link.url)


# A question about Easy German names it. Without such a word the NLU's guess (seen on transliterated and
# dialect messages) is no answer: the question the message asks is, or the honest "I don't know".
EASY_LANGUAGE_WORDS = re.compile(
    r"einfach|leicht|easy|simple|plain|prost|прост|بسيط|سهل|ساده|آسان|kolay|basit|/easy",
    re.IGNORECASE,
)
MIN_QUESTION_CONFIDENCE = 0.1


class ActionShowEasyLanguageInfo(BaseAction):
    """Offer replies in Easy German."""

    def name(self) -> str:
        return "action_show_easy_language_info"

    def answer(self, turn: Turn) -> None:
        text = turn.text
        asked = None if text.startswith("/") else turn.topic_asked_beside(MIN_QUESTION_CONFIDENCE) or asked_field(text)
        if text and not text.startswith("/") and not EASY_LANGUAGE_WORDS.search(text):
            if asked:
                turn.answer_topic(asked)
            else:
                turn.decline()
            return
        if asked and turn.locale in ("de", "de-simple"):
            # "Ich verstehe nicht gut Deutsch. Bitte einfach. Wo ist das Büro in Nienburg? Welche Straße?" (v16):
            # Easy German from now on, and the question answered in it.
            turn.events.append(SlotSet(LOCALE_SLOT, "de-simple"))
            turn.locale = "de-simple"
            turn.answer_topic(asked)
            return
        turn.say("utter_easy_language")
