"""Rasa's stored conversations: erase one user, purge old events, read them for the staff report.

Rasa's SQLTrackerStore writes one row per event into the `events` table of
TRACKER_STORE_URL (SQLite by default, PostgreSQL in docker-compose). This module
works on that table through SQLAlchemy with the same URL, so the action server
and the command-line tools need no Rasa import. The table may not exist yet
(Rasa creates it on its first start): then there is nothing to delete or read.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

SECONDS_PER_DAY = 86_400

# The columns of rasa.core.tracker_store.SQLTrackerStore.SQLEvent that are used here.
_METADATA = sa.MetaData()
EVENTS = sa.Table(
    "events",
    _METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)


@dataclass(frozen=True)
class UserMessage:
    """One user message as the staff report sees it: no sender id."""

    text: str
    intent: str | None
    confidence: float | None
    metadata: dict[str, Any]
    timestamp: float


@dataclass(frozen=True)
class PurgeResult:
    events: int
    conversations: int


class ConversationStore:
    def __init__(self, url: str) -> None:
        self._engine = sa.create_engine(url, future=True)

    def _has_events_table(self) -> bool:
        return sa.inspect(self._engine).has_table("events")

    def delete(self, sender_id: str) -> int:
        """Erase every stored event of one conversation; returns how many there were."""
        if not self._has_events_table():
            return 0
        with self._engine.begin() as connection:
            result = connection.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id == sender_id))
        return int(result.rowcount or 0)

    def purge(self, retention_days: float, now: float | None = None) -> PurgeResult:
        """Delete every event older than the retention period (whole conversations when all of it is old)."""
        if not self._has_events_table():
            return PurgeResult(events=0, conversations=0)
        cutoff = (time.time() if now is None else now) - retention_days * SECONDS_PER_DAY
        with self._engine.begin() as connection:
            gone = connection.execute(
                sa.select(EVENTS.c.sender_id)
                .group_by(EVENTS.c.sender_id)
                .having(sa.func.max(EVENTS.c.timestamp) < cutoff)
            ).scalars()
            conversations = len(list(gone))
            result = connection.execute(sa.delete(EVENTS).where(EVENTS.c.timestamp < cutoff))
        return PurgeResult(events=int(result.rowcount or 0), conversations=conversations)

    def senders(self) -> list[str]:
        if not self._has_events_table():
            return []
        with self._engine.connect() as connection:
            return list(connection.execute(sa.select(EVENTS.c.sender_id).distinct()).scalars())

    def user_messages(self, since: float) -> Iterator[UserMessage]:
        """User messages stored since `since` (epoch seconds), oldest first."""
        if not self._has_events_table():
            return
        query = (
            sa.select(EVENTS.c.data, EVENTS.c.timestamp)
            .where(EVENTS.c.type_name == "user", EVENTS.c.timestamp >= since)
            .order_by(EVENTS.c.timestamp)
        )
        with self._engine.connect() as connection:
            for data, timestamp in connection.execute(query):
                try:
                    event = json.loads(data)
                except (TypeError, ValueError):
                    continue
                parse = event.get("parse_data") or {}
                intent = parse.get("intent") or {}
                metadata = event.get("metadata")
                yield UserMessage(
                    text=str(event.get("text") or ""),
                    intent=intent.get("name"),
                    confidence=intent.get("confidence"),
                    metadata=metadata if isinstance(metadata, dict) else {},
                    timestamp=float(timestamp or 0),
                )

    def dispose(self) -> None:
        self._engine.dispose()
