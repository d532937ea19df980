"""The windowed store's write-through cache returns what the database returns, whoever else writes or deletes.

Random conversations are driven through a store with the cache (as Rasa's processor drives it: retrieve, update
the same tracker, save), and before every message its tracker is compared with the window read from the database
by `reference_retrieve` (the store's rules written out as plain SQL, independent of its code). Meanwhile other
writers act on the same rows: another Rasa process (a second store), /delete_me and the retention purge (the
action server's ConversationStore), Rasa's own SQLTrackerStore.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
import sqlalchemy as sa

from actions.server.stored_conversations import ConversationStore
from scripts.windowed_tracker_store import SEARCH_FACTOR, WINDOW_STATE_KEY, WindowedSQLTrackerStore

from .test_windowed_tracker_store import TURNS, Conversation

SENDERS = ["tg-a", "tg-b"]


def events_of(tracker: Any) -> list[dict[str, Any]] | None:
    return None if tracker is None else [event.as_dict() for event in tracker.events]


class Reference:
    """The window as the store's docstring defines it, read with plain SQL: the session start, the newest
    SEARCH_FACTOR × window action_listen rows after it, the first of them from the window-th on that carries a
    state is the cut; else (or when the window reverts across the cut) the session as SQLTrackerStore reads it."""

    def __init__(self, url: str, domain: Any) -> None:
        self.engine = sa.create_engine(url)
        self.domain = domain

    async def retrieve(self, sender: str) -> Any:
        from rasa.shared.core.events import SlotSet
        from rasa.shared.core.trackers import DialogueStateTracker

        q = {"s": sender}
        with self.engine.connect() as c:
            start = c.execute(sa.text(
                "SELECT id, data FROM events WHERE sender_id = :s AND type_name = 'session_started' "
                "ORDER BY id DESC LIMIT 1"
            ), q).first()  # fmt: skip
            listens = c.execute(sa.text(
                "SELECT id, data FROM events WHERE sender_id = :s AND type_name = 'action' AND action_name = "
                f"'action_listen' AND id > :after ORDER BY id DESC LIMIT {TURNS * SEARCH_FACTOR}"
            ), {**q, "after": start.id if start else -1}).all()  # fmt: skip
            for row in listens[TURNS - 1 :]:
                state = (json.loads(row.data).get("metadata") or {}).get(WINDOW_STATE_KEY)
                if isinstance(state, dict) and isinstance(state.get("slots"), dict):
                    ts = json.loads(row.data).get("timestamp")
                    head = [json.loads(start.data)] if start else []
                    head += [SlotSet(k, v, timestamp=ts).as_dict() for k, v in state["slots"].items()]
                    window = c.execute(sa.text(
                        "SELECT data FROM events WHERE sender_id = :s AND id >= :cut ORDER BY id"
                    ), {**q, "cut": row.id}).scalars()  # fmt: skip
                    tracker = DialogueStateTracker.from_dict(
                        sender, head + [json.loads(d) for d in window], self.domain.slots
                    )
                    if any(e is tracker.events[len(head)] for e in tracker.applied_events()):
                        return tracker
                    break
            latest = "(SELECT max(timestamp) FROM events WHERE sender_id = :s AND type_name = 'session_started')"
            rows = c.execute(sa.text(
                f"SELECT data FROM events WHERE sender_id = :s AND (timestamp >= {latest} OR {latest} IS NULL) "
                "ORDER BY id"
            ), q).scalars().all()  # fmt: skip
        events = [json.loads(d) for d in rows]
        return DialogueStateTracker.from_dict(sender, events, self.domain.slots) if events else None


class Compared(Conversation):
    """A Conversation whose every message first checks the cached tracker against the database's."""

    def __init__(self, store: Any, plain: Any, sender: str, clock: list[float]) -> None:
        super().__init__(store, sender)
        self.plain = plain
        self.shared_clock = clock
        self.checked = 0

    def _tick(self) -> float:  # one clock for every writer, as time.time() is
        self.shared_clock[0] += 0.01
        return self.shared_clock[0]

    async def _run(self, make_events: Any) -> Any:
        tracker = await self.store.retrieve(self.sender)
        assert events_of(tracker) == events_of(await self.plain.retrieve(self.sender))
        self.checked += 1
        if tracker is None:
            tracker = await self.store.create_tracker(self.sender, append_action_listen=False)
        for event in make_events(tracker):
            tracker.update(event, self.store.domain)
        await self.store.save(tracker)
        return tracker


