"""Staff edits reach the replies the bot renders itself while it runs, within a second, as in the action server."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from actions.content.store import ContentStore
from actions.settings import BotSettings
from bot.app import post_shutdown
from bot.services import SERVICES_KEY
from bot.terminal import chat
from bot.texts import LocalTexts

from ..conftest import KNOWLEDGE_DIR, ROOT
from ..support.factories import text_update
from ..support.fake_rasa import FakeRasa

OLD = "Ich kann gerade leider nicht antworten."
NEW = "Der Dienst macht gerade eine kurze Pause."
STARTS = "Starten und Sprache wählen"  # command_start in responses/de.yml


def edit_the_fallback(responses: Path) -> None:
    german = responses / "de.yml"
    german.write_text(german.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")


@pytest.fixture
def local_texts(tmp_path: Path) -> LocalTexts:
    """Overrides conftest's: the offline bot (bot_app) renders from a copy of the content that the test edits."""
    knowledge, responses = tmp_path / "content" / "knowledge", tmp_path / "content" / "responses"
    shutil.copytree(KNOWLEDGE_DIR, knowledge)
    shutil.copytree(ROOT / "responses", responses)
    settings = BotSettings(token=None, knowledge_dir=knowledge, responses_dir=responses)
    assert settings.reload_interval_seconds == 1.0  # the default: bot_app's watcher polls as in production
    return LocalTexts.from_settings(settings)


async def eventually(condition: Callable[[], bool], timeout: float, what: str) -> float:
    """Seconds until `condition` holds (fails after `timeout`)."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < timeout, f"{what} not after {timeout} s"
        await asyncio.sleep(0.05)
    return time.monotonic() - started


async def wait_for_version(texts: LocalTexts, version: int, timeout: float) -> float:
    """Seconds until content `version` is live."""
    return await eventually(lambda: texts.content.version >= version, timeout, f"content version {version}")


async def test_an_edited_fallback_text_is_sent_while_the_bot_runs(bot_app) -> None:
    app, telegram, rasa = bot_app
    texts: LocalTexts = app.bot_data[SERVICES_KEY].texts
    responses = texts.store.responses_dir
    rasa.down = True
    await app.process_update(text_update(app.bot, "Wo ist das Büro?"))
    assert OLD in telegram.sent()[-1]["text"]

    edit_the_fallback(responses)
    assert await wait_for_version(texts, 2, timeout=3.0) <= 2.0  # polled every CONTENT_RELOAD_SECONDS (1 s)

    await app.process_update(text_update(app.bot, "Wo ist das Büro?"))
    fallback = telegram.sent()[-1]["text"]
    assert NEW in fallback
    assert OLD not in fallback
    assert "112" in fallback  # the placeholders are still filled from knowledge/


async def test_a_broken_edit_keeps_the_last_good_texts(bot_app) -> None:
    app, telegram, rasa = bot_app
    texts: LocalTexts = app.bot_data[SERVICES_KEY].texts
    responses = texts.store.responses_dir
    rasa.down = True
    german = responses / "de.yml"
    german.write_text(german.read_text(encoding="utf-8").replace(OLD, NEW) + "\n  : broken", encoding="utf-8")
    await asyncio.sleep(2.0)  # two polls
    assert texts.content.version == 1
    await app.process_update(text_update(app.bot, "Wo ist das Büro?"))
    assert OLD in telegram.sent()[-1]["text"]


async def test_an_edited_command_description_is_republished_and_nothing_else_is(bot_app) -> None:
    app, telegram, _rasa = bot_app
    texts: LocalTexts = app.bot_data[SERVICES_KEY].texts
    responses = texts.store.responses_dir
    assert len(telegram.sent("setMyCommands")) == 8  # at start: default + 7 languages
    hotlines = texts.store.knowledge_dir / "hotlines.yml"
    hotlines.write_text(hotlines.read_text(encoding="utf-8") + "\n# checked again\n", encoding="utf-8")
    await wait_for_version(texts, 2, timeout=3.0)
    await asyncio.sleep(0.1)
    assert len(telegram.sent("setMyCommands")) == 8  # no menu text changed: nothing to publish

    german = responses / "de.yml"
    german.write_text(
        german.read_text(encoding="utf-8").replace(STARTS, "Neu anfangen und Sprache wählen"), encoding="utf-8"
    )
    await wait_for_version(texts, 3, timeout=3.0)
    await eventually(lambda: len(telegram.sent("setMyCommands")) >= 16, 2.0, "the menus republished")
    republished = telegram.sent("setMyCommands")[8:]
    assert [m.get("language_code") for m in republished] == [None, "de", "en", "ar", "fa", "ru", "uk", "tr"]
    assert republished[0]["commands"][0] == {"command": "start", "description": "Neu anfangen und Sprache wählen"}


async def test_the_watcher_runs_with_the_bot_and_stops_with_it(bot_app) -> None:
    app, _telegram, _rasa = bot_app
    (watcher,) = [task for task in app.bot_data[SERVICES_KEY].background if task.get_name() == "watch-content"]
    assert not watcher.done()
    await post_shutdown(app)
    assert watcher.cancelled()


def test_content_reload_seconds_0_means_no_watcher() -> None:
    assert LocalTexts(ContentStore(KNOWLEDGE_DIR, ROOT / "responses")).start_watching(0) is None


async def test_the_terminal_chat_follows_edits_too(fake_rasa: tuple[FakeRasa, str], local_texts: LocalTexts) -> None:
    rasa, rasa_url = fake_rasa
    rasa.down = True
    settings, texts = BotSettings(token=None, rasa_url=rasa_url, rasa_timeout_seconds=2.0), local_texts
    read_end, write_end = os.pipe()
    with os.fdopen(read_end, encoding="utf-8") as stdin, os.fdopen(write_end, "w", encoding="utf-8") as typing:
        stdout = io.StringIO()
        session = asyncio.create_task(chat(settings, texts, stdin, stdout))

        async def ask_and_wait_for(expected: str) -> None:
            typing.write("Wo ist das Büro?\n")
            typing.flush()
            await eventually(lambda: expected in stdout.getvalue(), 5.0, repr(expected))

        await ask_and_wait_for(OLD)
        edit_the_fallback(texts.store.responses_dir)
        await wait_for_version(texts, 2, timeout=3.0)
        await ask_and_wait_for(NEW)
        typing.close()  # Ctrl-D
        await asyncio.wait_for(session, timeout=5)
    assert not [task for task in asyncio.all_tasks() if task.get_name() == "watch-content"]
