"""Messages that refer back to what the bot said: "that link again", "is it free?", "the other lady", "website?"
(blind set v16). The bot's earlier answers are read from its bot events (template and values in the metadata)."""

from __future__ import annotations

from typing import Any

import pytest

from actions.answers import ACTION_CLASSES
from actions.answers.base import BaseAction

from ..support.trackers import keys, make_tracker, reply_key


def action(name: str) -> type[BaseAction]:
    return next(c for c in ACTION_CLASSES if c.name(c.__new__(c)) == name)


def bot(key: str, text: str, **values: Any) -> dict[str, Any]:
    return {"event": "bot", "text": text, "metadata": {"utter_action": key, "locale": "en", **values}}


def user(text: str) -> dict[str, Any]:
    return {"event": "user", "text": text, "metadata": {}, "parse_data": {}}


SIGN_LANGUAGE = bot("utter_sign_language", "Corona in sign language: https://www.zusammengegencorona.de",
                    url="https://www.zusammengegencorona.de")  # fmt: skip
EMERGENCY = bot("utter_emergency", "In danger? Call 112 or 110 now.")
FOERSTER = bot("utter_contact_card", "Simone Förster …", name="Simone Förster", details="📞 +49 5551 708435")
BLUDAU = bot("utter_contact_card", "Hanna Bludau …", name="Hanna Bludau", details="📞 +49 5551 708323")


def conversation(text: str, intent: str, earlier: list[dict[str, Any]], **slots: Any) -> Any:
    tracker = make_tracker(text, intent, slots=slots)
    latest = tracker.events.pop()
    tracker.events.extend([*earlier, latest])
    return tracker


@pytest.mark.parametrize(
    ("text", "intent", "taken_by"),
    [
        ("добре, скиньте ще раз те посилання", "nlu_fallback", "action_default_ask_affirmation"),
        ("آمبولانس آمد بردنش. ببخشید اون سایتی که گفتی دوباره بفرست", "emergency", "action_emergency"),
        ("ok he is in hospital now. the website you sent me, once more please", "ask_contact", "action_show_contact"),
    ],
)
async def test_an_earlier_link_is_sent_again_after_an_emergency_in_between(
    run_action, text: str, intent: str, taken_by: str
) -> None:
    earlier = [user("sign language info?"), SIGN_LANGUAGE, user("my mother fell and does not answer"), EMERGENCY]
    tracker = conversation(text, intent, earlier, last_topic="ask_sign_language")
    events, messages = await run_action(action(taken_by), tracker)
    assert keys(messages)[-1] == "utter_sign_language"
    assert "zusammengegencorona.de" in messages[-1]["text"]
    assert "utter_emergency" not in keys(messages)
    assert events == []


async def test_asked_again_with_nothing_said_before_it_is_answered_as_usual(run_action) -> None:
    tracker = conversation("send that link again", "ask_vaccination_info", [])
    _events, messages = await run_action(action("action_show_vaccination_info"), tracker)
    assert keys(messages) == ["utter_vaccination_info"]


@pytest.mark.parametrize("text", ["is it free?", "ok, a tot nomer on besplatnyj?", "ücretsiz mi"])
async def test_whether_the_line_just_given_is_free_gets_that_line_again(run_action, text: str) -> None:
    line = bot("utter_hotline", "Corona and vaccination hotline, free of charge: 116117 …")
    earlier = [user("vaccination appointment number?"), line, user("and Bürgergeld?"), bot("utter_not_known", "…")]
    tracker = conversation(text, "ask_contact", earlier, last_topic="ask_hotline")
    _events, messages = await run_action(action("action_show_contact"), tracker)
    assert keys(messages) == ["utter_hotline"]


@pytest.mark.parametrize(
    ("text", "intent", "taken_by"),
    [
        ("and in arabic as text?", "choose_language", "action_choose_language"),
        ("ailesi arapça konuşuyor, onlar için yazılı bilgi?", "choose_language", "action_choose_language"),
        ("kaç dilde var", "nlu_fallback", "action_default_ask_affirmation"),
    ],
)
async def test_a_language_after_the_sign_language_link_asks_for_the_written_information(
    run_action, text: str, intent: str, taken_by: str
) -> None:
    tracker = conversation(text, intent, [user("sign language?"), SIGN_LANGUAGE], last_topic="ask_sign_language")
    events, messages = await run_action(action(taken_by), tracker)
    assert keys(messages) == ["utter_vaccination_info"]
    assert "integrationsbeauftragte.de/corona-virus" in messages[0]["text"]
    assert {"event": "slot", "timestamp": None, "name": "last_topic", "value": "ask_vaccination_info"} in events


