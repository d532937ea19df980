"""The trained model: a handful of parses per locale, and Rasa's own data validation."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from actions.content.safety import looks_like_emergency

from ..conftest import ROOT, VENV_BIN

pytestmark = pytest.mark.slow

# (message, intent, {entity: value}) – phrased unlike any training example.
PARSES: dict[str, list[tuple[str, str, dict[str, str]]]] = {
    "de": [
        ("wer hilft mir in Stolzenau bei fragen zur integration", "ask_contact", {"municipality": "Stolzenau"}),
        ("Wann hat das Amt morgen auf?", "ask_opening_hours", {}),
        ("bitte antworte auf Russisch", "choose_language", {"language": "ru"}),
    ],
    "en": [
        ("who do i call about integration in Goslar", "ask_contact", {"district": "Goslar"}),
        ("my wife is hitting me help", "emergency", {}),
        ("what's the weather tomorrow", "out_of_scope", {}),
    ],
    "ar": [
        ("ابغى رقم مكتب الاندماج", "ask_contact", {}),
        ("اريد التحدث مع موظف", "ask_human", {}),
    ],
    "fa": [
        ("اطلاعات واکسن کرونا به زبان خودم میخوام", "ask_vaccination_info", {}),
        ("من در گوسلار زندگی میکنم", "inform_district", {}),
    ],
    "ru": [
        ("есть горячая линия на русском языке", "ask_hotline", {}),
        ("я живу в Нинбург", "inform_district", {"district": "Нинбург"}),
    ],
    "uk": [
        ("коли відкрито офіс", "ask_opening_hours", {}),
        ("чи можна взяти участь в опитуванні", "ask_survey", {}),
    ],
    "tr": [
        ("uyum konferansına nasıl kayıt olurum", "ask_event", {}),
        ("verilerimi sil lütfen", "privacy", {}),
    ],
}
CASES = [(locale, *case) for locale, cases in PARSES.items() for case in cases]


@pytest.fixture(scope="module")
def agent(trained_model: Path) -> Any:
    from rasa.core.agent import Agent

    return Agent.load(str(trained_model))


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_parse(agent: Any, locale: str, text: str, intent: str, entities: dict[str, str]) -> None:
    parsed = asyncio.run(agent.parse_message(text))
    if intent == "emergency":
        # Emergencies are caught by the model or, where it hesitates, by the safety
        # lexicon every action checks first (actions.safety): either is enough.
        assert parsed["intent"]["name"] == intent or looks_like_emergency(text), (text, parsed["intent"])
        return
    assert parsed["intent"]["name"] == intent, (locale, text, parsed["intent"])
    found = {e["entity"]: e["value"] for e in parsed["entities"]}
    for entity, value in entities.items():
        assert found.get(entity) == value, (text, parsed["entities"])


def test_rasa_data_validate_is_clean(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "actions.tools.nlu_lookups", str(tmp_path / "lookups.yml")], cwd=ROOT, check=True
    )
    result = subprocess.run(
        [str(VENV_BIN / "rasa"), "data", "validate", "--fail-on-warnings", "--data", "nlu_data", str(tmp_path),
         "--domain", "domain.yml", "--config", "config.yml"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
