"""Live editing: a good edit shows up, a broken one is refused and the old text stays."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from actions.content.store import ContentStore

from ..conftest import KNOWLEDGE_DIR, ROOT


@pytest.fixture
def live_store(tmp_path: Path) -> ContentStore:
    shutil.copytree(KNOWLEDGE_DIR, tmp_path / "knowledge")
    shutil.copytree(ROOT / "responses", tmp_path / "responses")
    store = ContentStore(tmp_path / "knowledge", tmp_path / "responses", ROOT / "domain.yml")
    store.load()
    return store


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    stat = path.stat()  # make the change visible even within one mtime tick
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_nothing_changed_nothing_reloaded(live_store: ContentStore) -> None:
    assert live_store.reload_if_changed() is False
    assert live_store.current.version == 1


def test_good_response_edit_goes_live(live_store: ContentStore) -> None:
    edit(live_store.responses_dir / "en.yml", '"Goodbye and all the best!', '"See you soon! Goodbye and all the best!')
    assert live_store.reload_if_changed() is True
    assert live_store.current.version == 2
    assert live_store.current.catalog.text("utter_goodbye", "en").startswith("See you soon!")


def test_good_knowledge_edit_goes_live(live_store: ContentStore) -> None:
    edit(live_store.knowledge_dir / "contacts.yml", '"05021 967-686"', '"05021 967-687"')
    assert live_store.reload_if_changed() is True
    office = live_store.current.knowledge.contacts_for("nienburg")[0]
    assert office.phones[0].international == "+49 5021 967687"


def test_broken_edit_is_refused_and_logged(live_store: ContentStore, caplog: pytest.LogCaptureFixture) -> None:
    before = live_store.current
    edit(live_store.knowledge_dir / "contacts.yml", "email: migration@kreis-ni.de", "email: migration at kreis-ni")
    with caplog.at_level(logging.ERROR):
        assert live_store.reload_if_changed() is False
    assert live_store.current is before
    assert any("contacts.yml:" in r.getMessage() and "not an e-mail address" in r.getMessage() for r in caplog.records)
    # Not re-validated (nor re-logged) until the file changes again.
    caplog.clear()
    assert live_store.reload_if_changed() is False
    assert caplog.records == []


def test_broken_template_is_refused(live_store: ContentStore) -> None:
    before = live_store.current.catalog.text("utter_thank", "de")
    edit(live_store.responses_dir / "de.yml", '"Gern geschehen!', '"Gern {oops geschehen!')
    assert live_store.reload_if_changed() is False
    assert live_store.current.catalog.text("utter_thank", "de") == before


def test_fixing_a_refused_edit_goes_live(live_store: ContentStore) -> None:
    path = live_store.knowledge_dir / "contacts.yml"
    edit(path, "email: migration@kreis-ni.de", "email: broken")
    assert live_store.reload_if_changed() is False
    edit(path, "email: broken", "email: teilhabe@kreis-ni.de")
    assert live_store.reload_if_changed() is True
    assert live_store.current.knowledge.contacts_for("nienburg")[0].email == "teilhabe@kreis-ni.de"


async def test_watch_picks_up_an_edit(live_store: ContentStore) -> None:
    import asyncio

    task = asyncio.create_task(live_store.watch(interval_seconds=0.05))
    try:
        edit(live_store.responses_dir / "en.yml", '"Goodbye and all the best!', '"Bye now! Goodbye and all the best!')
        for _ in range(100):
            await asyncio.sleep(0.05)
            if live_store.current.version == 2:
                break
        assert live_store.current.catalog.text("utter_goodbye", "en").startswith("Bye now!")
    finally:
        task.cancel()


async def test_watch_tells_on_change_about_each_new_version_and_survives_its_failure(
    live_store: ContentStore, caplog: pytest.LogCaptureFixture
) -> None:
    import asyncio

    seen: list[int] = []

    async def on_change(content) -> None:  # type: ignore[no-untyped-def]
        seen.append(content.version)
        if content.version == 2:
            raise RuntimeError("the bot's menus could not be built")

    task = asyncio.create_task(live_store.watch(interval_seconds=0.05, on_change=on_change))
    try:
        en = live_store.responses_dir / "en.yml"
        edit(en, '"Goodbye and all the best!', '"Bye now! Goodbye and all the best!')
        for _ in range(100):
            await asyncio.sleep(0.05)
            if seen:
                break
        edit(en, '"Bye now! Goodbye', '"Bye! Goodbye')
        for _ in range(100):
            await asyncio.sleep(0.05)
            if len(seen) == 2:
                break
        assert seen == [2, 3]
        assert "After loading content version 2" in caplog.text
    finally:
        task.cancel()
