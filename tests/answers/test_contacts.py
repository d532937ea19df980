"""action_show_contact and action_handover: the district's contact cards."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions.answers.contacts import ActionShowContact
from actions.answers.handover import ActionHandover

from ..support.trackers import handover_marker, keys, make_tracker

NIENBURG = {"entity": "district", "value": "Nienburg"}


async def test_contact_for_named_district(run_action, render) -> None:
    tracker = make_tracker("Telefonnummer der Migrationsberatung in Nienburg?", "ask_contact", [NIENBURG])
    events, messages = await run_action(ActionShowContact, tracker)
    assert events == [SlotSet("district", "nienburg"), SlotSet("last_topic", "ask_contact")]
    assert keys(messages) == ["utter_contact_intro", "utter_contact_card"]
    assert messages[0]["district"] == "Nienburg"
    assert messages[0]["locale"] == "de"
    intro, card = render(messages)
    assert "Nienburg" in intro
    assert card.splitlines()[0] == "Koordinierungsstelle Migration und Teilhabe"
    for fact in (
        "Rühmkorffstraße 12, 31582 Nienburg",
        "+49 5021 967686",
        "migration@kreis-ni.de",
        "http://www.kreis-ni.de",
    ):
        assert fact in card
    assert "Mo.–Do. 08:00–16:00; Fr. 08:00–12:00" in card
    assert "16:00" in card.splitlines()[-1]  # open now, until 16:00


async def test_follow_up_uses_remembered_district(run_action, render) -> None:
    tracker = make_tracker("and the phone number?", "ask_contact", slots={"district": "nienburg"})
    events, messages = await run_action(ActionShowContact, tracker)
    assert events == [SlotSet("last_topic", "ask_contact")]
    assert keys(messages) == ["utter_contact_intro", "utter_contact_card"]
    assert messages[0]["locale"] == "en"
    assert "+49 5021 967686" in render(messages)[1]


async def test_municipality_sets_its_district(run_action) -> None:
    tracker = make_tracker("wen frage ich in Einbeck", "ask_contact", [{"entity": "municipality", "value": "Einbeck"}])
    events, messages = await run_action(ActionShowContact, tracker)
    assert events == [SlotSet("district", "northeim"), SlotSet("last_topic", "ask_contact")]
    assert keys(messages) == ["utter_contact_intro", "utter_contact_card", "utter_contact_card"]
    assert [m["name"] for m in messages[1:]] == ["Simone Förster", "Hanna Bludau"]


async def test_missing_district_is_asked_with_buttons(run_action) -> None:
    events, messages = await run_action(ActionShowContact, make_tracker("whom can I contact?", "ask_contact"))
    assert events == [SlotSet("pending_intent", "ask_contact"), SlotSet("last_topic", "ask_contact")]
    assert keys(messages) == ["utter_ask_district"]
    assert [b["title"] for b in messages[0]["buttons"]] == ["Northeim", "Nienburg", "Goslar", "Görlitz"]
    assert messages[0]["buttons"][1]["payload"] == '/inform_district{"district": "nienburg"}'


async def test_uncovered_district_gives_nationwide_numbers(run_action, render) -> None:
    tracker = make_tracker("Migrationsberatung in Berlin", "ask_contact", [{"entity": "district", "value": "Berlin"}])
    events, messages = await run_action(ActionShowContact, tracker)
    assert events == [SlotSet("last_topic", "ask_contact")]
    assert keys(messages) == ["utter_district_not_covered", "utter_nationwide_numbers"]
    assert messages[0]["place"] == "Berlin"
    numbers = render(messages)[1]
    for number in ("112", "110", "116 016", "+49 800 1110111", "116117"):
        assert number in numbers


async def test_district_without_contact_says_so(run_action) -> None:
    tracker = make_tracker("Ansprechpartner Görlitz", "ask_contact", [{"entity": "district", "value": "Görlitz"}])
    events, messages = await run_action(ActionShowContact, tracker)
    assert events == [SlotSet("district", "goerlitz"), SlotSet("last_topic", "ask_contact")]
    assert keys(messages) == ["utter_no_contact", "utter_nationwide_numbers"]


async def test_arabic_card_keeps_numbers_left_to_right(run_action, render) -> None:
    tracker = make_tracker(
        "ما هو رقم هاتف مكتب الاندماج في نينبورغ", "ask_contact", [{"entity": "district", "value": "نينبورغ"}]
    )
    _events, messages = await run_action(ActionShowContact, tracker)
    assert messages[0]["locale"] == "ar"
    card = render(messages)[1]
    assert "\u2066+49 5021 967686\u2069" in card
    assert "\u2066migration@kreis-ni.de\u2069" in card


async def test_handover_gives_contacts_with_open_status(run_action, render, clock) -> None:
    clock["now"] = clock["now"].replace(hour=18)  # Monday evening: closed
    tracker = make_tracker("I want to talk to a person", "ask_human", slots={"district": "nienburg"})
    events, messages = await run_action(ActionHandover, tracker)
    assert events == [SlotSet("last_topic", "ask_human")]
    assert keys(messages) == ["utter_handover", "utter_contact_card", "handover"]
    assert handover_marker(messages) == {"reason": "ask_human", "district": "nienburg"}
    status = render(messages)[1].splitlines()[-1]
    assert "Tue, Nov 24, 08:00" in status
