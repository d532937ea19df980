"""Small-talk actions: one template each, in the reply language, common placeholders filled."""

from __future__ import annotations

import pytest

from actions.answers.small_talk import (
    ActionBotChallenge,
    ActionDefaultAskRephrase,
    ActionGoodbye,
    ActionGreet,
    ActionHelp,
    ActionOutOfScope,
    ActionThank,
)

from ..support.trackers import keys, make_tracker


@pytest.mark.parametrize(
    ("action", "template"),
    [
        (ActionGreet, "utter_greet"),
        (ActionGoodbye, "utter_goodbye"),
        (ActionThank, "utter_thank"),
        (ActionHelp, "utter_help"),
        (ActionBotChallenge, "utter_bot_challenge"),
        (ActionOutOfScope, "utter_out_of_scope"),
        (ActionDefaultAskRephrase, "utter_ask_rephrase"),
    ],
)
async def test_template_action(run_action, action, template: str) -> None:
    events, messages = await run_action(action, make_tracker("hello, what can you do for me?"))
    assert events == []
    assert keys(messages) == [template]
    assert messages[0]["locale"] == "en"


async def test_greeting_names_the_districts(run_action, render) -> None:
    _events, messages = await run_action(ActionGreet, make_tracker("Guten Tag, wer sind Sie?"))
    assert "Northeim, Nienburg, Goslar und Görlitz" in render(messages)[0]
