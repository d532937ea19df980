"""TELEGRAM_API_BASE_URL: both forms people copy work, and a wrong one is explained, not a traceback."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest

from actions.settings import BotSettings, SettingsError, bot_api_root

from ..conftest import ROOT
from ..support.applications import bot_services, polling_application
from ..support.factories import message
from ..support.fake_bot_api import fake_bot_api_server

TOKEN = "123456:SECRET-TOKEN-VALUE"


@pytest.mark.parametrize(
    ("raw", "root"),
    [
        ("http://127.0.0.1:8081", "http://127.0.0.1:8081"),
        ("http://127.0.0.1:8081/", "http://127.0.0.1:8081"),
        ("http://127.0.0.1:8081/bot", "http://127.0.0.1:8081"),
        ("  https://api.example.org/telegram/bot/  ", "https://api.example.org/telegram"),
    ],
)
def test_both_forms_give_the_server_root(raw: str, root: str) -> None:
    assert bot_api_root(raw) == root


@pytest.mark.parametrize("raw", ["127.0.0.1:8081", "ftp://host/bot", "http://"])
def test_a_non_http_url_is_refused_with_the_expected_form(raw: str) -> None:
    with pytest.raises(SettingsError, match=r"TELEGRAM_API_BASE_URL must be an http\(s\) URL such as http://"):
        bot_api_root(raw)


@pytest.mark.parametrize("suffix", ["", "/bot", "/bot/"])
async def test_the_bot_replies_through_either_form(suffix, fake_rasa, local_texts, tmp_path) -> None:
    rasa, rasa_url = fake_rasa
    rasa.replies = [{"text": "Antwort"}]
    async with fake_bot_api_server() as (api, api_url):
        settings = BotSettings(
            token=TOKEN, rasa_url=rasa_url, api_base_url=api_url + suffix, preferences_path=tmp_path / "p.json"
        )
        async with polling_application(settings, bot_services(settings, local_texts)):
            api.push({"message": message("Hallo")})
            assert await api.wait_for(lambda: bool(api.messages()), timeout=10)
        assert [m["text"] for m in api.messages()] == ["Antwort"]
        assert "getMe" in api.calls


async def test_a_404_from_getme_explains_the_variable_without_the_token(tmp_path) -> None:
    async with fake_bot_api_server() as (_api, api_url):
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": f"{api_url}/wrong/path",  # the fake answers 404 here, as a wrong proxy would
            "PREFERENCES_PATH": str(tmp_path / "p.json"),
        }
        env.pop("TELEGRAM_WEBHOOK_URL", None)
        bot = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=ROOT, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        output, _ = await asyncio.wait_for(bot.communicate(), timeout=60)
    text = output.decode()
    assert bot.returncode == 1, text
    assert f"{api_url}/wrong/path/bot<token>/getMe" in text
    assert "e.g. http://127.0.0.1:8081" in text
    assert "Traceback" not in text
    assert "SECRET-TOKEN" not in text