async def _message(talk: Compared, rnd: random.Random) -> None:
    kind = rnd.choices(["turn", "slot", "revert", "loop", "session"], weights=[10, 4, 1, 1, 1])[0]
    if kind == "session":
        await talk.start_session()
    elif kind == "loop":  # a two-stage fallback loop over a few turns, longer than the window at times
        await talk.turn("hmm", "nlu_fallback", loop="action_two_stage_fallback")
        for i in range(rnd.randint(0, TURNS + 2)):
            await talk.turn(f"immer noch {i}", "nlu_fallback")
        await talk.turn("ok", "nlu_fallback", loop=None)
    else:
        slots = {"district": rnd.choice(["goslar", "nienburg", None])} if kind != "turn" else None
        await talk.turn(f"Frage {rnd.random():.3f}", rnd.choice(["ask_contact", "ask_hotline"]), slots,
                        revert=kind == "revert")  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2])
async def test_the_cache_returns_what_the_database_holds_whoever_writes(
    rasa_store: Any, store_url: str, seed: int
) -> None:
    from rasa.core.tracker_store import SQLTrackerStore

    assert rasa_store.cache_conversations > 0  # endpoints.yml: the cache is on
    domain = rasa_store.domain
    plain = Reference(store_url, domain)
    other = WindowedSQLTrackerStore(domain=domain, host=store_url)  # another Rasa process
    stock = SQLTrackerStore(domain=domain, host=store_url)  # Rasa's own store on the same table
    conversations = ConversationStore(store_url)
    rnd = random.Random(seed)
    clock = [1_700_000_000.0]
    talks = {sender: Compared(rasa_store, plain, sender, clock) for sender in SENDERS}
    others = {sender: Compared(other, plain, sender, clock) for sender in SENDERS}
    stocks = {sender: Compared(stock, plain, sender, clock) for sender in SENDERS}
    for sender in SENDERS:
        await talks[sender].start_session()
    for _ in range(150):
        sender = rnd.choice(SENDERS)
        action = rnd.choices(["ours", "other", "stock", "delete", "purge"], weights=[40, 4, 1, 1, 1])[0]
        if action == "ours":
            await _message(talks[sender], rnd)
        elif action == "other":
            others[sender].store = other
            await _message(others[sender], rnd)
        elif action == "stock":
            await stocks[sender].turn("alte Zeile")
        elif action == "delete":  # /delete_me
            conversations.delete(sender)
        else:  # the retention purge, with its cutoff somewhere in the recent past
            conversations.purge(1, now=clock[0] - rnd.uniform(0, 5) + 86_400)
        for each in SENDERS:  # what any reader would get now
            assert events_of(await rasa_store.retrieve(each)) == events_of(await plain.retrieve(each))
    assert sum(talk.checked for talk in talks.values()) > 100
    conversations.dispose()
    for store in (plain, other, stock):
        store.engine.dispose()


async def test_the_cache_reads_one_query_when_nothing_changed_and_refuses_bad_sizes(
    rasa_store: Any, store_url: str
) -> None:
    import sqlalchemy as sa

    talk = Conversation(rasa_store, "tg-count")
    await talk.start_session()
    for i in range(TURNS + 3):
        await talk.turn(f"Frage {i}")
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    sa.event.listen(rasa_store.engine, "before_cursor_execute", count)
    try:
        tracker = await rasa_store.retrieve("tg-count")
    finally:
        sa.event.remove(rasa_store.engine, "before_cursor_execute", count)
    assert len(statements) == 1  # the check of count, newest id and timestamp; the rows came from the cache
    assert [e.text for e in tracker.events if e.type_name == "user"][-1] == f"Frage {TURNS + 2}"
    with pytest.raises(ValueError, match="cache_conversations"):
        WindowedSQLTrackerStore(host=store_url, cache_conversations=-1)


async def test_a_loop_longer_than_the_search_is_read_whole_from_the_cache_as_from_the_database(
    rasa_store: Any, store_url: str
) -> None:
    plain = Reference(store_url, rasa_store.domain)
    talk = Compared(rasa_store, plain, "tg-long-loop", [1_700_000_000.0])
    await talk.start_session()
    for i in range(TURNS + 2):
        await talk.turn(f"Frage {i}")
    await talk.turn("hmm", "nlu_fallback", loop="action_two_stage_fallback")
    for i in range(4 * TURNS + 2):  # no state on any action_listen for longer than the cut is searched
        await talk.turn(f"immer noch {i}", "nlu_fallback")
    await talk.turn("ok", "nlu_fallback", loop=None)
    await talk.turn("weiter")
    assert events_of(await rasa_store.retrieve("tg-long-loop")) == events_of(await plain.retrieve("tg-long-loop"))
    assert talk.checked == 5 * TURNS + 8  # every message checked
    plain.engine.dispose()
