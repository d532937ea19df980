"""Word cues for Latin-script messages: transliteration and code-switching (actions/content/language_cues.py)."""

from __future__ import annotations

import pytest

from actions.content.language_cues import (
    ARABIC_SCRIPT_WORDS,
    CYRILLIC_WORDS,
    FUNCTION_WORDS,
    TRANSLIT_WORDS,
    arabic_script_word_votes,
    cyrillic_word_votes,
    function_word_votes,
    tokens,
    translit_locale,
)


def test_no_cue_word_belongs_to_two_lists() -> None:
    lists = {f"translit:{k}": v for k, v in TRANSLIT_WORDS.items()}
    lists |= {f"function:{k}": v for k, v in FUNCTION_WORDS.items()}
    names = sorted(lists)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            if first.startswith("translit:ru") and second.startswith("translit:uk"):
                continue  # checked below: the two may share, a tie decides nothing
            assert not lists[first] & lists[second], (first, second, sorted(lists[first] & lists[second]))


def test_russian_and_ukrainian_share_no_word() -> None:
    assert not TRANSLIT_WORDS["ru"] & TRANSLIT_WORDS["uk"]


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("gde mozhno sdelat privivku v nortxajme", "ru"),
        ("skazhite pozhaluysta nomer", "ru"),
        ("privet", "ru"),
        ("yak meni znayty likarya khto dopomozhe", "uk"),
        ("koly pratsyuye ofis", "uk"),
        ("salam mikhastam bedoonam koja bayad beram", "fa"),
        ("lotfan shomare", "fa"),
        ("marhaba bidi ra2am el maktab", "ar"),
        ("wein el office? 3ndi so2al", "ar"),
        ("kif fini 7ajez maw3ed", "ar"),
    ],
)
def test_transliterated_messages(text: str, locale: str) -> None:
    assert translit_locale(tokens(text)) == locale


@pytest.mark.parametrize(
    "text",
    [
        "where can I get vaccinated today",
        "Wo kann ich mich heute impfen lassen?",
        "bugün nerede aşı olabilirim",
        "I need help with the 2nd form",
        "see you 2day",
        "b4 monday please",
        "Unfall vor mir auf der B3 bei Northeim, da sind noch Leute drin",
        "B6da kaza var araba ters donmus",
        "woke up at 3am with 7pm meeting 5km away",
        "Hast du die Nummer von Goslar?",
        "ya da başka bir numara var mı",
        "de nerede",
        "farsi hotline?",
        "man, the office is closed",
    ],
)
def test_ordinary_latin_messages_are_not_transliteration(text: str) -> None:
    assert translit_locale(tokens(text)) is None


@pytest.mark.parametrize(
    ("text", "winner"),
    [
        ("nienburgdaki Koordinierungsstelle adresi nerde gitmek istiyorum", "tr"),
        ("whats the address of the Ausländerbehörde i need to go there", "en"),
        ("Wo ist die Hotline und wann ist sie offen", "de"),
    ],
)
def test_function_words_show_the_grammar(text: str, winner: str) -> None:
    votes = function_word_votes(tokens(text))
    assert votes.most_common(1)[0][0] == winner


def test_ukrainian_and_russian_cyrillic_words_are_disjoint() -> None:
    assert not CYRILLIC_WORDS["uk"] & CYRILLIC_WORDS["ru"]


@pytest.mark.parametrize(
    ("text", "winner"),
    [("я з Ейнбека", "uk"), ("горить квартира", "uk"), ("я из Айнбека", "ru"), ("что делать, горит квартира", "ru"),
     ("як записатись на курси", "uk")],
)  # fmt: skip
def test_cyrillic_words_tell_ukrainian_from_russian(text: str, winner: str) -> None:
    assert cyrillic_word_votes(tokens(text)).most_common(1)[0][0] == winner


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("pryvit, de mozhna diznatysya pro integraciyu", "uk"),
        ("zdravstvuyte, mne nuzhen nomer po integracii", "ru"),
        ("salam, man tu goslar zendegi mikonam", "fa"),
        ("ana sakin fi goslar w 3ayez a3raf", "ar"),
    ],
)
def test_more_transliterated_messages(text: str, locale: str) -> None:
    assert translit_locale(tokens(text)) == locale


def test_farsi_and_arabic_script_words_are_disjoint() -> None:
    assert not ARABIC_SCRIPT_WORDS["fa"] & ARABIC_SCRIPT_WORDS["ar"]


def test_farsi_on_an_arabic_keyboard_is_told_by_its_words() -> None:
    votes = arabic_script_word_votes(tokens("شمارة تلفن اداره مهاجرت را ميخواهم، لطفا كمك كنيد"))
    assert votes["fa"] >= 2
    assert not votes["ar"]


@pytest.mark.parametrize(
    "text",
    ["Salom, man dar Northeim zindagi mekunam", "idorai muhojirat kujost?", "iltimos, telefoni idora chand ast"],
)
def test_tajik_style_latin_farsi(text: str) -> None:
    assert translit_locale(tokens(text)) == "fa"


@pytest.mark.parametrize(
    ("text", "locale"),
    [("4elovek ne dy6it posle draki 4to delat", "ru"), ("6vydku jak vyklykaty? dytyna ne voru6ytsja", "uk"),
     ("Dobryj deń, czy można pohoworyty pro intehraciju?", "uk")],
)  # fmt: skip
def test_digits_for_letters_and_polish_spelling_in_slavic_chat(text: str, locale: str) -> None:
    assert translit_locale(tokens(text)) == locale
