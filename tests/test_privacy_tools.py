"""`make purge` and `make report` (scripts/purge.py, scripts/report.py) on a tracker store and preferences file."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from actions.content.language_policy import LanguageDetector
from actions.server.stored_conversations import EVENTS, SECONDS_PER_DAY, ConversationStore, UserMessage
from scripts import purge, report


def write_events(url: str, rows: list[tuple[str, float, str, str, float, dict[str, str]]]) -> None:
    """rows: (sender, age in days, text, intent, confidence, metadata)."""
    engine = sa.create_engine(url)
    EVENTS.metadata.create_all(engine)
    with engine.begin() as connection:
        for sender, days, text, intent, confidence, metadata in rows:
            parse = {"intent": {"name": intent, "confidence": confidence}, "text": text}
            data = {"event": "user", "text": text, "parse_data": parse, "metadata": metadata}
            connection.execute(
                EVENTS.insert().values(
                    sender_id=sender, type_name="user", intent_name=intent,
                    timestamp=time.time() - days * SECONDS_PER_DAY, data=json.dumps(data),
                )
            )  # fmt: skip
    engine.dispose()


def test_purge_removes_old_conversations_and_silent_preferences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    write_events(url, [("old", 40, "hallo", "greet", 1.0, {}), ("new", 1, "hallo", "greet", 1.0, {})])
    prefs = tmp_path / "prefs.json"
    old_day = (dt.date.today() - dt.timedelta(days=40)).isoformat()
    prefs.write_text(json.dumps({"1": {"locale": "ar", "seen": old_day}, "2": {"locale": "tr"}}))
    monkeypatch.setenv("TRACKER_STORE_URL", url)
    monkeypatch.setenv("PREFERENCES_PATH", str(prefs))
    monkeypatch.setenv("RETENTION_DAYS", "30")

    assert purge.main([]) == 0
    assert ConversationStore(url).senders() == ["new"]
    assert set(json.loads(prefs.read_text())) == {"2"}  # no last-seen day yet: counts as seen today
    output = capsys.readouterr().out
    assert "1 events older than 30 days deleted (1 whole)" in output
    assert "Preferences: 1 chats" in output


@pytest.mark.parametrize("value", ["thirty", "-1"])
def test_purge_refuses_a_bad_retention_period(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    write_events(url, [("a", 40, "hallo", "greet", 1.0, {})])
    monkeypatch.setenv("TRACKER_STORE_URL", url)
    monkeypatch.setenv("RETENTION_DAYS", value)
    assert purge.main([]) == 2
    assert "RETENTION_DAYS" in capsys.readouterr().err or value == "-1"
    assert ConversationStore(url).senders() == ["a"]  # nothing deleted on bad input


def test_report_groups_what_was_not_understood_per_locale_without_user_ids() -> None:
    def msg(text: str, intent: str, confidence: float = 0.95, **metadata: str) -> UserMessage:
        return UserMessage(text=text, intent=intent, confidence=confidence, metadata=metadata, timestamp=0.0)

    messages = [
        msg("Wie wird das Wetter morgen in Nienburg?", "out_of_scope"),
        msg("wie wird das wetter morgen in nienburg", "nlu_fallback", 0.3),
        msg("Wann hat das Büro der Migrationsberatung geöffnet?", "ask_opening_hours"),
        msg("متى يفتح المكتب في نينبورغ؟", "ask_opening_hours"),
        msg("ok", "ask_contact", 0.2, locale="ru"),
        msg('/choose_language{"language": "ar"}', "choose_language", 1.0),
    ]
    text = report.build_report(messages, LanguageDetector(), threshold=0.55, top=10, since=0.0)
    assert "    2  wie wird das wetter morgen in nienburg" in text  # grouped across case and punctuation
    assert "### de (2)" in text
    assert "### ru (1)" in text  # not detectable: the locale the user chose
    assert "    2  ask_opening_hours" in text
    assert "    1  choose_language" in text
    assert "5 typed messages" in text
    assert "tg-" not in text
