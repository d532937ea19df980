"""Emergencies first: 112, 110, 116 016 and the TelefonSeelsorge, in the user's language.

Besides the `emergency` intent, every other action checks the message against
the lexicon in actions.safety first.
"""

from __future__ import annotations

from actions.answers.base import BaseAction, Turn


class ActionEmergency(BaseAction):
    """Emergency numbers, immediately, whatever else is going on."""

    handles_emergency = True

    def name(self) -> str:
        return "action_emergency"

    def answer(self, turn: Turn) -> None:
        turn.say("utter_emergency")
