"""The NLG endpoint over HTTP: locale choice, fallback chain, placeholders, RTL isolation."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiohttp.test_utils import TestClient, TestServer

from actions.answers.runtime import Runtime
from actions.content.store import ContentStore
from actions.server.app import create_app

from ..conftest import KNOWLEDGE_DIR, ROOT


def tracker(text: str, **slots: Any) -> dict[str, Any]:
    return {
        "sender_id": "u1",
        "slots": slots,
        "latest_message": {"text": text, "metadata": {}},
        "events": [{"event": "user", "text": text, "metadata": {}}],
    }


@pytest.fixture
async def client(runtime: Runtime) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(create_app(runtime, reload_interval_seconds=None))) as client:
        yield client


async def nlg(client: TestClient, response: str, text: str = "", **arguments: Any) -> dict[str, Any]:
    reply = await client.post("/nlg", json={"response": response, "arguments": arguments, "tracker": tracker(text)})
    assert reply.status == 200
    return await reply.json()


async def test_answers_in_the_language_of_the_message(client: TestClient) -> None:
    english = await nlg(client, "utter_greet", "hello there, who are you?")
    russian = await nlg(client, "utter_greet", "здравствуйте, кто вы такой?")
    assert "Northeim, Nienburg, Goslar, and Görlitz" in english["text"]
    assert "Northeim, Nienburg, Goslar и Görlitz" in russian["text"]


async def test_locale_argument_overrides_the_policy(client: TestClient) -> None:
    reply = await nlg(client, "utter_language_set", "please answer in Turkish", locale="tr", language_name="Türkçe")
    assert "Türkçe" in reply["text"]
    assert reply["text"] != (await nlg(client, "utter_language_set", "x", locale="en", language_name="Türkçe"))["text"]


async def test_placeholders_and_buttons(client: TestClient) -> None:
    reply = await nlg(client, "utter_ask_affirmation", locale="en", topic="a contact person", intent="ask_contact")
    assert "a contact person" in reply["text"]
    assert [b["payload"] for b in reply["buttons"]] == ["/ask_contact", "/out_of_scope"]


async def test_common_placeholders_are_filled_from_knowledge(client: TestClient) -> None:
    reply = await nlg(client, "utter_emergency", locale="de")
    for number in ("112", "110", "116 016", "+49 800 1110111 / +49 800 1110222"):
        assert number in reply["text"]
    assert "{" not in reply["text"]


async def test_rtl_locales_isolate_numbers_and_urls(client: TestClient) -> None:
    reply = await nlg(
        client,
        "utter_vaccination_info",
        locale="fa",
        url="https://www.integrationsbeauftragte.de/corona-virus",
        language_count=23,
    )
    assert "\u2066https://www.integrationsbeauftragte.de/corona-virus\u2069" in reply["text"]
    assert "\u206623\u2069" in reply["text"]
    latin = await nlg(client, "utter_vaccination_info", locale="en", url="https://example.org", language_count=23)
    assert "\u2066" not in latin["text"]


async def test_unknown_response_is_empty_not_an_error(client: TestClient) -> None:
    assert (await nlg(client, "utter_does_not_exist", locale="en"))["text"] is None


async def test_bad_request(client: TestClient) -> None:
    assert (await client.post("/nlg", data=b"not json")).status == 400


async def test_health_reports_content_version(client: TestClient) -> None:
    reply = await client.get("/health")
    assert (await reply.json())["status"] == "ok"


async def test_missing_key_falls_back_to_en_then_de(tmp_path: Path, runtime: Runtime) -> None:
    responses = tmp_path / "responses"
    shutil.copytree(ROOT / "responses", responses)
    for locale, drop_from in (("tr", ["utter_goodbye", "utter_thank"]), ("en", ["utter_thank"])):
        path = responses / f"{locale}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in drop_from:
            del data["responses"][key]
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    store = ContentStore(KNOWLEDGE_DIR, responses, ROOT / "domain.yml")
    local = Runtime(store=store, detector=runtime.detector, safety=runtime.safety, clock=runtime.clock)
    async with TestClient(TestServer(create_app(local, reload_interval_seconds=None))) as client:
        goodbye = await nlg(client, "utter_goodbye", locale="tr")
        thank = await nlg(client, "utter_thank", locale="tr")
    english = yaml.safe_load((ROOT / "responses" / "en.yml").read_text(encoding="utf-8"))["responses"]
    german = yaml.safe_load((ROOT / "responses" / "de.yml").read_text(encoding="utf-8"))["responses"]
    assert goodbye["text"] == english["utter_goodbye"]["text"]
    assert thank["text"] == german["utter_thank"]["text"]
