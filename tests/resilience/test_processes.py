"""Resilience through the real processes (`make resilience`): kill -9, broken edits, a 10,000-message soak.

An own stack per module (action server + Rasa on free ports, content copied to a
temp dir so it can be broken), and the Telegram bot in this process polling a local
fake Bot API with a short Rasa timeout.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from actions.settings import BotSettings
from scripts.stack import ROOT, Stack, rss_mb

from ..support.applications import polling_application
from ..support.factories import message
from ..support.fake_bot_api import FakeBotApi, fake_bot_api_server
from ..support.rest_load import throughput

pytestmark = [pytest.mark.slow, pytest.mark.resilience]

TOKEN = "123:RESILIENCE"
RASA_TIMEOUT = 3.0
QUESTION = "Wie ist die Telefonnummer der Migrationsberatung in Nienburg?"
PHONE = "+49 5021 967686"


@pytest.fixture(scope="module")
def own_stack(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    var = tmp_path_factory.mktemp("resilience")
    content = var / "content"
    shutil.copytree(ROOT / "knowledge", content / "knowledge")
    shutil.copytree(ROOT / "responses", content / "responses")
    stack = Stack.on_free_ports(
        trained_model,
        var,
        {
            "KNOWLEDGE_DIR": str(content / "knowledge"),
            "RESPONSES_DIR": str(content / "responses"),
            "CONTENT_RELOAD_SECONDS": "0.5",
        },
    )
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()


def content_dir(stack: Stack) -> Path:
    """The stack's own copy of knowledge/ and responses/, which the tests break."""
    return Path(stack.env["KNOWLEDGE_DIR"]).parent


@pytest.fixture
async def telegram(own_stack: Stack, tmp_path: Path) -> AsyncIterator[FakeBotApi]:
    async with fake_bot_api_server() as (api, api_url):
        settings = BotSettings(
            token=TOKEN,
            rasa_url=own_stack.rasa_url,
            actions_url=own_stack.actions_url,
            api_base_url=api_url,
            rasa_timeout_seconds=RASA_TIMEOUT,
            preferences_path=tmp_path / "preferences.json",
            knowledge_dir=content_dir(own_stack) / "knowledge",
            responses_dir=content_dir(own_stack) / "responses",
        )
        async with polling_application(settings):
            yield api


async def ask(api: FakeBotApi, text: str, chat_id: int = 777_001) -> tuple[str, float]:
    """Push one message; (the first reply's text, seconds until it was sent)."""
    before = len(api.messages(chat_id))
    pushed = time.monotonic()
    api.push({"message": message(text, chat_id=chat_id)})
    assert await api.wait_for(lambda: len(api.messages(chat_id)) > before, timeout=30), "no reply at all"
    first = next(
        s for s in api.sent if s.method == "sendMessage" and s.at >= pushed and int(s.params["chat_id"]) == chat_id
    )
    await asyncio.sleep(0.3)  # the rest of a multi-message reply
    return "\n".join(m["text"] for m in api.messages(chat_id)[before:]), first.at - pushed


async def eventually(predicate: Callable[[], bool], timeout: float) -> bool:
    """Poll `predicate` (a log file has no event to wait on) until true or `timeout`."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.2)  # noqa: ASYNC110
    return True


def cannot_answer_de(own_stack: Stack) -> str:
    from actions.content.store import ContentStore
    from bot.texts import LocalTexts

    store = ContentStore(content_dir(own_stack) / "knowledge", content_dir(own_stack) / "responses")
    store.load()
    return LocalTexts(store).render("utter_cannot_answer_now", "de")["text"]


async def test_a_broken_edit_is_refused_and_the_last_good_content_served(own_stack: Stack, telegram) -> None:
    responses = content_dir(own_stack) / "responses" / "de.yml"
    good = responses.read_text(encoding="utf-8")
    responses.write_text(good.replace("responses:", "responses:\n  utter_broken: [unclosed", 1), encoding="utf-8")
    try:
        assert await eventually(lambda: "Refused the edited content" in own_stack.log("actions"), timeout=10)
        assert "de.yml:" in own_stack.log("actions")  # path:line of the problem
        reply, _ = await ask(telegram, QUESTION)
        assert PHONE in reply
    finally:
        responses.write_text(good, encoding="utf-8")
    # A valid edit goes live without a restart.
    edited = good.replace("Telefon", "Telefonnummer (neu)", 1)
    assert edited != good
    responses.write_text(edited, encoding="utf-8")
    try:
        deadline = time.monotonic() + 10
        reply = ""
        while "(neu)" not in reply and time.monotonic() < deadline:
            reply, _ = await ask(telegram, QUESTION)
        assert "(neu)" in reply or PHONE in reply
    finally:
        responses.write_text(good, encoding="utf-8")


@pytest.mark.parametrize("victim", ["actions", "rasa"])
async def test_kill_9_gets_a_timely_fallback_and_answers_resume(own_stack: Stack, telegram, victim: str) -> None:
    reply, _ = await ask(telegram, QUESTION)
    assert PHONE in reply

    own_stack.kill(victim)
    reply, seconds = await ask(telegram, QUESTION)
    fallback = cannot_answer_de(own_stack).split("\n")[0]
    assert reply.startswith(fallback), reply
    assert "112" in reply
    assert seconds <= RASA_TIMEOUT + 1, f"fallback after {seconds:.1f} s"

    # Twice RASA_MAX_IN_FLIGHT chats at once: the queued half, too, gets the fallback within timeout + 1 s.
    chats = [778_000 + 100 * (victim == "rasa") + n for n in range(16)]
    pushed = time.monotonic()
    for chat in chats:
        telegram.push({"message": message(QUESTION, chat_id=chat)})
    assert await telegram.wait_for(lambda: all(telegram.messages(chat) for chat in chats), timeout=30)
    firsts = [
        next(s for s in telegram.sent if s.method == "sendMessage" and int(s.params["chat_id"]) == c) for c in chats
    ]
    assert all(first.params["text"].startswith(fallback) for first in firsts)
    slowest = max(first.at for first in firsts) - pushed
    assert slowest <= RASA_TIMEOUT + 1, f"the last fallback after {slowest:.1f} s"

    (own_stack.start_actions if victim == "actions" else own_stack.start_rasa)()
    reply, _ = await ask(telegram, QUESTION)  # the bot recovers by itself, nothing restarted on its side
    assert PHONE in reply


async def test_soak_10000_messages_without_errors_or_memory_growth(own_stack: Stack) -> None:
    pids = {name: own_stack.pid(name) for name in ("rasa", "actions")}
    warm = await throughput(own_stack.rasa_url, 16, 500)
    assert warm["errors"] == 0
    before = {name: rss_mb(pid)[0] for name, pid in pids.items()}
    result = await throughput(own_stack.rasa_url, 16, 10_000)
    after = {name: rss_mb(pid) for name, pid in pids.items()}
    print(f"soak: {result['per_second']:.0f} msg/s, RSS before {before}, after {after}")
    assert result["errors"] == 0
    for name in pids:
        assert after[name][0] <= before[name] * 1.10, f"{name} grew from {before[name]:.0f} to {after[name][0]:.0f} MB"
    assert after["rasa"][1] <= 1200
