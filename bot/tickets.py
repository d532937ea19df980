"""The ticket store of the human handover: pending offers, tickets, their staff-group messages and events.

SQLAlchemy Core on TICKET_STORE_URL (SQLite `var/tickets.db` by default, PostgreSQL in
docker-compose, next to Rasa's conversations), so tickets survive restarts of every process.
Every call is synchronous and short; the bot runs them in a thread (`asyncio.to_thread`).

What is kept, and why:

- `handover_offers`: an "Ask a person" offer not tapped yet: the chat it was made in, the
  question as written, its language and the staff group. Offers expire after 24 hours.
- `tickets`: the chat the answer goes to (the Telegram chat id: in a private chat the user's
  id, which never leaves this store), district, staff group, language, open/closed, whether
  the user's next message is a follow-up, when it was opened and last active.
- `ticket_messages`: the staff group's message ids that belong to a ticket (the bot's ticket
  and follow-up posts, the staff's answers), so a staff reply finds its ticket and /delete_me
  can delete the bot's posts. The text only of staff answers (kept when they could not be
  delivered); never of the user's questions.
- `ticket_events`: opened, answered, follow-up, closed, with their times (for `make report`).

Tickets are deleted by /delete_me (all of one chat) and by the retention purge (last
activity older than RETENTION_DAYS).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

SECONDS_PER_DAY = 86_400
OFFER_TTL_SECONDS = 24 * 3600

METADATA = sa.MetaData()
OFFERS = sa.Table(
    "handover_offers",
    METADATA,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("chat_id", sa.BigInteger, nullable=False, index=True),
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("locale", sa.String(16), nullable=False),
    sa.Column("district", sa.String(64)),  # None: the default group, no district known
    sa.Column("group_chat_id", sa.BigInteger, nullable=False),
    sa.Column("reason", sa.String(32), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)
TICKETS = sa.Table(
    "tickets",
    METADATA,
    sa.Column("id", sa.String(16), primary_key=True),  # T-4821
    sa.Column("chat_id", sa.BigInteger, nullable=False, index=True),
    sa.Column("district", sa.String(64)),
    sa.Column("group_chat_id", sa.BigInteger, nullable=False),
    sa.Column("locale", sa.String(16), nullable=False),
    sa.Column("status", sa.String(8), nullable=False),  # open | closed
    sa.Column("awaiting_follow_up", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("last_activity", sa.Float, nullable=False, index=True),
)
MESSAGES = sa.Table(
    "ticket_messages",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ticket_id", sa.String(16), nullable=False, index=True),
    sa.Column("group_chat_id", sa.BigInteger, nullable=False),
    sa.Column("message_id", sa.BigInteger, nullable=False),
    sa.Column("author", sa.String(8), nullable=False),  # bot | staff
    sa.Column("kind", sa.String(16), nullable=False),  # question | follow_up | answer | note
    sa.Column("text", sa.Text),  # staff answers only
    sa.Column("delivered", sa.Boolean),  # staff answers only
    sa.Column("at", sa.Float, nullable=False),
    sa.UniqueConstraint("group_chat_id", "message_id", name="uq_ticket_messages_group_message"),
)
EVENTS = sa.Table(
    "ticket_events",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ticket_id", sa.String(16), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),  # opened | answered | follow_up | closed
    sa.Column("at", sa.Float, nullable=False),
)
TABLES = (OFFERS, TICKETS, MESSAGES, EVENTS)


@dataclass(frozen=True)
class Offer:
    id: str
    chat_id: int
    question: str
    locale: str
    district: str | None
    group_chat_id: int
    reason: str
    created_at: float


@dataclass(frozen=True)
class Ticket:
    id: str
    chat_id: int
    district: str | None
    group_chat_id: int
    locale: str
    status: str
    awaiting_follow_up: bool
    created_at: float
    last_activity: float

    @property
    def closed(self) -> bool:
        return self.status == "closed"


@dataclass(frozen=True)
class TicketTimes:
    """One ticket as `make report` sees it: no chat id."""

    district: str | None
    opened_at: float
    first_answer_at: float | None


class TicketStore:
    """The tables above on one SQLAlchemy engine; `create=False` reads an existing store without creating it."""

    def __init__(self, url: str, *, create: bool = True) -> None:
        parsed = make_url(url)
        if create and parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # hide_parameters: a database error logged with its statement never shows a chat id or a question.
        self._engine = sa.create_engine(url, future=True, hide_parameters=True)
        if create:
            METADATA.create_all(self._engine)

    def exists(self) -> bool:
        """Whether the tables are there (a store the bot never used has none)."""
        return sa.inspect(self._engine).has_table(TICKETS.name)

    @classmethod
    def existing(cls, url: str) -> TicketStore | None:
        """The store at `url` if the bot ever created it, else None; creates nothing (for `make purge`/`report`)."""
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and not (parsed.database and Path(parsed.database).is_file()):
            return None
        store = cls(url, create=False)
        if not store.exists():
            store.dispose()
            return None
        return store

    def dispose(self) -> None:
        self._engine.dispose()

    # Offers -------------------------------------------------------------------------------------

    def add_offer(
        self,
        chat_id: int,
        question: str,
        locale: str,
        district: str | None,
        group_chat_id: int,
        reason: str,
        now: float | None = None,
    ) -> str:
        """Keep an offer until it is tapped (or expires); returns its id, the button's payload."""
        offer_id = secrets.token_urlsafe(12)
        with self._engine.begin() as connection:
            connection.execute(
                OFFERS.insert().values(
                    id=offer_id,
                    chat_id=chat_id,
                    question=question,
                    locale=locale,
                    district=district,
                    group_chat_id=group_chat_id,
                    reason=reason,
                    created_at=_now(now),
                )
            )
        return offer_id

    def offer(self, offer_id: str, chat_id: int, now: float | None = None) -> Offer | None:
        """The offer, if it was made in this chat and is less than 24 hours old."""
        cutoff = _now(now) - OFFER_TTL_SECONDS
        with self._engine.connect() as connection:
            row = connection.execute(
                sa.select(OFFERS).where(
                    OFFERS.c.id == offer_id, OFFERS.c.chat_id == chat_id, OFFERS.c.created_at >= cutoff
                )
            ).first()
        return Offer(**row._mapping) if row else None

    # Tickets ------------------------------------------------------------------------------------

    def open_ticket(self, offer: Offer, now: float | None = None) -> Ticket:
        """A new open ticket from an offer, with a short unique id (T-1000 … T-9999, longer when those run out)."""
        at = _now(now)
        for attempt in range(200):
            digits = 4 if attempt < 100 else 6
            ticket = Ticket(
                id=f"T-{secrets.randbelow(9 * 10 ** (digits - 1)) + 10 ** (digits - 1)}",
                chat_id=offer.chat_id,
                district=offer.district,
                group_chat_id=offer.group_chat_id,
                locale=offer.locale,
                status="open",
                awaiting_follow_up=False,
                created_at=at,
                last_activity=at,
            )
            try:
                with self._engine.begin() as connection:
                    connection.execute(TICKETS.insert().values(**ticket.__dict__))
                    connection.execute(EVENTS.insert().values(ticket_id=ticket.id, kind="opened", at=at))
            except sa.exc.IntegrityError:
                continue
            return ticket
        raise RuntimeError("no free ticket number")

    def posted(self, ticket: Ticket, offer_id: str, message_id: int, now: float | None = None) -> None:
        """The ticket is in its staff group as `message_id`: remember that, and the offer is used up."""
        with self._engine.begin() as connection:
            self._add_message(connection, ticket, message_id, "bot", "question", _now(now))
            connection.execute(OFFERS.delete().where(OFFERS.c.id == offer_id))

    def discard(self, ticket_id: str) -> None:
        """Forget a ticket that could not be posted to its staff group."""
        with self._engine.begin() as connection:
            _delete_tickets(connection, [ticket_id])

    def ticket(self, ticket_id: str) -> Ticket | None:
        with self._engine.connect() as connection:
            row = connection.execute(sa.select(TICKETS).where(TICKETS.c.id == ticket_id)).first()
        return Ticket(**row._mapping) if row else None

    def ticket_for_message(self, group_chat_id: int, message_id: int) -> Ticket | None:
        """The ticket a staff-group message belongs to (the bot's post or a staff answer), if any."""
        query = (
            sa.select(TICKETS)
            .join(MESSAGES, MESSAGES.c.ticket_id == TICKETS.c.id)
            .where(MESSAGES.c.group_chat_id == group_chat_id, MESSAGES.c.message_id == message_id)
        )
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        return Ticket(**row._mapping) if row else None

    def first_post(self, ticket: Ticket) -> int | None:
        """The message id of the ticket's first post in its staff group (follow-ups reply to it)."""
        query = (
            sa.select(MESSAGES.c.message_id)
            .where(MESSAGES.c.ticket_id == ticket.id, MESSAGES.c.author == "bot", MESSAGES.c.kind == "question")
            .order_by(MESSAGES.c.id)
        )
        with self._engine.connect() as connection:
            return connection.execute(query).scalars().first()

    def answered(self, ticket: Ticket, message_id: int, text: str, delivered: bool, now: float | None = None) -> None:
        """A staff answer: kept with the ticket; once delivered, the user's next message is a follow-up."""
        at = _now(now)
        with self._engine.begin() as connection:
            self._add_message(connection, ticket, message_id, "staff", "answer", at, text=text, delivered=delivered)
            connection.execute(EVENTS.insert().values(ticket_id=ticket.id, kind="answered", at=at))
            follow_up = {"awaiting_follow_up": True} if delivered else {}
            connection.execute(TICKETS.update().where(TICKETS.c.id == ticket.id).values(last_activity=at, **follow_up))

    def undelivered(self, ticket: Ticket, message_id: int) -> None:
        """The answer `message_id` could not be delivered after all: kept, marked, and no follow-up expected."""
        with self._engine.begin() as connection:
            connection.execute(
                MESSAGES.update()
                .where(MESSAGES.c.group_chat_id == ticket.group_chat_id, MESSAGES.c.message_id == message_id)
                .values(delivered=False)
            )
            connection.execute(TICKETS.update().where(TICKETS.c.id == ticket.id).values(awaiting_follow_up=False))

    def awaiting_follow_up(self, chat_id: int) -> Ticket | None:
        """The open ticket of this chat whose answer the user's next message follows up, if any."""
        query = (
            sa.select(TICKETS)
            .where(TICKETS.c.chat_id == chat_id, TICKETS.c.status == "open", TICKETS.c.awaiting_follow_up.is_(True))
            .order_by(TICKETS.c.last_activity.desc())
        )
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        return Ticket(**row._mapping) if row else None

    def followed_up(self, ticket: Ticket, message_id: int, now: float | None = None) -> None:
        """The user's follow-up is in the staff group as `message_id`; the next message goes to the bot again."""
        at = _now(now)
        with self._engine.begin() as connection:
            self._add_message(connection, ticket, message_id, "bot", "follow_up", at)
            connection.execute(EVENTS.insert().values(ticket_id=ticket.id, kind="follow_up", at=at))
            connection.execute(
                TICKETS.update().where(TICKETS.c.id == ticket.id).values(last_activity=at, awaiting_follow_up=False)
            )

    def noted(self, ticket: Ticket, message_id: int, now: float | None = None) -> None:
        """A note of the bot in the staff group about this ticket (deleted with it by /delete_me)."""
        with self._engine.begin() as connection:
            self._add_message(connection, ticket, message_id, "bot", "note", _now(now))

    def close(self, ticket: Ticket, now: float | None = None) -> None:
        at = _now(now)
        with self._engine.begin() as connection:
            connection.execute(EVENTS.insert().values(ticket_id=ticket.id, kind="closed", at=at))
            connection.execute(
                TICKETS.update()
                .where(TICKETS.c.id == ticket.id)
                .values(status="closed", awaiting_follow_up=False, last_activity=at)
            )

    def undelivered_answers(self, ticket_id: str) -> list[str]:
        """Staff answers of the ticket that could not be delivered (the user had blocked the bot)."""
        query = (
            sa.select(MESSAGES.c.text)
            .where(MESSAGES.c.ticket_id == ticket_id, MESSAGES.c.kind == "answer", MESSAGES.c.delivered.is_(False))
            .order_by(MESSAGES.c.id)
        )
        with self._engine.connect() as connection:
            return [str(text) for text in connection.execute(query).scalars()]

    # Deleting -----------------------------------------------------------------------------------

    def delete_chat(self, chat_id: int) -> list[tuple[int, int]]:
        """Delete every ticket and offer of one chat (/delete_me); returns the bot's posts
        in the staff groups as (group chat id, message id), for deleteMessage."""
        with self._engine.begin() as connection:
            ticket_ids = list(connection.execute(sa.select(TICKETS.c.id).where(TICKETS.c.chat_id == chat_id)).scalars())
            posts = [
                (int(group), int(message))
                for group, message in connection.execute(
                    sa.select(MESSAGES.c.group_chat_id, MESSAGES.c.message_id)
                    .where(MESSAGES.c.ticket_id.in_(ticket_ids), MESSAGES.c.author == "bot")
                    .order_by(MESSAGES.c.id)
                )
            ]
            _delete_tickets(connection, ticket_ids)
            connection.execute(OFFERS.delete().where(OFFERS.c.chat_id == chat_id))
        return posts

    def purge(self, retention_days: float, now: float | None = None) -> int:
        """Delete tickets whose last activity is older than the retention period, and expired offers;
        returns how many tickets."""
        at = _now(now)
        cutoff = at - retention_days * SECONDS_PER_DAY
        with self._engine.begin() as connection:
            old = list(connection.execute(sa.select(TICKETS.c.id).where(TICKETS.c.last_activity < cutoff)).scalars())
            _delete_tickets(connection, old)
            connection.execute(OFFERS.delete().where(OFFERS.c.created_at < at - OFFER_TTL_SECONDS))
        return len(old)

    # The staff report ---------------------------------------------------------------------------

    def ticket_times(self, since: float) -> Iterator[TicketTimes]:
        """Per ticket opened since `since`: district, when opened, when first answered (no chat ids)."""
        first_answer = (
            sa.select(EVENTS.c.ticket_id, sa.func.min(EVENTS.c.at).label("first_answer_at"))
            .where(EVENTS.c.kind == "answered")
            .group_by(EVENTS.c.ticket_id)
            .subquery()
        )
        query = (
            sa.select(TICKETS.c.district, TICKETS.c.created_at, first_answer.c.first_answer_at)
            .select_from(TICKETS.outerjoin(first_answer, first_answer.c.ticket_id == TICKETS.c.id))
            .where(TICKETS.c.created_at >= since)
            .order_by(TICKETS.c.created_at)
        )
        with self._engine.connect() as connection:
            for district, opened_at, first_answer_at in connection.execute(query):
                yield TicketTimes(
                    district, float(opened_at), float(first_answer_at) if first_answer_at is not None else None
                )

    @staticmethod
    def _add_message(
        connection: sa.engine.Connection,
        ticket: Ticket,
        message_id: int,
        author: str,
        kind: str,
        at: float,
        text: str | None = None,
        delivered: bool | None = None,
    ) -> None:
        connection.execute(
            MESSAGES.insert().values(
                ticket_id=ticket.id,
                group_chat_id=ticket.group_chat_id,
                message_id=message_id,
                author=author,
                kind=kind,
                text=text,
                delivered=delivered,
                at=at,
            )
        )


def _delete_tickets(connection: sa.engine.Connection, ticket_ids: list[str]) -> None:
    if not ticket_ids:
        return
    for table in (MESSAGES, EVENTS):
        connection.execute(table.delete().where(table.c.ticket_id.in_(ticket_ids)))
    connection.execute(TICKETS.delete().where(TICKETS.c.id.in_(ticket_ids)))


def _now(now: float | None) -> float:
    return time.time() if now is None else now
