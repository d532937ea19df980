"""The judge of the blind evaluation must itself be right: each rule can fail."""

from __future__ import annotations

import pytest

from .replies import has_fact, judge, reply_in

EMERGENCY_DE = "🚨 In Gefahr? Rufen Sie sofort 112 (Rettungsdienst, Feuerwehr) oder 110 (Polizei) an."
ASK_DISTRICT_EN = "Which district do you live in? Tap a button or write the name of your town."
OUT_OF_SCOPE_EN = (
    "Sorry, I can only help with integration questions in the districts I know. These are the topics I can help with:"
)


@pytest.mark.parametrize(
    ("text", "fact", "found"),
    [
        ("📞 +49 5021 967686", "05021 967-686", True),
        ("📞 \u2066+49 5021 967686\u2069", "05021 967-686", True),
        ("📞 +49 5021 967687", "05021 967-686", False),
        ("Call 112 or 110 now", "110", True),
        ("TelefonSeelsorge 0800 111 0 111", "110", False),
        ("Hilfetelefon 116 016", "116 016", True),
        ("🌐 https://www.integrationsbeauftragte.de/corona", "integrationsbeauftragte.de", True),
        ("✉️ Migration@Kreis-NI.de", "migration@kreis-ni.de", True),
    ],
)
def test_facts_are_found_as_the_bot_shows_them(text: str, fact: str, found: bool) -> None:
    assert has_fact(text, fact) is found


def test_the_reply_language_is_judged_by_template_wording() -> None:
    assert reply_in(ASK_DISTRICT_EN, "en")
    assert not reply_in(ASK_DISTRICT_EN, "de")
    assert reply_in(EMERGENCY_DE, "de")


def test_an_emergency_needs_the_numbers_in_the_first_reply() -> None:
    expected = {"kind": "emergency"}
    assert judge([EMERGENCY_DE, "Sonst noch etwas?"], expected, "de", []).correct
    late = judge(["Meinten Sie: eine Ansprechperson?", EMERGENCY_DE], expected, "de", [])
    assert not late.correct
    assert "no emergency numbers first" in late.problems


def test_an_ordinary_question_with_the_emergency_block_is_a_false_alarm() -> None:
    verdict = judge([EMERGENCY_DE], {"kind": "answer"}, "de", [])
    assert verdict.false_alarm
    assert not verdict.correct


def test_a_decline_with_another_topics_facts_is_not_clean() -> None:
    clean = judge([OUT_OF_SCOPE_EN], {"kind": "out_of_scope"}, "en", ["116117"])
    assert clean.clean_decline
    leaked = judge([OUT_OF_SCOPE_EN + " Hotline: 116117"], {"kind": "out_of_scope"}, "en", ["116117"])
    assert not leaked.clean_decline
    assert not judge([ASK_DISTRICT_EN], {"kind": "out_of_scope"}, "en", []).clean_decline


def test_a_question_that_needs_the_district_must_ask_for_it() -> None:
    expected = {"kind": "answer", "asks_district": True}
    assert judge([ASK_DISTRICT_EN], expected, "en", []).correct
    assert not judge([OUT_OF_SCOPE_EN], expected, "en", []).correct
