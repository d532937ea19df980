from __future__ import annotations

import datetime as dt
import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot import preferences as preferences_module
from bot.preferences import PreferenceStore

from ..conftest import ROOT


def freeze_today(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    monkeypatch.setattr(preferences_module, "_today", lambda: day)


def test_choices_survive_a_kill_9_right_after_they_were_made(tmp_path: Path) -> None:
    path = tmp_path / "prefs.json"
    child = textwrap.dedent(
        f"""
        import os, signal, sys
        from pathlib import Path
        from bot.preferences import PreferenceStore
        store = PreferenceStore(Path({str(path)!r}))
        store.set(1, locale="ar")
        store.set(2, locale="uk", district="goslar")
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", child], cwd=ROOT, timeout=60)
    assert result.returncode == -signal.SIGKILL
    store = PreferenceStore(path)
    assert store.get(1) == {"locale": "ar"}
    assert store.get(2) == {"locale": "uk", "district": "goslar"}
    assert not list(tmp_path.glob(".preferences-*"))  # no temp file left behind


def test_a_chat_is_touched_at_most_once_a_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "prefs.json"
    freeze_today(monkeypatch, dt.date(2026, 11, 1))
    store = PreferenceStore(path)
    store.set(1, locale="fa")
    written = path.stat().st_mtime_ns
    store.touch(1)
    assert path.stat().st_mtime_ns == written
    store.touch(99)  # no preferences, nothing to remember
    assert "99" not in json.loads(path.read_text())
    freeze_today(monkeypatch, dt.date(2026, 11, 2))
    store.touch(1)
    assert json.loads(path.read_text())["1"]["seen"] == "2026-11-02"


def test_purge_forgets_chats_silent_longer_than_the_retention(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "prefs.json"
    store = PreferenceStore(path)
    freeze_today(monkeypatch, dt.date(2026, 10, 1))
    store.set("old", locale="ru")
    freeze_today(monkeypatch, dt.date(2026, 10, 25))
    store.set("recent", locale="tr")
    freeze_today(monkeypatch, dt.date(2026, 11, 1))
    assert store.purge(retention_days=30) == 1
    assert store.get("old") == {}
    assert store.get("recent") == {"locale": "tr"}
    assert set(json.loads(path.read_text())) == {"recent"}


def test_a_purge_by_another_process_is_not_undone_by_the_running_bot(tmp_path: Path) -> None:
    path = tmp_path / "prefs.json"
    running = PreferenceStore(path)
    running.set(1, locale="ar")
    running.set(2, locale="en")
    PreferenceStore(path).delete(1)  # e.g. make purge while the bot runs
    running.set(2, district="nienburg")
    assert running.get(1) == {}
    assert set(json.loads(path.read_text())) == {"2"}


def test_a_corrupt_file_is_reported_and_replaced_on_the_next_change(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "prefs.json"
    path.write_text("{not json")
    store = PreferenceStore(path)
    assert "Cannot read" in caplog.text
    store.set(5, locale="de")
    assert json.loads(path.read_text())["5"]["locale"] == "de"
