"""Low-confidence handling: "did you mean …?" only when two known topics are really close;
otherwise an honest "I don't know" and who does."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.answers.base import BaseAction, Turn

# Intents never offered as a guess: a wrong "did you mean to say goodbye?" helps nobody.
_NOT_SUGGESTED = {"nlu_fallback", "out_of_scope", "greet", "goodbye", "thank", "emergency"}
# "Did you mean …?" only when the two likeliest known topics are both plausible and close;
# a question far from every topic is one the bot cannot answer, and says so.
MIN_GUESS_CONFIDENCE = 0.2
MAX_GUESS_GAP = 0.2
# Close topics whose answers are short and both useful: "Termin für Corona-Impfung,
# welche Nummer?" gets the hotline and the information link instead of a question.
ANSWERED_TOGETHER = frozenset({"ask_hotline", "ask_vaccination_info"})


def close_pair(ranking: list[dict[str, Any]]) -> list[str]:
    """The two close, plausible in-scope intents of an NLU ranking, likelier first; [] if none."""
    known = [i for i in ranking if i.get("name") not in _NOT_SUGGESTED]
    if len(known) < 2:
        return []
    first, second = (float(i.get("confidence") or 0) for i in known[:2])
    if second >= MIN_GUESS_CONFIDENCE and first - second <= MAX_GUESS_GAP:
        return [str(known[0]["name"]), str(known[1]["name"])]
    return []


class ActionDefaultAskAffirmation(BaseAction):
    """First stage of the fallback: offer the likelier of two close topics, else decline."""

    def name(self) -> str:
        return "action_default_ask_affirmation"

    def answer(self, turn: Turn) -> None:
        if turn.continue_last_topic():
            return
        ranking = turn.tracker.latest_message.get("intent_ranking", []) or []
        pair = close_pair(ranking)
        if pair and set(pair) <= ANSWERED_TOGETHER:
            for intent in pair:
                turn.answer_topic(intent)
            return
        guess = pair[0] if pair else None
        topic = turn.fragment(f"topic_{guess}") if guess else ""
        if guess and topic:
            turn.say("utter_ask_affirmation", topic=topic, intent=guess)
        else:
            turn.decline()


class ActionDefaultFallback(BaseAction):
    """Last stage: say we did not understand, offer topics, and forget the message."""

    def name(self) -> str:
        return "action_default_fallback"

    def answer(self, turn: Turn) -> None:
        turn.say("utter_ask_rephrase")

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        events = await super().run(dispatcher, tracker, domain)
        return [*events, UserUtteranceReverted()]
