"""`make purge` and `make report` (scripts/purge.py, scripts/report.py) on a tracker store and preferences file."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from actions.content.language_policy import LanguageDetector
from actions.server.stored_conversations import EVENTS, SECONDS_PER_DAY, ConversationStore, UserMessage
from bot.tickets import EVENTS as EVENTS_OF_TICKETS
from bot.tickets import MESSAGES, TicketStore
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


# Tickets of the human handover ----------------------------------------------------------------

HOUR = 3600.0
_message_ids = itertools.count(1)


def open_ticket(store: TicketStore, chat_id: int, district: str | None, opened: float, answers: list[float]) -> str:
    """A ticket opened at `opened` (epoch seconds) with staff answers at the given times."""
    offer_id = store.add_offer(chat_id, "Frage", "de", district, -100, "out_of_scope", now=opened)
    offer = store.offer(offer_id, chat_id, now=opened)
    assert offer is not None
    ticket = store.open_ticket(offer, now=opened)
    store.posted(ticket, offer_id, message_id=next(_message_ids), now=opened)
    for at in answers:
        store.answered(ticket, message_id=next(_message_ids), text="Antwort", delivered=True, now=at)
    return ticket.id


def test_purge_removes_tickets_without_activity_for_the_retention_period(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'tickets.db'}"
    store = TicketStore(url)
    now = time.time()
    old = open_ticket(store, 1, "nienburg", now - 40 * SECONDS_PER_DAY, answers=[now - 39 * SECONDS_PER_DAY])
    answered_lately = open_ticket(store, 2, "nienburg", now - 40 * SECONDS_PER_DAY, answers=[now - 2 * SECONDS_PER_DAY])
    recent = open_ticket(store, 3, "goslar", now - HOUR, answers=[])
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    monkeypatch.setenv("TICKET_STORE_URL", url)
    monkeypatch.setenv("PREFERENCES_PATH", str(tmp_path / "none.json"))
    monkeypatch.setenv("RETENTION_DAYS", "30")

    assert purge.main([]) == 0
    assert store.ticket(old) is None
    assert store.ticket(answered_lately) is not None  # by last activity, not by opening
    assert store.ticket(recent) is not None
    assert "Tickets: 1 without activity for 30 days deleted" in capsys.readouterr().out
    with store._engine.connect() as connection:  # nothing of the old ticket is left
        for table in (MESSAGES, EVENTS_OF_TICKETS):
            assert connection.execute(sa.select(table).where(table.c.ticket_id == old)).first() is None
    store.dispose()


def test_purge_and_report_create_no_ticket_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    monkeypatch.setenv("TICKET_STORE_URL", f"sqlite:///{tmp_path / 'tickets.db'}")
    monkeypatch.setenv("PREFERENCES_PATH", str(tmp_path / "none.json"))
    assert purge.main([]) == 0
    assert report.main([]) == 0
    assert not (tmp_path / "tickets.db").exists()
    assert "Tickets" not in capsys.readouterr().out


def test_report_counts_tickets_and_times_to_first_answer_per_district_without_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'tickets.db'}"
    store = TicketStore(url)
    start = time.time() - 5 * SECONDS_PER_DAY
    # Nienburg: first answers after 1, 2, 3 and 10 hours (a second answer never counts), one unanswered.
    for chat, hours in enumerate((1, 2, 3, 10), start=424242):
        open_ticket(store, chat, "nienburg", start, answers=[start + hours * HOUR, start + 20 * HOUR])
    open_ticket(store, 515151, "nienburg", start, answers=[])
    open_ticket(store, 616161, None, start, answers=[start + 0.5 * HOUR])
    open_ticket(store, 717171, "goslar", start - 60 * SECONDS_PER_DAY, answers=[])  # outside the window
    store.dispose()
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    monkeypatch.setenv("TICKET_STORE_URL", url)
    monkeypatch.setenv("RETENTION_DAYS", "30")

    assert report.main([]) == 0
    text = capsys.readouterr().out
    section = text.split("## Tickets: questions handed to the staff groups\n\n", 1)[1]
    assert section.splitlines() == [
        "district         opened answered  first answer: median  90th percentile",
        "(no district)         1        1  30 min                30 min",
        "nienburg              5        4  2 h 00 min            10 h 00 min",
    ]
    for chat in ("424242", "515151", "616161", "tg-"):
        assert chat not in text


def test_percentiles_and_durations() -> None:
    assert report.percentile([1, 2, 3, 4], 0.5) == 2
    assert report.percentile([5, 1, 3], 0.5) == 3
    assert report.percentile(list(range(1, 11)), 0.9) == 9
    assert [report.duration(s) for s in (59, 45 * 60, 3 * HOUR + 300, 50 * HOUR)] == [
        "1 min", "45 min", "3 h 05 min", "2 d 2 h",
    ]  # fmt: skip
