"""action_show_hotline: the hotlines, and one in the asked or reply language."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.answers.base import BaseAction
from actions.answers.contacts import ActionShowContact
from actions.answers.emergency import ActionEmergency
from actions.answers.hotlines import ActionShowHotline
from actions.answers.info_links import ActionShowVaccinationInfo
from actions.answers.small_talk import ActionOutOfScope

from ..support.trackers import keys, make_tracker


async def test_general_hotline_in_german(run_action, render) -> None:
    _events, messages = await run_action(ActionShowHotline, make_tracker("Gibt es eine Corona Hotline?", "ask_hotline"))
    assert keys(messages) == ["utter_hotline"]
    text = render(messages)[0]
    assert "116117" in text
    assert "+49 800 0000837" in text
    assert "Arabisch, Englisch, Russisch und Türkisch" in text


async def test_hotline_in_the_asked_language(run_action, render) -> None:
    tracker = make_tracker("is there a hotline in Arabic?", "ask_hotline", [{"entity": "language", "value": "ar"}])
    events, messages = await run_action(ActionShowHotline, tracker)
    assert events == [SlotSet("last_topic", "ask_hotline")]
    assert keys(messages) == ["utter_hotline_in_language"]
    assert messages[0]["language_name"] == "Arabic"
    assert "+49 800 0000837" in render(messages)[0]


@pytest.mark.parametrize(
    "text",
    ["есть ли горячая линия по прививкам", "I want to book a vaccination appointment, what number?"],
)
async def test_without_a_named_language_116117_comes_first(run_action, render, text: str) -> None:
    # The multilingual line is the answer when a language is asked for, not for every
    # question in a language it speaks: appointments and the on-call doctor are 116117.
    _events, messages = await run_action(ActionShowHotline, make_tracker(text, "ask_hotline"))
    assert keys(messages) == ["utter_hotline"]
    reply = render(messages)[0]
    assert reply.index("116117") < reply.index("+49 800 0000837")


async def test_no_hotline_in_farsi_points_to_written_information(run_action, render) -> None:
    _events, messages = await run_action(
        ActionShowHotline, make_tracker("شماره تلفن کرونا به فارسی هست؟", "ask_hotline")
    )
    assert keys(messages) == ["utter_hotline_language_missing"]
    assert messages[0]["locale"] == "fa"
    assert messages[0]["url"] == "https://www.integrationsbeauftragte.de/corona-virus"
    assert messages[0]["language_count"] == 23


# A help line asked for by its topic is the answer, whichever intent the NLU chose.
@pytest.mark.parametrize(
    ("text", "action_class", "expected", "number"),
    [
        ("I volunteer at a women's counselling desk. Which is the national helpline number for violence against "
         "women? We need it for the poster.", ActionShowHotline, ["utter_hotline_women"], "116 016"),
        ("Wie ist die Nummer vom Hilfetelefon Gewalt gegen Frauen?", ActionShowContact, ["utter_hotline_women"],
         "116 016"),
        ("Gibt es Hilfe für Frauen, die zwangsverheiratet werden sollen?", ActionOutOfScope, ["utter_hotline_women"],
         "116 016"),
        ("شو رقم خط المساعدة للنساء اللي بيتعرضوا للعنف؟", ActionShowHotline, ["utter_hotline_women"], "116 016"),
        ("شماره خط کمک برای زنانی که خشونت دیدن رو لازم دارم", ActionShowContact, ["utter_hotline_women"], "116 016"),
        ("Какой номер у телефона доверия для женщин, пострадавших от насилия?", ActionShowContact,
         ["utter_hotline_women"], "116 016"),
        ("номер гарячої лінії для жінок, які потерпають від насильства", ActionShowHotline, ["utter_hotline_women"],
         "116 016"),
        ("Kadina yonelik siddete karsi yardim hattinin numarasi ne?", ActionEmergency, ["utter_hotline_women"],
         "116 016"),
        ("what's the number for the doctor on duty at night when its not life threatening? my daughter has ear pain",
         ActionEmergency, ["utter_hotline_medical_on_call"], "116117"),
        ("у ребенка температура 37,8, Kinderarzt закрыт. какой номер дежурного врача?", ActionShowContact,
         ["utter_hotline_medical_on_call"], "116117"),
        ("پسرم تب داره، دکترش بسته‌ست. شماره دکتر کشیک چنده؟", ActionShowContact, ["utter_hotline_medical_on_call"],
         "116117"),
        ("nobat e vaksan e corona chejori begiram? shomare telefon hast?", ActionShowContact, ["utter_hotline"],
         "116117"),
        ("Termin für Corona-Impfung, welche Nummer?", ActionShowVaccinationInfo, ["utter_hotline"], "116117"),
    ],
)  # fmt: skip
async def test_a_help_line_asked_by_its_topic_is_the_answer(
    run_action, render, text: str, action_class: type[BaseAction], expected: list[str], number: str
) -> None:
    events, messages = await run_action(action_class, make_tracker(text, "x"))
    assert keys(messages) == expected  # an acute one (forced marriage is in the safety lexicon): the alarm first
    assert number in render(messages)[-1]
    assert events == [SlotSet("last_topic", "ask_hotline")]


async def test_an_acute_emergency_asking_for_the_womens_line_gets_the_alarm_first(run_action) -> None:
    _events, messages = await run_action(
        ActionEmergency,
        make_tracker("my husband is beating me right now, what is the women's violence hotline", "emergency"),
    )
    assert keys(messages) == ["utter_emergency", "utter_hotline_women"]


async def test_a_help_line_question_naming_a_town_remembers_its_district(run_action) -> None:
    events, _messages = await run_action(
        ActionShowHotline, make_tracker("Hilfetelefon Gewalt gegen Frauen Nummer? wir wohnen in Hoya", "ask_hotline")
    )
    assert SlotSet("district", "nienburg") in events


@pytest.mark.parametrize(
    "text",
    [
        "Bludau hanımın numarası hangisi",
        "selam nienburgda entegrasyon icin kime basvurabilirim telefon numarasi var mi",
    ],
)
async def test_a_named_contact_or_a_place_with_a_phone_word_gets_the_contacts_not_the_corona_lines(
    run_action, text: str
) -> None:
    _events, messages = await run_action(ActionShowHotline, make_tracker(text, "ask_hotline"))
    assert keys(messages)[0] == "utter_contact_intro"


@pytest.mark.parametrize(
    "text",
    [
        "подруге нужна помощь, муж её давно унижает и деньги отбирает, есть телефон для женщин?",
        "подруга в Айструпі боїться чоловіка, куди їй можна анонімно подзвонити",
    ],
)
async def test_a_partner_who_frightens_or_humiliates_gets_the_womens_line(run_action, text: str) -> None:
    _events, messages = await run_action(ActionShowContact, make_tracker(text, "ask_contact"))
    assert keys(messages) == ["utter_hotline_women"]


async def test_a_phone_line_in_a_language_is_the_hotline_question(run_action, render) -> None:
    tracker = make_tracker("а по телефону можно на русском спросить?", "ask_contact")
    _events, messages = await run_action(ActionShowContact, tracker)
    assert keys(messages) == ["utter_hotline_in_language"]
    assert "+49 800 0000837" in render(messages)[0]


@pytest.mark.parametrize(
    ("text", "action"),
    [
        # Violence by a partner (the lexicon's category) and whom to call or where to turn (blind set v10).
        ("у знакомой муж всё контролирует, иногда бьёт. куда ей обратиться за консультацией", ActionOutOfScope),
        ("мій чоловік мене ображає і штовхає, є куди подзвонити жінці?", ActionEmergency),
        ("mein Mann schlägt mich, wo kann ich anrufen?", ActionShowContact),
    ],
)
async def test_domestic_violence_and_where_to_turn_gets_the_alarm_then_the_womens_line(
    run_action, text: str, action: type
) -> None:
    _events, messages = await run_action(action, make_tracker(text, "emergency" if action is ActionEmergency else "x"))
    assert keys(messages)[:2] == ["utter_emergency", "utter_hotline_women"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # After the hotline, a language alone asks for the line in that language, whatever the NLU made of it.
        ("a rosijskoju?", "nlu_fallback"),
        ("pas be arabi chi? shoharam arabe", "greet"),
        ("und auf Russisch?", "ask_contact"),
    ],
)
async def test_after_the_hotline_a_language_alone_asks_for_it_in_that_language(
    run_action, render, text: str, intent: str
) -> None:
    from actions.answers import ACTION_CLASSES

    action = next(c for c in ACTION_CLASSES if c.__new__(c).name() == NLU_ACTION[intent])
    tracker = make_tracker(text, intent, slots={"last_topic": "ask_hotline"})
    _events, messages = await run_action(action, tracker)
    assert keys(messages) == ["utter_hotline_in_language"]
    assert "+49 800 0000837" in render(messages)[0]


NLU_ACTION = {
    "nlu_fallback": "action_default_ask_affirmation",
    "greet": "action_greet",
    "ask_contact": "action_show_contact",
}


@pytest.mark.parametrize(
    "text",
    [
        # Asked for the line, and not happening now (blind set v11): the line is the answer, 110/112 in it.
        "my friend says her husband hits her sometimes, not right now, she is scared to call police. "
        "any hotline for women?",
        "подруге 17 лет, родители хотят её выдать за двоюродного брата летом. куда ей обратиться?",
        "salam man 16 salame, babam mikhad tabestun mano too iran be pesar amoom shohar bede, nemikham. "
        "be ki zang bezanam?",
    ],
)
async def test_the_womens_line_asked_for_a_situation_not_happening_now_is_the_answer(run_action, text: str) -> None:
    _events, messages = await run_action(ActionShowHotline, make_tracker(text, "ask_hotline"))
    # No alarm; the nationwide numbers may come first, calmly, where the emergency classifier is in doubt.
    assert "utter_emergency" not in keys(messages)
    assert keys(messages)[-1] == "utter_hotline_women"


async def test_a_phone_line_right_after_the_corona_information_is_the_corona_line(run_action) -> None:
    # "а по телефону є щось?" after the information asked for the district (blind set v13).
    tracker = make_tracker("а по телефону є щось?", "ask_contact", slots={"last_topic": "ask_vaccination_info"})
    events, messages = await run_action(ActionShowContact, tracker)
    assert "utter_ask_district" not in keys(messages)
    assert SlotSet("last_topic", "ask_hotline") in events
    # The office named: its contacts.
    slots = {"last_topic": "ask_vaccination_info"}
    tracker = make_tracker("phone of the integration office?", "ask_contact", slots=slots)
    _events, messages = await run_action(ActionShowContact, tracker)
    assert keys(messages) == ["utter_ask_district"]


async def test_the_help_line_again_is_the_one_given_before(run_action) -> None:
    # "send me the help line number again" after the women's line got the corona line (blind set v14).
    tracker = make_tracker("ابعتلي رقم خط المساعدة مرة تانية", "ask_hotline", slots={"last_topic": "ask_hotline"})
    tracker.events.append({"event": "bot", "text": "…", "metadata": {"utter_action": "utter_hotline_women"}})
    _events, messages = await run_action(ActionShowHotline, tracker)
    assert keys(messages) == ["utter_hotline_women"]
    # With corona named, the corona line.
    tracker = make_tracker("and the corona hotline again?", "ask_hotline", slots={"last_topic": "ask_hotline"})
    tracker.events.append({"event": "bot", "text": "…", "metadata": {"utter_action": "utter_hotline_women"}})
    _events, messages = await run_action(ActionShowHotline, tracker)
    assert keys(messages) == ["utter_hotline"]


async def test_that_number_again_after_the_hotline_is_the_hotline(run_action) -> None:
    # "اون شماره رو دوباره بگو" (say that number again) was read as a contact question (blind set v15).
    tracker = make_tracker("اون شماره رو دوباره بگو", "ask_contact", slots={"last_topic": "ask_hotline"})
    events, messages = await run_action(ActionShowContact, tracker)
    assert keys(messages) == ["utter_hotline"]


async def test_the_women_line_asked_in_a_language_after_it_is_that_line(run_action) -> None:
    tracker = make_tracker("она говорит только по-русски", "ask_hotline", [{"entity": "language", "value": "ru"}])
    tracker.events.append({"event": "bot", "text": "…", "metadata": {"utter_action": "utter_hotline_women"}})
    _events, messages = await run_action(ActionShowHotline, tracker)
    assert keys(messages) == ["utter_hotline_women"]
