"""Information links: multilingual corona/vaccination info, sign language, easy language."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions.answers.contacts import ActionShowContact
from actions.answers.info_links import ActionShowEasyLanguageInfo, ActionShowSignLanguageInfo, ActionShowVaccinationInfo
from actions.answers.small_talk import ActionOutOfScope

from ..support.trackers import keys, make_tracker


async def test_vaccination_info_in_23_languages(run_action, render) -> None:
    events, messages = await run_action(
        ActionShowVaccinationInfo, make_tracker("Impfung Infos auf Arabisch wo?", "ask_vaccination_info")
    )
    assert events == [SlotSet("last_topic", "ask_vaccination_info")]
    assert keys(messages) == ["utter_vaccination_info"]
    assert (messages[0]["url"], messages[0]["language_count"]) == (
        "https://www.integrationsbeauftragte.de/corona-virus",
        23,
    )


async def test_sign_language(run_action, render) -> None:
    _events, messages = await run_action(
        ActionShowSignLanguageInfo, make_tracker("corona info in sign language?", "ask_sign_language")
    )
    assert keys(messages) == ["utter_sign_language"]
    assert "https://www.zusammengegencorona.de" in render(messages)[0]


async def test_easy_language_offers_the_locale(run_action) -> None:
    _events, messages = await run_action(
        ActionShowEasyLanguageInfo, make_tracker("leichte Sprache?", "ask_easy_language")
    )
    assert keys(messages) == ["utter_easy_language"]


async def test_sign_language_information_whatever_the_intent(run_action) -> None:
    tracker = make_tracker("fi ma3lomat 3an corona bi loghat el esharat? jare atrash", "out_of_scope")
    events, messages = await run_action(ActionOutOfScope, tracker)
    assert keys(messages) == ["utter_sign_language"]
    # The topic a follow-up continues ("and in Arabic as text?": the written information, blind set v16).
    assert events == [SlotSet("last_topic", "ask_sign_language")]


async def test_easy_language_offer_only_when_asked_for(run_action) -> None:
    _events, messages = await run_action(ActionShowEasyLanguageInfo, make_tracker("Einfache Sprache bitte", "x"))
    assert keys(messages) == ["utter_easy_language"]
    tracker = make_tracker("rauchmelder too rahro har shab bip bip mikone, ki bayad avazesh kone?", "ask_easy_language")
    _events, messages = await run_action(ActionShowEasyLanguageInfo, tracker)
    assert keys(messages)[:2] == ["utter_nationwide_numbers", "utter_not_known"]  # unplaced: the numbers first


async def test_how_many_languages_right_after_the_information(run_action) -> None:
    # "а скільки там мов?" asked for the district (blind set v15).
    tracker = make_tracker("а скільки там мов?", "ask_contact", slots={"last_topic": "ask_vaccination_info"})
    _events, messages = await run_action(ActionShowContact, tracker)
    assert keys(messages) == ["utter_vaccination_info"]


async def test_a_question_with_a_request_for_easy_german_is_answered_in_easy_german(run_action) -> None:
    text = "Ich verstehe nicht gut Deutsch. Bitte einfach. Wo ist das Büro für Migranten in Nienburg? Welche Straße?"
    events, messages = await run_action(ActionShowEasyLanguageInfo, make_tracker(text, "ask_easy_language"))
    assert SlotSet("locale", "de-simple") in events
    assert keys(messages)[:2] == ["utter_contact_intro", "utter_contact_card"]
    assert {m["locale"] for m in messages if "locale" in m} == {"de-simple"}
    assert "Rühmkorffstraße 12" in messages[1]["text"]
