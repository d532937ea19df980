"""action_privacy: the privacy notice, and only for a question about data."""

from __future__ import annotations

import pytest

from actions.answers.privacy import ActionPrivacy

from ..support.trackers import keys, make_tracker


@pytest.mark.parametrize(
    "text",
    ["what do you store about me?", "Speichert ihr meine Daten?", "удалите мои данные", "verilerimi siliyor musunuz",
     "اطلاعات من را ذخیره می‌کنید؟", "/privacy"],
)  # fmt: skip
async def test_a_question_about_data_gets_the_notice(run_action, text: str) -> None:
    _events, messages = await run_action(ActionPrivacy, make_tracker(text, "privacy"))
    assert keys(messages) == ["utter_privacy"]


async def test_a_contact_question_the_nlu_took_for_privacy_is_answered_as_asked(run_action) -> None:
    tracker = make_tracker("privet mne nuzhen telefon kogo-to po integracii v northeime", "privacy")
    _events, messages = await run_action(ActionPrivacy, tracker)
    assert keys(messages)[0] == "utter_contact_intro"


async def test_no_question_besides_privacy_keeps_the_notice(run_action) -> None:
    _events, messages = await run_action(ActionPrivacy, make_tracker("hmm ok privacy", "privacy"))
    assert keys(messages) == ["utter_privacy"]
