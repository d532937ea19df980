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

**Write-through cache** (`cache_conversations`, default 500 conversations, 0: off): the rows a retrieve
read and the rows each save appended are kept per sender (`_Mirror`, least recently used dropped first),
and the next retrieve computes the window from them with the same rules as from the database. It is
used only when the database still holds exactly those rows: every retrieve first reads the sender's
row count, newest id and newest timestamp (one indexed query) and compares them with what this process
last read or wrote. Any other writer – another Rasa process, /delete_me, the retention purge, Rasa's own
store – changes one of the three, and the window is read from the database again. The rows are kept as
the JSON text stored, so nothing in a returned tracker is shared with the cache. A kept set of rows
that cannot decide the window (the session is older than the rows kept) also goes to the database.

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
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
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
DEFAULT_CACHE_CONVERSATIONS = 500
# A conversation whose window needs more rows than this (a session without any cut) is not kept.
MAX_KEPT_ROWS = 2000
# The number of tracker.events that came from the store (or were saved to it); save appends the rest.
_STORED_COUNT = "_windowed_store_events_stored"
# The _Mirror a tracker was read from (or saved to): save extends it only for that tracker.
_MIRROR = "_windowed_store_mirror"
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


@dataclass
class _Row:
    """One stored event: the columns the window is computed from, and the JSON text stored."""

    id: int
    type_name: str
    action_name: str | None
    timestamp: float | None
    data: str


# (row count, newest id, newest timestamp) of a sender's rows; None when there are none.
Validator = tuple[int, int, float | None] | None


@dataclass
class _Mirror:
    """Rows of one sender as stored, enough to compute `retrieve` from them.

    `rows` (in id order) hold every row with an id from `from_id` on (every row of the sender when None); with
    `ts_complete` also every row the whole-session rule selects (timestamp at or after `latest_start_ts`, the
    newest session start's timestamp, or every row when that is None). `start` is the newest session_started row.
    """

    validator: Validator
    start: _Row | None
    latest_start_ts: float | None
    rows: list[_Row] = field(default_factory=list)
    from_id: int | None = None
    ts_complete: bool = True

    def covers_the_session(self) -> bool:
        """Whether every row after the session start is here (so the cut's search sees every action_listen)."""
        return self.from_id is None or (self.start is not None and self.from_id <= self.start.id + 1)


class _Miss(Exception):
    """The kept rows cannot decide the window: read the database."""


class _Statements:
    """The store's statements, built once with bound parameters (`sender`, `after`, `cut`): SQLAlchemy then reuses
    their compiled form, where a query built per call costs ~0.5 ms of Python before it reaches the database."""

    def __init__(self, table: sa.Table, listens_searched: int) -> None:
        c = table.c
        sender = c.sender_id == sa.bindparam("sender")
        session_started = c.type_name == SessionStarted.type_name
        columns = (c.id, c.type_name, c.action_name, c.timestamp, c.data)
        # The sender's row count, newest id and newest timestamp: what the cache is checked against.
        count = sa.select(sa.func.count()).where(sender).scalar_subquery()
        self.validator = sa.select(count, c.id, c.timestamp).where(sender).order_by(c.id.desc()).limit(1)
        # The newest session start (the window's head) and the newest session start timestamp (the whole session's
        # rule, as SQLTrackerStore._event_query has it).
        latest_start = sa.select(sa.func.max(c.timestamp)).where(sender, session_started).scalar_subquery()
        self.start = (
            sa.select(*columns, latest_start.label("latest_start_ts"))
            .where(sender, session_started)
            .order_by(c.id.desc())
            .limit(1)
        )
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
        self.window = sa.select(*columns).where(sender, c.id >= sa.bindparam("cut")).order_by(c.id)
        # The whole current session as SQLTrackerStore._event_query selects it (from the newest session start's
        # timestamp on, or every row when no session start has one), and every row after the session start: the
        # session is then picked by that rule in Python, and the cut's search has every action_listen.
        self.session = (
            sa.select(*columns)
            .where(sender, sa.or_(c.timestamp >= latest_start, latest_start.is_(None), c.id > sa.bindparam("after")))
            .order_by(c.id)
        )
        self.all_rows = sa.select(*columns).where(sender).order_by(c.id)
        self.insert = table.insert()


class WindowedSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that loads the current slots plus the last `window_turns` turns of the session.

    Configured like Rasa's SQL store (same keyword arguments, `url` as `host`), plus `window_turns`
    (default 8; at least 2) and `cache_conversations` (how many conversations' rows the write-through cache keeps,
    default 500, ~0.1 MB each; 0 turns it off). Raises RasaPatchError when the Rasa internals it relies on changed,
    and ValueError for an event broker, a window below 2 turns or a negative cache size.
    """

    def __init__(
        self,
        *args: Any,
        window_turns: int | str = DEFAULT_WINDOW_TURNS,
        cache_conversations: int | str = DEFAULT_CACHE_CONVERSATIONS,
        **kwargs: Any,
    ) -> None:
        rasa_patches.WINDOWED_STORE.check()
        if kwargs.get("event_broker") is not None:
            raise ValueError(
                "WindowedSQLTrackerStore cannot feed an event broker (Rasa would diff against a windowed tracker); "
                "use type: SQL in endpoints.yml with an event broker"
            )
        self.window_turns = int(window_turns)
        if self.window_turns < 2:
            raise ValueError(f"window_turns must be at least 2, not {self.window_turns}")
        self.cache_conversations = int(cache_conversations)
        if self.cache_conversations < 0:
            raise ValueError(f"cache_conversations must be 0 (off) or more, not {self.cache_conversations}")
        self._cache: OrderedDict[str, _Mirror] = OrderedDict()
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
        """The current session's tracker: its slots and the last `window_turns` turns (or the whole session); None
        when nothing is stored for `sender_id`."""
        with self._connection() as connection:
            validator = self._validator(connection, sender_id) if self.cache_conversations else None
            cached = self._cache.get(sender_id)
            if cached is not None and cached.validator == validator:
                try:
                    tracker = self._from_rows(sender_id, cached)
                except _Miss:
                    pass
                else:
                    self._cache.move_to_end(sender_id)
                    return tracker
            if self.cache_conversations and validator is None:  # nothing stored: nothing to read
                self._keep(sender_id, _Mirror(None, None, None))
                return None
            return self._read(connection, sender_id, validator)

    def _validator(self, connection: sa.engine.Connection, sender_id: str) -> Validator:
        row = connection.execute(self._statements.validator, {"sender": sender_id}).first()
        return None if row is None else (int(row[0]), int(row[1]), row[2])

    def _read(
        self, connection: sa.engine.Connection, sender_id: str, validator: Validator
    ) -> DialogueStateTracker | None:
        """The window from the database: the session start, the recent action_listen rows, then the rows from the
        cut on or, without a cut, the whole session. The rows read are kept for the next message."""
        statements, sender = self._statements, {"sender": sender_id}
        start_row = connection.execute(statements.start, sender).first()
        start = None if start_row is None else _row(start_row)
        latest_start_ts = None if start_row is None else start_row.latest_start_ts
        if start is None:
            listens = connection.execute(statements.listens, sender).all()  # newest first
        else:
            listens = connection.execute(statements.listens_after, {**sender, "after": start.id}).all()
        cut = next((row for row, _, _ in _listens_with_state(listens[self.window_turns - 1 :])), None)
        if cut is not None:
            rows = connection.execute(statements.window, {**sender, "cut": cut.id}).all()
            mirror = _Mirror(validator, start, latest_start_ts, [_row(r) for r in rows], cut.id, ts_complete=False)
            try:
                return self._from_rows(sender_id, mirror)
            except _Miss:  # an event in the window reverts across the cut
                logger.debug("An event in the window reverts across the cut: loading the whole session")
        if start is None:
            rows = connection.execute(statements.all_rows, sender).all()
        else:
            rows = connection.execute(statements.session, {**sender, "after": start.id}).all()
        from_id = None if start is None else start.id + 1
        mirror = _Mirror(validator, start, latest_start_ts, [_row(r) for r in rows], from_id)
        return self._from_rows(sender_id, mirror)

    def _from_rows(self, sender_id: str, mirror: _Mirror) -> DialogueStateTracker | None:
        """The tracker `retrieve` returns, computed from `mirror` by the rules the database queries apply (kept for
        the next message when the cache is on); _Miss when its rows cannot decide it."""
        start = mirror.start
        listens = [
            row
            for row in reversed(mirror.rows)
            if row.type_name == ActionExecuted.type_name
            and row.action_name == ACTION_LISTEN_NAME
            and (start is None or row.id > start.id)
        ][: self.window_turns * SEARCH_FACTOR]  # newest first, as many as the database search reads
        cut = next(_listens_with_state(listens[self.window_turns - 1 :]), None)
        if cut is not None:
            cut_row, listen, state = cut
            head = [json.loads(start.data)] if start is not None else []
            timestamp = listen.get("timestamp")
            head += [SlotSet(name, value, timestamp=timestamp).as_dict() for name, value in state["slots"].items()]
            window = [row for row in mirror.rows if row.id >= cut_row.id]
            tracker = DialogueStateTracker.from_dict(
                sender_id, head + [json.loads(row.data) for row in window], self.domain.slots
            )
            cut_event = tracker.events[len(head)]
            if any(event is cut_event for event in tracker.applied_events()):
                # Rows before the cut are not needed again: the next cut is at or after this one.
                kept = _Mirror(mirror.validator, start, mirror.latest_start_ts, window, cut_row.id, ts_complete=False)
                return self._tracker(sender_id, tracker, kept)
        elif not mirror.covers_the_session():  # the database may hold a cut before the rows kept
            raise _Miss
        if not mirror.ts_complete:
            raise _Miss
        latest = mirror.latest_start_ts
        session = [
            row for row in mirror.rows if latest is None or (row.timestamp is not None and row.timestamp >= latest)
        ]
        if not (self.domain and session):  # as SQLTrackerStore._retrieve: no stored events, no tracker
            self._keep(sender_id, mirror)
            return None
        tracker = DialogueStateTracker.from_dict(
            sender_id, [json.loads(row.data) for row in session], self.domain.slots
        )
        return self._tracker(sender_id, tracker, mirror)

    def _tracker(self, sender_id: str, tracker: DialogueStateTracker, mirror: _Mirror) -> DialogueStateTracker:
        _mark_stored(tracker, len(tracker.events))
        self._keep(sender_id, mirror)
        setattr(tracker, _MIRROR, mirror)
        return tracker

    def _keep(self, sender_id: str, mirror: _Mirror) -> None:
        if not self.cache_conversations or len(mirror.rows) > MAX_KEPT_ROWS:
            return
        self._cache[sender_id] = mirror
        self._cache.move_to_end(sender_id)
        while len(self._cache) > self.cache_conversations:
            self._cache.popitem(last=False)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        tracker = await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        if tracker is not None:
            _mark_stored(tracker, len(tracker.events))
        return tracker

    # Writing --------------------------------------------------------------------------------------------------------

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Append the events added since `tracker` was loaded or last saved (all new events for a new tracker)."""
        await self.stream_events(tracker)
        sender_id = tracker.sender_id
        mirror = self._cache.pop(sender_id, None)  # kept again below only when this save extends it
        count = stored_count(tracker)
        if count is None:
            if not tracker.events:  # a new conversation's empty tracker (create_tracker): nothing to count or write
                _mark_stored(tracker, 0)
                if mirror is not None and mirror.validator is None:  # read just now: nothing stored
                    self._keep(sender_id, mirror)
                    setattr(tracker, _MIRROR, mirror)
                return
            with self.session_scope() as session:  # not loaded here: Rasa's count of stored events
                new = list(self._additional_events(session, tracker))
        else:
            new = list(itertools.islice(tracker.events, count, None))
        if not (mirror is not None and getattr(tracker, _MIRROR, None) is mirror):
            mirror = None  # another tracker of this sender was read or saved meanwhile: read the database next time
        if new:
            rows = self._rows(tracker, new)
            with self._connection() as connection, connection.begin():
                connection.execute(self._statements.insert, rows)
                validator = self._validator(connection, sender_id) if mirror is not None else None
            if mirror is not None:
                mirror = _extended(mirror, rows, validator)
        _mark_stored(tracker, len(tracker.events))
        if mirror is not None:
            self._keep(sender_id, mirror)
            setattr(tracker, _MIRROR, mirror)
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


