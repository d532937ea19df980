"""The handover marker: one custom message when the bot cannot answer, which the Telegram bot turns into an
"Ask a person" offer (the clean decline, "I want to talk to a person", a second "did not understand")."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted

from actions.answers.base import Turn
from actions.answers.contacts import ActionShowContact
from actions.answers.fallback import ActionDefaultAskAffirmation, ActionDefaultFallback, after_a_fallback
from actions.answers.handover import ActionHandover
from actions.answers.small_talk import ActionDefaultAskRephrase, ActionOutOfScope

from ..support.trackers import handover_marker, keys, make_tracker


def after(tracker: Tracker, earlier: list[tuple[str, str]]) -> Tracker:
    """`tracker` with earlier user messages (text, intent) and a bot turn after each, before the latest message."""
    events: list[dict[str, Any]] = []
    for text, intent in earlier:
        events.append({"event": "user", "text": text, "parse_data": {"intent": {"name": intent, "confidence": 0.3}}})
        events.append({"event": "action", "name": "action_two_stage_fallback"})
        events.append({"event": "action", "name": "action_listen"})
    tracker.events[:0] = events
    return tracker


async def test_the_marker_is_the_last_message_of_a_decline_and_names_the_district(run_action) -> None:
    tracker = make_tracker("Wie finde ich eine Wohnung in Nienburg?", "out_of_scope")
    _events, messages = await run_action(ActionOutOfScope, tracker)
    assert keys(messages)[0] == "utter_not_known"
    assert keys(messages)[-1] == "handover"
    assert messages[-1]["custom"] == {"handover": {"reason": "out_of_scope", "district": "nienburg"}}
    assert messages[-1]["text"] is None  # nothing to show: the bot never shows it as text


async def test_an_out_of_scope_topic_in_any_action_is_declined_with_the_marker(run_action) -> None:
    tracker = make_tracker("Wer hilft mir beim Aufenthaltstitel?", "ask_contact", slots={"district": "goslar"})
    _events, messages = await run_action(ActionShowContact, tracker)
    assert handover_marker(messages) == {"reason": "out_of_scope", "district": "goslar"}


async def test_an_answer_the_bot_knows_has_no_marker(run_action) -> None:
    tracker = make_tracker("Wer ist in Nienburg zuständig?", "ask_contact", slots={"district": "nienburg"})
    _events, messages = await run_action(ActionShowContact, tracker)
    assert handover_marker(messages) is None


async def test_asking_for_a_person_without_a_district_asks_for_it_first(run_action) -> None:
    _events, messages = await run_action(ActionHandover, make_tracker("Ich will mit einem Menschen reden", "ask_human"))
    assert keys(messages) == ["utter_ask_district"]


async def test_asking_for_a_person_gives_the_contacts_and_the_marker(run_action) -> None:
    tracker = make_tracker("Ich will mit einem Menschen reden", "ask_human", slots={"district": "goslar"})
    _events, messages = await run_action(ActionHandover, tracker)
    assert keys(messages)[0] == "utter_handover"
    assert handover_marker(messages) == {"reason": "ask_human", "district": "goslar"}


async def test_the_first_did_not_understand_has_no_marker(run_action) -> None:
    tracker = after(make_tracker("blub blub", "nlu_fallback"), [("Öffnungszeiten?", "ask_opening_hours")])
    events, messages = await run_action(ActionDefaultFallback, tracker)
    assert keys(messages) == ["utter_ask_rephrase"]
    assert events == [UserUtteranceReverted()]


async def test_the_second_did_not_understand_in_a_row_has_the_marker(run_action) -> None:
    tracker = make_tracker("blub blub", "nlu_fallback", slots={"district": "northeim"})
    after(tracker, [("bla bla", "nlu_fallback")])
    events, messages = await run_action(ActionDefaultFallback, tracker)
    assert keys(messages) == ["utter_ask_rephrase", "handover"]
    assert handover_marker(messages) == {"reason": "not_understood", "district": "northeim"}
    assert events == [UserUtteranceReverted(), SlotSet("district", "northeim")]  # the district survives the undo


async def test_the_rephrase_stage_after_a_fallback_has_the_marker_too(run_action) -> None:
    tracker = after(make_tracker("nein", "out_of_scope"), [("bla bla", "nlu_fallback")])
    _events, messages = await run_action(ActionDefaultAskRephrase, tracker)
    assert keys(messages) == ["utter_ask_rephrase", "handover"]
    assert handover_marker(messages) == {"reason": "not_understood", "district": None}


def test_only_the_message_right_before_counts() -> None:
    tracker = make_tracker("blub", "nlu_fallback")
    assert not after_a_fallback(tracker)
    assert after_a_fallback(after(make_tracker("blub", "nlu_fallback"), [("bla", "nlu_fallback")]))
    assert not after_a_fallback(
        after(make_tracker("blub", "nlu_fallback"), [("bla", "nlu_fallback"), ("Hotline?", "ask_hotline")])
    )


async def test_a_decline_in_the_first_fallback_stage_has_the_marker(run_action) -> None:
    tracker = make_tracker("wie viel verdient ein busfahrer", "nlu_fallback")
    _events, messages = await run_action(ActionDefaultAskAffirmation, tracker)
    assert handover_marker(messages) == {"reason": "out_of_scope", "district": None}


async def test_at_most_one_marker_per_turn_and_only_known_reasons(run_action, runtime) -> None:
    from rasa_sdk.executor import CollectingDispatcher

    dispatcher = CollectingDispatcher()
    tracker = make_tracker("x")
    turn = Turn(runtime, dispatcher, tracker, runtime.content, "de", runtime.now())
    turn.hand_over("out_of_scope", None)
    turn.hand_over("ask_human", runtime.content.knowledge.district("goslar"))
    assert [m["custom"] for m in dispatcher.messages] == [{"handover": {"reason": "out_of_scope", "district": None}}]
    with pytest.raises(ValueError, match="unknown handover reason"):
        turn.hand_over("bored", None)
