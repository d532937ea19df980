"""action_set_district: names, towns, typos and locations; the waiting question is answered."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.answers.district import ActionSetDistrict, words_besides_place

from ..support.trackers import keys, make_tracker


async def test_town_sets_district(run_action) -> None:
    tracker = make_tracker("I live in Uslar", "inform_district", [{"entity": "municipality", "value": "Uslar"}])
    events, messages = await run_action(ActionSetDistrict, tracker)
    assert events == [SlotSet("district", "northeim")]
    assert keys(messages) == ["utter_district_set"]
    assert messages[0]["district"] == "Northeim"


async def test_pending_question_is_answered_next(run_action) -> None:
    tracker = make_tracker(
        '/inform_district{"district": "nienburg"}',
        "inform_district",
        [{"entity": "district", "value": "nienburg"}],
        slots={"pending_intent": "ask_contact"},
    )
    events, messages = await run_action(ActionSetDistrict, tracker)
    # Answered in the same turn (a FollowupAction would end in Rasa's core fallback).
    assert events == [
        SlotSet("district", "nienburg"),
        SlotSet("pending_intent", None),
        SlotSet("last_topic", "ask_contact"),
    ]
    assert keys(messages)[:2] == ["utter_contact_intro", "utter_contact_card"]


async def test_shared_location(run_action) -> None:
    tracker = make_tracker("", "inform_district", metadata={"location": {"latitude": 52.64, "longitude": 9.21}})
    events, _messages = await run_action(ActionSetDistrict, tracker)
    assert events == [SlotSet("district", "nienburg")]


async def test_location_outside_every_district(run_action) -> None:
    tracker = make_tracker("", "inform_district", metadata={"location": {"latitude": 52.52, "longitude": 13.40}})
    events, messages = await run_action(ActionSetDistrict, tracker)
    assert events == []
    assert keys(messages) == ["utter_district_not_covered", "utter_nationwide_numbers"]


async def test_misspelled_district_in_cyrillic_sentence(run_action) -> None:
    tracker = make_tracker("я живу в Нинбурге", "inform_district", [{"entity": "district", "value": "Нинбурге"}])
    events, _messages = await run_action(ActionSetDistrict, tracker)
    assert events == [SlotSet("district", "nienburg")]


async def test_a_place_with_a_question_answers_the_question_there(run_action) -> None:
    ranking = [{"name": "inform_district", "confidence": 0.7}, {"name": "ask_contact", "confidence": 0.24}]
    tracker = make_tracker(
        "I live in Uchte. Who do I talk to about integration?",
        "inform_district",
        [{"entity": "municipality", "value": "Uchte"}],
        intent_ranking=ranking,
    )
    events, messages = await run_action(ActionSetDistrict, tracker)
    assert events == [SlotSet("district", "nienburg"), SlotSet("last_topic", "ask_contact")]
    assert keys(messages)[:2] == ["utter_contact_intro", "utter_contact_card"]


async def test_a_place_with_a_need_gets_the_contacts(run_action) -> None:
    ranking = [{"name": "inform_district", "confidence": 0.99}, {"name": "ask_contact", "confidence": 0.01}]
    tracker = make_tracker(
        "Wir wohnen in Steyerberg, an wen können wir uns wenden?",
        "inform_district",
        [{"entity": "municipality", "value": "Steyerberg"}],
        intent_ranking=ranking,
    )
    events, messages = await run_action(ActionSetDistrict, tracker)
    assert events == [SlotSet("district", "nienburg"), SlotSet("last_topic", "ask_contact")]
    assert keys(messages)[0] == "utter_contact_intro"


async def test_what_about_another_place_repeats_the_last_question(run_action) -> None:
    tracker = make_tracker(
        "What about Goslar?",
        "inform_district",
        [{"entity": "district", "value": "Goslar"}],
        slots={"district": "nienburg", "last_topic": "ask_opening_hours"},
    )
    events, messages = await run_action(ActionSetDistrict, tracker)
    assert events == [SlotSet("district", "goslar")]  # last_topic stays ask_opening_hours
    assert keys(messages) == ["utter_opening_hours_unknown"]
    assert messages[0]["name"] == "Julia Aktas"


async def test_a_plain_place_is_noted(run_action) -> None:
    tracker = make_tracker(
        "ich wohne in Hoya", "inform_district", [{"entity": "municipality", "value": "Hoya"}],
        slots={"last_topic": None},
    )  # fmt: skip
    events, messages = await run_action(ActionSetDistrict, tracker)
    assert events == [SlotSet("district", "nienburg")]
    assert keys(messages) == ["utter_district_set"]


async def test_the_same_place_again_is_noted_not_answered_twice(run_action) -> None:
    tracker = make_tracker(
        "", "inform_district", metadata={"location": {"latitude": 52.64, "longitude": 9.21}},
        slots={"district": "nienburg", "last_topic": "ask_contact"},
    )  # fmt: skip
    events, messages = await run_action(ActionSetDistrict, tracker)
    assert events == []
    assert keys(messages) == ["utter_district_set"]


@pytest.mark.parametrize(
    ("text", "place", "field", "first_key"),
    [
        ("numara nienburg?", "nienburg", "ask_contact", "utter_contact_intro"),
        ("رقم نينبورغ؟", "نينبورغ", "ask_contact", "utter_contact_intro"),
        ("shomare nienburg", "nienburg", "ask_contact", "utter_contact_intro"),
        ("wann hat nienburg offen", "nienburg", "ask_opening_hours", "utter_opening_hours"),
    ],
)
async def test_a_place_with_the_word_for_what_is_wanted_answers_it(
    run_action, text: str, place: str, field: str, first_key: str
) -> None:
    ranking = [{"name": "inform_district", "confidence": 0.97}, {"name": "greet", "confidence": 0.02}]
    tracker = make_tracker(
        text, "inform_district", [{"entity": "district", "value": place}], intent_ranking=ranking,
        slots={"last_topic": None},
    )  # fmt: skip
    events, messages = await run_action(ActionSetDistrict, tracker)
    assert events == [SlotSet("district", "nienburg"), SlotSet("last_topic", field)]
    assert keys(messages)[0].startswith(first_key)


async def test_an_inflected_place_after_a_topic_repeats_the_topic_there(run_action) -> None:
    tracker = make_tracker(
        "а що з Ґосларом?", "inform_district", slots={"last_topic": "ask_contact", "district": "northeim"}
    )
    _events, messages = await run_action(ActionSetDistrict, tracker)
    assert keys(messages)[0] == "utter_contact_intro"


def test_acknowledgements_and_the_word_district_are_not_counted_beside_a_place() -> None:
    # "Зрозуміло. А щодо району Northeim?" after the contacts asks for Northeim's contacts (blind set v13).
    assert words_besides_place("Зрозуміло. А щодо району Northeim?", "Northeim") == 2
    assert words_besides_place("tamam anladım, Goslar?", "Goslar") == 0


def test_a_place_with_an_arabic_clitic_is_the_place() -> None:
    # "طيب وبغوسلار؟ اختي ساكنة هونيك" (and in Goslar? my sister lives there) repeats the last question (v15).
    assert words_besides_place("طيب وبغوسلار؟ اختي ساكنة هونيك", "غوسلار") == 3


@pytest.mark.parametrize(
    "text",
    ["نه ببخشید منظورم نینبورگ بود", "nein sorry, ich meinte Nienburg", "no sorry I meant nienburg",
     "na bebakhshid manzooram Nienburg bood"],  # Finglish (v18)
)  # fmt: skip
async def test_a_corrected_place_answers_the_last_question_there(run_action, text: str) -> None:
    # After the hours of Goslar (blind set v16): the hours of Nienburg, not only "district noted".
    tracker = make_tracker(text, "inform_district", slots={"district": "goslar", "last_topic": "ask_opening_hours"})
    _events, messages = await run_action(ActionSetDistrict, tracker)
    # (The emergency classifier finds the Farsi one likely enough for the nationwide numbers first, calmly.)
    assert keys(messages)[-1] == "utter_opening_hours"
    assert "utter_emergency" not in keys(messages)
    assert "08:00" in messages[-1]["text"]
