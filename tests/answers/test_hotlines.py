"""action_show_hotline: the hotlines, and one in the asked or reply language."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.answers.hotlines import ActionShowHotline

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
