"""action_set_district: names, towns, typos and locations; the waiting question is answered."""

from __future__ import annotations

from rasa_sdk.events import FollowupAction, SlotSet

from actions.answers.district import ActionSetDistrict

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
    assert events == [
        SlotSet("district", "nienburg"),
        SlotSet("pending_intent", None),
        FollowupAction("action_show_contact"),
    ]
    assert messages == []


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
