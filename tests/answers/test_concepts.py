"""Integration concepts and German courses."""

from __future__ import annotations

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


async def test_language_course_unknown_elsewhere(run_action) -> None:
    tracker = make_tracker("Deutschkurs wo", "ask_language_course", slots={"district": "nienburg"})
    _events, messages = await run_action(ActionShowLanguageCourse, tracker)
    assert keys(messages) == ["utter_language_course_unknown"]
