"""Offices and people only one district has name that district; places are known by name."""

from __future__ import annotations

import pytest

from actions.content.knowledge import Knowledge
from actions.content.knowledge.names import (
    contact_names,
    district_of_named_contact,
    named_contacts,
    names_given_name,
    place_names,
)


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("Welche E-Mail-Adresse hat die Koordinierungsstelle Migration und Teilhabe?", "nienburg"),
        ("koordinierungstelle migration teilhabe telefon", "nienburg"),  # typo in the office name
        ("telefonnummer von frau förster", "northeim"),
        ("wie erreiche ich frau aktas", "goslar"),
        ("What time does the Koordinierungsstelle close on Friday?", "nienburg"),  # the word only its name has
        ("Koordinierungsstelle'nin adresi neresi", "nienburg"),
    ],
)
def test_a_uniquely_named_contact_implies_its_district(knowledge: Knowledge, text: str, district: str) -> None:
    assert district_of_named_contact(knowledge, text) == district


@pytest.mark.parametrize(
    "text",
    ["Wer hilft bei Migration?", "Fachbereich Migration und Integration", "Ich brauche Teilhabe", "förstern", ""],
)
def test_words_that_only_resemble_a_contact_name_nothing(knowledge: Knowledge, text: str) -> None:
    assert district_of_named_contact(knowledge, text) is None


def test_place_names_cover_every_district_and_town(knowledge: Knowledge) -> None:
    names = set(place_names(knowledge))
    for district in knowledge.districts:
        assert district.short_name in names
        assert {town.name for town in district.municipalities} <= names


def test_contact_names_hold_offices_units_people_and_unique_office_words(knowledge: Knowledge) -> None:
    names = set(contact_names(knowledge))
    assert "Koordinierungsstelle Migration und Teilhabe" in names
    assert "Julia Aktas" in names
    assert "koordinierungsstelle" in names
    assert "landkreis" not in {name.casefold() for name in names}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("дай номер второй женщины, Блудау которая", "Hanna Bludau"),
        ("номер тієї пані Фьорстер яку ви назвали", "Simone Förster"),
        ("خانم بلوداو، شماره اش؟", "Hanna Bludau"),  # the long vowels written
        ("الست اللي اسمها فورستر رقمها كام", "Simone Förster"),
        ("رقم جوليا اكتاس", "Julia Aktas"),  # after the given name
        ("شماره خانم آکتاش از لاندکرایس گوسلار رو دارید؟", "Julia Aktas"),  # after a title
    ],
)
def test_a_person_named_in_another_alphabet(knowledge: Knowledge, text: str, person: str) -> None:
    assert [c.name for c in named_contacts(knowledge, text)] == [person]


@pytest.mark.parametrize(
    "text",
    ["پس عربی چی؟ شوهرم عربی بلده", "تو چه کارهایی بلدی؟", "مه ده گوسلار خانه کرایی پالیده استوم، کجا پیدا موشه؟",
     "какая у вас бюрократия"],
)  # fmt: skip
def test_words_sharing_a_names_consonants_name_nobody(knowledge: Knowledge, text: str) -> None:
    assert named_contacts(knowledge, text) == []


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("بدي رقم هانا بس", "Hanna Bludau"),  # blind set v20: only Hanna's number, of the two shown
        ("only hannas number", "Hanna Bludau"),
        ("номер Ханны", "Hanna Bludau"),
        ("номер Симоны", "Simone Förster"),
        ("جوليا", "Julia Aktas"),
        ("رقم المكتب هنا", None),  # "here", not "Hanna"
        ("hannover", None),
    ],
)
def test_a_given_name_in_any_alphabet(knowledge: Knowledge, text: str, person: str | None) -> None:
    people = [c for c in knowledge.contacts if c.kind == "person"]
    assert [c.name for c in people if names_given_name(text, c)] == ([person] if person else [])
