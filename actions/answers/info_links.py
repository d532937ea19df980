"""Information links: corona and vaccination in many languages, sign language, easy language."""

from __future__ import annotations

from actions.answers.base import BaseAction, Turn


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

    def name(self) -> str:
        return "action_show_sign_language_info"

    def answer(self, turn: Turn) -> None:
        for link in turn.knowledge.links_for(fmt="sign_language"):
            turn.say("utter_sign_language", url=link.url)


class ActionShowEasyLanguageInfo(BaseAction):
    """Offer replies in Easy German."""

    def name(self) -> str:
        return "action_show_easy_language_info"

    def answer(self, turn: Turn) -> None:
        turn.say("utter_easy_language")
