"""Emergencies first: numbers immediately, in the user's language."""

from __future__ import annotations

from actions.emergency import ActionEmergency
from actions.privacy import ActionPrivacy

from .conftest import keys, make_tracker


async def test_emergency_numbers_in_ukrainian(run_action, render) -> None:
    _events, messages = await run_action(
        ActionEmergency, make_tracker("мені погано, потрібна швидка допомога", "emergency")
    )
    assert keys(messages) == ["utter_emergency"]
    assert messages[0]["locale"] == "uk"
    text = render(messages)[0]
    for number in ("112", "110", "116 016", "+49 800 1110111"):
        assert number in text


async def test_privacy_states_retention(run_action, render) -> None:
    _events, messages = await run_action(ActionPrivacy, make_tracker("what do you store about me?", "privacy"))
    assert keys(messages) == ["utter_privacy"]
    assert "30" in render(messages)[0]
