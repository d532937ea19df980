"""A place plus the word for what is wanted (actions/content/question_cues.py)."""

from __future__ import annotations

import pytest

from actions.content.question_cues import asked_field


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
