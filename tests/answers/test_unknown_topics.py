"""Questions about topics the bot has no facts on get an honest "I don't know", whatever
intent the NLU guessed – never another topic's facts."""

from __future__ import annotations

import pytest

from actions.answers.contacts import ActionShowContact
from actions.answers.events import ActionShowEvent
from actions.answers.hotlines import ActionShowHotline
from actions.answers.info_links import ActionShowVaccinationInfo

from ..support.trackers import keys, make_tracker


@pytest.mark.parametrize(
    ("action", "intent", "text"),
    [
        (ActionShowEvent, "ask_event", "Gibt es einen Workshop für Jugendliche zur Berufsorientierung?"),
        (ActionShowHotline, "ask_hotline", "Was brauche ich für die Einbürgerung?"),
        (ActionShowContact, "ask_contact", "who can help me find a flat"),
    ],
)
async def test_an_unknown_topic_is_declined_whatever_the_intent(run_action, action, intent, text) -> None:
    _events, messages = await run_action(action, make_tracker(text, intent))
    assert keys(messages)[0] == "utter_not_known"
    assert "utter_hotline" not in keys(messages)
    assert "utter_event_past" not in keys(messages)


async def test_a_named_office_implies_its_district(run_action) -> None:
    text = "Welche E-Mail-Adresse hat die Koordinierungsstelle Migration und Teilhabe?"
    _events, messages = await run_action(ActionShowContact, make_tracker(text, "ask_contact"))
    assert keys(messages)[0] == "utter_contact_intro"
    assert messages[0]["district"] == "Nienburg"


@pytest.mark.parametrize(
    "text",
    [
        # Who asks (a pupil, a school social worker, an interpreter), not what: the document is the question.
        "ya bi sorum var okul projem icin, goslar integrasyon leitlinien ne zaman kabul edildi",
        "Brauche das für ein Referat in der Schule: welche Werte hat das Integrationskonzept Northeim?",
        "I'm an interpreter, when was the integration conference in Goslar?",
    ],
)
async def test_the_askers_school_or_interpreting_beside_a_named_document_is_no_unknown_topic(
    run_action, text: str
) -> None:
    from actions.answers.concepts import ActionShowConcept
    from actions.answers.events import ActionShowEvent

    action = ActionShowEvent if "conference" in text else ActionShowConcept
    _events, messages = await run_action(action, make_tracker(text, action.intent))
    assert "utter_not_known" not in keys(messages)


async def test_a_school_question_without_a_document_is_still_declined(run_action) -> None:
    from actions.answers.concepts import ActionShowConcept

    _events, messages = await run_action(
        ActionShowConcept, make_tracker("which school can my son go to in Goslar?", "ask_concept")
    )
    assert "utter_not_known" in keys(messages)


async def test_an_interpreter_beside_the_corona_information_is_context(run_action) -> None:
    # Blind set v13: "…on Russian, properly, not through an interpreter" got "I don't know".
    text = "где почитать про прививку от короны на русском нормально, не через переводчик"
    _events, messages = await run_action(ActionShowVaccinationInfo, make_tracker(text, "ask_vaccination_info"))
    assert "utter_not_known" not in keys(messages)
