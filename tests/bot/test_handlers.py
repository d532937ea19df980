"""The bot with an offline Telegram and a fake Rasa: commands, pickers, buttons, every input kind."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from bot.services import SERVICES_KEY

from ..support.factories import (
    BOT_USERNAME,
    USER_ID,
    callback_update,
    command_update,
    location_update,
    media_update,
    text_update,
)

LANGUAGE_BUTTONS = ["Deutsch", "Einfache Sprache", "English", "العربية", "فارسی", "Русский", "Українська", "Türkçe"]


def keyboard_buttons(sent: dict) -> list[dict]:
    return [button for row in sent["reply_markup"]["inline_keyboard"] for button in row]


async def test_start_greets_through_rasa_then_shows_the_language_picker(bot_app) -> None:
    app, telegram, rasa = bot_app
    await app.process_update(command_update(app.bot, "/start", language_code="uk"))
    assert rasa.requests[0]["message"] == "/greet"
    assert rasa.requests[0]["sender"] == f"tg-{USER_ID}"
    assert rasa.requests[0]["metadata"]["language_code"] == "uk"
    greeting, picker = telegram.sent()
    assert greeting["text"] == "Antwort von Rasa"
    assert [b["text"] for b in keyboard_buttons(picker)] == LANGUAGE_BUTTONS
    assert keyboard_buttons(picker)[3]["callback_data"] == '/choose_language{"language": "ar"}'
    assert "мов" in picker["text"]  # the picker question itself is in Ukrainian


async def test_picking_a_language_is_stored_at_once_and_sent_to_rasa(bot_app) -> None:
    app, telegram, rasa = bot_app
    await app.process_update(callback_update(app.bot, '/choose_language{"language": "ar"}'))
    assert rasa.requests[-1]["message"] == '/choose_language{"language": "ar"}'
    assert [c.method for c in telegram.calls if c.method == "answerCallbackQuery"] == ["answerCallbackQuery"]
    services = app.bot_data[SERVICES_KEY]
    stored = json.loads(services.settings.preferences_path.read_text())
    assert stored == {str(USER_ID): {"locale": "ar", "seen": dt.date.today().isoformat()}}
    await app.process_update(text_update(app.bot, "hello"))
    assert rasa.requests[-1]["metadata"]["locale"] == "ar"


async def test_text_goes_to_rasa_and_buttons_become_an_inline_keyboard(bot_app) -> None:
    app, telegram, rasa = bot_app
    rasa.replies = [
        {
            "text": "Welcher Landkreis?",
            "buttons": [{"title": "Nienburg", "payload": '/inform_district{"district": "nienburg"}'}],
        }
    ]
    await app.process_update(text_update(app.bot, "Wen kann ich anrufen?"))
    assert rasa.requests[-1]["message"] == "Wen kann ich anrufen?"
    (sent,) = telegram.sent()
    assert sent["link_preview_options"] == {"is_disabled": True}
    assert keyboard_buttons(sent) == [{"text": "Nienburg", "callback_data": '/inform_district{"district": "nienburg"}'}]
    assert "sendChatAction" in [c.method for c in telegram.calls]


async def test_long_reply_is_split_under_telegrams_limit(bot_app) -> None:
    app, telegram, rasa = bot_app
    paragraph = "Information " * 300  # 3600 characters
    rasa.replies = [{"text": "\n\n".join([paragraph] * 3)}]
    await app.process_update(text_update(app.bot, "alles bitte"))
    sent = telegram.sent()
    assert len(sent) == 3
    assert all(len(s["text"]) <= 4096 for s in sent)
    assert sum(len(s["text"]) for s in sent) >= 3 * len(paragraph.strip())


async def test_very_long_input_is_cut_before_nlu(bot_app) -> None:
    app, _telegram, rasa = bot_app
    await app.process_update(text_update(app.bot, "Impfung " * 1000))
    assert len(rasa.requests[-1]["message"]) <= 1000


async def test_edited_message_is_handled_like_a_new_one(bot_app) -> None:
    app, telegram, rasa = bot_app
    await app.process_update(text_update(app.bot, "Öffnungszeiten Nienburg", edited=True))
    assert rasa.requests[-1]["message"] == "Öffnungszeiten Nienburg"
    assert len(telegram.sent()) == 1


async def test_group_messages_need_a_mention(bot_app) -> None:
    app, telegram, rasa = bot_app
    await app.process_update(text_update(app.bot, "wer hat heute Zeit?", chat_type="group", chat_id=-100))
    assert rasa.requests == []
    await app.process_update(
        text_update(app.bot, f"@{BOT_USERNAME} Hotline auf Arabisch?", chat_type="group", chat_id=-100)
    )
    assert rasa.requests[-1]["message"] == "Hotline auf Arabisch?"
    assert telegram.sent()[-1]["chat_id"] == -100


@pytest.mark.parametrize(
    ("kind", "language_code", "expected"),
    [
        ("sticker", "en", "type"),
        ("photo", "de", "Text"),
        ("document", "tr", "yaz"),
        ("video_note", "ru", "текст"),
    ],
)
async def test_non_text_gets_a_localized_please_type(bot_app, kind: str, language_code: str, expected: str) -> None:
    app, telegram, rasa = bot_app
    await app.process_update(media_update(app.bot, kind, language_code=language_code))
    assert rasa.requests == []
    (sent,) = telegram.sent()
    assert expected in sent["text"]


@pytest.mark.parametrize("kind", ["photo", "document", "voice"])
async def test_a_caption_is_answered_like_a_message(bot_app, kind: str) -> None:
    app, telegram, rasa = bot_app
    caption = "I live in Uchte. Who do I talk to about integration?"
    await app.process_update(media_update(app.bot, kind, language_code="en", caption=f"  {caption}\x07"))
    assert rasa.requests[-1]["message"] == f"{caption}"  # cleaned as a text message is
    (sent,) = telegram.sent()
    assert sent["text"] == "Antwort von Rasa"


async def test_voice_gets_the_multilingual_hotline(bot_app) -> None:
    app, telegram, _rasa = bot_app
    await app.process_update(media_update(app.bot, "voice", language_code="ar"))
    (sent,) = telegram.sent()
    assert "+49 800 0000837" in sent["text"]
    assert "\u2066" in sent["text"]  # kept left-to-right inside Arabic


async def test_location_in_nienburg_sets_the_district(bot_app) -> None:
    app, _telegram, rasa = bot_app
    await app.process_update(location_update(app.bot, 52.64, 9.21))
    assert rasa.requests[-1]["message"] == "/inform_district"
    assert rasa.requests[-1]["metadata"]["location"] == {"latitude": 52.64, "longitude": 9.21}
    assert app.bot_data[SERVICES_KEY].preferences.get(USER_ID) == {"district": "nienburg"}


async def test_location_outside_every_district_sets_nothing(bot_app) -> None:
    app, _telegram, rasa = bot_app
    await app.process_update(location_update(app.bot, 52.52, 13.40))
    assert app.bot_data[SERVICES_KEY].preferences.get(USER_ID) == {}
    assert rasa.requests[-1]["metadata"]["location"]["latitude"] == 52.52


async def test_district_command_offers_districts_and_location_button(bot_app) -> None:
    app, telegram, _rasa = bot_app
    await app.process_update(command_update(app.bot, "/district", language_code="en"))
    question, location = telegram.sent()
    assert [b["text"] for b in keyboard_buttons(question)] == ["Northeim", "Nienburg", "Goslar", "Görlitz"]
    assert location["reply_markup"]["keyboard"][0][0]["request_location"] is True


async def test_contacts_for_volunteers_include_cards_and_venue(bot_app) -> None:
    app, telegram, rasa = bot_app
    await app.process_update(command_update(app.bot, "/contacts Nienburg"))
    assert rasa.requests[-1]["message"] == '/ask_contact{"district": "nienburg"}'
    (card,) = telegram.sent("sendContact")
    assert card["phone_number"] == "+495021967686"
    (venue,) = telegram.sent("sendVenue")
    assert venue["address"] == "Rühmkorffstraße 12, 31582 Nienburg"


async def test_delete_me_erases_preferences_and_the_stored_conversation(bot_app) -> None:
    app, telegram, rasa = bot_app
    await app.process_update(callback_update(app.bot, '/choose_language{"language": "tr"}'))
    await app.process_update(command_update(app.bot, "/delete_me"))
    services = app.bot_data[SERVICES_KEY]
    assert services.preferences.get(USER_ID) == {}
    assert json.loads(services.settings.preferences_path.read_text()) == {}
    assert rasa.erased == [f"tg-{USER_ID}"]
    assert telegram.sent()[-1]["text"] == services.texts.render("utter_data_deleted", "tr")["text"]


async def test_delete_me_says_so_when_the_conversation_could_not_be_erased(bot_app) -> None:
    app, telegram, rasa = bot_app
    await app.process_update(callback_update(app.bot, '/choose_language{"language": "uk"}'))
    rasa.erase_down = True
    await app.process_update(command_update(app.bot, "/delete_me"))
    services = app.bot_data[SERVICES_KEY]
    assert services.preferences.get(USER_ID) == {}  # what could be deleted, was
    assert telegram.sent()[-1]["text"] == services.texts.render("utter_data_deletion_failed", "uk")["text"]


async def test_help_hotlines_privacy_go_through_rasa(bot_app) -> None:
    app, _telegram, rasa = bot_app
    for command in ("/help", "/hotlines", "/privacy"):
        await app.process_update(command_update(app.bot, command))
    assert [r["message"] for r in rasa.requests] == ["/help", "/ask_hotline", "/privacy"]


async def test_rasa_down_gives_localized_fallback_in_time_and_recovers(bot_app) -> None:
    app, telegram, rasa = bot_app
    rasa.down = True
    started = time.monotonic()
    await app.process_update(text_update(app.bot, "где офис?", language_code="ru"))
    assert time.monotonic() - started <= 2.0 + 1.0  # timeout + 1 s
    (fallback,) = telegram.sent()
    assert "112" in fallback["text"]
    assert "116 016" in fallback["text"]
    assert "Сейчас" in fallback["text"] or "сейчас" in fallback["text"]
    rasa.down = False
    await app.process_update(text_update(app.bot, "где офис?", language_code="ru"))
    assert telegram.sent()[-1]["text"] == "Antwort von Rasa"


async def test_command_menus_are_localized(bot_app) -> None:
    _app, telegram, _rasa = bot_app
    menus = telegram.sent("setMyCommands")
    languages = [m.get("language_code") for m in menus]
    assert languages == [None, "de", "en", "ar", "fa", "ru", "uk", "tr"]
    arabic = next(m for m in menus if m.get("language_code") == "ar")
    assert [c["command"] for c in arabic["commands"]][:2] == ["start", "language"]
    assert arabic["commands"][0]["description"] == "البدء واختيار اللغة"


async def test_message_texts_and_user_ids_stay_out_of_info_logs(bot_app, caplog: pytest.LogCaptureFixture) -> None:
    app, _telegram, rasa = bot_app
    caplog.set_level("INFO")
    secret = "Mein Name ist Amira Beispiel, Telefon 0176 5550123"
    await app.process_update(text_update(app.bot, secret))
    rasa.down = True  # failures log too: still without the text
    await app.process_update(text_update(app.bot, secret))
    rasa.erase_down = True
    await app.process_update(command_update(app.bot, "/delete_me"))
    # The fake servers' own access log is the test's, not the bot's.
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name != "aiohttp.access")
    assert "Could not erase" in logged
    assert "Rasa unavailable" in logged
    assert "Amira" not in logged
    assert "0176" not in logged
    assert str(USER_ID) not in logged


async def test_an_unknown_command_shows_the_help(bot_app) -> None:
    app, _telegram, rasa = bot_app
    await app.process_update(command_update(app.bot, "/weather"))
    assert [r["message"] for r in rasa.requests] == ["/help"]


async def test_text_with_nothing_readable_asks_to_rephrase_without_bothering_rasa(bot_app) -> None:
    app, telegram, rasa = bot_app
    await app.process_update(text_update(app.bot, "\x00\x07 \u200b"))
    assert rasa.requests == []
    services = app.bot_data[SERVICES_KEY]
    assert telegram.sent()[-1]["text"] == services.texts.render("utter_ask_rephrase", "de")["text"]


async def test_an_empty_answer_from_rasa_is_never_silence(bot_app) -> None:
    app, telegram, rasa = bot_app
    rasa.replies = []  # what Rasa sends when the action server failed mid-turn
    await app.process_update(text_update(app.bot, "Telefonnummer Nienburg"))
    services = app.bot_data[SERVICES_KEY]
    assert telegram.sent()[-1]["text"] == services.texts.render("utter_cannot_answer_now", "de")["text"]
