"""A place plus the word for what is wanted (actions/content/question_cues.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from actions.content.question_cues import (
    asked_field,
    asked_hotline,
    asked_information,
    asks_for_a_person,
    asks_for_someone_to_call,
    asks_for_someone_to_talk_to,
    asks_for_the_first,
    asks_for_the_other,
    asks_to_repeat,
    asks_when,
    asks_where_the_office_is,
    asks_who_made_it,
    asks_whom_about_integration,
    corrects_itself,
    greeting_or_thanks,
    named_document,
    names_an_office,
    only_hesitates,
    place_part_after_negation,
    refers_to_own_place,
    wanted_again,
)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Nummer Goslar", "ask_contact"),
        ("email northeim pls", "ask_contact"),
        ("adres görlitz", "ask_contact"),
        ("وبالعنوان؟", "ask_contact"),
        ("شماره گوسلار", "ask_contact"),
        ("телефон Госслар", "ask_contact"),
        ("пошта нортгайм", "ask_contact"),
        ("ra2m goslar", "ask_contact"),
        ("Öffnungszeiten Einbeck", "ask_opening_hours"),
        ("goslar saat kaçta açık", "ask_opening_hours"),
        ("часы работы Гёрлиц", "ask_opening_hours"),
        ("دوام نينبورغ", "ask_opening_hours"),
    ],
)
def test_the_word_for_what_is_wanted(text: str, field: str) -> None:
    assert asked_field(text) == field


@pytest.mark.parametrize(
    "text", ["ich wohne in Hoya", "I live in Goslar", "tell me about Goslar", "я живу в Нинбурге", "انا ساكن بنينبورغ"]
)
def test_a_place_alone_asks_for_nothing(text: str) -> None:
    assert asked_field(text) is None


@pytest.mark.parametrize(
    "text", ["сайт ландкрайсу Нінбург?", "website of the district nienburg", "سایت لاندکرایس نینبورگ چیه؟"]
)
def test_the_website_is_a_contact_detail(text: str) -> None:
    assert asked_field(text) == "ask_contact"


@pytest.mark.parametrize(
    "text",
    [
        "есть телефон доверия? просто поговорить ночью",
        "чи є телефон довіри, куди можна подзвонити вночі?",
        "is there a number i can call at night when i feel so lonely",
        "یه شماره‌ای هست که شبا وقتی خیلی تنهام باهاش حرف بزنم؟",
        "gibt es eine telefonseelsorge auf arabisch",
    ],
)
def test_someone_to_talk_to(text: str) -> None:
    assert asks_for_someone_to_talk_to(text)


@pytest.mark.parametrize(
    "text",
    [
        "wann hat das büro offen",
        "phone number nienburg",
        "i live alone in goslar?",
        "I want to talk to someone about integration",
        "Mein Opa möchte gern mit jemandem vom Amt reden, der sich mit Integration auskennt.",
    ],
)
def test_ordinary_questions_are_no_call_for_the_crisis_line(text: str) -> None:
    assert not asks_for_someone_to_talk_to(text)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Which is the national helpline number for violence against women?", "violence_against_women"),
        ("Gibt es Hilfe für Frauen, die zwangsverheiratet werden sollen?", "violence_against_women"),
        # Forced marriage in colloquial Farsi and Ukrainian (blind set v13; both raised the alarm instead)
        ("خواهرم ۱۶ سالشه و پدرم میخواد به زور شوهرش بده. شماره‌ای هست؟", "violence_against_women"),
        ("подруга каже шо її змушують вийти заміж. є гаряча лінія?", "violence_against_women"),
        ("انا متطوعة، شو رقم خط المساعدة للنساء اللي بيتعرضوا للعنف؟", "violence_against_women"),
        ("برای یک بروشور شماره خط کمک برای زنانی که خشونت دیدن رو لازم دارم", "violence_against_women"),
        ("Какой номер у телефона доверия для женщин, пострадавших от насилия?", "violence_against_women"),
        ("номер гарячої лінії для жінок, які потерпають від насильства", "violence_against_women"),
        ("Kadina yonelik siddete karsi yardim hattinin numarasi ne?", "violence_against_women"),
        ("doctor on duty at night, which number?", "medical"),
        ("Ärztlicher Bereitschaftsdienst Nummer", "medical"),
        ("какой номер дежурного врача?", "medical"),
        ("شماره دکتر کشیک", "medical"),
        ("nöbetçi doktor numarası", "medical"),
        ("رقم الطبيب المناوب", "medical"),
        ("I want to book a vaccination appointment, what number?", "vaccination"),
        ("Termin für Corona-Impfung, welche Nummer?", "vaccination"),
        ("nobat e vaksan e corona chejori begiram?", "vaccination"),
        ("شماره دكتر كشيك شب چنده؟", "medical"),  # Arabic letters for Persian ones
        ("شب است و داکترها بسته استن، کدام نمبر ره زنگ بزنم", "medical"),  # Dari: the doctors are closed
        ("вночі болить вухо, лікарня закрита, куди дзвонити", "medical"),
        ("Kinderarzt hat am Wochenende zu, wohin mit fieber?", "medical"),
        ("подруга боится что родня выдаст её замуж насильно, куда ей позвонить", "violence_against_women"),
        (
            "ihre Familie will sie im Sommer verheiraten, sie will das nicht. Gibt es eine Beratung?",
            "violence_against_women",
        ),
        # Blind set v16: forced marriage in Latin-script Russian; beating that goes on, and whom she can call.
        (
            "podruga govorit chto roditeli hotyat vydat ee zamuzh nasilno letom, est kakoj-to telefon pomoshi?",
            "violence_against_women",
        ),
        ("زن همسایه ما همیشه از شوهرش کتک میخوره، شماره ای هست که خودش زنگ بزنه؟", "violence_against_women"),
        # Blind set v17: the family wants to marry her off (Dari "به زور عروسی", English "family wants").
        ("یک دختر ۱۷ ساله میگه فامیلش میخواهن او ره به زور عروسی بتن، کجا زنگ بزنه؟", "violence_against_women"),
        (
            "her husband's family wants to send her back home to marry someone else. is there a helpline?",
            "violence_against_women",
        ),
    ],
)
def test_a_help_line_named_by_its_topic(text: str, line: str) -> None:
    assert asked_hotline(text) == line


@pytest.mark.parametrize(
    "text",
    ["Frau Förster Telefonnummer", "Termin bei der Ausländerbehörde", "where can i read about the vaccine",
     "Kita für meine Tochter", "wann hat das büro offen", "facebook seite vom landkreis",
     "wir wollen im sommer heiraten, welche papiere?", "ist die praxis von frau förster zu?"],
)  # fmt: skip
def test_no_help_line_in_ordinary_questions(text: str) -> None:
    assert asked_hotline(text) is None


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("fi ma3lomat 3an corona bi loghat el esharat? jare atrash", "sign_language"),
        ("Corona-Infos in Gebärdensprache?", "sign_language"),
        ("информация о корона на языке жестов для глухих", "sign_language"),
        ("Hat der Landkreis Infos zur Corona-Impfung?", "vaccination_info"),
        ("de pochytaty pro shcheplennya ukrayinskoyu", "vaccination_info"),
        ("کجا میتونم قوانین کرونا رو به دری بخونم", "vaccination_info"),
        ("а інфа про корону на різних мовах де є", "vaccination_info"),  # slang "інфа" (blind set v17)
    ],
)
def test_information_named_by_its_topic(text: str, topic: str) -> None:
    assert asked_information(text) == topic


@pytest.mark.parametrize(
    "text",
    ["mein sohn ist gehörlos und braucht eine schule", "okula kayıt nasıl yapılır", "corona hotline arabisch?",
     "wann hat das büro offen"],
)  # fmt: skip
def test_no_information_topic_in_other_questions(text: str) -> None:
    assert asked_information(text) is None


def test_a_corona_line_is_a_hotline_question() -> None:
    assert asked_hotline("في خط تلفون بيحكي عربي لأسئلة كورونا والتطعيم؟") == "vaccination"
    assert asked_hotline("online corona test termin") is None


@pytest.mark.parametrize(
    ("text", "person"),
    [("кто за неё отвечает, телефон дайте", True), ("kim sorumlu bundan", True), ("хто їх робив", False),
     ("where can i read it", False)],
)  # fmt: skip
def test_asks_for_a_person(text: str, person: bool) -> None:
    assert asks_for_a_person(text) is person


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("any integration events in my area?", True),
        ("Gibt es bei uns eine Integrationskonferenz?", True),
        ("کنفرانس یا جلسه‌ای درباره ادغام در منطقه ما برگزار میشه؟", True),
        ("есть ли у нас в районе конференция?", True),
        ("bölgemde entegrasyon etkinliği var mı", True),
        ("when was the conference in Goslar?", False),
        ("Wann war die Integrationskonferenz?", False),
    ],
)
def test_a_question_about_the_users_own_place(text: str, own: bool) -> None:
    assert refers_to_own_place(text) is own


@pytest.mark.parametrize(
    "text",
    [
        "а если ночью плохо станет, не сильно, просто врач нужен, куда звонить",
        "at night the doctor is closed, who do i call?",
    ],
)
def test_a_doctor_needed_at_night_is_the_medical_on_call_line(text: str) -> None:
    assert asked_hotline(text) == "medical"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ezayak", "greet"), ("hiii", "greet"), ("سلام خوبی", "greet"), ("merhaba hocam", "greet"),
        ("mamnoon", "thank"), ("tashakor bro", "thank"), ("shukran 7abibi", "thank"), ("danke schön", "thank"),
        ("спасибо большое", "thank"), ("thank you so much", "thank"), ("يسلمو كتير", "thank"),
        # a question, a place or anything else beside it is not only a greeting
        ("hi, when are you open?", None), ("hallo nienburg", None), ("hi fire", None), ("tamam", None),
        ("hi im in 37574", None),
    ],
)  # fmt: skip
def test_greeting_or_thanks_alone(text: str, kind: str | None) -> None:
    assert greeting_or_thanks(text) == kind


@pytest.mark.parametrize(
    ("text", "hesitates"),
    [
        ("шо", True), ("ну?", True), ("hm", True), ("hmmm", True), ("hä?", True), ("ne?", True), ("?", True),
        ("؟؟", True), ("شو؟", True), ("ما فهمت", True), ("не понял", True), ("i don't understand", True),
        # a word with content is no hesitation, however short – above all a cry for help
        ("help", False), ("sos", False), ("нет", False), ("نار", False), ("112", False), ("hi", False),
        ("шо по интеграции?", False), ("ne zaman açık", False), ("😭", False),
    ],
)  # fmt: skip
def test_a_message_that_only_hesitates(text: str, hesitates: bool) -> None:
    assert only_hesitates(text) is hesitates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shomare daftare integration ro mikham", True), ("phone of the integration office", True),
        ("номер офиса", True), ("Goslar ofisinin telefonu", True),
        ("the office of the conference?", False), ("and the e-mail?", False),
    ],
)  # fmt: skip
def test_names_an_office(text: str, expected: bool) -> None:
    assert names_an_office(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("what time did it start", True), ("und wann war das?", True), ("когда это было", True),
     ("ne zaman", True), ("w el mo2tamar kan emta?", True), ("and the e-mail?", False), ("где это", False)],
)  # fmt: skip
def test_asks_when(text: str, expected: bool) -> None:
    assert asks_when(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("kuda obrashatsya po integracii", True), ("an wen wende ich mich wegen Integration", True),
     ("куди звернутися щодо інтеграції", True), ("kuda obrashatsya", False), ("integration concept", False)],
)  # fmt: skip
def test_asks_whom_about_integration(text: str, expected: bool) -> None:
    assert asks_whom_about_integration(text) is expected


def test_the_woman_just_mentioned_is_no_women_line() -> None:
    assert asked_hotline("дай номер той женщины которую ты упомянул") is None
    assert asked_hotline("номер для женщин ещё раз") == "violence_against_women"


@pytest.mark.parametrize(
    "text",
    ["а кто там Leiterin?", "and who heads the migration services department there", "und wen ruf ich da an?",
     "مين بيشتغل عليها؟ بدي اسالهم سؤال"],
)  # fmt: skip
def test_who_leads_it_or_whom_to_ring_asks_for_a_person(text: str) -> None:
    # Blind set v15, after a concept: its responsible and the contacts are the answer.
    assert asks_for_a_person(text)


def test_someone_to_talk_to_in_turkish() -> None:
    # "biriyle konusabilir miyim" right after suicidal thoughts asked for the district (blind set v6).
    assert asks_for_someone_to_talk_to("biriyle konusabilir miyim")
    assert not asks_for_someone_to_talk_to("Ausländerbehörde'de biriyle konuşabilir miyim")


@pytest.mark.parametrize(
    ("text", "repeat", "wanted"),
    [
        ("добре, скиньте ще раз те посилання", True, "link"),
        ("ببخشید اون سایتی که گفتی دوباره بفرست", True, "link"),
        ("the number you gave me, once more", True, "number"),
        ("nochmal bitte", True, None),
        ("send me the link for the survey", False, "link"),  # a bare "link" is a new question
        ("wann haben die offen", False, None),
    ],
)
def test_asks_to_repeat(text: str, repeat: bool, wanted: str | None) -> None:
    assert asks_to_repeat(text) is repeat
    assert wanted_again(text) == wanted


@pytest.mark.parametrize(
    ("text", "other"),
    [("و اون یکی خانم؟", True), ("and the other one?", True), ("a друга?", True), ("öbür hanım", True),
     ("ich brauche die Nummer", False), ("و شماره اش؟", False),
     ("andere frage, welche nummer für impftermin", False), ("другой вопрос: где прививка", False)],
)  # fmt: skip
def test_asks_for_the_other(text: str, other: bool) -> None:
    assert asks_for_the_other(text) is other


@pytest.mark.parametrize(
    ("text", "topic"),
    [("a yaka u nykh kontseptsiya", "ask_concept"), ("konferenz wann", "ask_event"), ("opros gde", "ask_survey"),
     ("wann ist das büro offen", None)],
)  # fmt: skip
def test_named_document(text: str, topic: str | None) -> None:
    assert named_document(text) == topic


@pytest.mark.parametrize(
    ("cue", "text", "expected"),
    [
        # Blind sets v15 and v16, read: closing time, Latin-script Russian reading, a Finglish phone line, ...
        (asked_field, "so the office closes at 12 on fridays?", "ask_opening_hours"),
        (asked_information, "gde pochitat pro privivku ot korony po-russki, est sajt?", "vaccination_info"),
        (asked_hotline, "ye shomare baraye corona be zabune englisi ya farsi hast?", "vaccination"),
        (asks_for_someone_to_call, "في حدا بحكي معه عالتلفون؟", True),
        (asks_for_someone_to_call, "someone stole my bike", False),
        (asks_for_the_first, "اون شماره اولی شبانه روزیه؟", True),
        (corrects_itself, "нет, я имел в виду Гослар", True),
    ],
)
def test_cues_of_the_read_blind_sets(cue: Callable[[str], object], text: str, expected: object) -> None:
    assert cue(text) == expected


# Blind set v19 kinds.
def test_where_the_office_is() -> None:
    assert asks_where_the_office_is("entegrasyon burosu nerde")
    assert asks_where_the_office_is("wo ist das amt")
    assert not asks_where_the_office_is("korona bilgisi nerede")  # no office: the information's question


def test_an_integration_plan_is_the_concept() -> None:
    assert named_document("landkreis'in bir entegrasyon planı var mı") == "ask_concept"
    assert named_document("gibt es einen integrationsplan") == "ask_concept"


def test_sign_language_typed_on_a_russian_keyboard() -> None:
    assert asked_information("инфа про корону мовою жестив е десь? для глухого брата") == "sign_language"


def test_who_made_it_and_who_is_responsible() -> None:
    assert asks_who_made_it("wer hat das gemacht")
    assert asks_who_made_it("хто їх робив")
    assert not asks_for_a_person("wer hat das gemacht")  # the document and its responsible, not the contacts
    assert asks_for_a_person("مسئولش کیه؟")


@pytest.mark.parametrize(
    "text", ["mesh betrod.. fe 7ad tany?", "is there anyone else?", "кто-то ещё есть?", "başka biri var mı"]
)
def test_someone_else_is_the_other_one(text: str) -> None:
    assert asks_for_the_other(text)


@pytest.mark.parametrize("text", ["bebakhshid dobare befres shomaro", "повторіть номер будь ласка", "can you repeat"])
def test_asks_to_repeat_in_more_words(text: str) -> None:
    assert asks_to_repeat(text)


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("вибачте, я помилилась, не Гослар а Гьорліц", "Гьорліц"),  # blind set v19
        ("not goslar but görlitz", "görlitz"),
        ("Goslar değil Görlitz", "Görlitz"),
        ("ich wohne nicht in goslar", None),
    ],
)
def test_the_place_after_a_negated_one(text: str, after: str | None) -> None:
    assert place_part_after_negation(text) == after
