"""scripts/windowed_tracker_store.py: Rasa reads the slots plus a window of recent turns, the store keeps everything.

Conversations are driven as Rasa's processor drives the store (retrieve, update the same tracker, save),
against SQLite and a real PostgreSQL server (fixtures in conftest.py). The windowed tracker is compared
with the whole session as Rasa's own SQLTrackerStore loads it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from actions.server.stored_conversations import ConversationStore
from scripts.windowed_tracker_store import WINDOW_STATE_KEY, WindowedSQLTrackerStore

TURNS = 8  # endpoints.yml's window_turns


class Conversation:
    """One sender's conversation through `store`, turn by turn as Rasa's processor runs it; counts what it adds."""

    def __init__(self, store: Any, sender: str) -> None:
        self.store = store
        self.sender = sender
        self.added: list[dict[str, Any]] = []  # every event handed to the store, in order
        self.clock = time.time() - 3600

    def _tick(self) -> float:
        self.clock += 0.01
        return self.clock

    async def _run(self, make_events: Any) -> Any:
        from rasa.shared.core.trackers import DialogueStateTracker

        tracker = await self.store.retrieve(self.sender)
        if tracker is None:
            tracker = await self.store.create_tracker(self.sender, append_action_listen=False)
        before = len(tracker.events)
        for event in make_events(tracker):
            tracker.update(event, self.store.domain)
        assert isinstance(tracker, DialogueStateTracker)
        self.added += [e.as_dict() for e in list(tracker.events)[before:]]
        await self.store.save(tracker)
        return tracker

    async def start_session(self) -> Any:
        """action_session_start as Rasa runs it: session_started, the slots carried over, action_listen."""
        from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet

        def events(tracker: Any) -> list[Any]:
            out = [
                ActionExecuted("action_session_start", timestamp=self._tick()),
                SessionStarted(timestamp=self._tick()),
            ]
            out += [SlotSet(k, v, timestamp=self._tick()) for k, v in tracker.current_slot_values().items() if v]
            return [*out, ActionExecuted("action_listen", timestamp=self._tick())]

        return await self._run(events)

    async def turn(
        self,
        text: str,
        intent: str = "ask_contact",
        slots: dict[str, Any] | None = None,
        *,
        revert: bool = False,
        loop: str | None | bool = False,
    ) -> Any:
        """One user message: the action, a reply, its slot events (reverted with `revert`), `loop` (a name
        activates it, None deactivates it, False leaves it), then action_listen."""
        from rasa.shared.core.events import (
            ActionExecuted,
            ActiveLoop,
            BotUttered,
            SlotSet,
            UserUtteranceReverted,
            UserUttered,
        )

        def events(_tracker: Any) -> list[Any]:
            parsed = {"name": intent, "confidence": 0.9}
            action = "action_two_stage_fallback" if loop else f"action_for_{intent}"
            out: list[Any] = [
                UserUttered(text, parsed, parse_data={"intent": parsed, "text": text}, timestamp=self._tick()),
                ActionExecuted(action, timestamp=self._tick()),
            ]
            if loop is not False:
                out.append(ActiveLoop(loop, timestamp=self._tick()))
            out.append(BotUttered(f"reply to {text}", timestamp=self._tick()))
            out += [SlotSet(name, value, timestamp=self._tick()) for name, value in (slots or {}).items()]
            if revert:
                out.append(UserUtteranceReverted(timestamp=self._tick()))
            out.append(ActionExecuted("action_listen", timestamp=self._tick()))
            return out

        return await self._run(events)


def stored_rows(url: str, sender: str) -> list[dict[str, Any]]:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}
        ).scalars()
        events = [json.loads(row) for row in rows]
    engine.dispose()
    return events


def without_state(event: dict[str, Any]) -> dict[str, Any]:
    metadata = {k: v for k, v in (event.get("metadata") or {}).items() if k != WINDOW_STATE_KEY}
    return {**event, "metadata": metadata}


async def whole_session(store: Any, sender: str) -> Any:
    """The current session as Rasa's own SQLTrackerStore loads it."""
    from rasa.core.tracker_store import SQLTrackerStore

    return await SQLTrackerStore.retrieve(store, sender)


