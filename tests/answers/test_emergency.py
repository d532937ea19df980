"""Emergencies first: numbers immediately, in the user's language."""

from __future__ import annotations

import pytest

from actions.answers.emergency import ActionEmergency
from actions.answers.opening_hours import ActionShowOpeningHours
from actions.answers.privacy import ActionPrivacy
from actions.answers.small_talk import ActionOutOfScope
from actions.content.safety import looks_like_emergency

from ..support.trackers import keys, make_tracker


async def test_emergency_numbers_in_ukrainian(run_action, render) -> None:
    _events, messages = await run_action(
        ActionEmergency, make_tracker("мені погано, потрібна швидка допомога", "emergency")
    )
    assert keys(messages) == ["utter_emergency"]
    assert messages[0]["locale"] == "uk"
    text = render(messages)[0]
    for number in ("112", "110", "116 016", "+49 800 1110111"):
        assert number in text


async def test_privacy_states_retention(run_action, render) -> None:
    _events, messages = await run_action(ActionPrivacy, make_tracker("what do you store about me?", "privacy"))
    assert keys(messages) == ["utter_privacy"]
    assert "30" in render(messages)[0]


@pytest.mark.parametrize(
    "text",
    [
        "i have thoughts of killing myself",
        "ich will mich umbringen",
        "زوجي يضربني كل يوم",
        "به خودکشی فکر میکنم",
        "муж бьёт меня",
        "чоловік б'є мене",
        "intihar etmeyi düşünüyorum",
    ],
)
async def test_safety_net_puts_emergency_numbers_first_whatever_the_intent(run_action, text: str) -> None:
    # Even when the model misreads the message as, say, opening hours.
    _events, messages = await run_action(ActionShowOpeningHours, make_tracker(text, "ask_opening_hours"))
    assert keys(messages)[0] == "utter_emergency"


@pytest.mark.parametrize("text", ["wann ist das büro offen", "what's the weather", "/ask_contact", ""])
def test_safety_net_ignores_ordinary_messages(text: str) -> None:
    assert not looks_like_emergency(text)


async def test_emergency_action_says_it_once(run_action) -> None:
    _events, messages = await run_action(ActionEmergency, make_tracker("I need an ambulance now", "emergency"))
    assert keys(messages) == ["utter_emergency"]


@pytest.mark.parametrize("text", ["When does your freedom end?", "What is usually the payout amount on the payslip?"])
async def test_an_unsure_nlu_guess_alone_raises_no_alarm(run_action, text: str) -> None:
    tracker = make_tracker(text, "emergency")
    tracker.latest_message["intent"]["confidence"] = 0.6
    _events, messages = await run_action(ActionEmergency, tracker)
    # In doubt, the numbers first – calmly, not the alarm – then the honest "I don't know".
    assert "utter_emergency" not in keys(messages)
    assert keys(messages)[:2] == ["utter_nationwide_numbers", "utter_not_known"]
    assert keys(messages).count("utter_nationwide_numbers") == 1


async def test_a_confident_nlu_emergency_gets_the_numbers_without_a_lexicon_word(run_action) -> None:
    _events, messages = await run_action(ActionEmergency, make_tracker("please come quickly it is bad", "emergency"))
    assert keys(messages) == ["utter_emergency"]


@pytest.mark.parametrize(
    "text",
    [
        # The NLU was sure of "emergency" (blind set v9); the classifier is sure it is not.
        "чоловік залишився в Україні, чи може він приїхати до нас сюди жити і що для цього треба",
        "can i get money back for the train ticket that was cancelled last week",
    ],
)
async def test_a_confident_nlu_emergency_the_classifier_finds_harmless_gets_the_numbers_calmly(
    run_action, text: str
) -> None:
    _events, messages = await run_action(ActionEmergency, make_tracker(text, "emergency"))  # confidence 1.0
    assert "utter_emergency" not in keys(messages)
    assert keys(messages)[0] == "utter_nationwide_numbers"


async def test_an_nlu_only_emergency_about_an_everyday_topic_is_that_topic(run_action) -> None:
    tracker = make_tracker("ev sahibi beni evden çıkarmak istiyor haklarım ne", "emergency")  # confidence 1.0
    _events, messages = await run_action(ActionEmergency, tracker)
    assert "utter_emergency" not in keys(messages)
    assert keys(messages)[:2] == ["utter_nationwide_numbers", "utter_not_known"]


