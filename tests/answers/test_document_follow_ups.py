"""A short question right after the survey, the conference or a concept is about it (base.DOCUMENT_TOPICS)."""

from __future__ import annotations

import pytest

from actions.answers import ACTION_CLASSES
from actions.answers.base import BaseAction

from ..support.trackers import keys, make_tracker


def action(name: str) -> type[BaseAction]:
    return next(c for c in ACTION_CLASSES if c.name(c.__new__(c)) == name)


@pytest.mark.parametrize(
    ("last", "district", "text", "intent", "taken_by", "fact"),
    [
        ("ask_event", "goslar", "what time did it start?", "ask_opening_hours", "action_show_opening_hours", "14:00"),
        ("ask_event", "goslar", "und wo?", "ask_contact", "action_show_contact", "Kreishaus"),
        ("ask_event", "goslar", "куда звонить чтоб записаться", "ask_hotline", "action_show_hotline", "5321 76276"),
        ("ask_survey", "northeim", "which languages", "choose_language", "action_choose_language", "English"),
        # A language in a question about the document is no request to switch the reply language.
        (
            "ask_survey",
            "northeim",
            "Kann man die auch auf Englisch ausfüllen?",
            "choose_language",
            "action_choose_language",
            "5551",
        ),
        ("ask_survey", "northeim", "а англійською вона є?", "choose_language", "action_choose_language", "5551"),
        ("ask_survey", "northeim", "а англійською є?", "choose_language", "action_choose_language", "5551"),  # v17
        ("ask_survey", "northeim", "kağıtta doldurabilir miyim?", "nlu_fallback", "action_default_fallback", "5551"),
        (
            "ask_concept",
            "northeim",
            "where can i read it",
            "nlu_fallback",
            "action_default_fallback",
            "landkreis-northeim.de",
        ),
        ("ask_concept", "northeim", "а в Гёрлице что?", "ask_contact", "action_show_contact", "Ankommen und Leben"),
        # Who wrote it, who is responsible, whom to call about it: the district's contacts (blind sets v9, v10).
        ("ask_concept", "northeim", "хто за нейи видповидае", "nlu_fallback", "action_default_fallback", "5551"),
        ("ask_concept", "northeim", "Wer hat das Konzept geschrieben?", "ask_concept", "action_show_concept", "5551"),
        ("ask_concept", "northeim", "who can I call about it?", "ask_hotline", "action_show_hotline", "5551"),
        # Read as small talk, the time of the conference is still the question (blind set v13).
        ("ask_event", "goslar", "what time did it start", "help", "action_help", "14:00"),
        ("ask_event", "goslar", "und wann war das?", "goodbye", "action_goodbye", "14:00"),
        ("ask_survey", "northeim", "how long does it take", "out_of_scope", "action_out_of_scope", "30"),
        # Which department prepares it: the concept's responsible office and the contacts.
        ("ask_concept", "northeim", "hangi birim hazırlıyor", "ask_concept", "action_show_concept", "Fachbereich 23"),
    ],
)
async def test_a_short_question_after_a_document_is_about_it(
    run_action, render, last: str, district: str, text: str, intent: str, taken_by: str, fact: str
) -> None:
    tracker = make_tracker(text, intent, slots={"last_topic": last, "district": district})
    _events, messages = await run_action(action(taken_by), tracker)
    assert fact in "\n".join(render(messages)).replace("⁩", "").replace("⁦", "")


@pytest.mark.parametrize(
    ("text", "intent", "taken_by", "first_key"),
    [
        ("please answer in English", "choose_language", "action_choose_language", "utter_language_set"),
        ("and what about the opening hours of the migration office in Nienburg?", "ask_opening_hours",
         "action_show_opening_hours", "utter_opening_hours"),
        ("wer ist die Ansprechperson für Integration in Nienburg?", "ask_contact", "action_show_contact",
         "utter_contact_intro"),
    ],
)  # fmt: skip
async def test_a_new_question_after_a_document_is_answered_as_asked(
    run_action, text: str, intent: str, taken_by: str, first_key: str
) -> None:
    tracker = make_tracker(text, intent, [{"entity": "language", "value": "en"}] if "English" in text else [],
                           slots={"last_topic": "ask_event", "district": "goslar"})  # fmt: skip
    _events, messages = await run_action(action(taken_by), tracker)
    assert keys(messages)[0].startswith(first_key)


async def test_a_long_question_naming_a_language_after_the_survey_is_about_the_survey(run_action, render) -> None:
    tracker = make_tracker("а на английском его можно было заполнить? я по-немецки плохо", "choose_language",
                           [{"entity": "language", "value": "en"}], slots={"last_topic": "ask_survey",
                           "district": "northeim"})  # fmt: skip
    events, messages = await run_action(action("action_choose_language"), tracker)
    assert not [e for e in events if e.get("name") == "locale"]
    assert "5551" in "\n".join(render(messages)).replace("⁩", "").replace("⁦", "")


async def test_no_follow_up_on_a_document_the_district_does_not_have(run_action) -> None:
    # "No event I know of in Nienburg", then "the integration office's number": the office's contacts.
    slots = {"last_topic": "ask_event", "district": "nienburg"}
    tracker = make_tracker("shomare daftare integration ro mikham", "ask_contact", slots=slots)
    _events, messages = await run_action(action("action_show_contact"), tracker)
    assert keys(messages)[0] == "utter_contact_intro"


async def test_a_contact_question_naming_the_office_is_not_about_the_document(run_action) -> None:
    slots = {"last_topic": "ask_event", "district": "goslar"}
    tracker = make_tracker("phone number of the integration office?", "ask_contact", slots=slots)
    _events, messages = await run_action(action("action_show_contact"), tracker)
    assert keys(messages)[0] == "utter_contact_intro"
