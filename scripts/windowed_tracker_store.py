"""Rasa's SQL tracker store, read through a bounded window: the cost of a message no longer grows with the conversation.

Rasa's SQLTrackerStore loads every event of the current session for every message; Rasa then
replays them, its RulePolicy turns all of them into dialogue states, and the whole tracker is
serialised to the action server and again to the NLG endpoint per reply. A conversation of n
messages therefore costs O(n²) (issue 15: 31 ms at message 0, 1.4 s at message 400).

`WindowedSQLTrackerStore` (endpoints.yml: `type: scripts.windowed_tracker_store.WindowedSQLTrackerStore`)
keeps the table and the rows of SQLTrackerStore – every event is still stored, one row each, so
/delete_me, the retention purge and `make report` see the whole conversation – and changes two things:

- **save** appends the events added since the tracker was loaded (counted per tracker object),
  not "the tracker's events beyond the number stored for this session" (Rasa's count, which a
  windowed tracker cannot match). The `action_listen` that ends a turn is stored with the
  tracker's state at that point in its metadata, `{"window_state": {"slots": {name: value}}}`
  (only slots off their initial value), when no loop is active and the conversation is not paused.
- **retrieve** returns the session's `session_started`, `SlotSet` events recreating that stored
  state, then every event from the `window_turns`-th last `action_listen` on (the cut). A session
  with fewer turns, or without such a state on a recent enough `action_listen` (rows stored
  before this store, a loop still active), is loaded whole, exactly as Rasa does.

Why a window of turns is enough here (config.yml, nlu_data/rules.yml, domain.yml): every rule is
"intent -> action" (at most 3 dialogue states), the two-stage fallback loop looks at the last 3
user messages and is never cut (the cut needs no active loop), slots carry everything else
(district, locale, pending question, last topic), and the actions read the latest message and
slots only – except the language policy's step 3 (the latest earlier confidently detected
language), which now looks back over the window's user messages instead of the whole session.

A cut is used only if no event in the window reverts back across it (UserUtteranceReverted,
ActionReverted): the cut's `action_listen` must still be among the windowed tracker's applied
events, else the whole session is loaded. Two indexes, on (sender_id, id) and (sender_id,
type_name, id), let the database find the session start, the cut and the window without scanning
the conversation; they are created when missing. With SQLite, connections stay open in a pool
(SQLAlchemy 1.4 opens and closes one per database session, and each close checkpoints the WAL).

Not for use with an event broker (Rasa diffs against `retrieve`, which is windowed here): the
constructor refuses one. The Rasa internals relied on are guarded like the speed patches
(scripts/rasa_patches.py, patch "windowed SQL tracker store"): RasaPatchError at start-up when they
changed.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from scripts import rasa_patches

logger = logging.getLogger(__name__)

WINDOW_STATE_KEY = "window_state"
DEFAULT_WINDOW_TURNS = 8
# How many `action_listen` rows beyond the window are searched for one carrying a state before loading everything.
SEARCH_FACTOR = 4
# The number of tracker.events that came from the store (or were saved to it); save appends the rest.
_STORED_COUNT = "_windowed_store_events_stored"
INDEXES = {
    "events_sender_id_id_idx": "(sender_id, id)",
    "events_sender_id_type_name_id_idx": "(sender_id, type_name, id)",
}


def stored_count(tracker: DialogueStateTracker) -> int | None:
    """How many of `tracker.events` are already stored (None: not loaded or saved by this store)."""
    count = getattr(tracker, _STORED_COUNT, None)
    return count if isinstance(count, int) else None


def _mark_stored(tracker: DialogueStateTracker, count: int) -> None:
    setattr(tracker, _STORED_COUNT, count)


def window_state(tracker: DialogueStateTracker) -> dict[str, Any] | None:
    """The state a turn boundary stores: {"slots": {name: value}} for slots off their initial value;
    None when a loop is active or the conversation is paused (no cut there)."""
    if tracker.active_loop_name or tracker.is_paused():
        return None
    slots = {name: slot.value for name, slot in tracker.slots.items() if slot.value != slot.initial_value}
    return {"slots": slots}


def _listens_with_state(rows: list[Any]) -> Iterator[tuple[Any, dict[str, Any], dict[str, Any]]]:
    """(row, its event, its stored window state) for the action_listen rows that carry a usable state."""
    for row in rows:
        listen = json.loads(row.data)
        state = (listen.get("metadata") or {}).get(WINDOW_STATE_KEY)
        if isinstance(state, dict) and isinstance(state.get("slots"), dict):
            yield row, listen, state


class WindowedSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that loads the current slots plus the last `window_turns` turns of the session.

    Configured like Rasa's SQL store (same keyword arguments, `url` as `host`), plus `window_turns`
    (default 8; at least 2). Raises RasaPatchError when the Rasa internals it relies on changed, and
    ValueError for an event broker or a window below 2 turns.
    """

    def __init__(self, *args: Any, window_turns: int | str = DEFAULT_WINDOW_TURNS, **kwargs: Any) -> None:
        rasa_patches.WINDOWED_STORE.check()
        if kwargs.get("event_broker") is not None:
            raise ValueError(
                "WindowedSQLTrackerStore cannot feed an event broker (Rasa would diff against a windowed tracker); "
                "use type: SQL in endpoints.yml with an event broker"
            )
        self.window_turns = int(window_turns)
        if self.window_turns < 2:
            raise ValueError(f"window_turns must be at least 2, not {self.window_turns}")
        super().__init__(*args, **kwargs)
        self._pool_sqlite_connections()
        self._create_indexes()

    def _pool_sqlite_connections(self) -> None:
        """Keep SQLite connections open between messages (SQLAlchemy 1.4 opens and closes one per session for a
        file database; closing the last one checkpoints the WAL: ~2 ms per message, measured at concurrency 16)."""
        engine: sa.engine.Engine = self.engine  # type: ignore[has-type]  # Rasa assigns it untyped
        url = engine.url
        if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            return
        engine.dispose()
        self.engine = sa.create_engine(url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False})
        self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)

    def _create_indexes(self) -> None:
        for name, columns in INDEXES.items():
            try:
                with self.engine.begin() as connection:
                    connection.execute(sa.text(f"CREATE INDEX IF NOT EXISTS {name} ON events {columns}"))
            except sa.exc.SQLAlchemyError as error:  # e.g. another Rasa process creating it at the same moment
                logger.warning("Could not create index %s on the events table (slower reads): %s", name, error)

    # Reading --------------------------------------------------------------------------------------------------------

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The current session's tracker: its slots and the last `window_turns` turns (or the whole session)."""
        with self.session_scope() as session:  # one connection for the window and, when needed, the whole session
            events, cut = self._window(session, sender_id)
            if events is not None and cut is not None:
                tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
                cut_event = tracker.events[cut]
                if any(event is cut_event for event in tracker.applied_events()):
                    _mark_stored(tracker, len(tracker.events))
                    return tracker
                logger.debug("An event in the window reverts across the cut: loading the whole session")
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).all()
            events = [json.loads(row.data) for row in rows]
        if not (self.domain and events):  # as SQLTrackerStore._retrieve: no stored events, no tracker
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        _mark_stored(tracker, len(tracker.events))
        return tracker

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        tracker = await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        if tracker is not None:
            _mark_stored(tracker, len(tracker.events))
        return tracker

    def _window(self, session: Any, sender_id: str) -> tuple[list[dict[str, Any]] | None, int | None]:
        """(events as dicts, index of the cut's action_listen in them), or (None, None): load the whole session."""
        table = self.SQLEvent
        start = session.execute(
            sa.select(table.id, table.data)
            .where(table.sender_id == sender_id, table.type_name == SessionStarted.type_name)
            .order_by(table.id.desc())
            .limit(1)
        ).first()
        listens = sa.select(table.id, table.data).where(
            table.sender_id == sender_id,
            table.type_name == ActionExecuted.type_name,
            table.action_name == ACTION_LISTEN_NAME,
        )
        if start is not None:
            listens = listens.where(table.id > start.id)
        rows = session.execute(
            listens.order_by(table.id.desc()).limit(self.window_turns * SEARCH_FACTOR)
        ).all()  # newest first
        cut = next(
            ((row.id, listen, state) for row, listen, state in _listens_with_state(rows[self.window_turns - 1 :])),
            None,
        )
        if cut is None:
            return None, None
        cut_id, listen, state = cut
        window = session.execute(
            sa.select(table.data).where(table.sender_id == sender_id, table.id >= cut_id).order_by(table.id)
        ).scalars()
        head = [json.loads(start.data)] if start is not None else []
        timestamp = listen.get("timestamp")
        head += [SlotSet(name, value, timestamp=timestamp).as_dict() for name, value in state["slots"].items()]
        return head + [json.loads(data) for data in window], len(head)

    # Writing --------------------------------------------------------------------------------------------------------

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Append the events added since `tracker` was loaded or last saved (all new events for a new tracker)."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            count = stored_count(tracker)
            new = (
                list(self._additional_events(session, tracker))  # not loaded here: Rasa's count of stored events
                if count is None
                else list(itertools.islice(tracker.events, count, None))
            )
            last = tracker.events[-1] if tracker.events else None
            for event in new:
                data = event.as_dict()
                if event is last and isinstance(event, ActionExecuted) and event.action_name == ACTION_LISTEN_NAME:
                    state = window_state(tracker)
                    if state is not None:
                        data["metadata"] = {**(data.get("metadata") or {}), WINDOW_STATE_KEY: state}
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
        _mark_stored(tracker, len(tracker.events))
        logger.debug("Tracker with sender_id '%s' stored to database", tracker.sender_id)
