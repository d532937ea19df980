"""Backpressure: a burst waits in the bot's queue and gets its real answers; the deadline covers only Rasa's work.

The offline bot (python-telegram-bot's own update queue and concurrent processing, a
recording OfflineRequest for Telegram) in front of a slow, refusing or hanging fake Rasa.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application

from bot.backpressure import QueueStats, RasaQueue, TypingBudget
from bot.services import BotServices
from bot.texts import LocalTexts
from scripts.stack import free_port

from ..support.applications import bot_services, offline_application, offline_settings
from ..support.factories import text_update
from ..support.fake_bot_api import OfflineRequest
from ..support.fake_rasa import FakeRasa
from ..support.replies import uses_template

TIMEOUT = 2.0  # RASA_TIMEOUT_SECONDS in these tests
CANNOT_ANSWER = "utter_cannot_answer_now"

OfflineBot = tuple[Application, OfflineRequest, BotServices]
MakeBot = Callable[..., AbstractAsyncContextManager[OfflineBot]]


@pytest.fixture
def make_bot(fake_rasa: tuple[FakeRasa, str], local_texts: LocalTexts, tmp_path: Path) -> MakeBot:
    """An offline bot on the fake Rasa (or `rasa_url`) with BotSettings `overrides`."""

    @asynccontextmanager
    async def started(**overrides: Any) -> AsyncIterator[OfflineBot]:
        rasa_url = overrides.pop("rasa_url", fake_rasa[1])
        settings = offline_settings(rasa_url, tmp_path, **{"rasa_timeout_seconds": TIMEOUT, **overrides})
        services = bot_services(settings, local_texts)
        async with offline_application(settings, services) as (application, request):
            yield application, request, services

    return started


def stats(services: BotServices) -> QueueStats:
    assert services.rasa_queue is not None
    return services.rasa_queue.stats()


def cannot_answer(services: BotServices, locale: str = "de") -> str:
    return services.texts.render(CANNOT_ANSWER, locale)["text"]


async def timed(application: Application, update: Update) -> float:
    """Seconds until the update was handled (its replies sent)."""
    started = time.monotonic()
    await application.process_update(update)
    return time.monotonic() - started


# The queue itself -----------------------------------------------------------------------------


async def test_the_queue_gives_at_most_n_turns_at_once_in_arrival_order() -> None:
    queue = RasaQueue(max_in_flight=2, warn_after_seconds=60)
    order: list[int] = []
    holding = 0
    most = 0

    async def use(number: int) -> None:
        nonlocal holding, most
        async with queue.turn():
            order.append(number)
            holding += 1
            most = max(most, holding)
            await asyncio.sleep(0.01 * (number % 3))
            holding -= 1

    await asyncio.gather(*(use(n) for n in range(20)))
    assert order == list(range(20))
    assert most == 2
    snapshot = queue.stats()
    assert (snapshot.in_flight, snapshot.waiting, snapshot.turns) == (0, 0, 20)
    assert (snapshot.peak_in_flight, snapshot.peak_waiting) == (2, 18)


async def test_a_waiter_that_gives_up_leaves_no_turn_behind() -> None:
    queue = RasaQueue(max_in_flight=1, warn_after_seconds=60)
    release = asyncio.Event()

    async def hold() -> None:
        async with queue.turn():
            await release.wait()

    holder = asyncio.create_task(hold())
    await asyncio.sleep(0)
    quitter = asyncio.create_task(hold())
    await asyncio.sleep(0)
    assert queue.stats().waiting == 1
    quitter.cancel()
    await asyncio.gather(quitter, return_exceptions=True)
    assert queue.stats().waiting == 0
    release.set()
    await holder
    async with queue.turn():  # the turn is free again
        assert queue.stats().in_flight == 1
    assert queue.stats().in_flight == 0


async def test_a_turn_handed_to_a_cancelled_waiter_passes_on() -> None:
    queue = RasaQueue(max_in_flight=1, warn_after_seconds=60)
    got: list[str] = []

    async def take(name: str) -> None:
        async with queue.turn():
            got.append(name)

    async with queue.turn():
        second = asyncio.create_task(take("second"))
        third = asyncio.create_task(take("third"))
        await asyncio.sleep(0)
    second.cancel()  # the turn was handed to it on release, but it never woke up to use it
    await asyncio.gather(second, third, return_exceptions=True)
    assert got == ["third"]
    assert second.cancelled()
    assert queue.stats() == QueueStats(0, 0, 1, 2, 2, 0, queue.stats().longest_wait_seconds)


def test_the_typing_budget_refills_at_its_rate() -> None:
    now = [100.0]
    budget = TypingBudget(per_second=5, clock=lambda: now[0])
    assert [budget.take() for _ in range(6)] == [True] * 5 + [False]
    now[0] += 0.2
    assert [budget.take() for _ in range(2)] == [True, False]
    now[0] += 60  # never more than one second's worth
    assert sum(budget.take() for _ in range(10)) == 5


# Through the bot ------------------------------------------------------------------------------

BURST_CHATS, BURST_PER_CHAT, IN_FLIGHT, RASA_SECONDS = 50, 4, 8, 0.25
BURST_TIMEOUT = 1.0  # a round of the queue (50 chats, 8 at a time, 0.25 s each) takes 1.6 s


async def test_a_burst_waits_its_turn_and_every_message_gets_its_real_answer_in_order(
    make_bot: MakeBot, fake_rasa: tuple[FakeRasa, str]
) -> None:
    """200 messages from 50 chats at once, Rasa 0.25 s each, 8 at a time, a 1 s deadline.

    A chat's message waits ~1.5 s for its turn (the other chats' messages first; the last ones ~6 s since they
    arrived): beyond the deadline, which therefore must not count the queue.
    """
    rasa = fake_rasa[0]
    rasa.delay, rasa.echo_parts = RASA_SECONDS, 1
    bot = make_bot(rasa_max_in_flight=IN_FLIGHT, rasa_timeout_seconds=BURST_TIMEOUT)
    async with bot as (application, telegram, services):
        await application.start()  # python-telegram-bot's update queue and concurrent handling, as in production
        try:
            started = time.monotonic()
            for n in range(BURST_PER_CHAT):
                for chat in range(BURST_CHATS):
                    text = f"chat {chat} message {n}"
                    await application.update_queue.put(text_update(application.bot, text, chat_id=1000 + chat))
            total = BURST_CHATS * BURST_PER_CHAT
            while len(telegram.sent()) < total and time.monotonic() - started < 60:  # noqa: ASYNC110
                await asyncio.sleep(0.1)
            elapsed = time.monotonic() - started
        finally:
            await application.stop()
    replies = telegram.sent()
    assert not [r for r in replies if uses_template(r["text"], CANNOT_ANSWER)]  # in whichever language
    for chat in range(BURST_CHATS):
        texts = [r["text"] for r in replies if r["chat_id"] == 1000 + chat]
        assert texts == [f"chat {chat} message {n} #1" for n in range(BURST_PER_CHAT)], texts
        sent_to_rasa = [r["message"] for r in rasa.requests if r["sender"] == f"tg-{1000 + chat}"]
        assert sent_to_rasa == [f"chat {chat} message {n}" for n in range(BURST_PER_CHAT)]
    assert rasa.max_in_flight == IN_FLIGHT  # the queue was used to the full, and never more
    snapshot = stats(services)
    assert snapshot.peak_in_flight == IN_FLIGHT
    assert snapshot.turns == len(rasa.requests) == total
    # Queued longer than RASA_TIMEOUT_SECONDS without a single "can't answer now": the queue is not timed.
    assert snapshot.longest_wait_seconds > BURST_TIMEOUT
    assert elapsed >= total / IN_FLIGHT * RASA_SECONDS * 0.9
    assert "sendChatAction" in [c.method for c in telegram.calls]


async def test_typing_shows_while_a_message_waits_for_its_turn(
    make_bot: MakeBot, fake_rasa: tuple[FakeRasa, str]
) -> None:
    rasa = fake_rasa[0]
    rasa.delay = 1.0
    async with make_bot(rasa_max_in_flight=1) as (application, telegram, services):
        first = asyncio.create_task(application.process_update(text_update(application.bot, "eins", chat_id=1)))
        second = asyncio.create_task(application.process_update(text_update(application.bot, "zwei", chat_id=2)))
        await asyncio.sleep(0.3)
        assert [r["sender"] for r in rasa.requests] == ["tg-1"]  # chat 2 waits for its turn …
        assert stats(services).waiting == 1
        typing = [c.params["chat_id"] for c in telegram.calls if c.method == "sendChatAction"]
        assert 2 in typing  # … and sees "typing…" meanwhile
        await asyncio.gather(first, second)
    assert [r["text"] for r in telegram.sent()] == ["Antwort von Rasa", "Antwort von Rasa"]


async def test_refused_connections_give_the_fallback_within_the_deadline_plus_1_s(make_bot: MakeBot) -> None:
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    async with make_bot(rasa_url=closed, rasa_max_in_flight=2) as (application, telegram, services):
        updates = [text_update(application.bot, "Telefonnummer Nienburg", chat_id=2000 + n) for n in range(6)]
        seconds = await asyncio.gather(*(timed(application, update) for update in updates))
    assert max(seconds) <= TIMEOUT + 1.0, seconds
    assert [r["text"] for r in telegram.sent()] == [cannot_answer(services)] * 6


async def test_a_request_that_hangs_once_sent_gets_the_fallback_within_the_deadline_plus_1_s(
    make_bot: MakeBot, fake_rasa: tuple[FakeRasa, str]
) -> None:
    rasa = fake_rasa[0]
    rasa.hang = True
    async with make_bot(rasa_max_in_flight=1) as (application, telegram, services):
        first, second = await asyncio.gather(
            timed(application, text_update(application.bot, "Hallo?", chat_id=1)),
            timed(application, text_update(application.bot, "Hallo?", chat_id=2)),
        )
    assert TIMEOUT - 0.1 <= first <= TIMEOUT + 1.0, first
    # The second message waited for the first's turn (~2 s) before its own deadline started.
    assert 2 * TIMEOUT - 0.2 <= second <= 2 * (TIMEOUT + 1.0), second
    assert [r["text"] for r in telegram.sent()] == [cannot_answer(services)] * 2


async def test_a_long_wait_is_logged_once_and_counted_but_the_message_still_gets_its_answer(
    make_bot: MakeBot, fake_rasa: tuple[FakeRasa, str], caplog: pytest.LogCaptureFixture
) -> None:
    rasa = fake_rasa[0]
    rasa.delay = 0.5
    caplog.set_level(logging.INFO)
    secret = "Mein Name ist Amira Beispiel"
    async with make_bot(rasa_max_in_flight=1, rasa_queue_warn_seconds=0.2) as (application, telegram, services):
        updates = [text_update(application.bot, secret, chat_id=31_000 + n) for n in range(4)]
        await asyncio.gather(*(application.process_update(update) for update in updates))
    assert [r["text"] for r in telegram.sent()] == ["Antwort von Rasa"] * 4  # nothing dropped
    snapshot = stats(services)
    assert snapshot.long_waits == 3  # chats 2-4 waited 0.5, 1.0 and 1.5 s
    warnings = [r for r in caplog.records if r.name == "bot.backpressure" and r.levelno == logging.WARNING]
    assert len(warnings) == 1  # at most once a minute
    text = warnings[0].getMessage()
    assert "waited more than 0.2 s" in text
    assert "3 waiting" in text  # the queue length when it fired
    assert "Amira" not in text
    assert "31000" not in text


async def test_a_queue_that_cannot_drain_is_reported_while_it_waits(
    make_bot: MakeBot, fake_rasa: tuple[FakeRasa, str], caplog: pytest.LogCaptureFixture
) -> None:
    """The warning does not wait for the message's turn: a hung queue is reported while still hung."""
    rasa = fake_rasa[0]
    rasa.hang = True
    caplog.set_level(logging.WARNING)
    async with make_bot(rasa_max_in_flight=1, rasa_queue_warn_seconds=0.3) as (application, _telegram, services):
        tasks = [
            asyncio.create_task(application.process_update(text_update(application.bot, "?", chat_id=n)))
            for n in (1, 2)
        ]
        await asyncio.sleep(0.6)
        assert stats(services).long_waits == 1
        assert any("Rasa queue" in r.getMessage() for r in caplog.records)
        await asyncio.gather(*tasks)


async def test_a_chat_sending_hundreds_of_messages_does_not_hold_up_another_chat(
    make_bot: MakeBot, fake_rasa: tuple[FakeRasa, str]
) -> None:
    """Each update waits in the bot's queue, not in python-telegram-bot's (by default 256 slots, which one chat's
    waiting messages would fill)."""
    rasa = fake_rasa[0]
    rasa.echo_parts = 1
    async with make_bot() as (application, telegram, _services):
        await application.start()
        try:
            for n in range(300):
                await application.update_queue.put(text_update(application.bot, f"flood {n}", chat_id=1))
            await application.update_queue.put(text_update(application.bot, "hello", chat_id=2))
        finally:
            await application.stop()  # once every update is handled
    answered_first = [r["chat_id"] for r in telegram.sent()].index(2)
    assert answered_first < 10, f"chat 2 waited for {answered_first} of chat 1's answers"
    assert [r["text"] for r in telegram.sent() if r["chat_id"] == 1] == [f"flood {n} #1" for n in range(300)]
