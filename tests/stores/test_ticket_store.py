"""bot/tickets.py on both store families: SQLite (the default) and PostgreSQL (docker-compose).

One ticket's whole life on each: offer, ticket, the staff group's message ids, answer, follow-up,
close, the staff report's times, /delete_me and the retention purge.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.tickets import METADATA, TicketStore

from .conftest import sqlite_then_postgres

GROUP = -1001234567890
ALICE, BOB = 4242, 4343
DAY = 24 * 3600.0


@pytest.fixture(params=["sqlite", "postgresql"])
def ticket_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh SQLite file, then the session's PostgreSQL database (ticket tables dropped afterwards)."""
    yield from sqlite_then_postgres(request, tmp_path, "tickets.db", METADATA.drop_all)


def test_a_ticket_from_offer_to_purge(ticket_url: str) -> None:
    store = TicketStore(ticket_url)
    start = 1_800_000_000.0
    offer_id = store.add_offer(ALICE, "Wie finde ich eine Wohnung?", "ar", "nienburg", GROUP, "out_of_scope")
    assert store.offer(offer_id, BOB) is None  # another user's offer is no one else's
    offer = store.offer(offer_id, ALICE)
    assert offer is not None
    ticket = store.open_ticket(offer, now=start)
    store.posted(ticket, offer_id, message_id=10, now=start)
    assert store.ticket_for_message(GROUP, 10) == store.ticket(ticket.id)
    assert store.ticket_for_message(GROUP, 11) is None
    assert store.first_post(ticket) == 10

    store.answered(ticket, message_id=11, text="Bitte rufen Sie die Koordinierungsstelle an.", delivered=True,
                   now=start + 600)  # fmt: skip
    waiting = store.awaiting_follow_up(ALICE)
    assert waiting is not None
    assert waiting.id == ticket.id
    assert store.awaiting_follow_up(BOB) is None
    store.followed_up(ticket, message_id=12, now=start + 900)
    assert store.awaiting_follow_up(ALICE) is None
    store.close(ticket, now=start + 1200)
    closed = store.ticket(ticket.id)
    assert closed is not None
    assert closed.closed

    times = list(store.ticket_times(since=start - 1))
    assert [(t.district, t.opened_at, t.first_answer_at) for t in times] == [("nienburg", start, start + 600)]

    # Bob's ticket stays when Alice deletes hers; the bot's posts come back for deleteMessage.
    bob_offer = store.offer(store.add_offer(BOB, "Jobcenter?", "ru", "goslar", GROUP, "out_of_scope"), BOB)
    assert bob_offer is not None
    bob_ticket = store.open_ticket(bob_offer, now=start)
    store.posted(bob_ticket, bob_offer.id, message_id=20, now=start)
    assert store.delete_chat(ALICE) == [(GROUP, 10), (GROUP, 12)]  # not the staff answer (11)
    assert store.ticket(ticket.id) is None
    assert store.ticket(bob_ticket.id) is not None

    assert store.purge(retention_days=30, now=start + 29 * DAY) == 0
    assert store.purge(retention_days=30, now=start + 31 * DAY) == 1
    assert store.ticket(bob_ticket.id) is None
    store.dispose()
