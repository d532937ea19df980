"""Intake backpressure: the bot takes no more updates from Telegram while TELEGRAM_MAX_PENDING_UPDATES are pending
in it, and takes them again once they drained; nothing is lost and each chat's order holds.

The bot polls the fake Bot API (tests/support/fake_bot_api.py, which hands out at most getUpdates' `limit` and
records every call) or serves its webhook, in front of a fake Rasa that can stop answering (`answering` cleared).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from telegram.ext import Application

from bot import app as bot_app
from bot.intake import IntakeStats, UpdateIntake
from bot.services import SERVICES_KEY, BotServices
from bot.texts import LocalTexts
from scripts.stack import free_port

from ..support.applications import bot_services, offline_settings, polling_application, webhook_application
from ..support.factories import raw_text, update_json
from ..support.fake_bot_api import FakeBotApi, fake_bot_api_server
from ..support.fake_rasa import FakeRasa
from ..support.replies import uses_template

CANNOT_ANSWER = "utter_cannot_answer_now"
SECRET = "intake-secret"


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait until `condition()` holds; fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


def intake_stats(application: Application) -> IntakeStats:
    services: BotServices = application.bot_data[SERVICES_KEY]
    assert services.intake is not None
    return services.intake.stats()


# The counter and its gate -------------------------------------------------------------------


async def test_the_intake_closes_at_the_bound_and_opens_at_three_quarters() -> None:
    now = [0.0]
    intake = UpdateIntake(max_pending=8, clock=lambda: now[0])
    assert (intake.resume_at, intake.room()) == (6, 8)
    for _ in range(7):
        intake.taken()
    assert (intake.closed, intake.room()) == (False, 1)
    intake.taken()
    assert (intake.closed, intake.room()) == (True, 0)
    waiter = asyncio.create_task(intake.wait_for_room())
    now[0] = 2.5
    intake.done()  # 7 pending: still closed (hysteresis)
    await asyncio.sleep(0)
    assert not waiter.done()
    intake.done()  # 6 pending: open
    assert await waiter == 2
    assert intake.stats() == IntakeStats(
        pending=6, peak_pending=8, closed=False, closings=1, closed_seconds=2.5, refused=0
    )


def test_the_intake_refuses_a_bound_below_one_or_a_resume_point_outside_it() -> None:
    with pytest.raises(ValueError, match="max_pending"):
        UpdateIntake(0)
    with pytest.raises(ValueError, match="resume_at"):
        UpdateIntake(4, resume_at=4)
    assert UpdateIntake(1).resume_at == 0


def test_closing_is_logged_at_most_once_a_minute_with_counts_only(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    now = [0.0]
    intake = UpdateIntake(max_pending=2, clock=lambda: now[0])
    for second in (0.0, 30.0, 61.0):
        now[0] = second
        intake.taken(), intake.taken()
        intake.done(), intake.done()
    warnings = [r.getMessage() for r in caplog.records if r.name == "bot.intake"]
    assert len(warnings) == 2  # at 0 and 61 s, not at 30 s
    assert "2 updates pending" in warnings[0]
    assert intake.stats().closings == 3


# Polling --------------------------------------------------------------------------------------


@pytest.fixture
def polling(fake_rasa: tuple[FakeRasa, str], local_texts: LocalTexts, tmp_path: Path) -> Callable[..., Any]:
    """A bot polling the fake Bot API, with BotSettings `overrides`; yields (api, application)."""

    @asynccontextmanager
    async def started(**overrides: Any) -> AsyncIterator[tuple[FakeBotApi, Application]]:
        async with fake_bot_api_server() as (api, api_url):
            settings = offline_settings(fake_rasa[1], tmp_path, api_base_url=api_url, **overrides)
            async with polling_application(settings, bot_services(settings, local_texts)) as application:
                yield api, application

    return started


def answers(api: FakeBotApi, chat_id: int) -> list[str]:
    return [m["text"] for m in api.messages(chat_id)]


async def test_polling_stops_while_the_bound_is_pending_and_resumes_once_they_drained(
    polling: Callable[..., Any], fake_rasa: tuple[FakeRasa, str]
) -> None:
    """12 messages from 6 chats, a bound of 8, Rasa answering none: the bot takes 8, asks Telegram for nothing
    more while they are pending (the other 4 stay there), and takes the rest once Rasa answers again."""
    rasa = fake_rasa[0]
    rasa.echo_parts = 1
    rasa.answering.clear()
    chats = range(1, 7)
    async with polling(max_pending_updates=8, rasa_max_in_flight=2, rasa_timeout_seconds=30) as (api, application):
        for n in range(2):
            for chat in chats:
                api.push(raw_text(f"chat {chat} message {n}", chat_id=chat))
        await until(lambda: intake_stats(application).closed)
        polls = len(api.polls)
        await asyncio.sleep(1.0)  # a polling bot would have called getUpdates again many times by now
        assert len(api.polls) == polls
        assert intake_stats(application).pending == 8
        assert api.unconfirmed() == 12  # 8 taken (confirmed with the next call), 4 still waiting at Telegram
        assert len(rasa.requests) == 2  # RASA_MAX_IN_FLIGHT at Rasa, the other 6 queued in the bot

        rasa.answering.set()
        await until(lambda: all(len(api.messages(chat)) == 2 for chat in chats))
        await until(lambda: intake_stats(application).pending == 0)
    for chat in chats:
        assert answers(api, chat) == [f"chat {chat} message {n} #1" for n in range(2)]
    assert len(rasa.requests) == 12  # each message once
    assert len(api.polls) > polls  # resumed
    assert max(p.limit for p in api.polls) <= 8  # never asked for more than there was room for
    assert intake_stats(application).peak_pending == 8


async def test_a_burst_through_polling_is_answered_in_order_within_the_bound(
    polling: Callable[..., Any], fake_rasa: tuple[FakeRasa, str]
) -> None:
    """120 messages from 40 chats pushed at once, a bound of 16: every one gets its real answer, in order, while
    the bot never holds more than 16; "typing…" is shown."""
    rasa = fake_rasa[0]
    rasa.delay, rasa.echo_parts = 0.05, 1
    chats, per_chat, bound = range(100, 140), 3, 16
    async with polling(max_pending_updates=bound, rasa_max_in_flight=4) as (api, application):
        for n in range(per_chat):
            for chat in chats:
                api.push(raw_text(f"chat {chat} message {n}", chat_id=chat))
        await until(lambda: len(api.messages()) == len(chats) * per_chat, timeout=60)
        stats = intake_stats(application)
    assert not [m for m in api.messages() if uses_template(m["text"], CANNOT_ANSWER)]
    for chat in chats:
        assert answers(api, chat) == [f"chat {chat} message {n} #1" for n in range(per_chat)]
    assert stats.peak_pending == bound
    assert stats.closings >= 1
    assert max(p.limit for p in api.polls) <= bound
    assert "sendChatAction" in api.calls


async def test_stopping_is_not_held_up_by_a_closed_intake(
    polling: Callable[..., Any], fake_rasa: tuple[FakeRasa, str]
) -> None:
    rasa = fake_rasa[0]
    rasa.answering.clear()
    async with polling(max_pending_updates=2, rasa_max_in_flight=1, rasa_timeout_seconds=30) as (api, application):
        for chat in (1, 2, 3):
            api.push(raw_text("Hallo", chat_id=chat))
        await until(lambda: intake_stats(application).closed)
        assert application.updater is not None
        started = time.monotonic()
        await application.updater.stop()  # the last getUpdates (timeout 0, confirming the 2 taken) does not wait
        assert time.monotonic() - started < 2.0
        assert api.unconfirmed() == 1  # the third stays at Telegram for the next start
        rasa.answering.set()


# Webhook --------------------------------------------------------------------------------------


@asynccontextmanager
async def webhook_bot(
    rasa_url: str, local_texts: LocalTexts, tmp_path: Path, **overrides: Any
) -> AsyncIterator[tuple[Application, str]]:
    """A bot serving its webhook on a free port (settings.webhook_url set: the intake holds requests); yields the
    application and the webhook's URL."""
    async with fake_bot_api_server() as (_api, api_url):
        settings = offline_settings(
            rasa_url, tmp_path, api_base_url=api_url, webhook_url="https://bot.example.org/telegram", **overrides
        )
        port = free_port()
        webhook = {"listen": "127.0.0.1", "port": port, "url_path": "telegram", "secret_token": SECRET}
        async with webhook_application(settings, bot_services(settings, local_texts), **webhook) as application:
            yield application, f"http://127.0.0.1:{port}/telegram"


