"""Fixtures for action tests: a runtime on the real content with a frozen clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.base import BaseAction
from actions.content import ContentStore
from actions.language_policy import LanguageDetector
from actions.nlg import generate
from actions.runtime import BERLIN, Runtime

from ..conftest import KNOWLEDGE_DIR, ROOT

# A Monday morning: the Nienburg office (Mo-Th 08:00-16:00) is open.
MONDAY_10AM = dt.datetime(2026, 11, 23, 10, 0, tzinfo=BERLIN)


@pytest.fixture(scope="session")
def detector() -> LanguageDetector:
    detector = LanguageDetector()
    detector.warm_up()
    return detector


@pytest.fixture(scope="session")
def store() -> ContentStore:
    store = ContentStore(KNOWLEDGE_DIR, ROOT / "responses", ROOT / "domain.yml")
    store.load()
    return store


@pytest.fixture
def clock() -> dict[str, dt.datetime]:
    """Mutable frozen time: tests set clock['now']."""
    return {"now": MONDAY_10AM}


@pytest.fixture
def runtime(store: ContentStore, detector: LanguageDetector, clock: dict[str, dt.datetime]) -> Runtime:
    return Runtime(store=store, detector=detector, clock=lambda: clock["now"], retention_days=30)


def make_tracker(
    text: str = "",
    intent: str | None = None,
    entities: Iterable[dict[str, Any]] = (),
    slots: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
    earlier_texts: Iterable[str] = (),
    intent_ranking: list[dict[str, Any]] | None = None,
) -> Tracker:
    """A fresh tracker whose latest user message is `text`."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": list(entities),
        "metadata": metadata or {},
        "intent_ranking": intent_ranking or [],
    }
    events = [{"event": "user", "text": t, "metadata": {}, "parse_data": {}} for t in earlier_texts]
    events.append({"event": "user", "text": text, "metadata": metadata or {}, "parse_data": latest})
    return Tracker(
        sender_id="test-user",
        slots={"district": None, "locale": None, "pending_intent": None, **(slots or {})},
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


_DISPATCHER_FIELDS = {"text", "buttons", "elements", "custom", "template", "response", "image", "attachment"}

RunAction = Callable[..., tuple[list[dict[str, Any]], list[dict[str, Any]]]]


@pytest.fixture
def run_action(runtime: Runtime) -> RunAction:
    """Run an action class on a tracker: (events, messages) as rasa_sdk returns them."""

    async def run(
        action_class: type[BaseAction], tracker: Tracker
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        dispatcher = CollectingDispatcher()
        events = await action_class(runtime).run(dispatcher, tracker, domain={})
        return events, dispatcher.messages

    return run  # type: ignore[return-value]


@pytest.fixture
def render(runtime: Runtime) -> Callable[[list[dict[str, Any]]], list[str]]:
    """The texts the user would read: each message rendered like the NLG endpoint does."""

    def render_all(messages: list[dict[str, Any]]) -> list[str]:
        texts = []
        for message in messages:
            arguments = {k: v for k, v in message.items() if k not in _DISPATCHER_FIELDS}
            reply = generate(runtime, {"response": message["response"], "arguments": arguments, "tracker": {}})
            texts.append(reply["text"])
        return texts

    return render_all


def keys(messages: list[dict[str, Any]]) -> list[str]:
    return [m["response"] for m in messages]
