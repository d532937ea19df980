"""Small-talk actions: one template each, in the reply language, common placeholders filled."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.answers.small_talk import (
    ActionBotChallenge,
    ActionDefaultAskRephrase,
    ActionGoodbye,
    ActionGreet,
    ActionHelp,
    ActionOutOfScope,
    ActionThank,
)

from ..support.trackers import keys, make_tracker


@pytest.mark.parametrize(
    ("action", "template"),
    [
        (ActionGreet, "utter_greet"),
        (ActionGoodbye, "utter_goodbye"),
        (ActionThank, "utter_thank"),
        (ActionHelp, "utter_help"),
        (ActionBotChallenge, "utter_bot_challenge"),
        (ActionDefaultAskRephrase, "utter_ask_rephrase"),
    ],
)
async def test_template_action(run_action, action, template: str) -> None:
    events, messages = await run_action(action, make_tracker("hello, what can you do for me?"))
    assert events == []
    assert keys(messages) == [template]
    assert messages[0]["locale"] == "en"


async def test_greeting_names_the_districts(run_action, render) -> None:
    _events, messages = await run_action(ActionGreet, make_tracker("Guten Tag, wer sind Sie?"))
    assert "Northeim, Nienburg, Goslar und Görlitz" in render(messages)[0]


async def test_out_of_scope_says_it_does_not_know_and_who_does(run_action) -> None:
    tracker = make_tracker("how do I extend my visa in Goslar", "out_of_scope")
    events, messages = await run_action(ActionOutOfScope, tracker)
    assert keys(messages)[:3] == ["utter_not_known", "utter_who_can_help", "utter_contact_card"]
    assert messages[0]["locale"] == "en"
    assert events == [SlotSet("district", "goslar")]


async def test_a_greeting_with_a_place_remembers_and_says_the_district(run_action) -> None:
    events, messages = await run_action(ActionGreet, make_tracker("hi, I live in Liebenau", "greet"))
    assert keys(messages) == ["utter_greet", "utter_district_set"]
    assert events == [SlotSet("district", "nienburg")]


async def test_a_question_asked_with_the_greeting_is_answered(run_action) -> None:
    tracker = make_tracker("hi, can I have the phone number of the integration office in Nienburg?", "greet")
    events, messages = await run_action(ActionGreet, tracker)
    assert keys(messages)[0] == "utter_contact_intro"
    assert "utter_greet" not in keys(messages)
    assert SlotSet("district", "nienburg") in events


async def test_a_greeting_in_the_known_district_says_nothing_more(run_action) -> None:
    tracker = make_tracker("hallo aus Hoya", "greet", slots={"district": "nienburg"})
    events, messages = await run_action(ActionGreet, tracker)
    assert keys(messages) == ["utter_greet"]
    assert events == []


async def test_out_of_scope_with_a_word_for_what_is_wanted_answers_it(run_action) -> None:
    _events, messages = await run_action(ActionOutOfScope, make_tracker("daftar saat chand baz mishe?", "out_of_scope"))
    assert keys(messages) == ["utter_ask_district"]  # the opening hours, once the district is known


async def test_thanks_with_a_question_answers_the_question(run_action) -> None:
    tracker = make_tracker("а сайт в них який? дякую!!", "thank", slots={"district": "nienburg"})
    _events, messages = await run_action(ActionThank, tracker)
    assert keys(messages)[0] == "utter_contact_intro"


async def test_a_goodbye_asking_for_the_hours_answers_them(run_action) -> None:
    # "w emta byefta7o?" (Arabizi: "and when do they open?") was read as goodbye (blind set v13).
    tracker = make_tracker("w emta byefta7o?", "goodbye", slots={"district": "nienburg"})
    _events, messages = await run_action(ActionGoodbye, tracker)
    assert keys(messages)[0] == "utter_opening_hours"


@pytest.mark.parametrize(
    ("action", "text", "template"),
    [
        (ActionOutOfScope, "mamnoon", "utter_thank"),
        (ActionDefaultAskRephrase, "ezayak", "utter_greet"),
        (ActionDefaultAskRephrase, "tashakor bro", "utter_thank"),
    ],
)
async def test_a_greeting_or_thanks_the_nlu_could_not_place(run_action, action, text: str, template: str) -> None:
    # After the contacts, "mamnoon" got the contacts again (blind set v13).
    tracker = make_tracker(text, "nlu_fallback", slots={"district": "nienburg", "last_topic": "ask_contact"})
    _events, messages = await run_action(action, tracker)
    assert keys(messages) == [template]


async def test_the_second_fallback_stage_takes_a_place(run_action) -> None:
    tracker = make_tracker("ana sakin fi seesen", "nlu_fallback")
    events, messages = await run_action(ActionDefaultAskRephrase, tracker)
    assert SlotSet("district", "goslar") in events
    assert keys(messages) == ["utter_district_set"]


async def test_a_postcode_alone_read_as_out_of_scope_is_the_district(run_action) -> None:
    events, messages = await run_action(ActionOutOfScope, make_tracker("02763", "out_of_scope"))
    assert SlotSet("district", "goerlitz") in events
    assert keys(messages) == ["utter_district_set"]


async def test_a_day_read_as_small_talk_right_after_the_hours_asks_for_them(run_action) -> None:
    # "جمعه ها چی؟" ("and fridays?") was answered with what the bot can do (blind set v14).
    tracker = make_tracker("جمعه ها چی؟", "help", slots={"last_topic": "ask_opening_hours", "district": "nienburg"})
    _events, messages = await run_action(ActionHelp, tracker)
    assert keys(messages)[0] == "utter_opening_hours"


async def test_the_name_of_someone_just_named_is_no_bot_challenge(run_action) -> None:
    tracker = make_tracker(
        "а кто это, как её зовут?", "bot_challenge", slots={"last_topic": "ask_contact", "district": "goslar"}
    )
    _events, messages = await run_action(ActionBotChallenge, tracker)
    assert keys(messages)[0] == "utter_contact_intro"
    _events, messages = await run_action(ActionBotChallenge, make_tracker("а кто это?", "bot_challenge"))
    assert keys(messages) == ["utter_bot_challenge"]


async def test_a_place_with_context_answers_the_district_question(run_action) -> None:
    # The bot asked for the district; "Clausthal-Zellerfeld, I'm a student at the TU" was declined (v14).
    slots = {"pending_intent": "ask_contact"}
    tracker = make_tracker("Clausthal-Zellerfeld, I'm a student at the TU", "out_of_scope", slots=slots)
    events, messages = await run_action(ActionOutOfScope, tracker)
    assert SlotSet("district", "goslar") in events
    assert "utter_contact_intro" in keys(messages)  # (after the calm numbers: the classifier finds it 0.81)
