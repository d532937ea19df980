"""action_choose_language: switching sticks in the slot and the reply is in the new language."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.answers.language import ActionChooseLanguage

from ..support.trackers import keys, make_tracker


async def test_switch_to_arabic(run_action, render) -> None:
    tracker = make_tracker("please answer in Arabic", "choose_language", [{"entity": "language", "value": "ar"}])
    events, messages = await run_action(ActionChooseLanguage, tracker)
    assert events == [SlotSet("locale", "ar")]
    assert keys(messages) == ["utter_language_set"]
    assert (messages[0]["locale"], messages[0]["language_name"]) == ("ar", "العربية")


async def test_easy_german(run_action) -> None:
    tracker = make_tracker("einfache Sprache bitte", "choose_language", [{"entity": "language", "value": "de-simple"}])
    events, messages = await run_action(ActionChooseLanguage, tracker)
    assert events == [SlotSet("locale", "de-simple")]
    assert messages[0]["language_name"] == "Einfache Sprache"


async def test_unsupported_language_lists_the_supported_ones(run_action, render) -> None:
    tracker = make_tracker("can you answer in French", "choose_language", [{"entity": "language", "value": "fr"}])
    events, messages = await run_action(ActionChooseLanguage, tracker)
    assert events == []
    assert keys(messages) == ["utter_language_not_supported"]
    assert "العربية" in messages[0]["languages"]


async def test_no_language_shows_the_picker(run_action) -> None:
    _events, messages = await run_action(ActionChooseLanguage, make_tracker("change language", "choose_language"))
    assert keys(messages) == ["utter_ask_language"]


async def test_a_bare_language_name_the_nlu_missed_still_switches(run_action) -> None:
    tracker = make_tracker("немецкий пожалуйста", "choose_language")  # no language entity
    events, messages = await run_action(ActionChooseLanguage, tracker)
    assert events == [SlotSet("locale", "de")]
    assert keys(messages) == ["utter_language_set"]


async def test_two_languages_named_is_no_guess(run_action) -> None:
    tracker = make_tracker("Ich lebe in Deutschland, kannst du Englisch oder Arabisch?", "choose_language")
    _events, messages = await run_action(ActionChooseLanguage, tracker)
    assert keys(messages) == ["utter_ask_language"]


def _after(tracker, action: str):
    """The tracker as if `action` had answered the message before this one."""
    current = tracker.events.pop()
    tracker.events += [
        {"event": "user", "text": "earlier", "metadata": {}, "parse_data": {}},
        {"event": "action", "name": action},
        {"event": "action", "name": "action_listen"},
        current,
    ]
    return tracker


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kann man da auch auf Türkisch anrufen?", "tr"),
        ("is there a line in russian too", "ru"),
        ("وفي رقم بالفارسي؟", "fa"),
    ],
)
async def test_a_language_with_a_word_for_calling_asks_for_a_hotline(run_action, text: str, language: str) -> None:
    tracker = make_tracker(text, "choose_language", [{"entity": "language", "value": language}])
    events, messages = await run_action(ActionChooseLanguage, tracker)
    assert not any(e.get("name") == "locale" for e in events)  # the reply language stays
    assert keys(messages)[0].startswith("utter_hotline")


async def test_a_language_right_after_the_hotlines_asks_for_a_line_in_it(run_action) -> None:
    tracker = _after(
        make_tracker("and in ukrainian?", "choose_language", [{"entity": "language", "value": "uk"}]),
        "action_show_hotline",
    )
    events, messages = await run_action(ActionChooseLanguage, tracker)
    assert events == []
    assert keys(messages)[0].startswith("utter_hotline")


async def test_answer_me_in_a_language_after_the_hotlines_still_switches(run_action) -> None:
    tracker = _after(
        make_tracker("please answer in arabic", "choose_language", [{"entity": "language", "value": "ar"}]),
        "action_show_hotline",
    )
    events, messages = await run_action(ActionChooseLanguage, tracker)
    assert events == [SlotSet("locale", "ar")]
    assert keys(messages) == ["utter_language_set"]


@pytest.mark.parametrize(
    "text", ["is there an english speaking paediatrician in goslar", "де українська церква в нортгаймі"]
)
async def test_a_language_as_an_adjective_of_an_unknown_topic_is_declined(run_action, text: str) -> None:
    events, messages = await run_action(ActionChooseLanguage, make_tracker(text, "choose_language"))
    assert not any(e.get("name") == "locale" for e in events)
    assert keys(messages)[0] == "utter_not_known"


async def test_someone_who_speaks_a_language_is_no_request_to_switch(run_action) -> None:
    # Blind set v13: "…stomatologist who speaks Ukrainian…" got "from now on I answer in Ukrainian".
    text = "де знайти стоматолога який говорить українською або хоча б російською"
    tracker = make_tracker(text, "choose_language", [{"entity": "language", "value": "uk"}])
    events, messages = await run_action(ActionChooseLanguage, tracker)
    assert "utter_language_set" not in keys(messages)
    assert "utter_not_known" in keys(messages)
    assert SlotSet("locale", "uk") not in events


@pytest.mark.parametrize(
    ("text", "topic_key"),
    [
        # Blind set v14: "written Turkish information on the internet too?" switched the reply language.
        ("yazılı Türkçe bilgi de var mı internette", "utter_vaccination_info"),
        ("and written info, in more languages? we also have Tigrinya and Dari speakers", "utter_vaccination_info"),
        ("orada Türkçe konuşuyorlar mı?", "utter_hotline_in_language"),
    ],
)
async def test_a_language_right_after_the_hotline_asks_about_it(run_action, text: str, topic_key: str) -> None:
    entities = [{"entity": "language", "value": "tr"}]
    tracker = make_tracker(text, "choose_language", entities, slots={"last_topic": "ask_hotline"})
    events, messages = await run_action(ActionChooseLanguage, tracker)
    assert "utter_language_set" not in keys(messages)
    assert topic_key in keys(messages)


async def test_someone_elses_language_in_a_sentence_is_no_switch(run_action) -> None:
    # "die spricht aber fast nur russisch" after the contacts switched the reply language (blind set v15).
    entities = [{"entity": "language", "value": "ru"}]
    slots = {"last_topic": "ask_contact", "district": "northeim"}
    tracker = make_tracker("die spricht aber fast nur russisch", "choose_language", entities, slots=slots)
    events, messages = await run_action(ActionChooseLanguage, tracker)
    assert SlotSet("locale", "ru") not in events
    assert keys(messages)[0] == "utter_contact_intro"
