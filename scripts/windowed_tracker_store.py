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

Per message this is one connection for reading (the session start, the recent `action_listen` rows,
then the window or the whole session) and one transaction appending the new rows in one executemany.
The statements are built once per store with bound parameters (`_Statements`): building a SQLAlchemy
query per call cost more than running it (~0.5 ms each), and the ORM's unit of work inserted row by row.

Not for use with an event broker (Rasa diffs against `retrieve`, which is windowed here): the
constructor refuses one. The Rasa internals relied on are guarded like the speed patches
(scripts/rasa_patches.py, patch "windowed SQL tracker store"): RasaPatchError at start-up when they
changed.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.constants import POSTGRESQL_SCHEMA
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


class _Statements:
    """The store's statements, built once with bound parameters (`sender`, `after`, `cut`): SQLAlchemy then reuses
    their compiled form, where a query built per call costs ~0.5 ms of Python before it reaches the database."""

    def __init__(self, table: sa.Table, listens_searched: int) -> None:
        c = table.c
        sender = c.sender_id == sa.bindparam("sender")
        session_started = c.type_name == SessionStarted.type_name
        # The newest session start: the window's head.
        self.start = sa.select(c.id, c.data).where(sender, session_started).order_by(c.id.desc()).limit(1)
        # The newest action_listen rows, newest first (after the session start when there is one): the cut's search.
        listens = (
            sa.select(c.id, c.data)
            .where(sender, c.type_name == ActionExecuted.type_name, c.action_name == ACTION_LISTEN_NAME)
            .order_by(c.id.desc())
            .limit(listens_searched)
        )
        self.listens = listens
        self.listens_after = listens.where(c.id > sa.bindparam("after"))
        # From the cut on.
        self.window = sa.select(c.data).where(sender, c.id >= sa.bindparam("cut")).order_by(c.id)
        # The whole current session exactly as SQLTrackerStore._event_query selects it: from the newest session
        # start's timestamp on, or every row when no session start has one.
        latest_start = sa.select(sa.func.max(c.timestamp)).where(sender, session_started).scalar_subquery()
        self.session = (
            sa.select(c.data).where(sender, sa.or_(c.timestamp >= latest_start, latest_start.is_(None))).order_by(c.id)
        )
        self.insert = table.insert()


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
        self._statements = _Statements(self.SQLEvent.__table__, self.window_turns * SEARCH_FACTOR)

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

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sa.engine.Connection]:
        """A pooled connection, checked like SQLTrackerStore.session_scope checks its session (the PostgreSQL schema
        named by POSTGRESQL_SCHEMA must exist: ensure_schema_exists, which exits Rasa otherwise)."""
        with self.engine.connect() as connection:
            if os.environ.get(POSTGRESQL_SCHEMA):
                with self.session_scope():  # Rasa's own check and exit
                    pass
            yield connection

    # Reading --------------------------------------------------------------------------------------------------------

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The current session's tracker: its slots and the last `window_turns` turns (or the whole session)."""
        with self._connection() as connection:  # one connection for the window and, when needed, the whole session
            events, cut = self._window(connection, sender_id)
            if events is not None and cut is not None:
                tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
                cut_event = tracker.events[cut]
                if any(event is cut_event for event in tracker.applied_events()):
                    _mark_stored(tracker, len(tracker.events))
                    return tracker
                logger.debug("An event in the window reverts across the cut: loading the whole session")
            rows = connection.execute(self._statements.session, {"sender": sender_id}).scalars().all()
            events = [json.loads(data) for data in rows]
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

    def _window(
        self, connection: sa.engine.Connection, sender_id: str
    ) -> tuple[list[dict[str, Any]] | None, int | None]:
        """(events as dicts, index of the cut's action_listen in them), or (None, None): load the whole session."""
        statements, sender = self._statements, {"sender": sender_id}
        start = connection.execute(statements.start, sender).first()
        if start is None:
            rows = connection.execute(statements.listens, sender).all()  # newest first
        else:
            rows = connection.execute(statements.listens_after, {**sender, "after": start.id}).all()
        cut = next(
            ((row.id, listen, state) for row, listen, state in _listens_with_state(rows[self.window_turns - 1 :])),
            None,
        )
        if cut is None:
            return None, None
        cut_id, listen, state = cut
        window = connection.execute(statements.window, {**sender, "cut": cut_id}).scalars()
        head = [json.loads(start.data)] if start is not None else []
        timestamp = listen.get("timestamp")
        head += [SlotSet(name, value, timestamp=timestamp).as_dict() for name, value in state["slots"].items()]
        return head + [json.loads(data) for data in window], len(head)

    # Writing --------------------------------------------------------------------------------------------------------

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Append the events added since `tracker` was loaded or last saved (all new events for a new tracker)."""
        await self.stream_events(tracker)
        count = stored_count(tracker)
        if count is None:
            if not tracker.events:  # a new conversation's empty tracker (create_tracker): nothing to count or write
                _mark_stored(tracker, 0)
                return
            with self.session_scope() as session:  # not loaded here: Rasa's count of stored events
                new = list(self._additional_events(session, tracker))
        else:
            new = list(itertools.islice(tracker.events, count, None))
        if new:
            rows = self._rows(tracker, new)
            with self._connection() as connection, connection.begin():
                connection.execute(self._statements.insert, rows)
        _mark_stored(tracker, len(tracker.events))
        logger.debug("Tracker with sender_id '%s' stored to database", tracker.sender_id)

    def _rows(self, tracker: DialogueStateTracker, new: list[Any]) -> list[dict[str, Any]]:
        """The `events` rows of `new` (SQLTrackerStore.save's columns), the turn's state on its final action_listen."""
        last = tracker.events[-1]
        rows = []
        for event in new:
            data = event.as_dict()
            if event is last and isinstance(event, ActionExecuted) and event.action_name == ACTION_LISTEN_NAME:
                state = window_state(tracker)
                if state is not None:
                    data["metadata"] = {**(data.get("metadata") or {}), WINDOW_STATE_KEY: state}
            rows.append(
                {
                    "sender_id": tracker.sender_id,
                    "type_name": event.type_name,
                    "timestamp": data.get("timestamp"),
                    "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                    "action_name": data.get("name"),
                    "data": json.dumps(data),
                }
            )
        return rows