@pytest.mark.parametrize(
    ("text", "intent", "taken_by", "phone"),
    [
        ("what's the number of the other lady you mentioned, ms förster?", "help", "action_help", "5551 708435"),
        ("дай номер второй женщины, Блудау которая", "ask_hotline", "action_show_hotline", "5551 708323"),
        ("خانم بلوداو، شماره اش؟", "ask_contact", "action_show_contact", "5551 708323"),
        ("الست اللي اسمها فورستر رقمها كام", "ask_contact", "action_show_contact", "5551 708435"),
        ("номер пані Фьорстер", "ask_contact", "action_show_contact", "5551 708435"),
    ],
)
async def test_a_named_person_gets_only_her_card(run_action, text: str, intent: str, taken_by: str, phone: str) -> None:
    earlier = [user("who in Northeim?"), bot("utter_contact_intro", "In Northeim:"), FOERSTER, BLUDAU]
    tracker = conversation(text, intent, earlier, district="northeim", last_topic="ask_contact")
    _events, messages = await run_action(action(taken_by), tracker)
    assert keys(messages) == ["utter_contact_intro", "utter_contact_card"]
    assert phone in messages[1]["text"]


@pytest.mark.parametrize(
    ("text", "intent", "taken_by"),
    [
        ("و اون یکی خانم؟", "emergency", "action_emergency"),
        ("and the other one?", "nlu_fallback", "action_default_ask_affirmation"),
    ],
)
async def test_the_other_one_after_one_persons_card_is_the_other_person(
    run_action, text: str, intent: str, taken_by: str
) -> None:
    earlier = [user("Bludau?"), bot("utter_contact_intro", "In Northeim:"), BLUDAU]
    tracker = conversation(text, intent, earlier, district="northeim", last_topic="ask_contact")
    _events, messages = await run_action(action(taken_by), tracker)
    assert keys(messages) == ["utter_contact_intro", "utter_contact_card"]
    assert "5551 708435" in messages[1]["text"]


async def test_the_other_one_in_an_emergency_is_still_the_alarm(run_action) -> None:
    earlier = [user("Bludau?"), bot("utter_contact_intro", "In Northeim:"), BLUDAU]
    tracker = conversation("the other woman is bleeding heavily", "emergency", earlier, district="northeim")
    _events, messages = await run_action(action("action_emergency"), tracker)
    assert keys(messages)[0] == "utter_emergency"
    assert "utter_contact_card" not in keys(messages)


@pytest.mark.parametrize(
    ("text", "intent", "taken_by", "expected", "fact"),
    [
        ("website?", "ask_vaccination_info", "action_show_vaccination_info", "utter_contact_card", "kreis-ni.de"),
        ("web sitesi", "ask_vaccination_info", "action_show_vaccination_info", "utter_contact_card", "kreis-ni.de"),
        (
            "When I can call that number? I work shift",
            "ask_hotline",
            "action_show_hotline",
            "utter_opening_hours",
            "16:00",
        ),
    ],
)
async def test_a_detail_right_after_the_contacts_is_about_them(
    run_action, text: str, intent: str, taken_by: str, expected: str, fact: str
) -> None:
    tracker = conversation(text, intent, [user("email nienburg?")], district="nienburg", last_topic="ask_contact")
    _events, messages = await run_action(action(taken_by), tracker)
    assert expected in keys(messages)
    assert fact in " ".join(m["text"] for m in messages)


async def test_a_document_named_in_a_message_the_nlu_could_not_place_is_answered(run_action) -> None:
    tracker = conversation("a yaka u nykh kontseptsiya", "nlu_fallback", [], district="goerlitz")
    events, messages = await run_action(action("action_default_ask_affirmation"), tracker)
    assert keys(messages)[0].startswith("utter_concept")
    assert {"event": "slot", "timestamp": None, "name": "last_topic", "value": "ask_concept"} in events


