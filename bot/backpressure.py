"""Backpressure towards Rasa: a bounded number of requests in flight, the rest queued in arrival order.

One Rasa process answers about 25 messages a second on 2 cores whatever the number of
requests it is sent at once (BENCHMARKS.md: 25/s at concurrency 8, 27/s at 16, 25/s at 32,
while its p95 doubles with each step; measured again beside other work on the machine:
17-26/s at 8, 13-15/s at 16, 9/s at 32). Requests beyond what it works on at once only
wait inside Rasa – where the bot's deadline is already running, so a burst used to end in
"can't answer right now" although nothing was broken. `RasaQueue` keeps at most
RASA_MAX_IN_FLIGHT requests at Rasa (default 8: enough to keep one Rasa process busy, few
enough that its own latency stays far below the deadline) and lets the others wait here,
first come first served; `RasaClient.send` starts the RASA_TIMEOUT_SECONDS deadline only
once its request has its turn, so the deadline measures Rasa's own work and the fallback
reply is kept for Rasa or the action server really failing.

A queue that cannot drain is not hidden: a message waiting longer than
RASA_QUEUE_WARN_SECONDS is counted (`QueueStats.long_waits`) and logged as a WARNING at
most once a minute, with the queue length (never a user id or a text). It keeps its
place and gets its real answer when Rasa catches up.

`TypingBudget` keeps the "typing…" refreshes of many waiting chats from eating the
Bot API budget the replies need (python-telegram-bot's rate limiter counts chat actions
like messages, 30 a second in all).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)

WARN_INTERVAL_SECONDS = 60.0  # at most one queue warning a minute
TYPING_PER_SECOND = 5.0  # of the 30 Bot API calls a second python-telegram-bot's AIORateLimiter allows
TYPING_RETRY_SECONDS = 0.5  # a chat the TypingBudget refused asks again after this


@dataclass(frozen=True)
class QueueStats:
    """A snapshot of the queue to Rasa (`RasaQueue.stats()`)."""

    in_flight: int  # requests that have their turn (sent to Rasa or about to be)
    waiting: int  # messages queued for a turn
    peak_in_flight: int
    peak_waiting: int
    turns: int  # turns given so far (requests sent)
    long_waits: int  # messages that waited longer than RASA_QUEUE_WARN_SECONDS
    longest_wait_seconds: float  # the longest wait for a turn so far


class RasaQueue:
    """At most `max_in_flight` holders of a turn at once; the others wait in arrival order (FIFO).

    `async with queue.turn(): ...` waits for a turn, holds it for the block and passes it to the next waiter.
    """

    def __init__(
        self,
        max_in_flight: int,
        warn_after_seconds: float,
        clock: Callable[[], float] = time.monotonic,
        warn_interval_seconds: float = WARN_INTERVAL_SECONDS,
    ) -> None:
        if max_in_flight < 1:
            raise ValueError("max_in_flight must be 1 or more")
        self.max_in_flight = max_in_flight
        self.warn_after_seconds = warn_after_seconds
        self._clock = clock
        self._warn_interval = warn_interval_seconds
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._in_flight = 0  # turns held, including one handed to a waiter that has not woken yet
        self._peak_in_flight = 0
        self._peak_waiting = 0
        self._turns = 0
        self._long_waits = 0
        self._longest_wait = 0.0
        self._last_warning: float | None = None

    def stats(self) -> QueueStats:
        return QueueStats(
            in_flight=self._in_flight,
            waiting=len(self._waiters),
            peak_in_flight=self._peak_in_flight,
            peak_waiting=self._peak_waiting,
            turns=self._turns,
            long_waits=self._long_waits,
            longest_wait_seconds=self._longest_wait,
        )

    @contextlib.asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        await self._acquire()
        try:
            yield
        finally:
            self._release()

    async def _acquire(self) -> None:
        since = self._clock()
        if self._in_flight < self.max_in_flight and not self._waiters:
            self._in_flight += 1
            self._started(since)
            return
        loop = asyncio.get_running_loop()
        granted: asyncio.Future[None] = loop.create_future()
        self._waiters.append(granted)
        self._peak_waiting = max(self._peak_waiting, len(self._waiters))
        # Reported while it still waits: a queue that cannot drain must show before the message gets its turn.
        timer = loop.call_later(self.warn_after_seconds, self._check_waiting, granted)
        try:
            await granted
        except asyncio.CancelledError:
            if granted.done() and not granted.cancelled():
                self._release()  # the turn was handed to us: pass it on
            else:
                with contextlib.suppress(ValueError):
                    self._waiters.remove(granted)
            raise
        finally:
            timer.cancel()
        self._started(since)

    def _started(self, since: float) -> None:
        waited = self._clock() - since
        self._turns += 1
        self._peak_in_flight = max(self._peak_in_flight, self._in_flight)
        self._longest_wait = max(self._longest_wait, waited)

    def _release(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)  # the turn goes to the next waiter; in_flight stays
                return
        self._in_flight -= 1

    def _check_waiting(self, granted: asyncio.Future[None]) -> None:
        if not granted.done():
            self._waited_long()

    def _waited_long(self) -> None:
        self._long_waits += 1
        now = self._clock()
        if self._last_warning is not None and now - self._last_warning < self._warn_interval:
            return
        self._last_warning = now
        logger.warning(
            "Rasa queue: a message has waited more than %g s for its turn (%d waiting, %d of %d in flight; "
            "%d such messages so far); it keeps its place",
            self.warn_after_seconds,
            len(self._waiters),
            self._in_flight,
            self.max_in_flight,
            self._long_waits,
        )


class TypingBudget:
    """At most `per_second` "typing…" actions a second over all chats (a token bucket holding one second's worth).

    `take()` says whether a chat may send one now; `wait()` returns once it may (conversation._typing).
    """

    def __init__(self, per_second: float = TYPING_PER_SECOND, clock: Callable[[], float] = time.monotonic) -> None:
        self._rate = per_second
        self._tokens = per_second
        self._clock = clock
        self._at = clock()

    def take(self) -> bool:
        now = self._clock()
        self._tokens = min(self._rate, self._tokens + (now - self._at) * self._rate)
        self._at = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True

    async def wait(self) -> None:
        # Polling, not a queue: a chat whose reply came meanwhile is cancelled and must not hold a place.
        while not self.take():  # noqa: ASYNC110
            await asyncio.sleep(TYPING_RETRY_SECONDS)
