"""Intake backpressure: the bot takes updates from Telegram only while it has room for them.

An update the bot has taken from Telegram lives in its memory until its handlers finish:
queued in python-telegram-bot's update queue, then as a task waiting for its chat's lock, for a
turn at Rasa (`RasaQueue`, RASA_MAX_IN_FLIGHT) and for its replies to be sent. Without a bound, a
burst that arrives faster than Rasa and Telegram's send rate drain it is taken in whole (2,000
messages: +30 MB of RSS, which CPython keeps as its high-water mark). Telegram keeps an update
for 24 hours until a bot takes it, so the backlog is better left there.

`UpdateIntake` counts the pending updates (taken, not yet handled) and closes when
TELEGRAM_MAX_PENDING_UPDATES are pending; it opens again once they drained to
`resume_at` (3/4 of the bound), so a busy bot fetches in batches, not one update per call.

- `IntakeQueue`, the application's update queue, does the counting: every item put in is pending
  until python-telegram-bot calls `task_done()` for it, which it does once the update's handlers
  have finished (or it was dropped at shutdown).
- Polling: `IntakeBot.get_updates` waits until the intake is open and asks Telegram for at most
  as many updates as there is room for (`limit`), so the bound holds exactly and every update
  fetched is queued and confirmed with the next call, as before.
- Webhook: Telegram pushes. python-telegram-bot's webhook handler awaits `IntakeQueue.put`
  before it answers Telegram, so `put` holds the request while the intake is closed (Telegram
  sends at most `max_connections`, 40, at once) and, after WEBHOOK_HOLD_SECONDS without room,
  refuses it with 503. Telegram keeps a refused update and sends it again (the Bot API server
  retries with growing delays and drops an update only when it expires); holding beyond 60 s
  would be worse: Telegram gives up on the connection and sends the update again while the bot
  may already have it. The held requests go in together when the intake opens, so in webhook
  mode the bound can be passed by up to `max_connections` updates.

A closed intake is logged at WARNING (at most once a minute, with the counts, never an id or a
text) and counted (`UpdateIntake.stats()`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import tornado.web
from telegram import Update
from telegram.ext import ExtBot

logger = logging.getLogger(__name__)

RESUME_FRACTION = 0.75  # a closed intake opens again once the pending updates drained to this share of the bound
GET_UPDATES_LIMIT = 100  # Telegram's most updates per getUpdates call
WEBHOOK_HOLD_SECONDS = 20.0  # a webhook request waits this long for room, then gets 503 (Telegram waits 60 s)
WARN_INTERVAL_SECONDS = 60.0


@dataclass(frozen=True)
class IntakeStats:
    """A snapshot of the intake (`UpdateIntake.stats()`); counts since start."""

    pending: int  # updates taken from Telegram and not yet handled
    peak_pending: int
    closed: bool  # no updates are taken now
    closings: int  # how often the intake closed
    closed_seconds: float  # how long it was closed in all (until now, when closed)
    refused: int  # webhook requests answered 503 after WEBHOOK_HOLD_SECONDS without room


class UpdateIntake:
    """Counts the updates pending in the bot and tells when to take more.

    Closed from `max_pending` pending updates until they drained to `resume_at` (default
    3/4 of `max_pending`); `room()` is how many more may be taken now (0 while closed).
    Raises ValueError when `max_pending` < 1 or `resume_at` is not in [0, max_pending).
    """

    def __init__(
        self,
        max_pending: int,
        resume_at: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        warn_interval_seconds: float = WARN_INTERVAL_SECONDS,
    ) -> None:
        if max_pending < 1:
            raise ValueError("max_pending must be 1 or more")
        self.max_pending = max_pending
        self.resume_at = int(max_pending * RESUME_FRACTION) if resume_at is None else resume_at
        if not 0 <= self.resume_at < max_pending:
            raise ValueError("resume_at must be 0 or more and below max_pending")
        self._clock = clock
        self._warn_interval = warn_interval_seconds
        self._pending = 0
        self._peak = 0
        self._closed_since: float | None = None
        self._closings = 0
        self._closed_seconds = 0.0
        self._refused = 0
        self._last_warning: float | None = None
        self._opened = asyncio.Event()
        self._opened.set()

    @property
    def closed(self) -> bool:
        return self._closed_since is not None

    def room(self) -> int:
        """How many more updates may be taken now: 0 while closed, else max_pending - pending."""
        return 0 if self.closed else self.max_pending - self._pending

    async def wait_for_room(self) -> int:
        """Return once the intake is open, with room() (at least max_pending - resume_at)."""
        while self.closed:
            await self._opened.wait()
        return self.room()

    def taken(self) -> None:
        """One more update pending; closes the intake at max_pending."""
        self._pending += 1
        self._peak = max(self._peak, self._pending)
        if self._pending >= self.max_pending and not self.closed:
            self._close()

    def done(self) -> None:
        """One pending update handled (or dropped); opens the intake again at resume_at."""
        self._pending = max(0, self._pending - 1)
        if self.closed and self._pending <= self.resume_at:
            self._open()

    def refused(self) -> None:
        """A webhook request was refused for want of room (counted in stats().refused)."""
        self._refused += 1

    def stats(self) -> IntakeStats:
        now = self._clock()
        closed_for = now - self._closed_since if self._closed_since is not None else 0.0
        return IntakeStats(
            pending=self._pending,
            peak_pending=self._peak,
            closed=self.closed,
            closings=self._closings,
            closed_seconds=self._closed_seconds + closed_for,
            refused=self._refused,
        )

    def _close(self) -> None:
        now = self._clock()
        self._closed_since = now
        self._closings += 1
        self._opened.clear()
        if self._last_warning is not None and now - self._last_warning < self._warn_interval:
            return
        self._last_warning = now
        logger.warning(
            "Intake: %d updates pending in the bot; taking no more from Telegram (which keeps them) until %d are "
            "(closed %d times so far)",
            self._pending,
            self.resume_at,
            self._closings,
        )

    def _open(self) -> None:
        assert self._closed_since is not None
        self._closed_seconds += self._clock() - self._closed_since
        self._closed_since = None
        self._opened.set()


class IntakeQueue(asyncio.Queue[object]):
    """The application's update queue: counts what is put in and marked done in `intake`.

    With `hold_seconds` (webhook mode) `put` of an Update waits while the intake is closed and,
    after `hold_seconds` without room, raises tornado's HTTPError(503), which python-telegram-bot's
    webhook handler answers Telegram with. Without (polling) `put` never waits: IntakeBot fetched
    only what there is room for. Other items (python-telegram-bot's stop signal) are never held.
    """

    def __init__(self, intake: UpdateIntake, hold_seconds: float | None = None) -> None:
        super().__init__()
        self.intake = intake
        self._hold_seconds = hold_seconds

    async def put(self, item: object) -> None:
        if self._hold_seconds is not None and isinstance(item, Update) and self.intake.closed:
            try:
                await asyncio.wait_for(self.intake.wait_for_room(), self._hold_seconds)
            except asyncio.TimeoutError:
                self.intake.refused()
                raise tornado.web.HTTPError(503, reason="Bot busy, send again later") from None
        self.put_nowait(item)

    def put_nowait(self, item: object) -> None:
        super().put_nowait(item)
        self.intake.taken()

    def task_done(self) -> None:
        super().task_done()
        self.intake.done()


class IntakeBot(ExtBot[Any]):
    """python-telegram-bot's ExtBot whose long-polling `get_updates` first waits for room in `intake`
    and asks for at most that many updates (the Updater calls it in a loop while polling).

    A call without long polling (timeout 0: the Updater's last call at shutdown, which only confirms
    what it fetched) does not wait, so stopping is never held up by a closed intake.
    """

    def __init__(self, intake: UpdateIntake, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._intake = intake

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: int | dt.timedelta | None = None,
        allowed_updates: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> tuple[Update, ...]:
        """Bot.get_updates with `limit` cut to the intake's room, after waiting for room when long polling."""
        room = await self._intake.wait_for_room() if timeout else self._intake.room()
        return await super().get_updates(
            offset=offset,
            limit=max(1, min(limit or GET_UPDATES_LIMIT, room)),
            timeout=timeout,
            allowed_updates=allowed_updates,
            **kwargs,
        )