def assert_same_state(windowed: Any, whole: Any) -> None:
    assert windowed.current_slot_values() == whole.current_slot_values()
    assert windowed.active_loop_name == whole.active_loop_name
    assert windowed.is_paused() == whole.is_paused()
    assert windowed.latest_message.text == whole.latest_message.text
    assert windowed.latest_action_name == whole.latest_action_name
    window = windowed.applied_events()
    while window[0].type_name in ("session_started", "slot"):  # the head that recreates the state at the cut
        window = window[1:]
    assert window[0].type_name == "action"
    tail = whole.applied_events()[-len(window) :]
    assert [e.as_dict() for e in window] == [e.as_dict() for e in tail]


def test_endpoints_yml_configures_the_windowed_store(rasa_store: Any) -> None:
    assert isinstance(rasa_store, WindowedSQLTrackerStore)
    assert rasa_store.window_turns == TURNS


@pytest.mark.parametrize("length", [30, 120])
async def test_the_window_holds_the_last_turns_and_the_slots_whatever_the_length(rasa_store: Any, length: int) -> None:
    talk = Conversation(rasa_store, "tg-long")
    await talk.start_session()
    await talk.turn("Ich wohne in Nienburg", "inform_district", {"district": "nienburg"})
    await talk.turn("auf Arabisch bitte", "choose_language", {"locale": "ar"})
    for i in range(length):
        await talk.turn(f"Frage {i}", "ask_hotline" if i % 2 else "ask_contact", {"last_topic": f"topic-{i % 4}"})

    windowed = await rasa_store.retrieve("tg-long")
    users = [e for e in windowed.events if e.type_name == "user"]
    assert [u.text for u in users] == [f"Frage {i}" for i in range(length - TURNS + 1, length)]
    assert len(windowed.events) < 60  # the same for 30 and 120 turns
    assert windowed.events[0].type_name == "session_started"
    assert windowed.get_slot("district") == "nienburg"  # set at message 1, far before the window
    assert windowed.get_slot("locale") == "ar"
    assert windowed.get_slot("last_topic") == f"topic-{(length - 1) % 4}"
    assert_same_state(windowed, await whole_session(rasa_store, "tg-long"))


async def test_every_event_is_stored_once_and_nothing_made_up_is(rasa_store: Any, store_url: str) -> None:
    talk = Conversation(rasa_store, "tg-all")
    await talk.start_session()
    await talk.turn("Nienburg", "inform_district", {"district": "nienburg"})
    for i in range(40):
        await talk.turn(f"Frage {i}")

    stored = stored_rows(store_url, "tg-all")
    assert len(stored) == len(talk.added)
    assert [without_state(e) for e in stored] == [without_state(e) for e in talk.added]
    assert sum(e["event"] == "slot" for e in stored) == 1  # the window's slot events are never written back
    listens = [e for e in stored if e.get("name") == "action_listen"]
    assert all(WINDOW_STATE_KEY in e["metadata"] for e in listens)
    assert listens[-1]["metadata"][WINDOW_STATE_KEY] == {"slots": {"district": "nienburg"}}

    conversations = ConversationStore(store_url)  # /delete_me and the purge see all of it
    assert conversations.delete("tg-all") == len(talk.added)
    conversations.dispose()
    assert await rasa_store.retrieve("tg-all") is None


async def test_a_reverted_slot_before_the_window_stays_reverted(rasa_store: Any) -> None:
    talk = Conversation(rasa_store, "tg-revert")
    await talk.start_session()
    await talk.turn("Goslar", "inform_district", {"district": "goslar"})
    await talk.turn("???", "nlu_fallback", {"district": "nienburg", "pending_intent": "ask_contact"}, revert=True)
    for i in range(20):
        await talk.turn(f"Frage {i}")
    await talk.turn("!!!", "nlu_fallback", {"pending_intent": "ask_event"}, revert=True)  # inside the window

    windowed = await rasa_store.retrieve("tg-revert")
    assert windowed.get_slot("district") == "goslar"
    assert windowed.get_slot("pending_intent") is None
    assert any(e.type_name == "rewind" for e in windowed.events)
    assert_same_state(windowed, await whole_session(rasa_store, "tg-revert"))