async def test_another_question_after_a_districts_one_office_is_no_other_person(run_action) -> None:
    office = bot("utter_contact_card", "Koordinierungsstelle …", name="Koordinierungsstelle Migration und Teilhabe")
    earlier = [user("Steyerberg Kontakt?"), bot("utter_contact_intro", "In Nienburg:"), office]
    tracker = conversation("andere frage, welche nummer für impftermin", "ask_hotline", earlier, district="nienburg")
    _events, messages = await run_action(action("action_show_hotline"), tracker)
    assert keys(messages) == ["utter_hotline"]
    assert "116117" in messages[0]["text"]


@pytest.mark.parametrize(
    ("text", "intent", "taken_by"),
    [
        ("goslar landkreis entegrasyon icin kiminle konusmam lazim", "ask_concept", "action_show_concept"),
        ("مرحبا انا ساكنة بنينبورغ، وين لازم روح اذا بدي مساعدة بموضوع الاندماج؟", "help", "action_help"),
        ("سلام ما ده نینبرگ زندگی میکنیم، برای کمک ده ادغام کجا بریم؟", "help", "action_help"),
    ],
)
async def test_whom_to_talk_to_about_integration_gets_the_contacts(
    run_action, text: str, intent: str, taken_by: str
) -> None:
    _events, messages = await run_action(action(taken_by), conversation(text, intent, []))
    assert keys(messages)[:2] == ["utter_contact_intro", "utter_contact_card"]


async def test_the_street_again_after_the_hours_is_the_contact_card(run_action) -> None:
    hours = bot("utter_opening_hours", "… open Mon–Thu 08:00–16:00")
    earlier = [user("when open nienburg"), hours]
    tracker = conversation("whats the street again", "ask_opening_hours", earlier, district="nienburg")
    _events, messages = await run_action(action("action_show_opening_hours"), tracker)
    assert "utter_contact_card" in keys(messages)
    assert "Rühmkorffstraße 12" in " ".join(m["text"] for m in messages)


async def test_writing_instead_of_calling_right_after_the_hours_gets_the_card(run_action) -> None:
    tracker = conversation("можна їм написати замість дзвінка?", "nlu_fallback", [], district="nienburg",
                           last_topic="ask_opening_hours")  # fmt: skip
    _events, messages = await run_action(action("action_default_ask_affirmation"), tracker)
    assert "utter_contact_card" in keys(messages)
    assert "migration@kreis-ni.de" in " ".join(m["text"] for m in messages)


async def test_the_first_number_is_the_first_line_given(run_action) -> None:
    # Blind set v15: "back to the first number, is it free or does it cost?" after the corona line, then sign language.
    first = bot("utter_hotline", "Corona and vaccination hotline, free of charge: 116117 …")
    earlier = [user("vaccination number?"), first, user("sign language?"), SIGN_LANGUAGE]
    tracker = conversation(
        "ارجع للرقم الاولاني، هو ببلاش ولا بيكلف؟", "ask_contact", earlier, last_topic="ask_sign_language"
    )
    _events, messages = await run_action(action("action_show_contact"), tracker)
    assert keys(messages) == ["utter_hotline"]


async def test_the_first_one_after_two_peoples_cards_is_the_first_card(run_action) -> None:
    earlier = [user("who in Northeim?"), bot("utter_contact_intro", "In Northeim:"), FOERSTER, BLUDAU]
    tracker = conversation(
        "у первой какой номер?", "ask_hotline", earlier, district="northeim", last_topic="ask_contact"
    )
    _events, messages = await run_action(action("action_show_hotline"), tracker)
    assert keys(messages) == ["utter_contact_intro", "utter_contact_card"]
    assert "5551 708435" in messages[1]["text"]


@pytest.mark.parametrize(
    "text",
    [
        "انا ما بعرف الماني ولا انكليزي منيح، في حدا بحكي معه عالتلفون؟",
        "یه نفر هست که بتونم بهش زنگ بزنم فرم کاغذی بخوام؟",
    ],
)
async def test_someone_to_call_right_after_the_survey_is_the_surveys_contact(run_action, text: str) -> None:
    tracker = conversation(text, "ask_hotline", [], district="northeim", last_topic="ask_survey")
    _events, messages = await run_action(action("action_show_hotline"), tracker)
    assert keys(messages)[0].startswith("utter_survey")
    assert "utter_nationwide_numbers" not in keys(messages)


async def test_someone_to_talk_to_when_alone_after_the_survey_is_still_the_crisis_line(run_action) -> None:
    tracker = conversation("i feel so lonely, is there someone to talk to?", "help", [], district="northeim",
                           last_topic="ask_survey")  # fmt: skip
    _events, messages = await run_action(action("action_help"), tracker)
    assert keys(messages) == ["utter_nationwide_numbers"]


