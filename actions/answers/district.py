"""Setting the district from a name, a town or a shared location; then answering the waiting question."""

from __future__ import annotations

from rasa_sdk.events import FollowupAction, SlotSet

from actions.answers.base import PENDING_SLOT, BaseAction, Turn

# The question a user asked before we knew the district, answered once we do.
ACTION_FOR_INTENT = {
    "ask_contact": "action_show_contact",
    "ask_opening_hours": "action_show_opening_hours",
    "ask_concept": "action_show_concept",
    "ask_language_course": "action_show_language_course",
    "ask_human": "action_handover",
}


class ActionSetDistrict(BaseAction):
    """Remember the district the user named or shared."""

    def name(self) -> str:
        return "action_set_district"

    def answer(self, turn: Turn) -> None:
        match, unknown = turn.mentioned_district()
        if match is None:
            if unknown:
                turn.not_covered(unknown)
            else:
                turn.say("utter_ask_district", buttons=turn.district_buttons())
            return
        turn.remember(match.district)
        pending = turn.tracker.get_slot(PENDING_SLOT)
        follow_up = ACTION_FOR_INTENT.get(pending or "")
        if follow_up:
            turn.events += [SlotSet(PENDING_SLOT, None), FollowupAction(follow_up)]
        else:
            turn.say("utter_district_set", district=match.district.short_name)
