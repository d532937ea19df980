"""Two-stage fallback: "did you mean …?" with the likeliest topic, then rephrase."""

from __future__ import annotations

from rasa_sdk.events import UserUtteranceReverted

from actions.answers.fallback import ActionDefaultAskAffirmation, ActionDefaultFallback

from ..support.trackers import keys, make_tracker


async def test_asks_about_the_likeliest_useful_intent(run_action, runtime) -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "greet", "confidence": 0.3},
        {"name": "ask_hotline", "confidence": 0.2},
    ]
    tracker = make_tracker("telefon corona sprache", "nlu_fallback", intent_ranking=ranking)
    _events, messages = await run_action(ActionDefaultAskAffirmation, tracker)
    assert keys(messages) == ["utter_ask_affirmation"]
    assert messages[0]["intent"] == "ask_hotline"
    assert messages[0]["topic"] == runtime.content.catalog.text("topic_ask_hotline", messages[0]["locale"])


async def test_default_fallback_reverts_the_message(run_action) -> None:
    events, messages = await run_action(ActionDefaultFallback, make_tracker("asdf qwer", "nlu_fallback"))
    assert keys(messages) == ["utter_ask_rephrase"]
    assert events == [UserUtteranceReverted()]
