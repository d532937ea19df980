"""Integration concepts and German courses."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.answers.concepts import ActionShowConcept, ActionShowLanguageCourse

from ..support.trackers import keys, make_tracker


async def test_northeim_guiding_values(run_action, render) -> None:
    tracker = make_tracker("Integrationskonzept Northeim", "ask_concept", [{"entity": "district", "value": "Northeim"}])
    _events, messages = await run_action(ActionShowConcept, tracker)
    assert keys(messages) == ["utter_concept_values", "utter_concept_status", "utter_more_information"]
    assert messages[0]["values"] == "Teilhabe, Wertschätzung, Identität und Beteiligung"


async def test_goerlitz_measures_with_responsible_body(run_action, render) -> None:
    tracker = make_tracker("what does Görlitz plan for integration", "ask_concept", slots={"district": "goerlitz"})
    _events, messages = await run_action(ActionShowConcept, tracker)
    assert keys(messages) == ["utter_concept_measures"]
    measures = messages[0]["measures"].splitlines()
    assert len(measures) == 9
    assert (
        measures[0]
        == "• Kampagne „Integration braucht Haltung“ (SG Integration in Zusammenarbeit mit dem KIB Institut)"
    )


async def test_language_course_in_goslar(run_action, render) -> None:
    tracker = make_tracker(
        "where can I learn German in Goslar", "ask_language_course", [{"entity": "district", "value": "Goslar"}]
    )
    _events, messages = await run_action(ActionShowLanguageCourse, tracker)
    assert keys(messages) == ["utter_language_course"]
    assert messages[0]["providers"] == "Kreisvolkshochschule and Bildungsträger"


async def test_language_course_unknown_elsewhere_is_an_honest_decline(run_action) -> None:
    tracker = make_tracker("Deutschkurs wo", "ask_language_course", slots={"district": "nienburg"})
    _events, messages = await run_action(ActionShowLanguageCourse, tracker)
    assert keys(messages)[:2] == ["utter_not_known", "utter_who_can_help"]  # then the Nienburg contacts
    assert messages[-1]["custom"] == {"handover": {"reason": "out_of_scope", "district": "nienburg"}}


async def test_course_registration_without_a_district_is_declined_not_asked_back(run_action) -> None:
    tracker = make_tracker("Wie melde ich mich für einen Integrationskurs an? Brauche ich einen Berechtigungsschein?",
                           "ask_language_course")  # fmt: skip
    events, messages = await run_action(ActionShowLanguageCourse, tracker)
    assert keys(messages) == ["utter_not_known", "utter_ask_district_to_help", "utter_nationwide_numbers", "handover"]
    assert SlotSet("pending_intent", "ask_contact") in events


@pytest.mark.parametrize(
    "text",
    ["who can i call about the integration concept here", "кто за неё отвечает, телефон дайте", "kim sorumlu bundan"],
)
async def test_asking_whom_to_call_about_the_concept_gets_who_is_responsible_and_the_contacts(
    run_action, render, text: str
) -> None:
    tracker = make_tracker(text, "ask_concept", slots={"district": "northeim", "last_topic": "ask_concept"})
    events, messages = await run_action(ActionShowConcept, tracker)
    assert keys(messages)[:2] == ["utter_concept_responsible", "utter_contact_intro"]
    assert "Fachbereich 23" in render(messages)[0]
    assert SlotSet("last_topic", "ask_contact") in events


async def test_who_runs_a_goerlitz_measure_is_in_its_measures(run_action, render) -> None:
    tracker = make_tracker("Wer ist für die Kampagne Integration braucht Haltung zuständig?", "ask_concept",
                           slots={"district": "goerlitz"})  # fmt: skip
    _events, messages = await run_action(ActionShowConcept, tracker)
    assert keys(messages)[0] == "utter_concept_measures"
    assert "SG Integration" in render(messages)[0]
