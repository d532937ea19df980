"""What the bot stores and for how long."""

from __future__ import annotations

from actions.answers.base import BaseAction, Turn


class ActionPrivacy(BaseAction):
    """The privacy notice with the configured retention period."""

    def name(self) -> str:
        return "action_privacy"

    def answer(self, turn: Turn) -> None:
        turn.say("utter_privacy")
