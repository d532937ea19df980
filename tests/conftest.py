"""Shared fixtures: the repository's real files and throw-away copies to break."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answers.base import BaseAction
from actions.answers.runtime import Runtime
from actions.content.knowledge import Knowledge, load_knowledge
from actions.content.language_policy import LanguageDetector
from actions.content.safety_model import EmergencyClassifier
from actions.content.store import ContentStore
from actions.server.nlg import generate
from bot.texts import LocalTexts
from scripts.train import train

from .support.fake_rasa import FakeRasa, fake_rasa_server
from .support.trackers import MONDAY_10AM, reply_key

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE_DIR = ROOT / "knowledge"
VENV_BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The real knowledge/ snapshot, loaded once."""
    return load_knowledge(KNOWLEDGE_DIR)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A private copy of knowledge/ that a test may break."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Rasa model, trained once per session like `make train` (about 3 min); E2E_MODEL=path reuses one."""
    if os.environ.get("E2E_MODEL"):
        return Path(os.environ["E2E_MODEL"])
    out = tmp_path_factory.mktemp("models")
    result = train(out, "e2e", tmp_path_factory.mktemp("lookups") / "knowledge_lookups.yml", capture=True)
    model = out / "e2e.tar.gz"
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert model.is_file()
    return model


@pytest.fixture
async def fake_rasa() -> AsyncIterator[tuple[FakeRasa, str]]:
    """A fake Rasa on a free port (tests/support/fake_rasa.py) and its URL."""
    async with fake_rasa_server() as running:
        yield running


@pytest.fixture(scope="session")
def content_store() -> ContentStore:
    store = ContentStore(KNOWLEDGE_DIR, ROOT / "responses")
    store.load()
    return store


@pytest.fixture(scope="session")
def local_texts(content_store: ContentStore) -> LocalTexts:
    texts = LocalTexts(content_store)
    texts.detector.warm_up()
    return texts


# Action and NLG tests: a runtime on the real content with a frozen clock. ---------------


@pytest.fixture(scope="session")
def detector() -> LanguageDetector:
    detector = LanguageDetector()
    detector.warm_up()
    return detector


@pytest.fixture(scope="session")
def safety() -> EmergencyClassifier:
    safety = EmergencyClassifier()
    safety.warm_up()
    return safety


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
def runtime(
    store: ContentStore, detector: LanguageDetector, safety: EmergencyClassifier, clock: dict[str, dt.datetime]
) -> Runtime:
    runtime = Runtime(store=store, detector=detector, safety=safety, clock=lambda: clock["now"], retention_days=30)
    runtime.load()  # as the action server does
    return runtime


_DISPATCHER_FIELDS = {
    "text", "buttons", "elements", "custom", "template", "response", "image", "attachment", "utter_action",
}  # fmt: skip

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
    """The texts the user would read (custom messages left out). The actions render their replies themselves
    (Turn.say); each text is checked against the NLG endpoint's rendering of the same key, locale and values."""

    def render_all(messages: list[dict[str, Any]]) -> list[str]:
        texts = []
        for message in messages:
            key = reply_key(message)
            if key is None:
                continue  # the handover marker (a custom message): the bot never shows it as text
            arguments = {k: v for k, v in message.items() if k not in _DISPATCHER_FIELDS}
            reply = generate(runtime, {"response": key, "arguments": arguments, "tracker": {}})
            assert message["text"] == reply["text"], key  # same renderer, locale and values as the NLG endpoint
            texts.append(message["text"])
        return texts

    return render_all
