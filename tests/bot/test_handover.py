"""The human handover with an offline Telegram and a fake Rasa: offer, tap, ticket in the staff group, answer,
follow-up, /close, a blocked user, /delete_me – and staff groups that never reach Rasa."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from telegram.error import Forbidden
from telegram.ext import Application

from actions.settings import BotSettings, SettingsError
from bot.app import build_handover
from bot.delivery import Delivery
from bot.handover import BLOCKED_NOTE, CLOSE_CONFIRMED, CLOSED_NOTE, STAFF_HINT, Handover
from bot.services import SERVICES_KEY, BotServices
from bot.terminal import chat
from bot.texts import LocalTexts
from bot.tickets import Ticket, TicketStore

from ..support.applications import bot_services, offline_application, offline_settings
from ..support.factories import (
    BOT_USERNAME,
    USER_ID,
    USER_NAME,
    USER_USERNAME,
    callback_update,
    command_update,
    group_message_update,
    text_update,
)
from ..support.fake_bot_api import OfflineRequest
from ..support.fake_rasa import FakeRasa
from ..support.trackers import MONDAY_10AM

NIENBURG_GROUP, GOSLAR_GROUP, DEFAULT_GROUP = -1001234567890, -100222, -100333
STAFF_GROUPS = {"nienburg": NIENBURG_GROUP, "goslar": GOSLAR_GROUP, "default": DEFAULT_GROUP}
OTHER_USER = 5151
QUESTION = "Wie finde ich eine Wohnung in Nienburg?"
NOT_KNOWN = {"recipient_id": "x", "text": "Das weiß ich leider nicht."}


def marker(reason: str = "out_of_scope", district: str | None = "nienburg") -> dict[str, Any]:
    return {"recipient_id": "x", "custom": {"handover": {"reason": reason, "district": district}}}


Offline = tuple[Application, OfflineRequest, FakeRasa, BotServices]


@pytest.fixture
async def staff_app(fake_rasa: tuple[FakeRasa, str], local_texts: LocalTexts, tmp_path: Path) -> AsyncIterator[Offline]:
    rasa, rasa_url = fake_rasa
    settings = offline_settings(
        rasa_url, tmp_path, staff_groups=STAFF_GROUPS, ticket_store_url=f"sqlite:///{tmp_path / 'tickets.db'}"
    )
    services = bot_services(settings, local_texts)
    assert services.handover is not None
    services.handover.clock = lambda: MONDAY_10AM  # the Nienburg office is open until 16:00
    async with offline_application(settings, services) as (application, request):
        yield application, request, rasa, services


def texts_to(telegram: OfflineRequest, chat_id: int) -> list[str]:
    return [m["text"] for m in telegram.sent() if m["chat_id"] == chat_id]


def ticket_id_in(text: str) -> str:
    found = re.search(r"T-\d{4}", text)
    assert found, text
    return found.group(0)


async def open_ticket(app: Application, telegram: OfflineRequest, rasa: FakeRasa, *, chat_id: int = USER_ID,
                      question: str = QUESTION, language_code: str = "de") -> tuple[str, int]:  # fmt: skip
    """Ask, tap "Ask a person": the ticket id and the message id of its post in the staff group."""
    rasa.replies = [NOT_KNOWN, marker()]
    await app.process_update(text_update(app.bot, question, chat_id=chat_id, language_code=language_code))
    offer = [m for m in telegram.sent() if m["chat_id"] == chat_id][-1]
    (button,) = [b for row in offer["reply_markup"]["inline_keyboard"] for b in row]
    await app.process_update(callback_update(app.bot, button["callback_data"], chat_id=chat_id))
    handover: Handover = app.bot_data[SERVICES_KEY].handover
    ticket_id = ticket_id_in(texts_to(telegram, chat_id)[-1])
    ticket = handover.store.ticket(ticket_id)
    assert ticket is not None
    first_post = handover.store.first_post(ticket)
    assert first_post is not None
    return ticket_id, first_post


def stored(services: BotServices, ticket_id: str) -> Ticket | None:
    assert services.handover is not None
    return services.handover.store.ticket(ticket_id)


# Without a staff group -----------------------------------------------------------------------


async def test_without_a_staff_group_the_marker_changes_nothing(bot_app) -> None:
    app, telegram, rasa = bot_app
    assert app.bot_data[SERVICES_KEY].handover is None
    rasa.replies = [NOT_KNOWN, marker()]
    await app.process_update(text_update(app.bot, QUESTION))
    (sent,) = telegram.sent()  # the reply as before; the marker is never shown
    assert sent["text"] == "Das weiß ich leider nicht."
    assert "reply_markup" not in sent


async def test_a_district_without_a_group_and_no_default_gets_no_offer(
    fake_rasa: tuple[FakeRasa, str], local_texts: LocalTexts, tmp_path: Path
) -> None:
    rasa, rasa_url = fake_rasa
    settings = BotSettings(
        token="1:X",
        rasa_url=rasa_url,
        actions_url=rasa_url,
        preferences_path=tmp_path / "p.json",
        staff_groups={"goslar": GOSLAR_GROUP},
        ticket_store_url=f"sqlite:///{tmp_path / 't.db'}",
    )
    async with offline_application(settings, bot_services(settings, local_texts)) as (app, telegram):
        rasa.replies = [NOT_KNOWN, marker(district="nienburg")]
        await app.process_update(text_update(app.bot, QUESTION))
        assert [m["text"] for m in telegram.sent()] == ["Das weiß ich leider nicht."]


def test_a_staff_group_of_an_unknown_district_stops_the_bot_naming_it(local_texts: LocalTexts, tmp_path: Path) -> None:
    settings = BotSettings(
        token="1:X", staff_groups={"hannover": -100999}, ticket_store_url=f"sqlite:///{tmp_path}/t.db"
    )
    with pytest.raises(SettingsError, match="STAFF_GROUPS entry 'hannover=-100999': unknown district 'hannover'"):
        build_handover(settings, local_texts, Delivery())


# Offer and ticket ----------------------------------------------------------------------------


async def test_the_offer_says_what_happens_and_when_an_answer_can_come(staff_app: Offline) -> None:
    app, telegram, rasa, services = staff_app
    rasa.replies = [NOT_KNOWN, marker()]
    await app.process_update(text_update(app.bot, QUESTION))
    reply, offer = telegram.sent()
    assert reply["text"] == "Das weiß ich leider nicht."
    assert offer["text"] == (
        "Das kann Ihnen jemand vom Landkreis beantworten. Tippen Sie auf „Einen Menschen fragen“: Dann gehen Ihre "
        "Frage und ihre Sprache an die Mitarbeitenden – nicht Ihr Name, Ihr Benutzername oder Ihre Telefonnummer. "
        "Eine Antwort können Sie heute bis 16:00 Uhr erwarten."
    )
    (button,) = [b for row in offer["reply_markup"]["inline_keyboard"] for b in row]
    assert button["text"] == "🙋 Einen Menschen fragen"
    assert re.fullmatch(r"handover:[\w-]{16}", button["callback_data"])
    assert texts_to(telegram, NIENBURG_GROUP) == []  # nothing is forwarded without the tap


@pytest.mark.parametrize(
    ("now", "district", "expected"),
    [
        (MONDAY_10AM, "nienburg", "heute bis 16:00 Uhr"),
        (MONDAY_10AM.replace(hour=7), "nienburg", "heute ab 08:00 Uhr"),
        (MONDAY_10AM.replace(hour=18), "nienburg", "morgen ab 08:00 Uhr"),
        (MONDAY_10AM.replace(day=27, hour=13), "nienburg", "ab Mo., 30. November, 08:00 Uhr"),  # Friday afternoon
        (MONDAY_10AM, "goslar", "während der Öffnungszeiten"),  # no hours in knowledge/
        (MONDAY_10AM, None, "während der Öffnungszeiten"),  # the default group
    ],
)
def test_the_expected_answer_time_comes_from_the_office_hours(
    staff_app: Offline, now: dt.datetime, district: str | None, expected: str
) -> None:
    handover = staff_app[3].handover
    assert handover is not None
    handover.clock = lambda: now
    assert handover.answer_expected(district, "de") == expected


def test_the_expected_answer_time_in_arabic_keeps_the_time_left_to_right(staff_app: Offline) -> None:
    handover = staff_app[3].handover
    assert handover is not None
    assert handover.answer_expected("nienburg", "ar") == "اليوم حتى الساعة \u206616:00\u2069"


async def test_the_tap_posts_the_ticket_to_the_districts_group_without_identity(staff_app: Offline) -> None:
    app, telegram, rasa, services = staff_app
    ticket_id, _post = await open_ticket(app, telegram, rasa)
    (post,) = texts_to(telegram, NIENBURG_GROUP)
    assert post == (
        f"Ticket {ticket_id} · Landkreis Nienburg/Weser · Sprache: Deutsch · neue Frage\n\n"
        f"{QUESTION}\n\n"
        "Antworten Sie auf diese Nachricht; /close als Antwort schließt das Ticket."
    )
    for identity in (str(USER_ID), USER_NAME, USER_USERNAME):
        assert identity not in post
    assert texts_to(telegram, USER_ID)[-1] == (
        f"Ihre Frage ist bei den Mitarbeitenden des Landkreises, Nummer {ticket_id}. "
        "Die Antwort kommt hier in diesen Chat."
    )
    assert texts_to(telegram, GOSLAR_GROUP) == texts_to(telegram, DEFAULT_GROUP) == []
    assert [r["message"] for r in rasa.requests] == [QUESTION]  # the tap is not sent to Rasa


async def test_the_ticket_names_the_users_language_in_german(staff_app: Offline) -> None:
    app, telegram, rasa, _services = staff_app
    question = "كيف أجد شقة في نينبورغ؟"
    ticket_id, _post = await open_ticket(app, telegram, rasa, question=question, language_code="ar")
    (post,) = texts_to(telegram, NIENBURG_GROUP)
    assert post.startswith(
        f"Ticket {ticket_id} · Landkreis Nienburg/Weser · Sprache: Arabisch · neue Frage\n\n{question}"
    )
    assert texts_to(telegram, USER_ID)[-1].startswith("وصل سؤالك إلى الموظفين برقم")


async def test_a_question_without_a_district_goes_to_the_default_group(staff_app: Offline) -> None:
    app, telegram, rasa, _services = staff_app
    rasa.replies = [NOT_KNOWN, marker("not_understood", None)]
    await app.process_update(text_update(app.bot, "Mein Bescheid ist komisch"))
    offer = telegram.sent()[-1]
    assert offer["text"].endswith("Eine Antwort können Sie während der Öffnungszeiten erwarten.")
    (button,) = [b for row in offer["reply_markup"]["inline_keyboard"] for b in row]
    await app.process_update(callback_update(app.bot, button["callback_data"]))
    (post,) = texts_to(telegram, DEFAULT_GROUP)
    assert post.startswith("Ticket T-")
    assert " · Landkreis nicht angegeben · Sprache: Deutsch · neue Frage\n\n" in post
    assert "Mein Bescheid ist komisch" in post


async def test_a_second_tap_opens_no_second_ticket(staff_app: Offline) -> None:
    app, telegram, rasa, services = staff_app
    rasa.replies = [NOT_KNOWN, marker()]
    await app.process_update(text_update(app.bot, QUESTION))
    (button,) = [b for row in telegram.sent()[-1]["reply_markup"]["inline_keyboard"] for b in row]
    await app.process_update(callback_update(app.bot, button["callback_data"]))
    await app.process_update(callback_update(app.bot, button["callback_data"]))
    assert len(texts_to(telegram, NIENBURG_GROUP)) == 1
    assert texts_to(telegram, USER_ID)[-1] == services.texts.render("utter_offer_expired", "de")["text"]


async def test_an_offer_expires_after_24_hours(staff_app: Offline) -> None:
    store = staff_app[3].handover.store  # type: ignore[union-attr]
    offer_id = store.add_offer(USER_ID, QUESTION, "de", "nienburg", NIENBURG_GROUP, "out_of_scope", now=1_000_000.0)
    assert store.offer(offer_id, USER_ID, now=1_000_000.0 + 23 * 3600) is not None
    assert store.offer(offer_id, USER_ID, now=1_000_000.0 + 25 * 3600) is None


# Staff answers -------------------------------------------------------------------------------


async def test_a_staff_reply_reaches_the_user_with_a_localized_header(staff_app: Offline) -> None:
    app, telegram, rasa, services = staff_app
    ticket_id, post = await open_ticket(app, telegram, rasa, question="How do I find a flat?", language_code="en")
    answer = "Please ask the housing office, Mo-Fr 9-12, room 3."
    await app.process_update(group_message_update(app.bot, answer, NIENBURG_GROUP, reply_to=post))
    assert texts_to(telegram, USER_ID)[-1] == (
        f"Answer from the district's staff ({ticket_id}):\n\n{answer}\n\nYour next message goes to the staff too."
    )
    assert len(rasa.requests) == 1  # the staff's message never went to Rasa


async def test_a_reply_in_a_chat_that_is_no_staff_group_is_ignored(
    staff_app: Offline, caplog: pytest.LogCaptureFixture
) -> None:
    app, telegram, rasa, _services = staff_app
    caplog.set_level("INFO")
    _ticket_id, post = await open_ticket(app, telegram, rasa)
    sent_before = len(telegram.sent())
    for _ in range(2):
        await app.process_update(group_message_update(app.bot, "Antwort: fragen Sie im Amt", -100999, reply_to=post))
    assert len(telegram.sent()) == sent_before
    assert len(rasa.requests) == 1
    logged = [r.getMessage() for r in caplog.records if "unconfigured group" in r.getMessage()]
    assert logged == ["message from unconfigured group -100999"]  # once per group: how operators find the id


async def test_a_reply_to_a_non_ticket_message_or_no_reply_is_ignored(staff_app: Offline) -> None:
    app, telegram, rasa, _services = staff_app
    _ticket_id, post = await open_ticket(app, telegram, rasa)
    sent_before = len(telegram.sent())
    await app.process_update(
        group_message_update(app.bot, "Wer macht heute Mittag?", NIENBURG_GROUP, reply_to=post + 77)
    )
    await app.process_update(group_message_update(app.bot, "Kaffee ist fertig", NIENBURG_GROUP))
    await app.process_update(group_message_update(app.bot, f"@{BOT_USERNAME} wie geht's?", NIENBURG_GROUP))
    await app.process_update(group_message_update(app.bot, "/help", NIENBURG_GROUP, entities=[
        {"type": "bot_command", "offset": 0, "length": 5}]))  # fmt: skip
    assert len(telegram.sent()) == sent_before  # the bot stays silent in the staff group
    assert len(rasa.requests) == 1  # and never relays staff talk to Rasa


async def test_a_blocked_user_is_reported_to_staff_and_the_answer_kept(staff_app: Offline) -> None:
    app, telegram, rasa, services = staff_app
    ticket_id, post = await open_ticket(app, telegram, rasa)
    telegram.fail_next["sendMessage"] = [Forbidden("Forbidden: bot was blocked by the user")]
    answer = "Bitte kommen Sie am Dienstag vorbei."
    staff_message = group_message_update(app.bot, answer, NIENBURG_GROUP, reply_to=post)
    await app.process_update(staff_message)
    note = telegram.sent()[-1]
    assert (note["chat_id"], note["text"]) == (NIENBURG_GROUP, BLOCKED_NOTE)
    assert BLOCKED_NOTE == "Die Person hat den Bot blockiert; die Antwort konnte nicht zugestellt werden."
    assert note["reply_parameters"]["message_id"] == staff_message.message.message_id  # type: ignore[union-attr]
    assert services.handover.store.undelivered_answers(ticket_id) == [answer]  # type: ignore[union-attr]
    ticket = stored(services, ticket_id)
    assert ticket is not None
    assert not ticket.awaiting_follow_up


# Follow-ups ----------------------------------------------------------------------------------


async def test_the_next_message_after_an_answer_is_a_follow_up_to_the_same_ticket(staff_app: Offline) -> None:
    app, telegram, rasa, services = staff_app
    ticket_id, post = await open_ticket(app, telegram, rasa)
    await app.process_update(group_message_update(app.bot, "Welche Stadt genau?", NIENBURG_GROUP, reply_to=post))
    follow_up = "In Hoya, mit zwei Kindern."
    await app.process_update(text_update(app.bot, follow_up))
    group_post = telegram.sent()[-2]
    assert group_post["chat_id"] == NIENBURG_GROUP
    assert group_post["text"] == (
        f"Ticket {ticket_id} · Landkreis Nienburg/Weser · Sprache: Deutsch · Folgefrage\n\n{follow_up}\n\n{STAFF_HINT}"
    )
    assert group_post["reply_parameters"]["message_id"] == post
    assert texts_to(telegram, USER_ID)[-1] == (
        f"Ich habe Ihre Nachricht an die Mitarbeitenden weitergegeben ({ticket_id}). "
        "Die Antwort kommt hier in diesen Chat."
    )
    assert [r["message"] for r in rasa.requests] == [QUESTION]  # the follow-up did not go to Rasa
    # One follow-up per answer: the message after it is a question for the bot again.
    rasa.replies = [{"text": "Antwort von Rasa"}]
    await app.process_update(text_update(app.bot, "Wann hat das Büro offen?"))
    assert rasa.requests[-1]["message"] == "Wann hat das Büro offen?"
    # A staff reply to the follow-up post belongs to the same ticket.
    follow_up_post = services.handover.store.ticket_for_message  # type: ignore[union-attr]
    last_group_message = max(c for c in range(post, post + 50) if follow_up_post(NIENBURG_GROUP, c) is not None)
    await app.process_update(group_message_update(app.bot, "Dann Hoya.", NIENBURG_GROUP, reply_to=last_group_message))
    assert texts_to(telegram, USER_ID)[-1].startswith(f"Antwort der Mitarbeitenden des Landkreises ({ticket_id}):")


async def test_an_emergency_looking_follow_up_goes_to_rasa_first(staff_app: Offline) -> None:
    app, telegram, rasa, _services = staff_app
    ticket_id, post = await open_ticket(app, telegram, rasa)
    await app.process_update(group_message_update(app.bot, "Wie können wir helfen?", NIENBURG_GROUP, reply_to=post))
    rasa.replies = [{"text": "🚨 Rufen Sie sofort 112 an."}]
    emergency = "Mein Kind hat Tabletten geschluckt"
    await app.process_update(text_update(app.bot, emergency))
    assert rasa.requests[-1]["message"] == emergency
    *_, numbers, group_post, confirmation = telegram.sent()
    assert numbers == {**numbers, "chat_id": USER_ID, "text": "🚨 Rufen Sie sofort 112 an."}  # first
    assert group_post["chat_id"] == NIENBURG_GROUP
    assert group_post["text"].startswith(
        f"Ticket {ticket_id} · Landkreis Nienburg/Weser · Sprache: Deutsch · Folgefrage"
    )
    assert confirmation["chat_id"] == USER_ID


async def test_two_users_tickets_never_mix(staff_app: Offline) -> None:
    app, telegram, rasa, services = staff_app
    first, first_post = await open_ticket(app, telegram, rasa, chat_id=USER_ID)
    second, second_post = await open_ticket(app, telegram, rasa, chat_id=OTHER_USER, question="Wo ist das Jobcenter?")
    assert first != second
    await app.process_update(group_message_update(app.bot, "Für Nummer zwei", NIENBURG_GROUP, reply_to=second_post))
    assert texts_to(telegram, OTHER_USER)[-1].startswith(f"Antwort der Mitarbeitenden des Landkreises ({second}):")
    assert "Für Nummer zwei" not in "\n".join(texts_to(telegram, USER_ID))
    # The first user's next message is no follow-up (the answer was not theirs) ...
    rasa.replies = [{"text": "Antwort von Rasa"}]
    await app.process_update(text_update(app.bot, "Danke"))
    assert rasa.requests[-1]["message"] == "Danke"
    # ... and the second user's goes to the second ticket only.
    await app.process_update(text_update(app.bot, "Danke, und wann?", chat_id=OTHER_USER))
    follow_up = telegram.sent()[-2]
    assert follow_up["text"].startswith(f"Ticket {second} ·")
    assert follow_up["reply_parameters"]["message_id"] == second_post
    # An offer made to one user cannot be tapped by another.
    rasa.replies = [NOT_KNOWN, marker()]
    await app.process_update(text_update(app.bot, QUESTION))
    (button,) = [b for row in telegram.sent()[-1]["reply_markup"]["inline_keyboard"] for b in row]
    await app.process_update(callback_update(app.bot, button["callback_data"], chat_id=OTHER_USER))
    assert texts_to(telegram, OTHER_USER)[-1] == services.texts.render("utter_offer_expired", "de")["text"]


# Closing and deleting ------------------------------------------------------------------------


async def test_close_as_a_reply_closes_the_ticket_and_tells_the_user(staff_app: Offline) -> None:
    app, telegram, rasa, services = staff_app
    ticket_id, post = await open_ticket(app, telegram, rasa)
    await app.process_update(group_message_update(app.bot, f"/close@{BOT_USERNAME}", NIENBURG_GROUP, reply_to=post))
    ticket = stored(services, ticket_id)
    assert ticket is not None
    assert ticket.closed
    assert texts_to(telegram, USER_ID)[-1] == (
        f"Die Mitarbeitenden haben {ticket_id} abgeschlossen. Sie können mir jederzeit wieder schreiben."
    )
    assert texts_to(telegram, NIENBURG_GROUP)[-1] == CLOSE_CONFIRMED.format(ticket=ticket_id)
    user_messages = len(texts_to(telegram, USER_ID))
    await app.process_update(group_message_update(app.bot, "Noch ein Nachtrag", NIENBURG_GROUP, reply_to=post))
    assert len(texts_to(telegram, USER_ID)) == user_messages  # a closed ticket relays nothing
    assert texts_to(telegram, NIENBURG_GROUP)[-1] == CLOSED_NOTE.format(ticket=ticket_id)
    assert CLOSED_NOTE.format(ticket="T-1") == "Ticket T-1 ist geschlossen; diese Antwort wurde nicht weitergegeben."


async def test_delete_me_deletes_the_tickets_and_the_bots_posts_in_the_staff_group(staff_app: Offline) -> None:
    app, telegram, rasa, services = staff_app
    ticket_id, post = await open_ticket(app, telegram, rasa)
    staff_answer = group_message_update(app.bot, "Welche Stadt?", NIENBURG_GROUP, reply_to=post)
    await app.process_update(staff_answer)
    await app.process_update(text_update(app.bot, "Hoya"))
    other, _other_post = await open_ticket(app, telegram, rasa, chat_id=OTHER_USER)
    await app.process_update(command_update(app.bot, "/delete_me"))
    assert stored(services, ticket_id) is None
    assert stored(services, other) is not None  # only this user's
    deleted = [(c["chat_id"], c["message_id"]) for c in telegram.sent("deleteMessage")]
    assert len(deleted) == 2  # the ticket post and the follow-up post; the staff's own answer stays
    assert (NIENBURG_GROUP, post) in deleted
    assert (NIENBURG_GROUP, staff_answer.message.message_id) not in deleted  # type: ignore[union-attr]
    assert rasa.erased == [f"tg-{USER_ID}"]
    assert telegram.sent()[-1]["text"] == services.texts.render("utter_data_deleted", "de")["text"]
    # A staff reply to the deleted ticket finds nothing any more.
    sent_before = len(telegram.sent())
    await app.process_update(group_message_update(app.bot, "Noch da?", NIENBURG_GROUP, reply_to=post))
    assert len(telegram.sent()) == sent_before


async def test_no_user_id_name_or_text_in_the_logs(staff_app: Offline, caplog: pytest.LogCaptureFixture) -> None:
    app, telegram, rasa, _services = staff_app
    caplog.set_level("INFO")
    ticket_id, post = await open_ticket(app, telegram, rasa)
    await app.process_update(group_message_update(app.bot, "Geheime Antwort", NIENBURG_GROUP, reply_to=post))
    await app.process_update(text_update(app.bot, "Geheime Folgefrage"))
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name != "aiohttp.access")
    assert f"Ticket {ticket_id} opened" in logged
    for secret in (str(USER_ID), USER_NAME, USER_USERNAME, "Geheime", "Wohnung"):
        assert secret not in logged


# The terminal chat ---------------------------------------------------------------------------


async def test_the_terminal_chat_says_that_asking_a_person_needs_telegram(
    fake_rasa: tuple[FakeRasa, str], local_texts: LocalTexts
) -> None:
    rasa, rasa_url = fake_rasa
    rasa.replies = [{"text": "I don't know that."}, marker()]
    settings = BotSettings(token=None, rasa_url=rasa_url, rasa_timeout_seconds=2.0, reload_interval_seconds=0)
    stdout = io.StringIO()
    await chat(settings, local_texts, io.StringIO("How can I find a flat for my family?\n"), stdout)
    assert stdout.getvalue().splitlines()[1:] == [
        "> I don't know that.",
        "Asking a person works only in Telegram: there, a button sends your question to the district's staff.",
        "> ",
    ]
    assert "handover" not in stdout.getvalue()


def test_database_errors_never_show_chat_ids_or_questions(tmp_path: Path) -> None:
    store = TicketStore(f"sqlite:///{tmp_path / 'tickets.db'}")
    offer_id = store.add_offer(USER_ID, QUESTION, "de", "nienburg", NIENBURG_GROUP, "out_of_scope")
    offer = store.offer(offer_id, USER_ID)
    assert offer is not None
    ticket = store.open_ticket(offer)
    store.posted(ticket, offer_id, message_id=7)
    with pytest.raises(sa.exc.IntegrityError, match="hidden due to hide_parameters") as error:
        store.noted(ticket, message_id=7)  # the same staff-group message twice violates a unique constraint
    assert str(USER_ID) not in str(error.value)
    store.dispose()
