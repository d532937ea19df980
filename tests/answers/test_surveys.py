"""action_show_survey: upcoming, open and closed relative to today (frozen clock)."""

from __future__ import annotations

import datetime as dt

from rasa_sdk.events import SlotSet

from actions.answers.runtime import BERLIN
from actions.answers.surveys import ActionShowSurvey

from ..support.trackers import keys, make_tracker


def ask(text: str = "can I take part in the survey?"):
    return make_tracker(text, "ask_survey")


async def test_closed_survey_reports_its_real_dates(run_action, render) -> None:
    events, messages = await run_action(ActionShowSurvey, ask())
    # The district is unknown: every survey, then which district (the one named may not be the asker's).
    assert events == [SlotSet("pending_intent", "ask_survey"), SlotSet("last_topic", "ask_survey")]
    assert keys(messages) == ["utter_survey_closed", "utter_survey_closed_details", "utter_ask_district"]
    assert (messages[0]["opens"], messages[0]["closes"]) == ("January 11, 2021", "January 31, 2021")
    text = render(messages)[0]
    assert "January 31, 2021" in text
    assert "https://" not in text  # a closed survey is never offered as open
    details = render(messages)[1]  # what people ask about it stays answerable, in the past tense
    assert "30 minutes" in details
    assert "+49 5551 708435" in details


async def test_open_survey_on_its_last_day(run_action, render, clock) -> None:
    clock["now"] = dt.datetime(2021, 1, 31, 23, 30, tzinfo=BERLIN)
    _events, messages = await run_action(ActionShowSurvey, ask("Umfrage mitmachen bis wann?"))
    assert keys(messages) == ["utter_survey_open", "utter_survey_details", "utter_ask_district"]
    assert messages[0]["closes"] == "31. Januar 2021"
    assert messages[0]["url"] == "https://www.landkreis-northeim.de/integrationskonzept"
    assert messages[0]["languages"] == "Deutsch, Einfache Sprache und Englisch"
    details = render(messages)[1]
    assert "30" in details
    assert "Simone Förster (+49 5551 708435)" in details
    assert "Hanna Bludau (+49 5551 708323)" in details


async def test_upcoming_survey(run_action, clock) -> None:
    clock["now"] = dt.datetime(2021, 1, 5, 9, 0, tzinfo=BERLIN)
    _events, messages = await run_action(ActionShowSurvey, ask())
    assert keys(messages) == ["utter_survey_upcoming", "utter_survey_details", "utter_ask_district"]
    assert messages[0]["opens"] == "January 11, 2021"


async def test_district_without_survey(run_action) -> None:
    tracker = make_tracker("Umfrage in Goslar?", "ask_survey", [{"entity": "district", "value": "Goslar"}])
    events, messages = await run_action(ActionShowSurvey, tracker)
    assert events == [SlotSet("district", "goslar"), SlotSet("last_topic", "ask_survey")]
    assert keys(messages) == ["utter_no_survey"]
    assert messages[0]["district"] == "Goslar"


async def test_known_district_or_asked_once_gets_no_district_question(run_action) -> None:
    known = make_tracker("survey?", "ask_survey", slots={"district": "northeim"})
    events, messages = await run_action(ActionShowSurvey, known)
    assert events == [SlotSet("last_topic", "ask_survey")]
    assert keys(messages) == ["utter_survey_closed", "utter_survey_closed_details"]
    asked = make_tracker("how long does it take?", "ask_survey", slots={"pending_intent": "ask_survey"})
    events, messages = await run_action(ActionShowSurvey, asked)
    assert events == [SlotSet("last_topic", "ask_survey")]
    assert keys(messages) == ["utter_survey_closed", "utter_survey_closed_details"]