async def test_the_second_lady_after_two_peoples_cards_is_the_second_card(run_action) -> None:
    # Tried as a newcomer would: "а телефон второй женщины?" got the women's help line and the alarm.
    earlier = [user("Нортхайм, кто отвечает?"), bot("utter_contact_intro", "В Northeim:"), FOERSTER, BLUDAU]
    tracker = conversation("а телефон второй женщины?", "emergency", earlier, district="northeim",
                           last_topic="ask_contact")  # fmt: skip
    _events, messages = await run_action(action("action_emergency"), tracker)
    assert keys(messages) == ["utter_contact_intro", "utter_contact_card"]
    assert "5551 708323" in messages[1]["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("saat kari jome chie?", "utter_opening_hours"), ("man too Nienburg zendegi mikonam, koja beram baraye komak?",
                                                      "utter_contact_card")],
)  # fmt: skip
async def test_the_nlus_event_for_a_message_naming_no_document_is_the_field_it_asks(
    run_action, text: str, expected: str
) -> None:
    tracker = conversation(text, "ask_event", [], district="nienburg", last_topic="ask_contact")
    _events, messages = await run_action(action("action_show_event"), tracker)
    assert expected in keys(messages)


async def test_greeting_place_and_whom_about_integration_gets_the_contacts(run_action) -> None:
    tracker = conversation("مرحبا، أسكن في نينبورغ، بمن أتصل بخصوص الاندماج؟", "greet", [])
    _events, messages = await run_action(action("action_greet"), tracker)
    assert "utter_contact_card" in keys(messages)


@pytest.mark.parametrize(
    ("text", "district", "names"),
    [("Hat die eine E-Mail?", "goslar", ["Julia Aktas"]), ("а почта у второй есть?", "northeim", ["Hanna Bludau"])],
)
async def test_an_email_knowledge_does_not_have_is_said_not_known(
    run_action, text: str, district: str, names: list[str]
) -> None:
    earlier = [user("wer?"), bot("utter_contact_intro", "…"), FOERSTER, BLUDAU] if district == "northeim" else []
    tracker = conversation(text, "ask_contact", earlier, district=district, last_topic="ask_contact")
    _events, messages = await run_action(action("action_show_contact"), tracker)
    assert keys(messages) == ["utter_no_email", *["utter_contact_card"] * len(names)]
    assert all(name in messages[0]["text"] for name in names)


async def test_an_email_knowledge_has_is_on_the_card(run_action) -> None:
    tracker = conversation("email?", "ask_contact", [], district="nienburg")
    _events, messages = await run_action(action("action_show_contact"), tracker)
    assert keys(messages)[0] == "utter_contact_intro"
    assert "migration@kreis-ni.de" in messages[1]["text"]


async def test_the_first_link_again_is_the_first_link_given(run_action) -> None:
    info = bot("utter_vaccination_info", "Corona in 23 languages: https://www.integrationsbeauftragte.de/corona-virus",
               url="https://www.integrationsbeauftragte.de/corona-virus", language_count=23)  # fmt: skip
    earlier = [user("corona info in Russian"), info, user("sign language?"), SIGN_LANGUAGE]
    tracker = conversation("скинь ещё раз первую ссылку", "ask_sign_language", earlier, last_topic="ask_sign_language")
    _events, messages = await run_action(action("action_show_sign_language_info"), tracker)
    assert keys(messages) == ["utter_vaccination_info"]


async def test_the_link_again_after_the_ambulance_came_the_nlu_taking_it_for_an_emergency(run_action) -> None:
    # Blind set v18: the emergency action answered, and the link was missing.
    earlier = [user("sign language?"), SIGN_LANGUAGE, user("he fell and does not answer"), EMERGENCY]
    text = "швидка приїхала, забрали в лікарню. скиньте посилання ще раз будь ласка"
    tracker = conversation(text, "emergency", earlier, last_topic="ask_sign_language")
    _events, messages = await run_action(action("action_emergency"), tracker)
    assert keys(messages) == ["utter_nationwide_numbers", "utter_sign_language"]


async def test_a_new_emergency_beside_the_link_again_gets_the_alarm(run_action) -> None:
    earlier = [user("sign language?"), SIGN_LANGUAGE]
    tracker = conversation("he stopped breathing! send the link again", "emergency", earlier)
    _events, messages = await run_action(action("action_emergency"), tracker)
    assert keys(messages) == ["utter_emergency"]