@pytest.mark.parametrize(
    ("text", "second", "then"),
    [
        (
            "ok der krankenwagen ist jetzt da. wann habt ihr freitags offen in nienburg?",
            "ask_opening_hours",
            "utter_opening_hours",
        ),
        (
            "paramedics arrived, thank you. what was the phone of the office in nienburg?",
            "ask_contact",
            "utter_contact_intro",
        ),
        ("الاسعاف وصل الحمد لله. شو رقم المكتب بنينبورغ؟", "ask_contact", "utter_contact_intro"),
        ("ambulans geldi. nienburg ofisi kaçta açık?", "ask_opening_hours", "utter_opening_hours"),
    ],
)
async def test_help_has_arrived_then_a_question_is_answered_calmly(
    run_action, text: str, second: str, then: str
) -> None:
    ranking = [{"name": "emergency", "confidence": 0.9}, {"name": second, "confidence": 0.12}]
    tracker = make_tracker(text, "emergency", intent_ranking=ranking, slots={"district": "nienburg"})
    _events, messages = await run_action(ActionEmergency, tracker)
    assert keys(messages)[0] == "utter_nationwide_numbers"
    assert "utter_emergency" not in keys(messages)
    assert keys(messages)[1].startswith(then)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A line asked for by its topic is the answer (with 112 in it); otherwise the nationwide numbers.
        ("not an emergency, but which number for a doctor at night?", "utter_hotline_medical_on_call"),
        ("nicht dringend, aber welche nummer hat der ärztliche bereitschaftsdienst?", "utter_hotline_medical_on_call"),
        ("це не терміново, просто номер для жінок на майбутнє", "utter_hotline_women"),
        ("not urgent, just which numbers should I keep for later?", "utter_nationwide_numbers"),
    ],
)
async def test_not_acute_gets_the_numbers_without_the_alarm(run_action, text: str, expected: str) -> None:
    tracker = make_tracker(text, "emergency", intent_ranking=[{"name": "emergency", "confidence": 0.95}])
    _events, messages = await run_action(ActionEmergency, tracker)
    assert keys(messages) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "mein mann schlägt mich, ist das ein notfall oder nicht dringend?",
        "the ambulance is here but he is not breathing",
        "не срочно наверное но он без сознания",
    ],
)
async def test_a_described_emergency_keeps_the_alarm_whatever_else_is_said(run_action, text: str) -> None:
    tracker = make_tracker(text, "emergency", intent_ranking=[{"name": "emergency", "confidence": 0.95}])
    _events, messages = await run_action(ActionEmergency, tracker)
    assert keys(messages)[0] == "utter_emergency"


@pytest.mark.parametrize(
    ("text", "intent", "ranking"),
    [
        # the NLU could not place a description of a situation (no out-of-scope topic in it)
        ("my neighbour has not opened the door for three days and we hear her moaning", "out_of_scope",
         [{"name": "out_of_scope", "confidence": 0.9}]),
        # the NLU thinks it may be an emergency, though it picked another intent
        ("it is getting really bad with the man upstairs tonight", "ask_opening_hours",
         [{"name": "ask_opening_hours", "confidence": 0.7}, {"name": "emergency", "confidence": 0.28}]),
    ],
)  # fmt: skip
async def test_in_doubt_the_numbers_come_first(run_action, text: str, intent: str, ranking: list) -> None:
    action = ActionOutOfScope if intent == "out_of_scope" else ActionShowOpeningHours
    tracker = make_tracker(text, intent, intent_ranking=ranking, slots={"district": "nienburg"})
    _events, messages = await run_action(action, tracker)
    assert keys(messages)[0] == "utter_nationwide_numbers"
    assert "utter_emergency" not in keys(messages)
    assert keys(messages).count("utter_nationwide_numbers") == 1


