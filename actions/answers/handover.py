"""Talk to a person: the district's contacts with their hours and whether they are open now,
and the handover marker, so that the Telegram bot can offer to ask the district's staff."""

from __future__ import annotations

from actions.answers.base import DistrictAction, Turn
from actions.answers.contacts import say_contact_cards
from actions.content.knowledge.models import District


class ActionHandover(DistrictAction):
    """Hand the user over to the people of the district."""

    intent = "ask_human"

    def name(self) -> str:
        return "action_handover"

    def answer_for(self, turn: Turn, district: District) -> None:
        say_contact_cards(turn, district, "utter_handover")
        turn.hand_over("ask_human", district)