# Blind set v19 --------------------------------------------------------------------------------------------------

CORONA_LINE = bot("utter_hotline_in_language", "Yes! The free line +49 800 0000837 answers in Arabic.",
                  language_name="Arabic")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "intent", "taken_by"),
    [
        ("طيب ولو بدي معلومات مكتوبة مش تلفون؟", "ask_contact", "action_show_contact"),
        ("پس اطلاعات نوشته شده به فارسی کجا پیدا کنم؟", "out_of_scope", "action_out_of_scope"),
    ],
)
async def test_something_written_right_after_the_corona_line_is_the_corona_information(
    run_action, text: str, intent: str, taken_by: str
) -> None:
    earlier = [user("corona line in arabic?"), CORONA_LINE]
    tracker = conversation(text, intent, earlier, last_topic="ask_hotline")
    events, messages = await run_action(action(taken_by), tracker)
    assert keys(messages)[-1] == "utter_vaccination_info"
    assert "utter_ask_district" not in keys(messages)


async def test_written_information_after_another_answer_is_no_corona_link(run_action) -> None:
    earlier = [user("goslar contacts"), FOERSTER]
    tracker = conversation("ولو بدي معلومات مكتوبة مش تلفون؟", "ask_contact", earlier, district="northeim")
    _events, messages = await run_action(action("action_show_contact"), tracker)
    assert "utter_vaccination_info" not in keys(messages)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("جواب نمیده، اون یکی خانم چی؟", "emergency"),  # "she does not answer": the phone, not a person in danger
        ("mesh betrod.. fe 7ad tany?", "nlu_fallback"),
    ],
)
async def test_the_other_person_after_one_card_even_when_she_does_not_answer(
    run_action, text: str, intent: str
) -> None:
    taken_by = "action_emergency" if intent == "emergency" else "action_default_ask_affirmation"
    tracker = conversation(text, intent, [user("bludau?"), BLUDAU], district="northeim", last_topic="ask_contact")
    _events, messages = await run_action(action(taken_by), tracker)
    assert "utter_emergency" not in keys(messages)
    cards = [m["text"] for m in messages if reply_key(m) == "utter_contact_card"]
    assert len(cards) == 1
    assert "Simone Förster" in cards[0]


async def test_her_name_right_after_her_card_repeats_the_card(run_action) -> None:
    tracker = conversation("اسمش چی بود؟", "help", [user("the other one?"), FOERSTER], last_topic="ask_contact")
    _events, messages = await run_action(action("action_help"), tracker)
    assert keys(messages) == ["utter_contact_card"]
    assert "Simone Förster" in messages[0]["text"]


async def test_where_to_read_it_right_after_the_concept_is_its_link(run_action) -> None:
    tracker = conversation("وين اقدر اقراه؟", "help", [user("northeim concept?")], district="northeim",
                           last_topic="ask_concept")  # fmt: skip
    _events, messages = await run_action(action("action_help"), tracker)
    assert keys(messages)[-1] == "utter_more_information"
    assert "landkreis-northeim.de/integrationskonzept" in messages[-1]["text"]


async def test_who_made_the_concept_gets_it_and_who_is_responsible(run_action) -> None:
    tracker = conversation("wer hat das gemacht", "ask_concept", [user("konzept northeim?")], district="northeim",
                           last_topic="ask_concept")  # fmt: skip
    _events, messages = await run_action(action("action_show_concept"), tracker)
    assert "utter_concept_responsible" in keys(messages)
    assert "Fachbereich 23" in " ".join(m["text"] for m in messages)
    assert "utter_contact_card" not in keys(messages)


@pytest.mark.parametrize(
    "text", ["bebakhshid dobare befres shomaro", "повторіть номер будь ласка, не встигла записати"]
)
async def test_repeat_the_number_says_it_again(run_action, text: str) -> None:
    line = bot("utter_hotline_medical_on_call", "Doctor on call: 116117", number="116117")
    tracker = conversation(text, "ask_contact", [user("doctor on call?"), line], last_topic="ask_hotline")
    _events, messages = await run_action(action("action_show_contact"), tracker)
    assert keys(messages) == ["utter_hotline_medical_on_call"]
    assert "116117" in messages[0]["text"]