def _row(row: Any) -> _Row:
    return _Row(row.id, row.type_name, row.action_name, row.timestamp, row.data)


def _extended(mirror: _Mirror, rows: list[dict[str, Any]], validator: Validator) -> _Mirror | None:
    """`mirror` with the `rows` just appended, checked against `validator` (read after the insert, in its
    transaction); None when the sender's rows are no longer `mirror`'s plus these (another writer was there)."""
    count, newest_id = (mirror.validator[0], mirror.validator[1]) if mirror.validator else (0, 0)
    if validator is None or validator[0] != count + len(rows) or validator[1] <= newest_id:
        return None
    if validator[2] != rows[-1]["timestamp"]:  # the newest row is not the one appended last
        return None
    # The new rows are the sender's newest (appended under the conversation's lock); their ids here only order
    # them after the kept ones, ending at the newest id the database gave.
    first_id = validator[1] - len(rows) + 1
    new = [
        _Row(first_id + i, row["type_name"], row["action_name"], row["timestamp"], row["data"])
        for i, row in enumerate(rows)
    ]
    start, latest = mirror.start, mirror.latest_start_ts
    for row in new:
        if row.type_name == SessionStarted.type_name:
            start = row
            if row.timestamp is not None:  # as SQL's max(): NULL timestamps do not count
                latest = row.timestamp if latest is None else max(latest, row.timestamp)
    return _Mirror(validator, start, latest, mirror.rows + new, mirror.from_id, mirror.ts_complete)
