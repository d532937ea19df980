"""action_show_event: the Goslar integration conference, past or upcoming by date."""

from __future__ import annotations

import datetime as dt

from rasa_sdk.events import SlotSet

from actions.answers.events import ActionShowEvent
from actions.answers.runtime import BERLIN

from ..support.trackers import keys, make_tracker


async def test_conference_is_reported_as_past(run_action, render) -> None:
    events, messages = await run_action(
        ActionShowEvent, make_tracker("when is the integration conference?", "ask_event")
    )
    assert events == [SlotSet("last_topic", "ask_event")]
    assert keys(messages) == ["utter_event_past", "utter_event_contact"]
    assert (messages[0]["date"], messages[0]["time"]) == ("November 8, 2019", "14:00")
    assert "Kreishaus" in render(messages)[0]


async def test_conference_before_the_date_invites_to_register(run_action, render, clock) -> None:
    clock["now"] = dt.datetime(2019, 10, 25, 9, 0, tzinfo=BERLIN)
    _events, messages = await run_action(
        ActionShowEvent, make_tracker("Integrationskonferenz anmelden wie?", "ask_event")
    )
    assert keys(messages) == ["utter_event_upcoming"]
    assert messages[0]["date"] == "8. November 2019"
    assert (messages[0]["contact"], messages[0]["phone"]) == ("Julia Aktas", "+49 5321 76276")
    assert "+49 5321 76276" in render(messages)[0]


async def test_district_without_events(run_action) -> None:
    tracker = make_tracker("events in Görlitz", "ask_event", [{"entity": "district", "value": "Görlitz"}])
    _events, messages = await run_action(ActionShowEvent, tracker)
    assert keys(messages) == ["utter_no_event"]


async def test_events_in_my_own_region_ask_which_district_that_is(run_action) -> None:
    tracker = make_tracker("في أي مؤتمر أو فعالية عن الاندماج بمنطقتي؟", "ask_event")
    _events, messages = await run_action(ActionShowEvent, tracker)
    assert keys(messages)[0] == "utter_ask_district"


async def test_events_in_my_region_when_the_district_is_known_are_that_districts(run_action) -> None:
    tracker = make_tracker("any integration events in my area?", "ask_event", slots={"district": "goslar"})
    _events, messages = await run_action(ActionShowEvent, tracker)
    assert keys(messages) == ["utter_event_past", "utter_event_contact"]