@pytest.mark.parametrize(
    ("text", "intent", "ranking"),
    [
        ("wann hat das büro in nienburg offen", "ask_opening_hours",
         [{"name": "ask_opening_hours", "confidence": 0.99}]),
        ("wie bekomme ich eine wohnung in nienburg für meine familie", "out_of_scope",
         [{"name": "out_of_scope", "confidence": 0.99}]),  # a known out-of-scope topic: no doubt
        ("asdf", "nlu_fallback", [{"name": "nlu_fallback", "confidence": 0.55}]),
    ],
)  # fmt: skip
async def test_no_doubt_no_numbers_first(run_action, text: str, intent: str, ranking: list) -> None:
    action = ActionOutOfScope if intent == "out_of_scope" else ActionShowOpeningHours
    tracker = make_tracker(text, intent, intent_ranking=ranking, slots={"district": "nienburg"})
    _events, messages = await run_action(action, tracker)
    assert keys(messages)[0] != "utter_nationwide_numbers"


async def test_an_everyday_question_the_nlu_took_for_an_emergency_is_answered_after_the_numbers(run_action) -> None:
    # "acil" (emergency) inside "aciliyor" (opens): the numbers calmly, then the opening hours question.
    tracker = make_tracker(
        "ofis kacta aciliyor", "emergency", intent_ranking=[{"name": "emergency", "confidence": 0.9}]
    )
    _events, messages = await run_action(ActionEmergency, tracker)
    assert keys(messages) == ["utter_nationwide_numbers", "utter_ask_district"]


async def test_a_volunteer_reporting_an_emergency_the_lexicon_misses_gets_the_numbers_first(run_action) -> None:
    # "волонтёрка" is a not-acute word of the lexicon (flyers, volunteers); the classifier still decides (v11).
    text = (
        "Добрый вечер, я волонтёрка в общежитии. Парень, 19 лет, час назад написал в общий чат «простите меня "
        "все», заперся в комнате и не отвечает, телефон выключен. Что нам делать прямо сейчас?"
    )
    from actions.answers.contacts import ActionShowContact

    _events, messages = await run_action(ActionShowContact, make_tracker(text, "ask_contact"))
    assert keys(messages)[0] in {"utter_nationwide_numbers", "utter_emergency"}


@pytest.mark.parametrize(
    ("text", "slots", "then"),
    [
        # Blind set v17: the NLU sure of an emergency, no word of danger, a place named: where, not what happens.
        ("und in bremen?", {"last_topic": "ask_contact", "district": "goslar"}, "utter_district_not_covered"),
        ("ah sorry i actually moved, i live in 37581 now", {"pending_intent": "ask_contact"}, "utter_contact_card"),
    ],
)
async def test_a_place_the_nlu_took_for_an_emergency_gets_the_numbers_calmly(
    run_action, text: str, slots: dict[str, str], then: str
) -> None:
    entities = [{"entity": "municipality", "value": "Bremen"}] if "bremen" in text else []
    tracker = make_tracker(text, "emergency", entities=entities, slots=slots)
    _events, messages = await run_action(ActionEmergency, tracker)
    assert keys(messages)[0] == "utter_nationwide_numbers"
    assert "utter_emergency" not in keys(messages)
    assert then in keys(messages)


async def test_a_place_beside_words_of_danger_still_raises_the_alarm(run_action) -> None:
    tracker = make_tracker("fire in our flat in Nienburg, my son is inside", "emergency")
    _events, messages = await run_action(ActionEmergency, tracker)
    assert keys(messages) == ["utter_emergency"]


async def test_after_the_ambulance_a_named_document_is_answered(run_action) -> None:
    # Blind set v15: "ok ambulance took him. sorry about that. anyway was there an integration conference around here?"
    text = "ok ambulance took him. sorry about that. anyway was there an integration conference around here?"
    tracker = make_tracker(text, "emergency", slots={"district": "goslar"})
    _events, messages = await run_action(ActionEmergency, tracker)
    assert keys(messages)[0] == "utter_nationwide_numbers"
    assert "utter_event_past" in keys(messages)


async def test_a_harmless_phrase_with_a_place_is_still_declined(run_action) -> None:
    # Blind set v18: "my phone died ... where do I get it fixed in Northeim?" – not the district's "noted".
    text = "تلفوني مات خلص وما عاد يشتغل وكل الأرقام فيه، وين بصلحه بنورثهايم؟"
    _events, messages = await run_action(ActionEmergency, make_tracker(text, "emergency"))
    assert "utter_emergency" not in keys(messages)
    assert "utter_not_known" in keys(messages)
