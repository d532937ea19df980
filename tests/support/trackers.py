"""Rasa trackers and dispatcher output for action tests: a fresh `Tracker` per test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from rasa_sdk import Tracker

from actions.answers.runtime import BERLIN

# A Monday morning: the Nienburg office (Mo-Th 08:00-16:00) is open.
MONDAY_10AM = dt.datetime(2026, 11, 23, 10, 0, tzinfo=BERLIN)


def make_tracker(
    text: str = "",
    intent: str | None = None,
    entities: Iterable[dict[str, Any]] = (),
    slots: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
    earlier_texts: Iterable[str] = (),
    intent_ranking: list[dict[str, Any]] | None = None,
) -> Tracker:
    """A fresh tracker whose latest user message is `text`."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": list(entities),
        "metadata": metadata or {},
        "intent_ranking": intent_ranking or [],
    }
    events = [{"event": "user", "text": t, "metadata": {}, "parse_data": {}} for t in earlier_texts]
    events.append({"event": "user", "text": text, "metadata": metadata or {}, "parse_data": latest})
    return Tracker(
        sender_id="test-user",
        slots={"district": None, "locale": None, "pending_intent": None, **(slots or {})},
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def reply_key(message: dict[str, Any]) -> str | None:
    """The template a message was rendered from: `utter_action` of a reply the action rendered itself
    (Turn.say), `response` of one left to the NLG endpoint; None for a custom message."""
    return message.get("utter_action") or message.get("response")


def keys(messages: list[dict[str, Any]]) -> list[str]:
    """The response key of each message; "handover" for the handover marker (a custom message)."""
    return [reply_key(m) or ("handover" if "handover" in (m.get("custom") or {}) else "?") for m in messages]


def handover_marker(messages: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The handover marker's content ({"reason", "district"}) among the messages, if there is one."""
    markers = [m["custom"]["handover"] for m in messages if "handover" in (m.get("custom") or {})]
    assert len(markers) <= 1, markers
    return markers[0] if markers else None
