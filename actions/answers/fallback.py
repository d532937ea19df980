"""Low-confidence handling: "did you mean …?" first, then ask to rephrase with topic buttons."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.answers.base import BaseAction, Turn

# Intents never offered as a guess: a wrong "did you mean to say goodbye?" helps nobody.
_NOT_SUGGESTED = {"nlu_fallback", "out_of_scope", "greet", "goodbye", "thank"}


class ActionDefaultAskAffirmation(BaseAction):
    """First stage of the two-stage fallback: offer the most likely topic."""

    def name(self) -> str:
        return "action_default_ask_affirmation"

    def answer(self, turn: Turn) -> None:
        ranking = turn.tracker.latest_message.get("intent_ranking", []) or []
        guess = next((i["name"] for i in ranking if i.get("name") not in _NOT_SUGGESTED), None)
        topic = turn.fragment(f"topic_{guess}") if guess else ""
        if guess and topic:
            turn.say("utter_ask_affirmation", topic=topic, intent=guess)
        else:
            turn.say("utter_ask_rephrase")


class ActionDefaultFallback(BaseAction):
    """Last stage: say we did not understand, offer topics, and forget the message."""

    def name(self) -> str:
        return "action_default_fallback"

    def answer(self, turn: Turn) -> None:
        turn.say("utter_ask_rephrase")

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        events = await super().run(dispatcher, tracker, domain)
        return [*events, UserUtteranceReverted()]
