"""Rasa's NLG endpoint: renders an ``utter_*`` from responses/<locale>.yml that Rasa utters itself.

Custom actions render their replies in the action server (``Turn.say``) and send Rasa the text, so Rasa
calls this endpoint only for its own responses: no rule utters one, Rasa's built-in actions may
(``/restart`` → ``utter_restart``, ``/back`` → ``utter_back``; neither has a template, so nothing is sent).

Rasa posts ``{"response", "arguments", "tracker", "channel"}``; the reply locale
comes from ``arguments["locale"]`` when an action already decided it (its slot
changes are not in the tracker yet), else from the language policy.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from actions.answers.runtime import Runtime
from actions.content.language_policy import choose_locale
from actions.content.locales import normalize_locale
from actions.content.rendering import render

logger = logging.getLogger(__name__)

EMPTY_RESPONSE: dict[str, Any] = {
    "text": None,
    "buttons": [],
    "image": None,
    "elements": [],
    "attachments": [],
    "custom": {},
}


def generate(runtime: Runtime, body: Mapping[str, Any]) -> dict[str, Any]:
    """The rendered response for one NLG request."""
    key = str(body.get("response") or "")
    arguments = dict(body.get("arguments") or {})
    tracker = body.get("tracker") or {}
    content = runtime.content
    locale = normalize_locale(arguments.pop("locale", None)) or choose_locale(tracker, runtime.detector)
    rendered = render(content, key, locale, arguments, retention_days=runtime.retention_days)
    if rendered is None:
        logger.error("No template '%s' in any locale (responses/*.yml)", key)
        return dict(EMPTY_RESPONSE)
    return {**EMPTY_RESPONSE, **rendered}
