"""Low-confidence handling: "did you mean …?" only when two known topics are really close;
otherwise an honest "I don't know" and who does. A second "did not understand" in a row
ends with the handover marker (Turn.hand_over): a person may understand it."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.answers.base import DISTRICT_SLOT, TOPIC_SLOT, BaseAction, Turn
from actions.content.question_cues import named_document

# Intents never offered as a guess: a wrong "did you mean to say goodbye?" helps nobody.
_NOT_SUGGESTED = {"nlu_fallback", "out_of_scope", "greet", "goodbye", "thank", "emergency"}
# "Did you mean …?" only when the two likeliest known topics are both plausible and close;
# a question far from every topic is one the bot cannot answer, and says so.
MIN_GUESS_CONFIDENCE = 0.2
MAX_GUESS_GAP = 0.2
# How long a message naming a document may be to be a question about it (longer ones ask something else about it).
MAX_DOCUMENT_WORDS = 8
# What the NLU says when it did not understand a message.
NOT_UNDERSTOOD_INTENT = "nlu_fallback"
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


def after_a_fallback(tracker: Tracker) -> bool:
    """True when the user's message before this one was not understood either (read from the
    tracker's events, so no slot is needed; reverted messages still count)."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    if len(users) < 2:
        return False
    intent = (users[-2].get("parse_data") or {}).get("intent") or {}
    return intent.get("name") == NOT_UNDERSTOOD_INTENT


def ask_to_rephrase(turn: Turn) -> None:
    """Say "please say it differently"; the second time in a row, also the handover marker."""
    turn.say("utter_ask_rephrase")
    if after_a_fallback(turn.tracker):
        turn.hand_over("not_understood", turn.remembered_district())


def answer_a_place(turn: Turn, max_other_words: int | None = None) -> bool:
    """A covered place the NLU could not place ("мы живём в Морингене", "ana sakin fi seesen") is the district, and
    whatever waits for it (or the last question) is answered, as when the NLU recognises it (True). With
    `max_other_words`, only a message of the place and at most that many other words ("02763")."""
    from actions.answers.district import ActionSetDistrict, words_besides_place  # district imports base, as here

    match, _unknown = turn.mentioned_district()
    if match is None or match.how == "contact":
        return False  # a person or office named ("Simone Förster'in numarası"): the question about them follows
    if max_other_words is not None and words_besides_place(turn.text, match.matched) > max_other_words:
        return False
    ActionSetDistrict(turn.runtime).answer(turn)
    return True


def answer_what_is_recognised(turn: Turn, max_place_words: int | None = None) -> bool:
    """What the fallback stages and the out-of-scope answer still recognise in a message the NLU could not place,
    in this order: a greeting or thanks alone, a short follow-up of the last topic, a covered place (with at most
    `max_place_words` other words), a word for what is wanted (hours, phone, address). True when one answered.
    (A message that only hesitates – "hm", "шо" – was answered before any action's own answer: BaseAction.run.)"""
    return (
        turn.answer_greeting_or_thanks()
        or turn.continue_last_topic()
        or answer_a_place(turn, max_place_words)
        or answer_a_named_document(turn)
        or turn.answer_asked_field()
    )


def answer_a_named_document(turn: Turn) -> bool:
    """A short message naming the concept, the conference or the survey the NLU could not place ("a yaka u nykh
    kontseptsiya", blind set v16) asks about it (True); False otherwise."""
    text = turn.text
    topic = None if text.startswith("/") or len(text.split()) > MAX_DOCUMENT_WORDS else named_document(text)
    if topic is not None:
        turn.answer_topic(topic)
    return topic is not None


class ActionDefaultAskAffirmation(BaseAction):
    """First stage of the fallback: offer the likelier of two close topics, else decline."""

    def name(self) -> str:
        return "action_default_ask_affirmation"

    def answer(self, turn: Turn) -> None:
        if answer_what_is_recognised(turn):
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
        # "tamam, Simone Förster'in numarası neydi" after two messages it could not place (v13): answered, and the
        # message still undone (run).
        if not answer_what_is_recognised(turn):
            ask_to_rephrase(turn)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        events = await super().run(dispatcher, tracker, domain)
        # Always reverted, answered or not: Rasa's two-stage fallback gives up through this action and expects the
        # message undone; kept, RulePolicy predicted this action again and again (10 replies, then silence).
        # The revert also dropped the district the fallback's first message had set ("انا ساكن بآيستروب"), so the
        # conversation's district and topic are set again after it.
        kept = {DISTRICT_SLOT: tracker.get_slot(DISTRICT_SLOT), TOPIC_SLOT: tracker.get_slot(TOPIC_SLOT)}
        for event in events:
            if event.get("event") == "slot" and event.get("name") in kept:
                kept[str(event["name"])] = event.get("value")
        return [*events, UserUtteranceReverted(), *(SlotSet(name, value) for name, value in kept.items() if value)]
