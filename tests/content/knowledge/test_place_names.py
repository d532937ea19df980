"""Towns in every script and in the forms they take in a sentence, postcodes, and the
ordinary words and numbers that must not be taken for either.

The generic tests run over every town in knowledge/ (a new town is covered without a
test edit); the expected forms are built here by simple rules of their own, not by the
code under test. The hand-written messages are what people actually type.
"""

from __future__ import annotations

import re

import pytest

from actions.content.knowledge import Knowledge, load_knowledge, normalize_name
from actions.content.knowledge.inflection import name_forms, script_of
from actions.content.knowledge.lookup import postcodes_in
from actions.content.knowledge.models import District, Municipality
from actions.tools.nlu_lookups import lookup_tables

from ...conftest import KNOWLEDGE_DIR

KNOWLEDGE = load_knowledge(KNOWLEDGE_DIR)
TOWNS = [(district, town) for district in KNOWLEDGE.districts for town in district.municipalities]
LOOKUPS = lookup_tables(KNOWLEDGE)


def town_id(param: object) -> str:
    if isinstance(param, Municipality):
        return param.name
    return param if isinstance(param, str) else ""


def spellings(district: District, town: Municipality) -> list[str]:
    """The town's own spellings; a town named like its district also has the district's."""
    names = [town.name, *town.aliases]
    district_keys = {normalize_name(n) for n in (district.name, district.short_name, *district.aliases)}
    if normalize_name(town.name) in district_keys:
        names += district.aliases
    return names


def spellings_in(script: str) -> list[tuple[District, Municipality, str]]:
    return [(d, t, name) for d, t in TOWNS for name in spellings(d, t) if script_of(name) == script]


def assert_finds(knowledge: Knowledge, text: str, district: District) -> None:
    match = knowledge.find_district_in_text(text)
    assert match is not None, text
    assert match.district.id == district.id, (text, match)


# Every town in every script ----------------------------------------------------------


@pytest.mark.parametrize(("district", "town"), TOWNS, ids=town_id)
def test_every_town_is_spelled_in_latin_cyrillic_and_arabic_script(district: District, town: Municipality) -> None:
    scripts = {script_of(name) for name in spellings(district, town)}
    assert scripts == {"latin", "cyrillic", "arabic"}, (town.name, scripts)


@pytest.mark.parametrize(("district", "town"), TOWNS, ids=town_id)
def test_every_town_has_a_postcode(district: District, town: Municipality) -> None:
    assert town.postcodes
    assert all(re.fullmatch(r"\d{5}", code) for code in town.postcodes)
    if district.federal_state == "DE-SN":
        assert all(code.startswith("02") for code in town.postcodes)  # the leading 0 survived loading


def latin_sentences(name: str) -> list[str]:
    return [
        f"Ich wohne in {name}. Wer hilft mir?",
        f"I live in {name}",
        f"{name}'da yaşıyorum",  # Turkish locative with apostrophe
        f"{name}'e taşındım",
        f"{name}da oturuyorum",  # the apostrophe left out
        f"{name}dan geldim",
    ]


@pytest.mark.parametrize(("district", "town", "name"), spellings_in("latin"), ids=town_id)
def test_latin_spelling_in_sentences(knowledge: Knowledge, district: District, town: Municipality, name: str) -> None:
    for sentence in latin_sentences(name):
        assert_finds(knowledge, sentence, district)


# The Ukrainian locative changes г/к/х before -і: Нінбург → у Нінбурзі.
UK_ALTERNATION = {"г": "з", "к": "ц", "х": "с"}