@pytest.mark.parametrize(
    ("text", "intent", "taken_by"),
    [
        ("wann war die integrationskonferenz in goslar und um wieviel uhr gings los", "ask_opening_hours",
         "action_show_opening_hours"),
        ("fi mo2tamar integration hon? emta?", "ask_contact", "action_show_contact"),
    ],
)  # fmt: skip
async def test_when_the_named_conference_was_is_the_conference(
    run_action, text: str, intent: str, taken_by: str
) -> None:
    tracker = conversation(text, intent, [], district="goslar")
    _events, messages = await run_action(action(taken_by), tracker)
    assert keys(messages)[0] == "utter_event_past"
    assert "14:00" in messages[0]["text"]


async def test_a_question_after_an_emergency_that_is_over_is_declined_when_out_of_scope(run_action) -> None:
    text = "پلیس اومد بردش. یه سوال دیگه، برای آپارتمان چطوری WBS بگیرم؟"  # blind set v19
    tracker = conversation(text, "emergency", [], district="northeim")
    _events, messages = await run_action(action("action_emergency"), tracker)
    assert keys(messages)[:2] == ["utter_nationwide_numbers", "utter_not_known"]
    assert "utter_emergency" not in keys(messages)


async def test_a_corrected_place_after_a_negated_one_is_the_place(run_action) -> None:
    tracker = conversation("вибачте, я помилилась, не Гослар а Гьорліц", "inform_district", [], district="goslar")
    events, _messages = await run_action(action("action_set_district"), tracker)
    assert {"event": "slot", "name": "district", "value": "goerlitz"} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]


async def test_corona_information_named_after_the_concept_is_the_information(run_action) -> None:
    tracker = conversation("aile için arapça korona aşı bilgisi nerede var", "ask_vaccination_info",
                           [user("görlitz konsept?")], district="goerlitz", last_topic="ask_concept")  # fmt: skip
    _events, messages = await run_action(action("action_show_vaccination_info"), tracker)
    assert keys(messages) == ["utter_vaccination_info"]


async def test_a_correction_read_as_a_greeting_answers_the_last_question_there(run_action) -> None:
    # Blind set v18: "no sorry, I meant Goslar" after Northeim's contacts, read as a greeting.
    tracker = conversation("na bebakhshid manzooram Goslar bood", "greet", [user("northeim contact?"), FOERSTER],
                           district="northeim", last_topic="ask_contact")  # fmt: skip
    _events, messages = await run_action(action("action_greet"), tracker)
    assert "utter_greet" not in keys(messages)
    assert "Julia Aktas" in " ".join(m["text"] for m in messages if reply_key(m) == "utter_contact_card")


async def test_a_question_after_an_emergency_that_is_over_gets_an_honest_answer(run_action) -> None:
    text = "someone stole my bike last month from the station, can i still report it to the police?"  # v11
    _events, messages = await run_action(action("action_emergency"), conversation(text, "emergency", []))
    assert keys(messages)[:2] == ["utter_nationwide_numbers", "utter_not_known"]
    _events, messages = await run_action(
        action("action_emergency"), conversation("the ambulance took him", "emergency", [])
    )
    assert keys(messages) == ["utter_nationwide_numbers"]


async def test_a_given_name_picks_one_of_the_two_cards_shown(run_action) -> None:
    # Blind set v20: "I only want Hanna's number", then "and the other one?"
    earlier = [user("northeim contacts?"), FOERSTER, BLUDAU]
    tracker = conversation("بدي رقم هانا بس", "ask_contact", earlier, district="northeim", last_topic="ask_contact")
    _events, messages = await run_action(action("action_show_contact"), tracker)
    cards = [m["text"] for m in messages if reply_key(m) == "utter_contact_card"]
    assert len(cards) == 1
    assert "Hanna Bludau" in cards[0]


async def test_a_phone_line_right_after_the_corona_information_is_the_corona_line(run_action) -> None:
    info = bot("utter_vaccination_info", "Corona information in 23 languages: https://www.integrationsbeauftragte.de")
    tracker = conversation("طب في حد ممكن اكلمه بالتليفون بالعربي؟", "ask_vaccination_info", [user("info?"), info],
                           last_topic="ask_vaccination_info")  # fmt: skip
    _events, messages = await run_action(action("action_show_vaccination_info"), tracker)
    assert keys(messages)[-1] in {"utter_hotline_in_language", "utter_hotline"}