async def test_an_active_loop_is_never_cut(rasa_store: Any) -> None:
    talk = Conversation(rasa_store, "tg-loop")
    await talk.start_session()
    for i in range(20):
        await talk.turn(f"Frage {i}")
    await talk.turn("hmm", "nlu_fallback", loop="action_two_stage_fallback")
    for i in range(TURNS + 2):  # the loop stays active past the usual cut
        await talk.turn(f"immer noch {i}", "nlu_fallback", loop=None if i == TURNS + 1 else False)

    windowed = await rasa_store.retrieve("tg-loop")
    assert "hmm" in [e.text for e in windowed.events if e.type_name == "user"]  # the loop's start is in the window
    assert_same_state(windowed, await whole_session(rasa_store, "tg-loop"))


async def test_a_new_session_starts_from_its_own_start_with_the_slots_carried_over(rasa_store: Any) -> None:
    talk = Conversation(rasa_store, "tg-sessions")
    await talk.start_session()
    await talk.turn("Northeim", "inform_district", {"district": "northeim"})
    for i in range(15):
        await talk.turn(f"Frage {i}")
    await talk.start_session()
    await talk.turn("neu 1")
    await talk.turn("neu 2")

    short = await rasa_store.retrieve("tg-sessions")  # shorter than the window: loaded whole, as Rasa does
    whole = await whole_session(rasa_store, "tg-sessions")
    assert [e.as_dict() for e in short.events] == [e.as_dict() for e in whole.events]
    assert short.get_slot("district") == "northeim"
    assert [e.text for e in short.events if e.type_name == "user"] == ["neu 1", "neu 2"]

    for i in range(20):
        await talk.turn(f"neu {i + 3}")
    windowed = await rasa_store.retrieve("tg-sessions")
    assert windowed.get_slot("district") == "northeim"
    assert_same_state(windowed, await whole_session(rasa_store, "tg-sessions"))


async def test_rows_stored_without_a_window_state_are_loaded_whole(rasa_store: Any, store_url: str) -> None:
    from rasa.core.tracker_store import SQLTrackerStore

    talk = Conversation(rasa_store, "tg-legacy")
    talk.store = SQLTrackerStore(domain=rasa_store.domain, host=store_url)  # Rasa's own store wrote these
    await talk.start_session()
    for i in range(20):
        await talk.turn(f"Frage {i}")
    talk.store.engine.dispose()

    tracker = await rasa_store.retrieve("tg-legacy")
    assert len([e for e in tracker.events if e.type_name == "user"]) == 20
    talk.store = rasa_store  # and from here on the windowed store appends only what is new
    await talk.turn("weiter")
    assert len(stored_rows(store_url, "tg-legacy")) == len(talk.added)


def test_an_event_broker_or_a_tiny_window_is_refused(store_url: str) -> None:
    with pytest.raises(ValueError, match="event broker"):
        WindowedSQLTrackerStore(host=store_url, event_broker=object())
    with pytest.raises(ValueError, match="at least 2"):
        WindowedSQLTrackerStore(host=store_url, window_turns=1)


def test_sqlite_connections_stay_open_between_messages(tmp_path: Path) -> None:
    store = WindowedSQLTrackerStore(host=f"sqlite:///{tmp_path / 'tracker.db'}")
    # Not SQLAlchemy 1.4's NullPool for SQLite files, which checkpoints the WAL at every message's close.
    assert isinstance(store.engine.pool, sa.pool.QueuePool)
    store.engine.dispose()


async def test_a_new_conversations_empty_tracker_is_not_written_and_its_first_turn_is(
    rasa_store: Any, store_url: str
) -> None:
    assert await rasa_store.retrieve("tg-new") is None
    tracker = await rasa_store.create_tracker("tg-new", append_action_listen=False)  # as Rasa's processor makes it
    assert stored_rows(store_url, "tg-new") == []
    assert await rasa_store.retrieve("tg-new") is None  # still nothing stored: Rasa creates it again

    talk = Conversation(rasa_store, "tg-new")
    await talk.start_session()
    await talk.turn("Hallo")
    assert [without_state(e) for e in stored_rows(store_url, "tg-new")] == [without_state(e) for e in talk.added]
    assert not tracker.events
