"""Turn.say renders the reply in the action server: Rasa sends it as it is, with no NLG call (issue 15)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels import CollectingOutputChannel
from rasa.shared.core.events import BotUttered
from rasa_sdk.executor import CollectingDispatcher

from actions.answers.base import Turn
from actions.answers.contacts import ActionShowContact
from actions.answers.runtime import Runtime
from actions.answers.small_talk import ActionGreet
from actions.content.language_policy import LanguageDetector
from actions.content.safety_model import EmergencyClassifier
from actions.content.store import ContentStore
from actions.server.nlg import generate

from ..conftest import KNOWLEDGE_DIR, ROOT
from ..content.test_store import edit
from ..support.trackers import MONDAY_10AM, keys, make_tracker


def turn_for(runtime: Runtime, locale: str) -> Turn:
    return Turn(
        runtime=runtime,
        dispatcher=CollectingDispatcher(),
        tracker=make_tracker("hello"),
        content=runtime.content,
        locale=locale,
        now=MONDAY_10AM,
    )


def nlg_reply(runtime: Runtime, key: str, **arguments: Any) -> dict[str, Any]:
    return generate(runtime, {"response": key, "arguments": arguments, "tracker": {}})


@pytest.mark.parametrize("locale", ["de", "en", "ar", "fa"])
def test_say_sends_the_text_the_nlg_endpoint_would_render(runtime: Runtime, locale: str) -> None:
    turn = turn_for(runtime, locale)
    turn.say("utter_district_not_covered", place="Berlin")
    [message] = turn.dispatcher.messages
    expected = nlg_reply(runtime, "utter_district_not_covered", locale=locale, place="Berlin")
    assert message["text"] == expected["text"]
    assert (message["utter_action"], message["locale"], message["place"]) == (
        "utter_district_not_covered", locale, "Berlin"
    )  # fmt: skip
    assert message["response"] is None  # no key for Rasa to render: no NLG call


def test_right_to_left_replies_keep_their_isolates(runtime: Runtime) -> None:
    turn = turn_for(runtime, "ar")
    turn.say("utter_emergency")
    assert "\u2066112\u2069" in turn.dispatcher.messages[0]["text"]  # numbers stay left-to-right


def test_template_buttons_come_first_then_the_actions(runtime: Runtime) -> None:
    turn = turn_for(runtime, "en")
    extra = [{"title": "More", "payload": "/help"}]
    turn.say("utter_ask_affirmation", buttons=extra, topic="a contact person", intent="ask_contact")
    template = nlg_reply(runtime, "utter_ask_affirmation", locale="en", topic="a contact person", intent="ask_contact")
    assert turn.dispatcher.messages[0]["buttons"] == [*template["buttons"], *extra]
    assert [b["payload"] for b in template["buttons"]] == ["/ask_contact", "/out_of_scope"]


def test_an_unknown_key_sends_nothing_and_is_logged(runtime: Runtime, caplog: pytest.LogCaptureFixture) -> None:
    turn = turn_for(runtime, "en")
    turn.say("utter_no_such_reply")
    assert turn.dispatcher.messages == []
    assert "utter_no_such_reply" in caplog.text


class NoNLG:
    """An NLG that fails the test when Rasa asks it for anything."""

    async def generate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        raise AssertionError(f"NLG called: {args[0]!r}")


async def test_rasa_utters_the_rendered_replies_without_an_nlg_call(run_action) -> None:
    tracker = make_tracker("Wie ist die Telefonnummer der Migrationsberatung in Nienburg?", "ask_contact")
    _events, messages = await run_action(ActionShowContact, tracker)
    uttered = await RemoteAction._utter_responses(
        [dict(m) for m in messages],
        CollectingOutputChannel(),
        NoNLG(),
        tracker=None,  # type: ignore[arg-type]
    )
    assert all(isinstance(event, BotUttered) for event in uttered)
    assert [event.metadata["utter_action"] for event in uttered] == keys(messages)
    assert [event.text for event in uttered] == [m["text"] for m in messages]
    assert "+49 5021 967686" in "\n".join(event.text or "" for event in uttered)
    assert all(event.metadata["locale"] == "de" for event in uttered)


async def test_a_live_response_edit_applies_to_the_next_message(
    tmp_path: Path, detector: LanguageDetector, safety: EmergencyClassifier, run_action
) -> None:
    shutil.copytree(KNOWLEDGE_DIR, tmp_path / "knowledge")
    shutil.copytree(ROOT / "responses", tmp_path / "responses")
    store = ContentStore(tmp_path / "knowledge", tmp_path / "responses", ROOT / "domain.yml")
    runtime = Runtime(store=store, detector=detector, safety=safety, clock=lambda: MONDAY_10AM, retention_days=30)
    runtime.load()
    tracker = make_tracker("hello there, who are you?", "greet")

    async def greeting() -> str:
        dispatcher = CollectingDispatcher()
        await ActionGreet(runtime).run(dispatcher, tracker, domain={})
        return str(dispatcher.messages[0]["text"])

    before = await greeting()
    edit(store.responses_dir / "en.yml", 'utter_greet:\n    text: "', 'utter_greet:\n    text: "Welcome! ')
    assert store.reload_if_changed() is True  # what the server's watcher does every second
    after = await greeting()
    assert after == "Welcome! " + before