def cyrillic_sentences(name: str) -> list[str]:
    """Russian and Ukrainian case forms of the last word, by the school rules."""
    head, _, last = name.rpartition("-") if "-" in name else name.rpartition(" ")
    head = name[: len(head) + 1] if head else ""
    end = last[-1].lower()
    if end in "бвгджзклмнпрстфхцчшщ":
        forms = [f"в {head}{last}е", f"из {head}{last}а", f"к {head}{last}у", f"у {head}{last}і"]
        if end in UK_ALTERNATION:
            forms.append(f"у {head}{last[:-1]}{UK_ALTERNATION[end]}і")
        forms.append(f"с {head}{last}{'ем' if end in 'цжшчщ' else 'ом'}")
    elif end == "ь":
        forms = [f"в {head}{last[:-1]}е", f"у {head}{last[:-1]}і", f"из {head}{last[:-1]}я", f"к {head}{last[:-1]}ю"]
    elif end == "я":
        stem = head + last[:-1]
        forms = [f"в {stem}е", f"из {stem}и", f"у {stem}ї", f"з {stem}ї", f"в {stem}ю"]
    else:
        forms = [f"в {name}", f"у {name}"]  # Штольценау, Циттау, Боденфельде: indeclinable
    return [f"Я живу {form}" for form in [f"в {name}", *forms]]


@pytest.mark.parametrize(("district", "town", "name"), spellings_in("cyrillic"), ids=town_id)
def test_cyrillic_spelling_in_its_russian_and_ukrainian_cases(
    knowledge: Knowledge, district: District, town: Municipality, name: str
) -> None:
    for sentence in cyrillic_sentences(name):
        assert_finds(knowledge, sentence, district)


def arabic_sentences(name: str) -> list[str]:
    return [
        f"أنا أعيش في {name}",
        f"انا ساكن ب{name}",  # ب written together with the name
        f"أعمل و{name}",
        f"جئت من {name} امس",
        f"من در {name} زندگی می‌کنم",
        f"از {name} آمدم",
        f"بروم ب{name}",
    ]


@pytest.mark.parametrize(("district", "town", "name"), spellings_in("arabic"), ids=town_id)
def test_arabic_script_spelling_with_prefixes(
    knowledge: Knowledge, district: District, town: Municipality, name: str
) -> None:
    for sentence in arabic_sentences(name):
        assert_finds(knowledge, sentence, district)


@pytest.mark.parametrize(("district", "town"), TOWNS, ids=town_id)
def test_every_postcode_finds_its_district(knowledge: Knowledge, district: District, town: Municipality) -> None:
    for code in town.postcodes:
        arabic_digits = code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        persian_digits = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        for text in (
            f"Ich wohne in {code}. Wer hilft mir?",
            f"PLZ: {code}",
            f"мой индекс {code}",
            f"أسكن في {arabic_digits}",
            f"کد پستی من {persian_digits} است",
        ):
            match = knowledge.find_district_in_text(text)
            assert match is not None, text
            assert (match.district.id, match.how, match.postcode) == (district.id, "postcode", code)
        match = knowledge.find_district(code)  # a postcode typed as the answer to "which district?"
        assert match is not None
        assert match.district.id == district.id


@pytest.mark.parametrize(("district", "town"), TOWNS, ids=town_id)
def test_entity_values_from_the_lookup_tables_find_their_district(
    knowledge: Knowledge, district: District, town: Municipality
) -> None:
    """What the NLU tags (any form in the generated tables) is what the actions resolve."""
    tables = LOOKUPS["district"] + LOOKUPS["municipality"]
    for name in spellings(district, town):
        for form in name_forms(name):
            if form in tables:
                match = knowledge.find_district(form)
                assert match is not None, form
                assert match.district.id == district.id, (form, match)


def test_lookup_tables_hold_the_forms_people_write() -> None:
    towns = set(LOOKUPS["municipality"])
    districts = set(LOOKUPS["district"])
    assert {"Хойе", "Хої", "Хойю", "هويا", "بهويا", "Hoyada", "Айнбеке", "Ейнбеку"} <= towns
    assert {"Нинбурге", "Нінбурзі", "Госларе", "Гослярі", "بنینبورگ", "Nienburgda", "Görlitzer"} <= districts
    # Ordinary words are never tagged as a place; nothing is in both tables.
    assert not {"острица", "острице", "Остриц", "гою"} & (towns | districts)
    assert not {normalize_name(t) for t in towns} & {normalize_name(d) for d in districts}