async def post_update(session: aiohttp.ClientSession, url: str, update: dict[str, Any]) -> int:
    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with session.post(url, data=json.dumps(update), headers=headers) as reply:
        return reply.status


async def test_a_webhook_request_waits_for_room_before_telegram_gets_its_answer(
    fake_rasa: tuple[FakeRasa, str], local_texts: LocalTexts, tmp_path: Path
) -> None:
    rasa, rasa_url = fake_rasa
    rasa.answering.clear()
    overrides = {"max_pending_updates": 2, "rasa_max_in_flight": 1, "rasa_timeout_seconds": 30}
    async with (
        webhook_bot(rasa_url, local_texts, tmp_path, **overrides) as (application, url),
        aiohttp.ClientSession() as session,
    ):
        for n, chat in enumerate((1, 2), start=1):
            assert await post_update(session, url, update_json(raw_text("Hallo", chat_id=chat), n)) == 200
        third = asyncio.create_task(post_update(session, url, update_json(raw_text("Hallo", chat_id=3), 3)))
        await asyncio.sleep(1.0)
        assert not third.done()  # Telegram waits for its answer, and sends no more on this connection
        assert intake_stats(application).pending == 2
        rasa.answering.set()
        assert await third == 200
        await until(lambda: len(rasa.requests) == 3 and intake_stats(application).pending == 0)
    assert sorted(r["sender"] for r in rasa.requests) == ["tg-1", "tg-2", "tg-3"]


async def test_a_webhook_request_without_room_in_time_gets_503_and_is_taken_when_sent_again(
    fake_rasa: tuple[FakeRasa, str], local_texts: LocalTexts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telegram keeps an update its webhook refused and sends it again: the bot must not have taken it."""
    monkeypatch.setattr(bot_app, "WEBHOOK_HOLD_SECONDS", 0.5)
    rasa, rasa_url = fake_rasa
    rasa.answering.clear()
    overrides = {"max_pending_updates": 1, "rasa_max_in_flight": 1, "rasa_timeout_seconds": 30}
    async with (
        webhook_bot(rasa_url, local_texts, tmp_path, **overrides) as (application, url),
        aiohttp.ClientSession() as session,
    ):
        assert await post_update(session, url, update_json(raw_text("eins", chat_id=1), 1)) == 200
        again = update_json(raw_text("zwei", chat_id=2), 2)
        assert await post_update(session, url, again) == 503
        assert intake_stats(application).refused == 1
        rasa.answering.set()
        await until(lambda: intake_stats(application).pending == 0)
        assert await post_update(session, url, again) == 200  # Telegram's retry
        await until(lambda: len(rasa.requests) == 2 and intake_stats(application).pending == 0)
    assert [r["message"] for r in rasa.requests] == ["eins", "zwei"]  # "zwei" once
