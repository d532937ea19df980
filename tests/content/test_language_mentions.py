from __future__ import annotations

import pytest

from actions.content.language_mentions import mentioned_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("немецкий", "de"),
        ("горячая линия на русском", "ru"),
        ("англійська", "en"),
        ("турецька будь ласка", "tr"),
        ("almanca konuş", "de"),
        ("Rusça konuşabilir misin", "ru"),
        ("İngilizce lütfen", "en"),
        ("احكيني انجليزي", "en"),
        ("هوتلاين روسي موجود؟", "ru"),
        ("بالعربي لو سمحت", "ar"),
        ("آلمانی بنویس", "de"),
        ("فارسی لطفا", "fa"),
        ("Hotline auf Ukrainisch", "uk"),
        ("ich will persisch lesen", "fa"),
        ("write farsi for me", "fa"),
        ("is there a hotline in turkish", "tr"),
    ],
)
def test_names_in_any_ui_language_and_their_inflections(text: str, code: str) -> None:
    assert mentioned_language(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "Is there a hotline in Germany?",  # a country, not a language
        "Ich lebe in Deutschland, kannst du Englisch?",  # two candidates: no guess
        "Telefonnummer Nienburg",
        "من تو روستای Kalefeld هستم",  # "village" starts like "Russian" in Farsi
        "خیلی لطف کردی",  # "you did", not "Kurdish"
        "ما هو رقم هاتف مكتب الهجرة في نينبورغ؟",
        "",
    ],
)
def test_no_language_or_no_unambiguous_one(text: str) -> None:
    assert mentioned_language(text) is None


def test_a_language_typed_on_a_russian_keyboard_is_named() -> None:
    # Blind set v19: "росийською" is "російською" with и for і.
    assert mentioned_language("вона розмовляе тильки росийською, може е телефон?") == "ru"


def test_asking_whether_they_answer_in_a_language_is_no_reply_request() -> None:
    from actions.content.language_mentions import asks_for_reply_language

    assert not asks_for_reply_language("فارسی هم جواب میدن؟")  # do they answer in Farsi (the line)?
    assert not asks_for_reply_language("там отвечают по-русски?")
    assert asks_for_reply_language("فارسی جواب بده")
    assert asks_for_reply_language("отвечай по-русски")