# Realistic messages -------------------------------------------------------------------

MESSAGES = [
    # ru
    ("Я живу в Хойе", "nienburg", "Hoya"),
    ("я из Хойи, где курсы немецкого?", "nienburg", "Hoya"),
    ("Переехали в Хойю месяц назад", "nienburg", "Hoya"),
    ("живу в Штольценау", "nienburg", "Stolzenau"),
    ("мы живём в Айнбеке", "northeim", "Einbeck"),
    ("в Госларе есть курсы?", "goslar", "Гослар"),
    ("Я живу в Нинбургском районе", "nienburg", "Нинбург"),
    ("Мы в Бад-Харцбурге", "goslar", "Bad Harzburg"),
    ("живу в Клаустале-Целлерфельде", "goslar", "Clausthal-Zellerfeld"),
    ("я живу в Катленбурге-Линдау", "northeim", "Katlenburg-Lindau"),
    ("Я живу в Острице", "goerlitz", "Ostritz"),
    ("помогите, я в Гёрлице", "goerlitz", "Гёрлиц"),
    ("живу в Дасселе", "northeim", "Dassel"),
    ("Мы живем в Эберсбахе-Нойгерсдорфе", "goerlitz", "Ebersbach-Neugersdorf"),
    # uk
    ("Я живу у Хої", "nienburg", "Hoya"),
    ("я з Хої", "nienburg", "Hoya"),
    ("живу у Штольценау", "nienburg", "Stolzenau"),
    ("я живу в Ейнбеку", "northeim", "Einbeck"),
    ("ми в Айнбеці", "northeim", "Einbeck"),
    ("курси німецької в Нінбурзі", "nienburg", "Нинбург"),
    ("у Гослярі є консультація?", "goslar", "Госляр"),
    ("живу в Ґосларі", "goslar", "Гослар"),
    ("живу в Льобау", "goerlitz", "Löbau"),
    ("я живу в Герліці", "goerlitz", "Гёрлиц"),  # one spelling after folding ё, і
    ("ми переїхали до Лібенау", "nienburg", "Liebenau"),
    # ar
    ("في هويا", "nienburg", "Hoya"),
    ("انا ساكن بهويا", "nienburg", "Hoya"),
    ("أنا أعيش في زيتاو", "goerlitz", "Zittau"),
    ("انا ب نينبورغ", "nienburg", "نينبورغ"),
    ("وغوسلار ايضا", "goslar", "غوسلار"),
    # fa
    ("در هویا زندگی می‌کنم", "nienburg", "Hoya"),
    ("بنینبورگ رفتم", "nienburg", "نینبورگ"),
    ("از گوسلار هستم", "goslar", "گوسلار"),
    ("من در اشتولتسناو هستم", "nienburg", "Stolzenau"),
    # tr, de, en
    ("Nienburg'da yaşıyorum", "nienburg", "nienburg"),
    ("Einbeck'te oturuyorum", "northeim", "Einbeck"),
    ("Görlitz'e yeni taşındım", "goerlitz", "Görlitz"),
    ("Hoyada yaşıyorum", "nienburg", "Hoya"),
    ("Ich wohne in 31608. Wer hilft mir?", "nienburg", "Marklohe"),
    ("Ich wohne in 02826 Görlitz", "goerlitz", "Görlitz"),
    ("meine PLZ ist 37444", "goslar", "Sankt Andreasberg"),
    ("Wir wohnen in Rothenburg/O.L.", "goerlitz", "Rothenburg/Oberlausitz"),
    ("ich wohne in Clausthal", "goslar", "Clausthal-Zellerfeld"),
]


