"""Low confidence: "did you mean …?" only between two close known topics, else an honest decline."""

from __future__ import annotations

from rasa_sdk.events import SlotSet, UserUtteranceReverted

from actions.answers.fallback import ActionDefaultAskAffirmation, ActionDefaultFallback

from ..support.trackers import handover_marker, keys, make_tracker


async def test_two_close_topics_get_did_you_mean(run_action, runtime) -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.55},
        {"name": "greet", "confidence": 0.3},
        {"name": "ask_survey", "confidence": 0.34},
        {"name": "ask_concept", "confidence": 0.28},
    ]
    tracker = make_tracker("umfrage konzept mitmachen", "nlu_fallback", intent_ranking=ranking)
    _events, messages = await run_action(ActionDefaultAskAffirmation, tracker)
    assert keys(messages) == ["utter_ask_affirmation"]
    assert messages[0]["intent"] == "ask_survey"
    assert messages[0]["topic"] == runtime.content.catalog.text("topic_ask_survey", messages[0]["locale"])


async def test_a_question_far_from_every_topic_is_declined_honestly(run_action) -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.55},
        {"name": "ask_opening_hours", "confidence": 0.4},
        {"name": "ask_concept", "confidence": 0.05},
    ]
    tracker = make_tracker("wie viel verdient ein busfahrer", "nlu_fallback", intent_ranking=ranking)
    events, messages = await run_action(ActionDefaultAskAffirmation, tracker)
    # Nothing the bot knows it cannot answer was recognised: unplaced, so the numbers come first (calmly).
    assert keys(messages) == ["utter_nationwide_numbers", "utter_not_known", "utter_ask_district_to_help", "handover"]
    assert handover_marker(messages) == {"reason": "out_of_scope", "district": None}
    assert {b["payload"] for b in messages[2]["buttons"]} >= {'/inform_district{"district": "nienburg"}'}
    assert events == [SlotSet("pending_intent", "ask_contact")]


async def test_a_decline_with_a_known_district_shows_who_can_help(run_action) -> None:
    tracker = make_tracker("wie viel verdient ein busfahrer", "nlu_fallback", slots={"district": "nienburg"})
    events, messages = await run_action(ActionDefaultAskAffirmation, tracker)
    assert keys(messages) == ["utter_nationwide_numbers", "utter_not_known", "utter_who_can_help", "utter_contact_card",
                              "handover"]  # fmt: skip
    assert handover_marker(messages) == {"reason": "out_of_scope", "district": "nienburg"}
    assert messages[2]["district"] == "Nienburg"
    assert events == []


async def test_default_fallback_reverts_the_message(run_action) -> None:
    events, messages = await run_action(ActionDefaultFallback, make_tracker("asdf qwer", "nlu_fallback"))
    assert keys(messages) == ["utter_ask_rephrase"]
    assert events == [UserUtteranceReverted()]


async def test_a_short_unplaced_message_after_a_topic_continues_it(run_action) -> None:
    tracker = make_tracker("und wo?", "nlu_fallback", slots={"last_topic": "ask_event"})
    events, messages = await run_action(ActionDefaultAskAffirmation, tracker)
    assert events == []  # last_topic stays ask_event
    assert keys(messages)[0] == "utter_event_past"


async def test_a_long_unplaced_message_after_a_topic_is_declined(run_action) -> None:
    text = "und wie viel verdient man eigentlich als busfahrer hier"
    tracker = make_tracker(text, "nlu_fallback", slots={"last_topic": "ask_event", "district": "goslar"})
    _events, messages = await run_action(ActionDefaultAskAffirmation, tracker)
    assert keys(messages)[0] == "utter_not_known"


async def test_close_hotline_and_vaccination_topics_are_both_answered(run_action) -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.55},
        {"name": "ask_vaccination_info", "confidence": 0.4},
        {"name": "ask_hotline", "confidence": 0.35},
    ]
    tracker = make_tracker("Corona-Impfung: Infos und welche Nummer?", "nlu_fallback", intent_ranking=ranking)
    events, messages = await run_action(ActionDefaultAskAffirmation, tracker)
    assert keys(messages) == ["utter_vaccination_info", "utter_hotline"]
    assert events == [SlotSet("last_topic", "ask_vaccination_info"), SlotSet("last_topic", "ask_hotline")]


async def test_a_covered_place_the_nlu_could_not_place_sets_the_district(run_action) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.55}, {"name": "inform_district", "confidence": 0.3},
               {"name": "ask_contact", "confidence": 0.1}]  # fmt: skip
    tracker = make_tracker("мы живём в Морингене", "nlu_fallback", intent_ranking=ranking)
    events, messages = await run_action(ActionDefaultAskAffirmation, tracker)
    assert keys(messages) == ["utter_district_set"]
    assert events == [SlotSet("district", "northeim")]


async def test_the_second_stage_answers_a_word_for_what_is_wanted(run_action) -> None:
    # "Нінбург", "ну і?" (not understood), then "телефон": the district's contacts, not "please rephrase".
    from actions.answers.small_talk import ActionDefaultAskRephrase

    tracker = make_tracker("телефон", "nlu_fallback", slots={"district": "nienburg"})
    _events, messages = await run_action(ActionDefaultAskRephrase, tracker)
    assert keys(messages)[0] == "utter_contact_intro"
    assert "utter_ask_rephrase" not in keys(messages)


async def test_the_second_stage_continues_the_last_topic_with_a_short_follow_up(run_action) -> None:
    from actions.answers.small_talk import ActionDefaultAskRephrase

    tracker = make_tracker(
        "and friday?", "nlu_fallback", slots={"district": "nienburg", "last_topic": "ask_opening_hours"}
    )
    _events, messages = await run_action(ActionDefaultAskRephrase, tracker)
    assert keys(messages)[0] == "utter_opening_hours"


async def test_the_last_stage_answers_what_it_recognises_and_still_reverts_the_message(run_action) -> None:
    # "tamam, Simone Förster'in numarası neydi" after two unplaced messages got "I did not understand" (v13).
    # Reverted all the same: without it Rasa's RulePolicy ran this action ten times in a row.
    tracker = make_tracker("tamam, Simone Förster'in numarası neydi", "nlu_fallback", slots={"district": "northeim"})
    events, messages = await run_action(ActionDefaultFallback, tracker)
    assert keys(messages)[0] == "utter_contact_intro"
    reverted = events.index(UserUtteranceReverted())
    # The conversation's district and topic survive the revert (else the next question asked for the district).
    assert events[reverted + 1 :] == [SlotSet("district", "northeim"), SlotSet("last_topic", "ask_contact")]


async def test_a_question_whom_to_turn_to_about_integration_gets_the_contacts(run_action) -> None:
    tracker = make_tracker("kuda obrashatsya po integracii", "nlu_fallback", slots={"district": "northeim"})
    _events, messages = await run_action(ActionDefaultAskAffirmation, tracker)
    assert keys(messages)[0] == "utter_contact_intro"


async def test_a_message_that_only_hesitates_gets_what_the_bot_can_do(run_action) -> None:
    # Blind sets v12, v15, v17: "шо", "ну?" got "I don't know that" with the nationwide numbers.
    from actions.answers.small_talk import ActionOutOfScope

    for action, text in [(ActionOutOfScope, "шо"), (ActionDefaultAskAffirmation, "ну?"), (ActionOutOfScope, "??")]:
        tracker = make_tracker(text, "out_of_scope", slots={"district": "goslar", "last_topic": "ask_concept"})
        events, messages = await run_action(action, tracker)
        assert keys(messages) == ["utter_help"], text
        assert events == [], text