@pytest.mark.parametrize(("text", "district_id", "matched"), MESSAGES)
def test_realistic_messages(knowledge: Knowledge, text: str, district_id: str, matched: str) -> None:
    match = knowledge.find_district_in_text(text)
    assert match is not None
    assert (match.district.id, match.matched) == (district_id, matched)


@pytest.mark.parametrize(
    ("value", "district_id"),
    [("Хойе", "nienburg"), ("Хої", "nienburg"), ("Нінбурзі", "nienburg"), ("Гослярі", "goslar"), ("بهويا", "nienburg")],
)
def test_entity_values_in_a_case_form(knowledge: Knowledge, value: str, district_id: str) -> None:
    match = knowledge.find_district(value)
    assert match is not None
    assert match.district.id == district_id
    assert match.score == 95.0  # an inflected form, not a typo


# Must not be taken for a place -----------------------------------------------------

ORDINARY_MESSAGES = [
    # a short town inside or next to an ordinary word (Uchte, Dassel, Moringen, Altenau, Liebenau, Seesen)
    "Ich suchte eine Wohnung",
    "Wo gibt es Suchtberatung?",
    "ich habe dasselbe Problem",
    "guten Morgen",
    "bis morgen",
    "ich will mich umbringen",
    "wir wohnen in einem alten Haus",
    "Wir lieben Deutschland",
    "Wer zahlt die Spesen?",
    "für unsere Seelen",
    "Weihwasser in der Kirche",
    "I need a damsel",
    # another German town one letter away from ours
    "Ich wohne in Kassel",
    "Ich wohne in Altena",
    # Russian and Ukrainian words that look like a case form of a town
    "у ребёнка острица, что делать?",
    "много остриц у детей",
    "острие ножа",
    "Могу привести цитату",
    "цены низки",
    "рана довго не гоїться, я гою її мазью",
    "горлиц много в парке",
    # Arabic: identity card (هوية) is not Hoya (هويا)
    "أين أجدد بطاقة الهوية؟",
    "فقدت هويتي",
    # numbers that are not postcodes
    "Meine Nummer: 05021 967686",
    "Tel. 05021/967686",
    "ruf mich an: +49 31608 1234",
    "Ich bin seit 2019 hier",
    "Kundennummer 0531608123",
    "Aktenzeichen 31608-2020",
    "Termin am 08.11.2019 um 14:00",
    # unknown postcodes: never guessed from their first digits
    "Ich wohne in 99999",
    "Ich wohne in 02999",  # Lohsa, Landkreis Bautzen: 02 like Görlitz
    "Ich wohne in 37073",  # Göttingen: 37 like Northeim
    "Ich wohne in 31609",  # Balge: in Landkreis Nienburg, but not a town listed in knowledge/
]


@pytest.mark.parametrize("text", ORDINARY_MESSAGES)
def test_ordinary_words_and_numbers_find_no_district(knowledge: Knowledge, text: str) -> None:
    assert knowledge.find_district_in_text(text) is None


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Ich wohne in 31608. Wer hilft mir?", ["31608"]),
        ("31608 Marklohe", ["31608"]),
        ("D-31608 Marklohe", ["31608"]),
        ("(31608)", ["31608"]),
        ("PLZ 02826, Görlitz", ["02826"]),
        ("٣١٦٠٨", ["31608"]),
        ("05021 967686", []),
        ("05021/967686", []),
        ("05021-96768", []),
        ("+49 31608", []),
        ("0531608123", []),
        ("316080", []),
        ("2019", []),
        ("31608a", []),
        ("1.31608", []),
    ],
)
def test_postcodes_in_text(text: str, codes: list[str]) -> None:
    assert postcodes_in(text) == codes


def test_a_known_postcode_after_an_unknown_one_still_counts(knowledge: Knowledge) -> None:
    match = knowledge.find_district_in_text("früher 99999, jetzt 31608")
    assert match is not None
    assert (match.district.id, match.matched) == ("nienburg", "Marklohe")


def test_an_ordinary_word_given_as_a_name_is_the_town(knowledge: Knowledge) -> None:
    # "/contacts Остриц": the caller says it is a name; in a sentence it needs a preposition.
    match = knowledge.find_district("Остриц")
    assert match is not None
    assert match.district.id == "goerlitz"
    assert knowledge.find_district_in_text("Остриц") is None


# Letters and forms ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Ґослар", "Гослар"),  # Ukrainian ґ
        ("Нінбург", "Нинбург"),  # Ukrainian і
        ("Хої", "Хои"),  # Ukrainian ї
        ("Льобау", "Лёбау"),  # Ukrainian ьо for the German ö
        ("Эберсбах", "Еберсбах"),
        ("نینبورگ", "نينبورگ"),  # Farsi and Arabic yeh
        ("آیستروپ", "ايستروب"),  # Farsi پ, Arabic ب
    ],
)
def test_letter_variants_compare_equal(one: str, other: str) -> None:
    assert normalize_name(one) == normalize_name(other)


@pytest.mark.parametrize(
    ("name", "present", "absent"),
    [
        ("Хойя", {"Хойе", "Хойи", "Хойю", "Хойей"}, set()),  # Russian
        ("Хоя", {"Хої", "Хою", "Хоєю", "Хое"}, set()),  # Ukrainian (and Russian)
        ("Нінбург", {"Нінбурзі", "Нінбургу", "Нінбурга", "Нінбургом", "Нінбурзький"}, set()),
        ("Гослар", {"Госларе", "Гослара", "Госларі", "Госларский"}, set()),
        ("Гёрлиц", {"Гёрлице", "Гёрлицем", "Гёрлицкий"}, set()),
        ("Дассель", {"Дасселе", "Дасселі", "Дасселя"}, {"Дассельа"}),
        ("Штольценау", set(), {"Штольценауе"}),  # indeclinable: nothing but the name
        ("Бад-Харцбург", {"Бад-Харцбурге", "Бад-Харцбурзі"}, {"Баде-Харцбурге"}),
        ("Клаусталь-Целлерфельд", {"Клаустале-Целлерфельде", "Клаусталь-Целлерфельде"}, set()),
        ("هويا", {"بهويا", "وهويا", "لهويا", "فهويا"}, {"هويي"}),
        ("نینبورگ", {"بنینبورگ", "ونینبورگ", "نینبورگي"}, set()),
        ("Nienburg", {"Nienburgda", "Nienburger", "Nienburgs", "Nienburgdan"}, set()),
        ("Rothenburg/O.L.", set(), {"Rothenburg/O.L.da"}),
    ],
)
def test_name_forms(name: str, present: set[str], absent: set[str]) -> None:
    forms = set(name_forms(name))
    assert name_forms(name)[0] == name
    assert present <= forms
    assert not absent & forms
    if not present:
        assert forms == {name}


@pytest.mark.parametrize(
    ("text", "district_id", "matched"),
    [
        ("ich wohne in Nienbrug", "nienburg", "nienburg"),  # two letters swapped
        ("I live in Northiem", "northeim", "northeim"),
        ("wir wohnen in Stolzenu", "nienburg", "Stolzenau"),  # a letter missing
        ("живу в Штольценуа", "nienburg", "Stolzenau"),
    ],
)
def test_a_typo_in_a_long_name_in_a_sentence(knowledge: Knowledge, text: str, district_id: str, matched: str) -> None:
    match = knowledge.find_district_in_text(text)
    assert match is not None
    assert (match.district.id, match.matched, match.how) == (district_id, matched, "fuzzy")


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("وين بقدر اتعلم الماني بGoslar؟", "goslar"),
        ("بدي كورس الماني بSeesen", "goslar"),
        ("живу вNienburg", "nienburg"),
    ],
)
def test_a_latin_place_with_a_prefix_of_another_script_is_found(knowledge, text: str, district: str) -> None:
    match = knowledge.find_district_in_text(text)
    assert match is not None
    assert match.district.id == district
